import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import {
  type AvailInput,
  type AvailParams,
  availabilityInput,
  clusterCounts,
  leadS,
  nodeDetectionS,
  PRIORITIES,
  type Priority,
  unheld,
  violations,
} from '../model/availability';
import { SimRunner } from '../sim/runner';
import type { AvailEvent } from './availability';
import { NODE_FAULTS, nodeFailureMachine } from './nodeFailure.machine';

type Snap = SnapshotFrom<typeof nodeFailureMachine>;
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
const input = (p: Partial<AvailParams> = {}, target = 'hv-2', priorities = {}) =>
  availabilityInput(params(p), { aim: 'node', target, overrides: { priorities } });

const start = (i: AvailInput): Snap => initialTransition(nodeFailureMachine, i)[0];
const step = (s: Snap, e: AvailEvent): Snap => transition(nodeFailureMachine, s, e)[0];

/** The next event of each kind a run can meet here: the step's end, a fault now or mid-step. */
function eventsOf(s: Snap): AvailEvent[] {
  const c = s.context;
  if (s.matches('idle')) return [{ type: 'START', t: 0 }];
  if (s.status === 'done') return [];
  const out: AvailEvent[] = [];
  const d = c.step.durationS;
  if (d !== null) out.push({ type: 'STEP_DONE', t: c.since + d });
  out.push({ type: 'FAIL_NODE', t: c.since });
  if (d !== null && d > 0) out.push({ type: 'FAIL_NODE', t: c.since + d / 2 });
  return out;
}

const serializeState = (s: Snap) =>
  JSON.stringify({ v: s.value, cl: s.context.cluster, o: s.context.outcome?.kind });

/** Invariants of every reachable state. */
function checkInvariants(s: Snap): void {
  const c = s.context;
  expect(violations(c.spec, c.cluster), JSON.stringify(s.value)).toEqual([]);
  // A node failure never live-migrates.
  expect(c.cluster.tally.migrated).toBe(0);
  expect(c.cluster.status.includes('migrating')).toBe(false);
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
  if (c.outcome?.kind === 'recovered') {
    // Every auto-start VM runs, unless no surviving node can hold it.
    expect(unheld(c.spec, c.cluster)).toEqual([]);
    c.spec.vms.forEach((vm, i) => {
      const st = c.cluster.status[i];
      if (vm.priority === 'none') expect(st === 'running' || st === 'off').toBe(true);
      else if (st !== 'running') expect(c.cluster.reason[i]).toMatch(/noRoom|failoverLimit/);
    });
  }
  expect(c.step.durationS === null || c.step.durationS >= -EPS).toBe(true);
  const counts = clusterCounts(c.cluster);
  expect(counts.running + counts.starting + counts.off).toBe(c.spec.vms.length);
}

describe('Node failure machine: every reachable state (3 nodes, 9 VMs, each priority)', () => {
  // HV-2 holds VM-2, VM-5, VM-8: one of each priority the cluster restarts.
  const i = input({ nodes: 3, vms: 9, vmBootS: 10 }, 'hv-2', {
    'vm-2': 'high',
    'vm-5': 'medium',
    'vm-8': 'low',
    'vm-3': 'none',
  });
  const opts = { input: i, events: eventsOf, serializeState };
  const adjacency = getAdjacencyMap(nodeFailureMachine, opts);
  const states = Object.values(adjacency).map((a) => a.state as Snap);

  it('holds the invariants in every reachable state and after every event from it', () => {
    expect(states.length).toBeGreaterThan(20);
    for (const s of states) {
      checkInvariants(s);
      for (const e of eventsOf(s)) checkInvariants(step(s, e));
    }
    console.info(`Node failure: ${states.length} states walked (3 nodes, 9 VMs)`);
  });

  it('reaches every step and every ending by a shortest path that replays to it', () => {
    const shortest = getShortestPaths(nodeFailureMachine, opts);
    expect(shortest.length).toBe(states.length);
    for (const path of shortest) {
      let s = start(i);
      for (const p of path.steps) s = step(s, p.event as AvailEvent);
      expect(serializeState(s)).toBe(serializeState(path.state as Snap));
    }
    const values = new Set(states.map((s) => JSON.stringify(s.value)));
    for (const v of [
      { running: 'heartbeats' },
      { running: 'detecting' },
      { running: { restarting: 'high' } },
      { running: { restarting: 'medium' } },
      { running: { restarting: 'low' } },
    ])
      expect(values.has(JSON.stringify(v)), JSON.stringify(v)).toBe(true);
    const outcomes = new Set(states.map((s) => s.context.outcome?.kind).filter(Boolean));
    expect([...outcomes].sort()).toEqual(['failed', 'recovered']);
  });

  it('ignores every event once over, and the fault before the start', () => {
    for (const s of states.filter((x) => x.status === 'done'))
      for (const type of ['FAIL_NODE', 'STEP_DONE'] as const)
        expect(step(s, { type, t: s.context.now }).context).toBe(s.context);
    const idle = start(i);
    expect(step(idle, { type: 'FAIL_NODE', t: 0 }).context).toBe(idle.context);
  });

  it('finds simple paths to both endings', () => {
    const paths = getSimplePaths(nodeFailureMachine, {
      ...opts,
      input: input({ nodes: 2, vms: 3 }),
      toState: (s) => s.status === 'done',
    });
    const outcomes = new Set(paths.map((p) => (p.state as Snap).context.outcome?.kind));
    expect([...outcomes].sort()).toEqual(['failed', 'recovered']);
    for (const p of paths) checkInvariants(p.state as Snap);
  });
});

