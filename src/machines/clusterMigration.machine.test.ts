import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { CLUSTER_DESTINATION, CLUSTER_SOURCE } from '../model/clusterScenario';
import { CONCURRENT_CONSTANTS, laneAt } from '../model/concurrentMigration';
import { LM_NETWORK } from '../model/scenarios';
import { activeInstance, instanceOn, vmNetworkPort } from '../model/world';
import { SimRunner } from '../sim/runner';
import { clusterInput } from './clusterMigration.fixture';
import {
  type ClusterMigrationInput,
  clusterMigrationMachine as machine,
} from './clusterMigration.machine';
import {
  LANES_EVENTS as ALL_EVENTS,
  expectDoneIgnoresEvents,
  expectShortestPathsReplay,
  expectSimplePathsToEveryEnding,
  expectStatesSeen,
  expectWorldSound,
  LANES_FAULTS as FAULTS,
  lanesDriver,
  walkStates,
} from './concurrentLanes.testkit';

type Snap = SnapshotFrom<typeof machine>;
const driver = lanesDriver(machine);
const { send, runToEnd } = driver;
const start = (input: ClusterMigrationInput = clusterInput()): Snap => driver.start(input);

const ACTIVE = (s: Snap) =>
  s.context.vms.filter((vm) => ['migrating', 'switchedOver'].includes(s.context.lanes[vm] ?? ''));

/** The invariants, checked at every reachable state. */
function checkInvariants(s: Snap): void {
  const c = s.context;
  const w = c.world;
  const where = JSON.stringify(s.value);
  // A consistent world; each VM runs on at most one host.
  expectWorldSound(w, where);
  // The count running never exceeds the limit.
  expect(ACTIVE(s).length, where).toBeLessThanOrEqual(c.limit);
  for (const vm of c.vms) {
    const lane = c.lanes[vm];
    const act = activeInstance(w, vm);
    if (
      lane === 'queued' ||
      lane === 'migrating' ||
      lane === 'rolledBack' ||
      lane === 'cancelled'
    ) {
      // Before its handoff (or undone), the VM runs on the source, which controls its storage.
      expect(act?.host, `${vm} ${lane} ${where}`).toBe(CLUSTER_SOURCE);
      expect(w.vms[vm]?.storageController).toBe(CLUSTER_SOURCE);
      if (lane !== 'migrating') expect(instanceOn(w, vm, CLUSTER_DESTINATION)).toBeUndefined();
    }
    if (lane === 'switchedOver' || lane === 'migrated') {
      expect(act?.host, `${vm} ${lane} ${where}`).toBe(CLUSTER_DESTINATION);
      expect(act?.status).toBe('running');
      expect(instanceOn(w, vm, CLUSTER_SOURCE)).toBeUndefined();
    }
    if (lane === 'restarted') {
      expect(act?.status).toBe('running');
      expect(w.hosts[act?.host ?? '']?.up).toBe(true);
    }
  }
  // While running, each lane is where the plan says at this milestone.
  if (s.matches('running') && c.milestone >= 0) {
    const t = c.plan.milestones[c.milestone] ?? 0;
    for (const lane of c.plan.lanes) {
      const stage = laneAt(lane, t).stage;
      const status = c.lanes[lane.vm];
      if (stage === 'queued') expect(status).toBe('queued');
      if (stage === 'connecting' || stage === 'copying') {
        expect(instanceOn(w, lane.vm, CLUSTER_SOURCE)?.status).toBe('running');
        expect(instanceOn(w, lane.vm, CLUSTER_DESTINATION)?.status).toBe('shell');
      }
      if (stage === 'stopAndCopy' || stage === 'handoff')
        expect(instanceOn(w, lane.vm, CLUSTER_SOURCE)?.status).toBe('paused');
    }
  }
  if (s.matches('running')) expect(c.outcome).toBeNull();
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
}

