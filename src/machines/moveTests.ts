/**
 * Test helpers the move machines' tests share (shared-nothing, storage migration): the events a
 * walk tries, the planned step durations of a run, and a fault injected at a random moment.
 */
import {
  type AnyStateMachine,
  type EventFromLogic,
  type InputFrom,
  type SnapshotFrom,
  transition,
} from 'xstate';
import { SimRunner } from '../sim/runner';

/** Every event a walk tries: start, the step clock, and each fault, all at t = 0. */
export function walkEvents<E extends { type: string; t: number }>(
  faults: readonly E['type'][],
): E[] {
  return ['START', 'STEP_DONE', ...faults].map((type) => ({ type, t: 0 }) as E);
}

type TimedSnapshot = { status: string; context: { step: { durationS: number | null } } };

/** Play a started run to its end step by step: each step's planned duration, and the end. */
export function stepDurations<M extends AnyStateMachine>(
  machine: M,
  started: SnapshotFrom<M>,
): { durations: number[]; end: SnapshotFrom<M> } {
  let s = started;
  const durations: number[] = [];
  while ((s as TimedSnapshot).status !== 'done') {
    durations.push((s as TimedSnapshot).context.step.durationS ?? 0);
    s = transition(machine, s, { type: 'STEP_DONE', t: 0 } as EventFromLogic<M>)[0];
  }
  return { durations, end: s };
}

/**
 * Start a run, inject `type` at fraction `at` of its planned length and play it to the end: the
 * runner, the fault's time, and the snapshot just before the fault.
 */
export function faultAt<M extends AnyStateMachine>(
  machine: M,
  input: InputFrom<M>,
  type: string,
  at: number,
): { runner: SimRunner<M>; t: number; before: SnapshotFrom<M> } {
  const runner = new SimRunner(machine, input, { startEvent: 'START' });
  runner.stepForward();
  const t = at * runner.getSnapshot().endT;
  runner.seek(t);
  const before = runner.getSnapshot().snapshot;
  runner.inject(type);
  runner.skipToEnd();
  return { runner, t, before };
}
