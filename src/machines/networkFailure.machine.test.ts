import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import {
  AVAILABILITY_CONSTANTS,
  type AvailInput,
  type AvailParams,
  availabilityInput,
  clusterCounts,
  leadS,
  unheld,
  violations,
} from '../model/availability';
import { SimRunner } from '../sim/runner';
import type { AvailEvent } from './availability';
import { NETWORK_FAULTS, networkFailureMachine } from './networkFailure.machine';

type Snap = SnapshotFrom<typeof networkFailureMachine>;
const EPS = 1e-9;

const params = (p: Partial<AvailParams> = {}): AvailParams => ({
  nodes: 4,
  vms: 16,
  heartbeatDelayMs: 1000,
  heartbeatThreshold: 10,
  vmBootS: 20,
  seed: 1,
  ...p,
});
const input = (p: Partial<AvailParams> = {}, target = 'vm-2', unprotected: string[] = []) =>
  availabilityInput(params(p), { aim: 'vm', target, overrides: { unprotected } });

const start = (i: AvailInput): Snap => initialTransition(networkFailureMachine, i)[0];
const step = (s: Snap, e: AvailEvent): Snap => transition(networkFailureMachine, s, e)[0];

function eventsOf(s: Snap): AvailEvent[] {
  const c = s.context;
  if (s.matches('idle')) return [{ type: 'START', t: 0 }];
  if (s.status === 'done') return [];
  const out: AvailEvent[] = [];
  const d = c.step.durationS;
  if (d !== null) out.push({ type: 'STEP_DONE', t: c.since + d });
  out.push({ type: 'UNPLUG_CABLE', t: c.since });
  if (d !== null && d > 0) out.push({ type: 'UNPLUG_CABLE', t: c.since + d / 2 });
  return out;
}

const serializeState = (s: Snap) =>
  JSON.stringify({ v: s.value, cl: s.context.cluster, o: s.context.outcome?.kind });

function checkInvariants(s: Snap): void {
  const c = s.context;
  expect(violations(c.spec, c.cluster), JSON.stringify(s.value)).toEqual([]);
  // A network failure never restarts a VM: every VM runs all along (on one node at a time).
  expect(c.cluster.tally.restarted).toBe(0);
  expect(c.cluster.status.filter((st) => st !== 'running' && st !== 'migrating')).toEqual([]);
  expect(c.cluster.up.every(Boolean)).toBe(true);
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
  if (c.outcome?.kind === 'recovered') {
    expect(unheld(c.spec, c.cluster)).toEqual([]);
    expect(c.cluster.moves).toEqual([]);
  }
  expect(clusterCounts(c.cluster).running).toBe(c.spec.vms.length);
  expect(c.step.durationS === null || c.step.durationS >= -EPS).toBe(true);
}

describe('Network failure machine: every reachable state (3 nodes, 6 VMs, one unprotected)', () => {
  const i = input({ nodes: 3, vms: 6 }, 'vm-2', ['vm-5']);
  const opts = { input: i, events: eventsOf, serializeState };
  const states = Object.values(getAdjacencyMap(networkFailureMachine, opts)).map(
    (a) => a.state as Snap,
  );

  it('holds the invariants in every reachable state and after every event from it', () => {
    expect(states.length).toBeGreaterThan(20);
    for (const s of states) {
      checkInvariants(s);
      for (const e of eventsOf(s)) checkInvariants(step(s, e));
    }
    console.info(`Network failure: ${states.length} states walked (3 nodes, 6 VMs)`);
  });

  it('reaches every step and the ending by shortest paths that replay; VMs stay when no node has the network', () => {
    const shortest = getShortestPaths(networkFailureMachine, opts);
    expect(shortest.length).toBe(states.length);
    for (const path of shortest) {
      let s = start(i);
      for (const p of path.steps) s = step(s, p.event as AvailEvent);
      expect(serializeState(s)).toBe(serializeState(path.state as Snap));
    }
    const values = new Set(states.map((s) => JSON.stringify(s.value)));
    for (const v of ['steady', 'detecting', 'migrating'])
      expect(values.has(JSON.stringify({ running: v })), v).toBe(true);
    const ends = states.filter((s) => s.context.outcome?.kind === 'recovered');
    expect(ends.length).toBeGreaterThan(0);
    // Every cable pulled: the VMs stay, and the log says there is no node with the network.
    expect(
      ends.some(
        (s) =>
          s.context.cluster.cable.every((x) => !x) &&
          s.context.log.some((l) => l.text.includes('no node has the VM network')),
      ),
    ).toBe(true);
  });

  it('ignores every event once over, and the fault before the start', () => {
    for (const s of states.filter((x) => x.status === 'done'))
      for (const type of ['UNPLUG_CABLE', 'STEP_DONE'] as const)
        expect(step(s, { type, t: s.context.now }).context).toBe(s.context);
    const idle = start(i);
    expect(step(idle, { type: 'UNPLUG_CABLE', t: 0 }).context).toBe(idle.context);
  });
});