const run = (i: AvailInput = input()) => {
  const r = new SimRunner(nodeFailureMachine, i, { startEvent: 'START' });
  r.play();
  return r;
};
const ctx = (r: SimRunner<typeof nodeFailureMachine>) => r.getSnapshot().snapshot.context;
const value = (r: SimRunner<typeof nodeFailureMachine>) =>
  JSON.stringify(r.getSnapshot().snapshot.value);

describe('Node failure machine: processes', () => {
  it('HV-2 fails after three heartbeats, is declared down after delay x threshold, its VMs restart by priority', () => {
    const i = input();
    const r = run(i);
    const p = i.spec.params;
    const onHv2 = i.spec.vms.map((vm, k) => ({ vm, k })).filter(({ vm }) => vm.home === 1);
    expect(value(r)).toBe(JSON.stringify({ running: 'heartbeats' }));
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(leadS(p), 9);
    expect(value(r)).toBe(JSON.stringify({ running: 'detecting' }));
    for (const { k } of onHv2) expect(ctx(r).cluster.status[k]).toBe('down');
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(leadS(p) + nodeDetectionS(p), 9);
    expect(ctx(r).log.some((l) => l.text.startsWith('Event 1135: HV-2 is removed'))).toBe(true);
    // The waves, highest first, each one boot long.
    const waves: string[] = [];
    while (!r.getSnapshot().done) {
      const v = r.getSnapshot().snapshot.value;
      if (typeof v === 'object' && 'running' in v && typeof v.running === 'object')
        waves.push(Object.values(v.running)[0] as string);
      r.stepForward();
    }
    const present = (['high', 'medium', 'low'] as const).filter((pr) =>
      onHv2.some(({ vm }) => vm.priority === pr),
    );
    expect(waves).toEqual(present);
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('recovered');
    expect(r.getSnapshot().now).toBeCloseTo(
      leadS(p) + nodeDetectionS(p) + present.length * p.vmBootS,
      9,
    );
    for (const { vm, k } of onHv2) {
      if (vm.priority === 'none') expect(c.cluster.reason[k]).toBe('noAutoStart');
      else {
        expect(c.cluster.status[k]).toBe('running');
        expect(c.cluster.at[k]).not.toBe(1);
      }
    }
    expect(c.cluster.tally.restarted).toBe(onHv2.filter(({ vm }) => vm.priority !== 'none').length);
    expect(c.cluster.tally.firstDetectS).toBeCloseTo(nodeDetectionS(p), 9);
  });

  it('a second node fails while the first one\u2019s VMs restart: its VMs (the booting ones too) restart after its own detection', () => {
    const i = input({}, 'hv-2', { 'vm-2': 'high', 'vm-6': 'high', 'vm-10': 'high' });
    const p = i.spec.params;
    const r = run(i);
    r.stepForward(); // HV-2 fails
    r.stepForward(); // declared down: the High wave boots
    expect(value(r)).toBe(JSON.stringify({ running: { restarting: 'high' } }));
    r.advance(p.vmBootS / 2);
    // HV-2 is down already: "Fail node" hits the next node up, HV-3.
    const booting = (ctx(r).cluster.batch?.vms ?? []).filter((vm) => ctx(r).cluster.at[vm] === 2);
    expect(booting.length).toBeGreaterThan(0);
    const before = ctx(r).cluster.tally.restarted;
    r.inject('FAIL_NODE');
    const c = ctx(r);
    expect(c.cluster.up).toEqual([true, false, false, true]);
    for (const vm of booting) expect(c.cluster.status[vm]).toBe('down');
    expect(c.log.some((l) => l.text.includes('starting or paused there and stop too'))).toBe(true);
    // The wave goes on for the VMs booting elsewhere; HV-3 is declared down after its own detection.
    const failedAt = r.getSnapshot().now;
    r.skipToEnd();
    const end = ctx(r);
    expect(end.outcome?.kind).toBe('recovered');
    expect(violations(end.spec, end.cluster)).toEqual([]);
    expect(unheld(end.spec, end.cluster)).toEqual([]);
    const declared = end.log.filter((l) => l.text.startsWith('Event 1135'));
    expect(declared.map((l) => l.text.slice(0, 17))).toEqual([
      'Event 1135: HV-2 ',
      'Event 1135: HV-3 ',
    ]);
    expect(declared[1]?.t).toBeCloseTo(failedAt + nodeDetectionS(p), 9);
    // The interrupted VMs boot again, on a node still up.
    for (const vm of booting) {
      expect(end.cluster.status[vm]).toBe('running');
      expect([0, 3]).toContain(end.cluster.at[vm]);
    }
    expect(end.cluster.tally.restarted).toBeGreaterThan(before);
    end.spec.vms.forEach((_, k) => {
      if (end.cluster.status[k] === 'running')
        expect(end.cluster.up[end.cluster.at[k] as number]).toBe(true);
      else expect(end.cluster.reason[k]).not.toBeNull();
    });
  });

  it('the last node up fails: the run fails, every VM off', () => {
    const r = run(input({ nodes: 2, vms: 4 }));
    r.inject('FAIL_NODE');
    r.advance(1);
    r.inject('FAIL_NODE');
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('failed');
    expect(clusterCounts(c.cluster).off).toBe(4);
    expect(r.getSnapshot().done).toBe(true);
  });

  it('beyond 1,024 VMs per node the start is refused, naming the limit', () => {
    const r = run(input({ nodes: 4, vms: 8000 }));
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('refused');
    expect(c.outcome?.text).toContain('at most 1,024 VMs per node');
    expect(c.outcome?.text).toContain('8,000 VMs need at least 8 nodes');
    expect(r.getSnapshot().done).toBe(true);
  });

  it('at full size (64 nodes, 8,000 VMs) runs in a handful of checkpoints, invariants holding at each', () => {
    const i = input({ nodes: 64, vms: 8000 });
    const r = run(i);
    r.skipToEnd();
    const history = r.history();
    for (const cp of history) checkInvariants(cp.snapshot);
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('recovered');
    const onHv2 = i.spec.vms.filter((vm) => vm.home === 1);
    expect(onHv2).toHaveLength(125);
    expect(c.cluster.tally.restarted).toBe(onHv2.filter((vm) => vm.priority !== 'none').length);
    // START, the failure, the detection, three waves: a checkpoint per milestone, not per VM.
    expect(history.length).toBeLessThanOrEqual(8);
    console.info(`Node failure at 64 nodes / 8,000 VMs: ${history.length} checkpoints`);
  });
});