// A smaller batch keeps the walk fast while still queueing (3 VMs, limit 2, few rounds).
const WALK_INPUT = clusterInput({ vms: 3, params: { maxRounds: 4 } });

describe('cluster migration machine: walking every reachable state', () => {
  const states = walkStates(machine, WALK_INPUT);

  it('reaches every state of the statechart', () => {
    expectStatesSeen(
      states,
      [
        '"idle"',
        '{"running":"queueing"}',
        '{"running":"withQueue"}',
        '{"running":"lastOnes"}',
        '"migrated"',
        '"failed"',
        '"cancelled"',
      ],
      100,
    );
  });

  it('holds the invariants in every reachable state', () => {
    for (const s of states) checkInvariants(s);
  });

  it('every fault from every state keeps the invariants; faults end a run under way', () => {
    let checked = 0;
    for (const s of states) {
      for (const type of FAULTS) {
        if (!s.can({ type, t: 0 })) continue;
        const after = send(s, type);
        checkInvariants(after);
        if (
          s.matches('running') &&
          ['CUT_NETWORK', 'FAIL_SOURCE_HOST', 'FAIL_DESTINATION_HOST'].includes(type)
        ) {
          expect(after.status).toBe('done');
          expect(after.context.outcome?.kind).toBe('failed');
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('cut network: in-flight migrations roll back, queued ones are not started, switched-over ones complete', () => {
    const under = states.filter(
      (s) => s.matches('running') && s.can({ type: 'CUT_NETWORK', t: 0 }),
    );
    expect(under.length).toBeGreaterThan(10);
    for (const s of under) {
      const after = send(s, 'CUT_NETWORK');
      expect(after.context.world.networks[LM_NETWORK]?.up).toBe(false);
      for (const vm of s.context.vms) {
        const before = s.context.lanes[vm];
        const now = after.context.lanes[vm];
        if (before === 'migrating') expect(now).toBe('rolledBack');
        if (before === 'queued') expect(now).toBe('cancelled');
        if (before === 'switchedOver' || before === 'migrated') expect(now).toBe('migrated');
        const host = activeInstance(after.context.world, vm)?.host;
        expect(host).toBe(now === 'migrated' ? CLUSTER_DESTINATION : CLUSTER_SOURCE);
      }
    }
  });

  it('cancel undoes what can be undone and is refused once every VM left has switched over', () => {
    let cancelled = 0;
    let refused = 0;
    for (const s of states.filter((x) => x.matches('running'))) {
      const after = send(s, 'CANCEL');
      const undoable = s.context.vms.some((vm) =>
        ['queued', 'migrating'].includes(s.context.lanes[vm] ?? ''),
      );
      if (undoable) {
        expect(after.context.outcome?.kind).toBe('cancelled');
        for (const vm of s.context.vms) {
          if (s.context.lanes[vm] === 'migrating' || s.context.lanes[vm] === 'queued')
            expect(activeInstance(after.context.world, vm)?.host).toBe(CLUSTER_SOURCE);
        }
        cancelled += 1;
      } else {
        expect(after.value).toEqual(s.value);
        expect(after.context.log.at(-1)?.text).toMatch(/Cancel refused/);
        refused += 1;
      }
    }
    expect(cancelled).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(0);
  });

  it('fail source host: the VMs still on it are restarted by the cluster on other nodes', () => {
    const under = states.filter((s) => s.matches('running'));
    for (const s of under) {
      const after = send(s, 'FAIL_SOURCE_HOST');
      const w = after.context.world;
      expect(w.hosts[CLUSTER_SOURCE]?.up).toBe(false);
      for (const vm of Object.keys(w.vms)) {
        const act = activeInstance(w, vm);
        expect(act?.status, vm).toBe('running');
        expect(act?.host).not.toBe(CLUSTER_SOURCE);
      }
      for (const vm of s.context.vms) {
        const before = s.context.lanes[vm];
        if (before === 'queued' || before === 'migrating')
          expect(after.context.lanes[vm]).toBe('restarted');
      }
      expect(after.context.outcome?.text).toMatch(/restart/);
      // The CSV's coordinator role moves off the dead node.
      for (const st of Object.values(w.storage)) expect(st.coordinator).not.toBe(CLUSTER_SOURCE);
    }
  });

  it('fail destination host: in-flight ones roll back, VMs already on it restart elsewhere', () => {
    for (const s of states.filter((x) => x.matches('running'))) {
      const after = send(s, 'FAIL_DESTINATION_HOST');
      const w = after.context.world;
      for (const vm of s.context.vms) {
        const before = s.context.lanes[vm];
        const act = activeInstance(w, vm);
        expect(act?.status).toBe('running');
        expect(act?.host).not.toBe(CLUSTER_DESTINATION);
        if (before === 'migrating') expect(act?.host).toBe(CLUSTER_SOURCE);
        if (before === 'queued') expect(after.context.lanes[vm]).toBe('cancelled');
        if (before === 'switchedOver' || before === 'migrated')
          expect(after.context.lanes[vm]).toBe('restarted');
      }
    }
  });

  it('a node losing its CSV path redirects its I/O and the migrations go on', () => {
    const s = states.find(
      (x) => x.matches({ running: 'withQueue' }) && x.can({ type: 'FAIL_SOURCE_STORAGE', t: 0 }),
    ) as Snap;
    const after = send(send(s, 'FAIL_SOURCE_STORAGE'), 'FAIL_DESTINATION_STORAGE');
    expect(after.value).toEqual(s.value);
    expect(after.context.log.at(-1)?.text).toMatch(/redirected/);
    expect(runToEnd(after).context.outcome?.kind).toBe('migrated');
  });

  it('ignores every event once the run is over', () => {
    expectDoneIgnoresEvents(machine, states);
  });

  it('has a shortest path to every state and simple paths to every ending', {
    timeout: 120_000,
  }, () => {
    expectShortestPathsReplay(machine, WALK_INPUT, states.length);
    // Simple paths on a two-VM batch with one slot (the queue still used), without the storage
    // faults (self-loops that multiply the paths without new endings).
    const small = clusterInput({ vms: 2, limit: 1, params: { maxRounds: 2 } });
    expectSimplePathsToEveryEnding(
      machine,
      small,
      ALL_EVENTS.filter((e) => !e.type.endsWith('_STORAGE')),
      30,
      checkInvariants,
    );
  });
});

describe('cluster migration machine: the batch', () => {
  it('queues, migrates at most the limit at a time, and every VM ends on the destination', () => {
    const input = clusterInput({ vms: 5, limit: 2 });
    let s = send(start(input), 'START');
    expect(s.matches({ running: 'queueing' })).toBe(true);
    expect(s.context.step.durationS).toBe(CONCURRENT_CONSTANTS.queueS);
    const visited: string[] = [];
    let peak = 0;
    while (s.status !== 'done') {
      visited.push(JSON.stringify(s.value));
      peak = Math.max(peak, ACTIVE(s).length);
      checkInvariants(s);
      s = send(s, 'STEP_DONE');
    }
    expect(peak).toBe(2);
    expect(visited).toContain('{"running":"withQueue"}');
    expect(visited.at(-1)).toBe('{"running":"lastOnes"}');
    expect(s.context.outcome?.kind).toBe('migrated');
    const w = s.context.world;
    for (const vm of input.vms) {
      expect(activeInstance(w, vm)).toEqual({ vm, host: CLUSTER_DESTINATION, status: 'running' });
      expect(w.physicalSwitch.macTable[w.vms[vm]?.mac ?? '']).toBe(
        vmNetworkPort(w, CLUSTER_DESTINATION),
      );
    }
    // VMs left out of the batch stay where they were.
    for (const vm of Object.keys(w.vms).filter((v) => !input.vms.includes(v)))
      expect(activeInstance(w, vm)?.host).toBe(CLUSTER_SOURCE);
  });

  it('takes every duration from the plan: the queue, then the intervals between milestones', () => {
    let s = send(start(), 'START');
    const plan = s.context.plan;
    const durations: number[] = [];
    while (s.status !== 'done') {
      durations.push(s.context.step.durationS ?? Number.NaN);
      s = send(s, 'STEP_DONE');
    }
    const gaps = plan.milestones.slice(1).map((t, i) => t - (plan.milestones[i] ?? 0));
    expect(durations).toEqual([CONCURRENT_CONSTANTS.queueS, ...gaps]);
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(
      CONCURRENT_CONSTANTS.queueS + plan.totalS,
      9,
    );
  });

  it('runs in the SimRunner: STEP_DONE at each milestone, the batch ends at the planned time', () => {
    const runner = new SimRunner(machine, clusterInput(), { startEvent: 'START' });
    runner.skipToEnd();
    const v = runner.getSnapshot();
    const c = v.snapshot.context;
    expect(c.outcome?.kind).toBe('migrated');
    expect(v.now).toBeCloseTo(CONCURRENT_CONSTANTS.queueS + c.plan.totalS, 9);
    expect(c.batchT).toBeCloseTo(CONCURRENT_CONSTANTS.queueS, 9);
  });

  it('a higher limit runs more at once, each with a smaller share, so rounds grow', () => {
    const two = send(start(clusterInput({ vms: 4, limit: 2 })), 'START').context.plan;
    const four = send(start(clusterInput({ vms: 4, limit: 4 })), 'START').context.plan;
    expect(four.peakRunning).toBe(4);
    expect(four.lanes[0]?.sharers).toBe(4);
    expect(four.lanes[0]?.precopy.rounds[0]?.durationS).toBeCloseTo(
      (two.lanes[0]?.precopy.rounds[0]?.durationS ?? 0) * 2,
      9,
    );
  });
});

describe('cluster migration machine: random batches and fault timing', () => {
  it('property: any batch, limit and fault moment keeps the invariants, and ends with every VM placed', {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 80 }),
        fc.option(fc.constantFrom(...FAULTS), { nil: undefined }),
        (n, limit, seed, at, fault) => {
          let s = send(start(clusterInput({ vms: n, limit, seed })), 'START');
          for (let i = 0; i < at && s.status !== 'done'; i += 1) {
            checkInvariants(s);
            s = send(s, 'STEP_DONE');
          }
          if (fault) s = send(s, fault);
          checkInvariants(s);
          s = runToEnd(s);
          checkInvariants(s);
          expect(s.status).toBe('done');
          // Every VM of the cluster runs somewhere: failover clustering restarts what a node lost.
          for (const vm of Object.keys(s.context.world.vms))
            expect(activeInstance(s.context.world, vm)?.status).toBe('running');
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('cluster migration machine: requirements (CATALOG 4.1)', () => {
  it('refuses processors from different manufacturers, naming the requirement', () => {
    const s = send(start(clusterInput({ destinationCpuVendor: 'AMD' })), 'START');
    expect(s.value).toBe('refused');
    expect(s.context.outcome?.text).toMatch(/same manufacturer/);
    for (const vm of s.context.vms)
      expect(activeInstance(s.context.world, vm)?.host).toBe(CLUSTER_SOURCE);
  });

  it('refuses without Failover Clustering on the destination', () => {
    const s = send(start(clusterInput({ destinationClustering: false })), 'START');
    expect(s.context.outcome?.text).toMatch(/Failover Clustering/);
  });

  it('refuses an empty selection', () => {
    const s = send(start(clusterInput({ selected: [] })), 'START');
    expect(s.context.outcome?.text).toMatch(/no VM is selected/);
  });

  it('refuses to start over a network cut beforehand, naming it', () => {
    const s = send(send(start(), 'CUT_NETWORK'), 'START');
    expect(s.value).toBe('refused');
    expect(s.context.outcome?.text).toMatch(/live migration network/i);
  });
});
