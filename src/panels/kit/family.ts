/**
 * Selector families: what the selectors of every panel of one kind share, written once.
 *
 * - `processFamily`: the plain process (any machine whose context has an `outcome`): the poster's
 *   steps and statechart of its machine, whether the run succeeded, the narration (the ending
 *   once over, the current step's meta while running, the panel's "ready" text before), the
 *   moment the figures are measured at, the run time and the event log. The panels that are not
 *   migrations (upgrades, snapshots, storage, failover) start here; the migration families below
 *   are this one plus their own figures.
 * - `processBasics`: the statechart, the steps and the success test alone, for a family that
 *   writes its narration itself (pre-copy moves: kit/precopy.ts; disk moves: kit/diskCopy.ts;
 *   concurrent lanes: kit/lanes.ts; side by side: the faster-live-migration lanes).
 */
import type { AnyMachineSnapshot, AnyStateMachine, SnapshotFrom } from 'xstate';
import type { LogEntry } from '../../machines/step';
import type { RunnerView } from '../../sim/runner';
import { statechartOf } from '../../sim/statechart';
import type { StepItem } from '../../views/controls';
import type { NarrationText } from './RunPanel';
import { runNarration, stepsOf } from './steps';

type OutcomeContext = {
  context: { outcome: { kind: string; text: string } | null; log: readonly LogEntry[] };
};

/** What a plain process panel says of its run. */
export interface ProcessWords<S extends AnyMachineSnapshot> {
  /** The outcome kinds that count as success (the first is the usual one). */
  success: readonly string[];
  /** The narration's title per outcome kind. */
  titles: Readonly<Record<string, string>>;
  /** The narration before the run starts (names from the scenario's world). */
  ready: (v: RunnerView<S>) => NarrationText;
}

/** The plain process family's selectors for snapshots `S` (see the module comment). */
export function processSelectors<S extends AnyMachineSnapshot>(words: ProcessWords<S>) {
  const outcomeOf = (v: RunnerView<S>) => (v.snapshot as unknown as OutcomeContext).context.outcome;
  const succeeded = (v: RunnerView<S>): boolean => words.success.includes(outcomeOf(v)?.kind ?? '');
  const narration = (v: RunnerView<S>): NarrationText =>
    runNarration(v.snapshot, outcomeOf(v), words.titles, words.success, () => words.ready(v));
  /** The snapshot and the seconds into its step the figures are measured at: the interrupted step once a run failed. */
  const measured = (v: RunnerView<S>): { s: S; elapsed: number } =>
    v.done && v.previous && !succeeded(v)
      ? { s: v.previous.snapshot, elapsed: v.now - v.previous.stepStartedAt }
      : { s: v.snapshot, elapsed: v.now - v.stepStartedAt };
  const log = (v: RunnerView<S>): readonly LogEntry[] =>
    (v.snapshot as unknown as OutcomeContext).context.log;
  return { succeeded, narration, measured, log };
}

/** The statechart, the steps and the success test of a machine whose success is `successKind`. */
export function processBasics<M extends AnyStateMachine>(machine: M, successKind: string) {
  const CHART = statechartOf(machine);
  const STEPS: StepItem[] = stepsOf(CHART.nodes);
  const succeeded = (v: RunnerView<SnapshotFrom<M>>): boolean =>
    (v.snapshot as unknown as OutcomeContext).context.outcome?.kind === successKind;
  return { CHART, STEPS, succeeded };
}

/** The plain process family of one machine: its chart and steps, and `processSelectors`. */
export function processFamily<M extends AnyStateMachine>(
  machine: M,
  words: ProcessWords<SnapshotFrom<M>>,
) {
  const CHART = statechartOf(machine);
  return { CHART, STEPS: stepsOf(CHART.nodes) as StepItem[], ...processSelectors(words) };
}