describe('Node failure machine: random clusters, priorities and fault times (property)', () => {
  it('keeps the invariants; a settled cluster runs every auto-start VM the survivors hold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 3, max: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.constantFrom<Priority>(...PRIORITIES), { maxLength: 40 }),
        fc.array(fc.double({ min: 0, max: 40, noNaN: true }), { maxLength: 5 }),
        (nodes, vms, threshold, seed, prios, faultGaps) => {
          const priorities = Object.fromEntries(prios.map((p, k) => [`vm-${k + 1}`, p]));
          const i = input(
            { nodes, vms, heartbeatThreshold: threshold, seed },
            `hv-${1 + (seed % nodes)}`,
            priorities,
          );
          const r = run(i);
          for (const dt of faultGaps) {
            r.advance(dt);
            const v = r.getSnapshot();
            if (v.done) break;
            if (v.snapshot.can({ type: 'FAIL_NODE', t: v.now })) r.inject('FAIL_NODE');
            checkInvariants(r.getSnapshot().snapshot);
          }
          r.skipToEnd();
          for (const cp of r.history()) checkInvariants(cp.snapshot);
          expect(r.getSnapshot().done).toBe(true);
        },
      ),
      { numRuns: 60, seed: 8 },
    );
  });

  it('names its fault as CONTRACT.md does', () => {
    expect(NODE_FAULTS.map((f) => f.label)).toEqual(['Fail node']);
  });
});
