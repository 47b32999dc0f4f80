/**
 * What every process panel's selectors start from: the statechart of its machine, the poster's
 * steps on it, and whether the run succeeded (its outcome is the machine's success kind).
 */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import type { RunnerView } from '../../sim/runner';
import { statechartOf } from '../../sim/statechart';
import type { StepItem } from '../../views/controls';
import { stepsOf } from './steps';

type OutcomeContext = { context: { outcome: { kind: string } | null } };

export function processBasics<M extends AnyStateMachine>(machine: M, successKind: string) {
  const CHART = statechartOf(machine);
  const STEPS: StepItem[] = stepsOf(CHART.nodes);
  const succeeded = (v: RunnerView<SnapshotFrom<M>>): boolean =>
    (v.snapshot as unknown as OutcomeContext).context.outcome?.kind === successKind;
  return { CHART, STEPS, succeeded };
}
