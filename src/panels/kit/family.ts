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
import type { NarrationText, ProcessScope } from './RunPanel';
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

// ---- sessions: one machine, several processes ----------------------------------------------------

/** What a session panel says of its runs: the plain process words, plus its processes. */
export interface SessionWords<S extends AnyMachineSnapshot> extends ProcessWords<S> {
  /**
   * The processes, by the machine's top-level state that holds each one's steps (`taking`,
   * `deleting`), with the statechart's title for each ("Statechart: take a snapshot").
   */
  processes: Readonly<Record<string, string>>;
  /** The process the Steps list shows before any has run (the start action's). */
  first: string;
}

type SessionContext = { context: { process?: string | null } };

/**
 * The session family: a machine that rests between the user's actions (its resting states are
 * top-level leaves such as `ready`) and runs one process per action, each a top-level compound
 * state with its poster steps. Its steps and statechart are scoped to the process running now, or
 * the one that ran last (`context.process`, which the machine sets as a process begins); the
 * narration, outcome and log are the plain process family's (the last action's outcome).
 */
export function sessionFamily<M extends AnyStateMachine>(
  machine: M,
  words: SessionWords<SnapshotFrom<M>>,
) {
  const CHART = statechartOf(machine);
  const scopes: Record<string, ProcessScope> = {};
  for (const [key, title] of Object.entries(words.processes)) {
    const own = new Set(CHART.nodes.filter((n) => n.group === key).map((n) => n.id));
    if (own.size === 0) throw new Error(`session: no state "${key}" in ${machine.id}`);
    const touches = (id: string) => own.has(id);
    const rest = new Set(
      CHART.edges
        .filter((e) => touches(e.from) !== touches(e.to))
        .map((e) => (touches(e.from) ? e.to : e.from)),
    );
    const nodes = CHART.nodes.filter(
      (n) => own.has(n.id) || (rest.has(n.id) && n.group === undefined),
    );
    const ids = new Set(nodes.map((n) => n.id));
    // The process's own edges, and those between resting states (not a resting state's own
    // loops: those belong to other processes' refusals).
    const edges = CHART.edges.filter(
      (e) =>
        ids.has(e.from) && ids.has(e.to) && (touches(e.from) || touches(e.to) || e.from !== e.to),
    );
    scopes[key] = {
      steps: stepsOf(nodes),
      chart: { nodes, edges },
      chartTitle: `Statechart: ${title}`,
    };
  }
  const scopeOf = (v: RunnerView<SnapshotFrom<M>>): string => {
    const value = (v.snapshot as AnyMachineSnapshot).value;
    const top = typeof value === 'string' ? value : Object.keys(value)[0];
    if (top !== undefined && top in scopes) return top;
    const last = (v.snapshot as unknown as SessionContext).context.process;
    return last && last in scopes ? last : words.first;
  };
  const first = scopes[words.first];
  if (!first) throw new Error(`session: "${words.first}" is not one of its processes`);
  return {
    CHART: first.chart,
    STEPS: first.steps as StepItem[],
    scopes,
    scopeOf,
    ...processSelectors(words),
  };
}