const run = (i: AvailInput = input()) => {
  const r = new SimRunner(networkFailureMachine, i, { startEvent: 'START' });
  r.play();
  return r;
};
const ctx = (r: SimRunner<typeof networkFailureMachine>) => r.getSnapshot().snapshot.context;

describe('Network failure machine: processes', () => {
  it('HV-2\u2019s cable is pulled: its VMs are live-migrated in waves of two, no restart', () => {
    const i = input();
    const r = run(i);
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(leadS(i.spec.params), 9);
    expect(clusterCounts(ctx(r).cluster).noNetwork).toBe(4);
    r.stepForward();
    expect(JSON.stringify(r.getSnapshot().snapshot.value)).toBe(
      JSON.stringify({ running: 'migrating' }),
    );
    expect(ctx(r).cluster.batch?.vms).toHaveLength(AVAILABILITY_CONSTANTS.simultaneousMigrations);
    r.skipToEnd();
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('recovered');
    expect(c.outcome?.text).toContain('4 VMs live-migrated');
    expect(c.cluster.tally.restarted).toBe(0);
    expect(clusterCounts(c.cluster).noNetwork).toBe(0);
    for (const cp of r.history()) checkInvariants(cp.snapshot);
  });

  it('an unprotected VM stays on the node without its network, and the log says why', () => {
    const r = run(input({}, 'vm-2', ['vm-6']));
    r.skipToEnd();
    const c = ctx(r);
    expect(c.cluster.at[5]).toBe(1);
    expect(c.log.some((l) => l.text.includes('VM-6 stays without a network'))).toBe(true);
    expect(c.outcome?.text).toContain('1 VM still without a network');
  });

  it('a second cable is pulled during the moves: that node\u2019s VMs move too, never onto a node without the network', () => {
    const r = run(input());
    r.stepForward();
    r.stepForward();
    r.advance(0.5);
    r.inject('UNPLUG_CABLE');
    expect(ctx(r).cluster.cable).toEqual([true, false, false, true]);
    r.skipToEnd();
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('recovered');
    expect(clusterCounts(c.cluster).noNetwork).toBe(0);
    for (const cp of r.history()) checkInvariants(cp.snapshot);
  });

  it('at full size moves 125 VMs in waves: one checkpoint per wave of two, not per VM', () => {
    const r = run(input({ nodes: 64, vms: 8000 }));
    r.skipToEnd();
    const c = ctx(r);
    expect(c.cluster.tally.migrated).toBe(125);
    for (const cp of r.history()) checkInvariants(cp.snapshot);
    expect(r.history().length).toBeLessThanOrEqual(5 + Math.ceil(125 / 2));
    console.info(`Network failure at 64 nodes / 8,000 VMs: ${r.history().length} checkpoints`);
  });
});

describe('Network failure machine: random clusters and fault times (property)', () => {
  it('keeps the invariants: no VM ever restarts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { maxLength: 5 }),
        fc.nat(29),
        (nodes, vms, gaps, aim) => {
          const r = run(input({ nodes, vms }, `vm-${1 + (aim % vms)}`));
          for (const dt of gaps) {
            r.advance(dt);
            const v = r.getSnapshot();
            if (v.done) break;
            if (v.snapshot.can({ type: 'UNPLUG_CABLE', t: v.now })) r.inject('UNPLUG_CABLE');
          }
          r.skipToEnd();
          for (const cp of r.history()) checkInvariants(cp.snapshot);
        },
      ),
      { numRuns: 50, seed: 10 },
    );
  });

  it('names its fault as CONTRACT.md does', () => {
    expect(NETWORK_FAULTS.map((f) => f.label)).toEqual(['Unplug VM network cable']);
  });
});
