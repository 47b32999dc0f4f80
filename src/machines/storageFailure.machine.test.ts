import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import {
  type AvailInput,
  type AvailParams,
  availabilityInput,
  clusterCounts,
  leadS,
  PRIORITIES,
  type Priority,
  unheld,
  violations,
} from '../model/availability';
import { SimRunner } from '../sim/runner';
import type { AvailEvent } from './availability';
import { STORAGE_FAULTS, storageFailureMachine } from './storageFailure.machine';

type Snap = SnapshotFrom<typeof storageFailureMachine>;
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
const input = (p: Partial<AvailParams> = {}, target = 'vm-2', priorities = {}) =>
  availabilityInput(params(p), { aim: 'vm', target, overrides: { priorities } });

const start = (i: AvailInput): Snap => initialTransition(storageFailureMachine, i)[0];
const step = (s: Snap, e: AvailEvent): Snap => transition(storageFailureMachine, s, e)[0];

function eventsOf(s: Snap): AvailEvent[] {
  const c = s.context;
  if (s.matches('idle')) return [{ type: 'START', t: 0 }];
  if (s.status === 'done') return [];
  const out: AvailEvent[] = [];
  const d = c.step.durationS;
  if (d !== null) out.push({ type: 'STEP_DONE', t: c.since + d });
  out.push({ type: 'FAIL_STORAGE', t: c.since });
  if (d !== null && d > 0) out.push({ type: 'FAIL_STORAGE', t: c.since + d / 2 });
  return out;
}

const serializeState = (s: Snap) =>
  JSON.stringify({ v: s.value, cl: s.context.cluster, o: s.context.outcome?.kind });

/** The VMs a storage fault hit (from the log: each fault line names its VM first). */
const struck = (s: Snap) =>
  s.context.spec.vms
    .map((vm, k) => ({ vm, k }))
    .filter(({ vm }) =>
      s.context.log.some((l) => l.kind === 'fault' && l.text.startsWith(`${vm.name}\u2019s `)),
    )
    .map(({ k }) => k);

function checkInvariants(s: Snap): void {
  const c = s.context;
  expect(violations(c.spec, c.cluster), JSON.stringify(s.value)).toEqual([]);
  // Other VMs are not touched: every VM no fault hit runs on its home node.
  const hit = new Set(struck(s));
  const moved = c.spec.vms
    .map((vm, k) => ({ vm, k }))
    .filter(({ vm, k }) => !hit.has(k) && vm.home >= 0)
    .filter(({ vm, k }) => c.cluster.status[k] !== 'running' || c.cluster.at[k] !== vm.home);
  expect(moved).toEqual([]);
  expect(c.cluster.up.every(Boolean)).toBe(true);
  expect(c.cluster.tally.migrated).toBe(0);
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
  if (c.outcome?.kind === 'recovered') expect(unheld(c.spec, c.cluster)).toEqual([]);
  const counts = clusterCounts(c.cluster);
  expect(counts.running + counts.starting + counts.off).toBe(c.spec.vms.length);
  expect(c.step.durationS === null || c.step.durationS >= -EPS).toBe(true);
}

describe('Storage failure machine: every reachable state (3 nodes, 3 VMs)', () => {
  const i = input({ nodes: 3, vms: 3, vmBootS: 10 }, 'vm-2', { 'vm-3': 'none' });
  const opts = { input: i, events: eventsOf, serializeState };
  const states = Object.values(getAdjacencyMap(storageFailureMachine, opts)).map(
    (a) => a.state as Snap,
  );

  it('holds the invariants in every reachable state and after every event from it', () => {
    expect(states.length).toBeGreaterThan(20);
    for (const s of states) {
      checkInvariants(s);
      for (const e of eventsOf(s)) checkInvariants(step(s, e));
    }
    console.info(`Storage failure: ${states.length} states walked (3 nodes, 3 VMs)`);
  });

  it('reaches every step, the failover limit and No auto start, by shortest paths that replay', () => {
    const shortest = getShortestPaths(storageFailureMachine, opts);
    expect(shortest.length).toBe(states.length);
    for (const path of shortest) {
      let s = start(i);
      for (const p of path.steps) s = step(s, p.event as AvailEvent);
      expect(serializeState(s)).toBe(serializeState(path.state as Snap));
    }
    const values = new Set(states.map((s) => JSON.stringify(s.value)));
    for (const v of ['steady', 'detecting', 'restarting'])
      expect(values.has(JSON.stringify({ running: v })), v).toBe(true);
    expect(states.some((s) => s.context.outcome?.kind === 'recovered')).toBe(true);
    const reasons = new Set(states.flatMap((s) => s.context.cluster.reason.filter(Boolean)));
    expect([...reasons].sort()).toEqual(['failoverLimit', 'noAutoStart']);
  });

  it('ignores every event once over, and the fault before the start', () => {
    for (const s of states.filter((x) => x.status === 'done'))
      for (const type of ['FAIL_STORAGE', 'STEP_DONE'] as const)
        expect(step(s, { type, t: s.context.now }).context).toBe(s.context);
    const idle = start(i);
    expect(step(idle, { type: 'FAIL_STORAGE', t: 0 }).context).toBe(idle.context);
  });
});

