import { describe, expect, it } from 'vitest';
import { initialTransition, setup, transition } from 'xstate';
import { faultTable, faultUpdates, forEach } from './faultTable';
import { addLog, endRun, outcomeStates } from './kernel';
import type { LogEntry, StepClock, TimedEvent } from './step';

/** A process that is not a migration: a node failing under running VMs. */
interface NodeCtx {
  world: { nodeUp: boolean; vmsRunning: number };
  outcome: { kind: 'failed' | 'cancelled' | 'done'; text: string } | null;
  step: StepClock;
  log: LogEntry[];
  [key: string]: unknown;
}
type NodeEvent = TimedEvent<'START' | 'NODE_FAILS' | 'CANCEL'>;

const nodeFails = (c: NodeCtx, e: NodeEvent): Partial<NodeCtx> => ({
  world: { nodeUp: false, vmsRunning: 0 },
  ...endRun(c, e.t, 'failed', 'Node failed', `Failed: ${c.world.vmsRunning} VMs went down`),
});

const FAULTS = faultTable<NodeCtx, NodeEvent>()({
  idle: {
    NODE_FAILS: {
      guard: 'nodeUp',
      action: 'idleNodeDown',
      update: (c, e) => ({
        world: { nodeUp: false, vmsRunning: 0 },
        log: addLog(c.log, e.t, 'fault', 'Node failed'),
      }),
    },
  },
  running: {
    NODE_FAILS: [
      { guard: 'hasVms', target: '#node.failed', action: 'nodeFails', update: nodeFails },
      {
        action: 'idleNodeDownLate',
        update: (c, e) => ({ log: addLog(c.log, e.t, 'info', 'no VMs') }),
      },
    ],
    CANCEL: {
      target: '#node.cancelled',
      action: 'cancel',
      update: (c, e) => endRun(c, e.t, 'cancelled', null, 'Cancelled'),
    },
  },
});

const machine = setup({
  types: { context: {} as NodeCtx, events: {} as NodeEvent },
  guards: {
    nodeUp: ({ context }) => context.world.nodeUp,
    hasVms: ({ context }) => context.world.vmsRunning > 0,
  },
  actions: { ...FAULTS.actions },
}).createMachine({
  id: 'node',
  context: {
    world: { nodeUp: true, vmsRunning: 3 },
    outcome: null,
    step: { durationS: null, seq: 0 },
    log: [],
  },
  initial: 'idle',
  states: {
    idle: { on: { START: 'running', ...FAULTS.on.idle } },
    running: { on: FAULTS.on.running },
    ...outcomeStates('failed', 'cancelled'),
  },
});

describe('fault table', () => {
  it('compiles a phase into transition objects: one row an object, several an array, in order', () => {
    expect(FAULTS.on.idle).toEqual({ NODE_FAILS: { guard: 'nodeUp', actions: 'idleNodeDown' } });
    expect(FAULTS.on.running.NODE_FAILS).toEqual([
      { guard: 'hasVms', target: '#node.failed', actions: 'nodeFails' },
      { actions: 'idleNodeDownLate' },
    ]);
    expect(FAULTS.on.running.CANCEL).toEqual({ target: '#node.cancelled', actions: 'cancel' });
    expect(Object.keys(FAULTS.actions).sort()).toEqual(
      ['cancel', 'idleNodeDown', 'idleNodeDownLate', 'nodeFails'].sort(),
    );
  });

  it('runs the row whose guard holds: the world change, the outcome and the narration', () => {
    const [s0] = initialTransition(machine);
    const [s1] = transition(machine, s0, { type: 'START', t: 1 });
    const [s2] = transition(machine, s1, { type: 'NODE_FAILS', t: 2 });
    expect(s2.value).toBe('failed');
    expect(s2.context.world).toEqual({ nodeUp: false, vmsRunning: 0 });
    expect(s2.context.outcome).toEqual({ kind: 'failed', text: 'Failed: 3 VMs went down' });
    expect(s2.context.log).toEqual([
      { t: 2, kind: 'fault', text: 'Node failed' },
      { t: 2, kind: 'outcome', text: 'Failed: 3 VMs went down' },
    ]);
  });

  it('a guarded row that does not hold leaves the event unhandled', () => {
    const [s0] = initialTransition(machine);
    const [s1] = transition(machine, s0, { type: 'NODE_FAILS', t: 1 });
    expect(s1.context.log).toEqual([{ t: 1, kind: 'fault', text: 'Node failed' }]);
    const [s2] = transition(machine, s1, { type: 'NODE_FAILS', t: 2 });
    expect(s2.value).toBe('idle');
    expect(s2.context.log).toHaveLength(1);
  });

  it('shares one update among phases by action name, and refuses two updates under one name', () => {
    const f = (c: NodeCtx) => ({ world: c.world });
    expect(
      Object.keys(
        faultUpdates({
          a: { X: { action: 'same', update: f } },
          b: { Y: { action: 'same', update: f } },
        }),
      ),
    ).toEqual(['same']);
    expect(() =>
      faultUpdates({
        a: { X: { action: 'same', update: f } },
        b: { Y: { action: 'same', update: (c: NodeCtx) => ({ world: c.world }) } },
      }),
    ).toThrow(/two different updates/);
  });

  it('places the same rows under several event types', () => {
    const row = { guard: 'g', actions: 'a' };
    expect(forEach(['A', 'B'], row)).toEqual({ A: row, B: row });
  });
});
