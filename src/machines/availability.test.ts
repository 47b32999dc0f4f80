/**
 * The states the three availability machines share: the start (or its refusal) and a timed step.
 * (Each machine's own test walks them: the start refused beyond 1,024 VMs per node included.)
 */
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { AVAIL_IDLE, timedStep } from './availability';
import { networkFailureMachine } from './networkFailure.machine';
import { nodeFailureMachine } from './nodeFailure.machine';
import type { StepMeta } from './step';
import { storageFailureMachine } from './storageFailure.machine';

const MACHINES: readonly AnyStateMachine[] = [
  nodeFailureMachine,
  storageFailureMachine,
  networkFailureMachine,
];

/** Where a state's transitions on `event` go, with their guards and actions. */
const transitionsOn = (machine: AnyStateMachine, path: string, event: string) =>
  (machine.getStateNodeById(`${machine.id}.${path}`).on[event] ?? []).map((t) => ({
    guard: t.guard ?? null,
    targets: (t.target ?? []).map((n) => n.key),
    actions: t.actions.map((a) => (typeof a === 'string' ? a : null)),
  }));

describe('AVAIL_IDLE', () => {
  it('START runs the cluster, or is refused when too many VMs', () => {
    expect(AVAIL_IDLE.on.START).toEqual([
      { guard: 'tooMany', target: 'refused', actions: 'refuse' },
      { target: 'running', actions: 'begin' },
    ]);
  });

  it('is where each availability machine starts', () => {
    for (const machine of MACHINES) {
      expect(machine.config.initial, machine.id).toBe('idle');
      expect(machine.config.states?.idle, machine.id).toBe(AVAIL_IDLE);
      expect(transitionsOn(machine, 'idle', 'START'), machine.id).toEqual([
        { guard: 'tooMany', targets: ['refused'], actions: ['refuse'] },
        { guard: null, targets: ['running'], actions: ['begin'] },
      ]);
    }
  });
});

describe('timedStep', () => {
  const meta: StepMeta = { step: 2, title: 'Detect', narration: 'Detecting.', source: '000' };

  it('enters timed, carries its meta and decides again when the step is done', () => {
    expect(timedStep(meta)).toEqual({
      entry: 'enterTimed',
      meta,
      on: { STEP_DONE: { target: 'deciding', actions: 'advance' } },
    });
  });

  it('is each machine’s detection step', () => {
    for (const machine of MACHINES) {
      const detecting = machine.getStateNodeById(`${machine.id}.running.detecting`);
      expect(detecting.config.entry, machine.id).toBe('enterTimed');
      expect((detecting.meta as StepMeta).step, machine.id).toBe(2);
      expect(transitionsOn(machine, 'running.detecting', 'STEP_DONE'), machine.id).toEqual([
        { guard: null, targets: ['deciding'], actions: ['advance'] },
      ]);
    }
  });
});