const run = (i: AvailInput = input()) => {
  const r = new SimRunner(storageFailureMachine, i, { startEvent: 'START' });
  r.play();
  return r;
};
const ctx = (r: SimRunner<typeof storageFailureMachine>) => r.getSnapshot().snapshot.context;

describe('Storage failure machine: processes', () => {
  it('VM-2\u2019s disk fails: it pauses, is detected, restarts on another node; no other VM moves', () => {
    const i = input();
    const r = run(i);
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(leadS(i.spec.params), 9);
    expect(ctx(r).cluster.status[1]).toBe('paused');
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(leadS(i.spec.params) + i.spec.healthDetectS, 9);
    expect(ctx(r).cluster.status[1]).toBe('starting');
    r.skipToEnd();
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('recovered');
    expect(c.outcome?.text).toContain('no other VM was touched');
    expect(c.cluster.status[1]).toBe('running');
    expect(c.cluster.at[1]).not.toBe(1);
    expect(c.cluster.tally.restarted).toBe(1);
    expect(c.cluster.tally.maxDowntimeS).toBeCloseTo(
      i.spec.healthDetectS + i.spec.params.vmBootS,
      9,
    );
    for (const cp of r.history()) checkInvariants(cp.snapshot);
  });

  it('a second VM\u2019s storage fails while the first restarts: both end running, each moved once', () => {
    const r = run(input({}, 'vm-2', { 'vm-2': 'high', 'vm-3': 'low' }));
    r.stepForward();
    r.stepForward(); // VM-2 boots elsewhere
    r.advance(5);
    r.inject('FAIL_STORAGE'); // VM-2 is not running: the next running VM, VM-3
    expect(ctx(r).cluster.status[2]).toBe('paused');
    r.skipToEnd();
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('recovered');
    expect([c.cluster.status[1], c.cluster.status[2]]).toEqual(['running', 'running']);
    expect(c.cluster.failovers.slice(0, 4)).toEqual([0, 1, 1, 0]);
    for (const cp of r.history()) checkInvariants(cp.snapshot);
  });

  it('at full size restarts the one VM in a handful of checkpoints', () => {
    const r = run(input({ nodes: 64, vms: 8000 }));
    r.skipToEnd();
    expect(ctx(r).outcome?.kind).toBe('recovered');
    expect(r.history().length).toBeLessThanOrEqual(6);
    for (const cp of r.history()) checkInvariants(cp.snapshot);
  });

  it('beyond 1,024 VMs per node the start is refused', () => {
    const r = run(input({ nodes: 2, vms: 3000 }));
    expect(ctx(r).outcome?.text).toContain('at most 1,024 VMs per node');
  });
});

describe('Storage failure machine: random clusters and fault times (property)', () => {
  it('keeps the invariants; only the VMs hit ever move', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.constantFrom<Priority>(...PRIORITIES), { maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { maxLength: 5 }),
        fc.nat(29),
        (nodes, vms, prios, gaps, aim) => {
          const priorities = Object.fromEntries(prios.map((p, k) => [`vm-${k + 1}`, p]));
          const r = run(input({ nodes, vms }, `vm-${1 + (aim % vms)}`, priorities));
          for (const dt of gaps) {
            r.advance(dt);
            const v = r.getSnapshot();
            if (v.done) break;
            if (v.snapshot.can({ type: 'FAIL_STORAGE', t: v.now })) r.inject('FAIL_STORAGE');
          }
          r.skipToEnd();
          for (const cp of r.history()) checkInvariants(cp.snapshot);
        },
      ),
      { numRuns: 50, seed: 9 },
    );
  });

  it('names its fault as CONTRACT.md does', () => {
    expect(STORAGE_FAULTS.map((f) => f.label)).toEqual(['Fail VM storage']);
  });
});
