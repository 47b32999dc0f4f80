/**
 * Step tracking shared by every panel: which poster step is current, which are done, and which
 * statechart states the run has been through. Pure functions of the runner's view.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { StepMeta } from '../../machines/step';
import type { RunnerView } from '../../sim/runner';
import { activeLeafId, type ChartNode } from '../../sim/statechart';
import type { StepItem } from '../../views/controls';
import type { NarrationText } from './RunPanel';

/**
 * The poster's steps: every chart state with step meta, in chart order. The Steps list nests the
 * states that share a poster number under one item, titled by its first state; `groupTitles`
 * (poster step number -> title) names such a step instead, e.g. `{ 4: 'Live-migrate the VM' }`.
 * (A ChartNode carries only its parent state's key, not a title, so none is derived here.)
 */
export function stepsOf(
  nodes: readonly ChartNode[],
  groupTitles: Readonly<Record<number, string>> = {},
): StepItem[] {
  return nodes
    .filter((n) => n.step !== undefined)
    .map((n) => {
      const number = n.step as number;
      const group = groupTitles[number];
      return { key: n.id, number, title: n.label, ...(group ? { group } : {}) };
    });
}

export function currentStepKey(steps: readonly StepItem[], s: AnyMachineSnapshot): string | null {
  const id = activeLeafId(s.value);
  return steps.some((st) => st.key === id) ? id : null;
}

/**
 * Steps finished so far. Under way: the steps before the current one. Ended early: the steps
 * before the one the fault or cancel interrupted (the step the run was in just before it ended).
 * Succeeded: all of them.
 */
export function completedStepKeys(
  steps: readonly StepItem[],
  v: RunnerView<AnyMachineSnapshot>,
  succeeded: boolean,
): string[] {
  if (succeeded) return steps.map((st) => st.key);
  const cur =
    currentStepKey(steps, v.snapshot) ??
    (v.previous ? currentStepKey(steps, v.previous.snapshot) : null);
  const idx = cur ? steps.findIndex((st) => st.key === cur) : -1;
  return idx >= 0 ? steps.slice(0, idx).map((st) => st.key) : [];
}

/** States the run has been through, for tinting the statechart. */
export function visitedStateIds(
  steps: readonly StepItem[],
  v: RunnerView<AnyMachineSnapshot>,
  succeeded: boolean,
): string[] {
  const ids = new Set<string>(completedStepKeys(steps, v, succeeded));
  if (v.started) ids.add('idle');
  if (v.previous) ids.add(activeLeafId(v.previous.snapshot.value));
  ids.add(activeLeafId(v.snapshot.value));
  return [...ids];
}

/** The step meta of the snapshot's current state (undefined: not in a poster step). */
export function currentStepMeta(s: AnyMachineSnapshot): StepMeta | undefined {
  return Object.values(s.getMeta())[0] as StepMeta | undefined;
}

/** The narration's titles for the endings of a live migration. */
export const MIGRATION_OUTCOME_TITLES = {
  migrated: 'Migrated',
  failed: 'Migration failed',
  cancelled: 'Migration cancelled',
  refused: 'Migration refused',
} as const;

/**
 * What the narration says for a run with an outcome: its ending once ended (`titles` per outcome
 * kind, `okKind` the successful one or ones), else the current step's meta, else `ready` (not started).
 */
export function runNarration<K extends string>(
  s: AnyMachineSnapshot,
  outcome: { kind: K; text: string } | null,
  titles: Record<K, string>,
  okKind: K | readonly K[],
  ready: () => NarrationText,
): NarrationText {
  if (outcome) {
    const ok = typeof okKind === 'string' ? outcome.kind === okKind : okKind.includes(outcome.kind);
    return { title: titles[outcome.kind], text: outcome.text, tone: ok ? 'ok' : 'failed' };
  }
  const meta = currentStepMeta(s);
  if (!meta) return ready();
  return { title: `Step ${meta.step}: ${meta.title}`, text: meta.narration, tone: 'normal' };
}
