import { describe, expect, it } from 'vitest';
import { assign, initialTransition, type SnapshotFrom, setup, transition } from 'xstate';
import { CLUSTER_DESTINATION, CLUSTER_SOURCE, clusterVmId } from '../model/clusterScenario';
import type { ClusterMigrationInput } from '../model/inputs';
import { activeInstance, setHostUp } from '../model/world';
import { clusterInput } from './clusterMigration.fixture';
import { type LanesEvent, type LanesMachineContext, lanesRun, queuedLanes } from './lanesMachine';
import { lanesMachineStates, lanesSteps } from './lanesStates';
import type { StepMeta } from './step';

/** A batch machine made of the shared run alone: one step, with no cluster behind it. */
const RUN = lanesRun<LanesMachineContext>({
  requirements: (c, vm) => [
    {
      id: 'sameDomain',
      label: 'Hosts in one domain',
      ok: c.world.hosts[c.destination]?.up === true,
      problem: `${vm}: the destination is down.`,
    },
  ],
  hostDown: (c, host) => setHostUp(c.world, host, false),
  restart: false,
  sourceDownMore: '; nothing restarts them',
  noWayBack: 'every VM is past its handoff',
  migrated: (c) => `Migrated: ${c.vms.length} VMs`,
  sourceDownFirst: (c) => ({
    world: setHostUp(c.world, c.source, false),
    lanes: queuedLanes(c.vms),
    text: 'Failed before the start',
  }),
});

const META: StepMeta = { step: 1, title: 'Migrate', narration: 'They migrate.', source: '001' };

const machine = setup({
  types: {
    context: {} as LanesMachineContext,
    events: {} as LanesEvent,
    input: {} as ClusterMigrationInput,
    meta: {} as StepMeta,
  },
  guards: RUN.guards,
  actions: {
    ...RUN.actions,
    begin: assign(({ context, event }) => ({ startT: event.t, lanes: queuedLanes(context.vms) })),
  },
}).createMachine({
  id: 'batch',
  context: ({ input }) => RUN.context(input, input.limit),
  initial: 'idle',
  states: lanesMachineStates({
    under: 'migrating',
    begin: 'begin',
    storage: { idle: {}, underWay: {} },
    initial: 'moving',
    steps: lanesSteps('batch', [{ state: 'moving', meta: META }]),
  }),
});

type Snap = SnapshotFrom<typeof machine>;
const start = (input = clusterInput({ vms: 2, limit: 1 })): Snap =>
  initialTransition(machine, input)[0];
const send = (s: Snap, type: LanesEvent['type']): Snap =>
  transition(machine, s, { type, t: 0 } as LanesEvent)[0];
function toEnd(s: Snap): Snap {
  let cur = s;
  for (let i = 0; i < 100 && cur.status !== 'done'; i += 1) cur = send(cur, 'STEP_DONE');
  return cur;
}

describe('the shared batch run', () => {
  it('plans every selected VM before the start, at most `limit` at a time', () => {
    const c = start().context;
    expect(c.vms).toEqual([clusterVmId(0), clusterVmId(1)]);
    expect(c.plan.lanes.map((l) => l.vm)).toEqual(c.vms);
    expect(c.milestone).toBe(-1);
    expect(c.lanes).toEqual({});
    expect(c.plan.lanes[1]?.startS).toBeGreaterThan(0);
    expect(start(clusterInput({ vms: 2, limit: 2 })).context.plan.lanes[1]?.startS).toBe(0);
  });

  it('refuses a start without VMs, or with a requirement failed, naming it', () => {
    const none = send(start(clusterInput({ vms: 0, selected: [] })), 'START');
    expect(none.value).toBe('refused');
    expect(none.context.outcome?.text).toBe('Refused: no VM is selected.');
    const down = send(start(), 'FAIL_DESTINATION_HOST');
    expect(down.value).toBe('idle');
    expect(down.context.log.at(-1)?.text).toBe('HV-2 failed');
    const refused = send(down, 'START');
    expect(refused.value).toBe('refused');
    expect(refused.context.outcome?.text).toBe(
      `Refused: Hosts in one domain. ${clusterVmId(0)}: the destination is down.`,
    );
  });

  it('runs its steps to the end: every lane migrated, in the machine’s words', () => {
    const s = send(start(), 'START');
    expect(s.matches({ migrating: 'moving' })).toBe(true);
    const end = toEnd(s);
    expect(end.value).toBe('migrated');
    expect(end.context.outcome?.text).toBe('Migrated: 2 VMs');
    expect(Object.values(end.context.lanes)).toEqual(['migrated', 'migrated']);
    for (const vm of end.context.vms)
      expect(activeInstance(end.context.world, vm)?.host).toBe(CLUSTER_DESTINATION);
  });

  it('fails when a host goes down under way, and no cluster restarts the VMs', () => {
    const s = send(send(send(start(), 'START'), 'STEP_DONE'), 'FAIL_SOURCE_HOST');
    expect(s.value).toBe('failed');
    expect(s.context.outcome?.text).toMatch(
      /^Failed: HV-1 went down with the VMs still on it; nothing restarts them: /,
    );
    expect(s.context.world.hosts[CLUSTER_SOURCE]?.up).toBe(false);
    expect(Object.values(s.context.lanes)).toContain('lost');
  });

  it('refuses to cancel once nothing is left to undo, and ends a start’s source failure', () => {
    let s = send(start(clusterInput({ vms: 1 })), 'START');
    while (s.status !== 'done' && s.context.lanes[clusterVmId(0)] !== 'switchedOver')
      s = send(s, 'STEP_DONE');
    expect(s.context.lanes[clusterVmId(0)]).toBe('switchedOver');
    const refused = send(s, 'CANCEL');
    expect(refused.value).toEqual({ migrating: 'moving' });
    expect(refused.context.log.at(-1)?.text).toBe('Cancel refused: every VM is past its handoff');
    const first = send(start(), 'FAIL_SOURCE_HOST');
    expect(first.value).toBe('failed');
    expect(first.context.outcome?.text).toBe('Failed before the start');
    expect(first.context.lanes).toEqual(queuedLanes(first.context.vms));
  });
});
