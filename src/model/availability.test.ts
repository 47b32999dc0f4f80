import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AVAILABILITY_CONSTANTS,
  type AvailParams,
  type AvailState,
  advance,
  CLUSTER_LIMITS,
  type ClusterSpec,
  cableTarget,
  clusterCounts,
  clusterSpec,
  failNode,
  failStorage,
  firstChoice,
  freeGiB,
  initialState,
  isActive,
  migrationPlan,
  nextAt,
  nodeDetectionS,
  nodesNeeded,
  nodeTarget,
  PRIORITIES,
  type Priority,
  phaseOf,
  storageTarget,
  unheld,
  unplugCable,
  violations,
} from './availability';
import { ONE_TCP_CONNECTION } from './inputs';
import { planLiveMigration } from './liveMigration';

const params = (p: Partial<AvailParams> = {}): AvailParams => ({
  nodes: 4,
  vms: 16,
  heartbeatDelayMs: 1000,
  heartbeatThreshold: 10,
  vmBootS: 20,
  seed: 1,
  ...p,
});

/** Run the cluster to rest, checking the invariants at every milestone. */
function settleAll(spec: ClusterSpec, s0: AvailState, from: number): AvailState {
  let s = s0;
  for (let i = 0; i < 10_000; i += 1) {
    const t = nextAt(s);
    if (t === null) return s;
    expect(t).toBeGreaterThanOrEqual(from - 1e-9);
    s = advance(spec, s, t).state;
    expect(violations(spec, s)).toEqual([]);
  }
  throw new Error('the cluster never settled');
}

describe('the cluster as built', () => {
  it('spreads VMs round robin with the seeded mix of priorities and memory, nodes sized with headroom', () => {
    const spec = clusterSpec(params());
    expect(spec.nodes.map((n) => n.name)).toEqual(['HV-1', 'HV-2', 'HV-3', 'HV-4']);
    expect(spec.vms.map((v) => v.home)).toEqual([...Array(16).keys()].map((i) => i % 4));
    const share = AVAILABILITY_CONSTANTS.priorityShare;
    const n = (p: Priority) => spec.vms.filter((v) => v.priority === p).length;
    expect(n('high')).toBe(Math.round(16 * share.high));
    expect(n('low')).toBe(Math.round(16 * share.low));
    expect(n('none')).toBe(Math.round(16 * share.none));
    expect(n('medium')).toBe(16 - n('high') - n('low') - n('none'));
    const s = initialState(spec);
    for (let node = 0; node < 4; node += 1)
      expect(s.used[node] as number).toBeLessThanOrEqual(
        (spec.nodes[node]?.memoryGiB ?? 0) * AVAILABILITY_CONSTANTS.memoryFill,
      );
    expect(violations(spec, s)).toEqual([]);
    expect(clusterSpec(params())).toEqual(spec);
    expect(clusterSpec(params({ seed: 2 }))).not.toEqual(spec);
  });

  it('detects a failed node after heartbeat delay x threshold', () => {
    expect(nodeDetectionS({ heartbeatDelayMs: 1000, heartbeatThreshold: 10 })).toBe(10);
    expect(nodeDetectionS({ heartbeatDelayMs: 250, heartbeatThreshold: 3 })).toBe(0.75);
    expect(clusterSpec(params({ heartbeatDelayMs: 2000, heartbeatThreshold: 5 })).nodeDetectS).toBe(
      10,
    );
  });

  it('holds at most 1,024 VMs per node: beyond, the cluster does not fit and the rest have no place', () => {
    expect(nodesNeeded(8000)).toBe(8);
    const full = clusterSpec(params({ nodes: 64, vms: 8000 }));
    expect(full.fits).toBe(true);
    const over = clusterSpec(params({ nodes: 4, vms: 8000 }));
    expect(over.fits).toBe(false);
    const s = initialState(over);
    expect(clusterCounts(s).running).toBe(4 * CLUSTER_LIMITS.vmsPerNode);
    expect(s.reason.filter((r) => r === 'overLimit')).toHaveLength(8000 - 4096);
    expect(violations(over, s)).toEqual([]);
  });
});

describe('node failure', () => {
  it('restarts the failed node\u2019s VMs by priority, each on the node with the most free memory', () => {
    const spec = clusterSpec(params());
    let s = failNode(spec, initialState(spec), 1, 0).state;
    expect(phaseOf(s)).toEqual({ kind: 'detecting' });
    expect(nextAt(s)).toBe(spec.nodeDetectS);
    const onHv2 = spec.vms.map((v, i) => ({ v, i })).filter(({ v }) => v.home === 1);
    for (const { i } of onHv2) expect(s.status[i]).toBe('down');
    s = advance(spec, s, spec.nodeDetectS).state;
    const order: Priority[] = [];
    while (phaseOf(s).kind === 'restarting') {
      const ph = phaseOf(s);
      if (ph.kind === 'restarting') order.push(ph.priority);
      // Each VM of the wave went to a node that had the most free memory (before it, in the wave).
      s = advance(spec, s, nextAt(s) as number).state;
    }
    const expected = (['high', 'medium', 'low'] as const).filter((p) =>
      onHv2.some(({ v }) => v.priority === p),
    );
    expect(order).toEqual(expected);
    for (const { v, i } of onHv2) {
      if (v.priority === 'none') expect([s.status[i], s.reason[i]]).toEqual(['off', 'noAutoStart']);
      else expect(s.status[i]).toBe('running');
    }
    expect(s.tally.maxDowntimeS).toBeCloseTo(spec.nodeDetectS + order.length * spec.params.vmBootS);
  });

  it('places by free memory: a wave fills the emptiest node first', () => {
    const spec = clusterSpec(params({ nodes: 3, vms: 3 }), {
      priorities: { 'vm-1': 'high', 'vm-2': 'high', 'vm-3': 'high' },
    });
    const s0 = initialState(spec);
    const r = advance(spec, failNode(spec, s0, 0, 0).state, spec.nodeDetectS);
    const node = r.state.at[0] as number;
    const others = [1, 2].filter((n) => n !== node);
    for (const n of others)
      expect(freeGiB(spec, s0, node)).toBeGreaterThanOrEqual(freeGiB(spec, s0, n));
  });

  it('leaves off, named, the VMs no survivor can hold (1,024 VMs per node)', () => {
    const spec = clusterSpec(params({ nodes: 2, vms: 2048 }));
    let s = failNode(spec, initialState(spec), 0, 0).state;
    s = settleAll(spec, s, 0);
    expect(phaseOf(s).kind).toBe('settled');
    const lost = s.reason.filter((r) => r === 'noRoom').length;
    const auto = spec.vms.filter((v) => v.home === 0 && v.priority !== 'none').length;
    expect(lost).toBe(auto);
    expect(s.count[1]).toBe(CLUSTER_LIMITS.vmsPerNode);
    expect(unheld(spec, s)).toEqual([]);
  });

  it('a second failure during the restarts: the VMs booting there go down and wait for its detection', () => {
    const spec = clusterSpec(params({ nodes: 4, vms: 16 }), {
      priorities: { 'vm-2': 'high', 'vm-6': 'high', 'vm-10': 'high', 'vm-14': 'high' },
    });
    let s = advance(spec, failNode(spec, initialState(spec), 1, 0).state, spec.nodeDetectS).state;
    const wave = s.batch?.vms ?? [];
    expect(wave.length).toBe(4);
    const victim = s.at[wave[0] as number] as number;
    const there = wave.filter((vm) => s.at[vm] === victim);
    const r = failNode(spec, s, victim, spec.nodeDetectS + 1);
    s = r.state;
    expect(r.notes[0]).toMatchObject({ type: 'nodeFailed', node: victim, interrupted: there });
    for (const vm of there) expect(s.status[vm]).toBe('down');
    expect(violations(spec, s)).toEqual([]);
    s = settleAll(spec, s, spec.nodeDetectS + 1);
    for (const vm of wave) expect(s.status[vm]).toBe('running');
    expect(unheld(spec, s)).toEqual([]);
  });

  it('aims at the node named if it is up, else the next one up', () => {
    const spec = clusterSpec(params());
    let s = initialState(spec);
    expect(nodeTarget(s, 1)).toBe(1);
    s = failNode(spec, s, 1, 0).state;
    expect(nodeTarget(s, 1)).toBe(2);
    s = failNode(spec, failNode(spec, s, 2, 0).state, 3, 0).state;
    expect(nodeTarget(s, 1)).toBe(0);
    s = failNode(spec, s, 0, 0).state;
    expect(nodeTarget(s, 1)).toBe(-1);
    expect(phaseOf(s).kind).toBe('allDown');
    expect(s.reason.every((r) => r === 'noNode')).toBe(true);
  });
});

describe('storage failure', () => {
  it('pauses the VM, then restarts it on another node; nothing else moves', () => {
    const spec = clusterSpec(params());
    const s0 = initialState(spec);
    let s = failStorage(spec, s0, 1, 0).state;
    expect(s.status[1]).toBe('paused');
    s = advance(spec, s, spec.healthDetectS).state;
    expect(phaseOf(s).kind).toBe('restarting');
    expect(s.status[1]).toBe('starting');
    expect(s.at[1]).not.toBe(1);
    s = settleAll(spec, s, spec.healthDetectS);
    expect(s.status[1]).toBe('running');
    for (let vm = 0; vm < 16; vm += 1) {
      if (vm === 1) continue;
      expect([s.status[vm], s.at[vm]]).toEqual([s0.status[vm], s0.at[vm]]);
    }
    expect(s.tally.maxDowntimeS).toBeCloseTo(spec.healthDetectS + spec.params.vmBootS);
  });

  it('leaves a VM that failed over more than n-1 times failed (event 1254)', () => {
    const spec = clusterSpec(params({ nodes: 3, vms: 3 }), { priorities: { 'vm-1': 'high' } });
    let s = initialState(spec);
    let t = 0;
    for (let k = 0; k < spec.maxFailovers; k += 1) {
      s = failStorage(spec, s, 0, t).state;
      s = settleAll(spec, s, t);
      expect(s.status[0]).toBe('running');
      t = 100 * (k + 1);
    }
    expect(s.failovers[0]).toBe(spec.maxFailovers);
    s = settleAll(spec, failStorage(spec, s, 0, t).state, t);
    expect([s.status[0], s.reason[0]]).toEqual(['off', 'failoverLimit']);
    expect(storageTarget(s, 0)).toBe(1);
  });
});

describe('network failure', () => {
  it('live-migrates the node\u2019s protected VMs, two at a time, to nodes with the network; the unprotected one stays', () => {
    const spec = clusterSpec(params(), { unprotected: ['vm-6'] });
    const s0 = initialState(spec);
    let s = unplugCable(spec, s0, 1, 0).state;
    expect(clusterCounts(s).noNetwork).toBe(4);
    s = advance(spec, s, spec.healthDetectS).state;
    expect(phaseOf(s).kind).toBe('migrating');
    expect(s.batch?.vms.length).toBe(AVAILABILITY_CONSTANTS.simultaneousMigrations);
    s = settleAll(spec, s, spec.healthDetectS);
    expect(s.tally.migrated).toBe(3);
    expect(s.tally.restarted).toBe(0);
    expect(s.at[5]).toBe(1);
    expect(clusterCounts(s).noNetwork).toBe(1);
    for (const vm of [1, 9, 13]) expect(s.cable[s.at[vm] as number]).toBe(true);
    expect(s.tally.maxPauseS).toBeGreaterThan(0);
    expect(s.tally.maxPauseS).toBeLessThan(1);
  });

  it('the pause comes from the pre-copy model, the link shared by the wave', () => {
    const alone = migrationPlan(4, 1);
    const plan = planLiveMigration({
      ...ONE_TCP_CONNECTION,
      memoryMiB: 4096,
      linkGbps: AVAILABILITY_CONSTANTS.liveMigrationGbps,
    });
    expect(alone.pauseS).toBe(plan.precopy.downtimeS);
    expect(alone.totalS).toBe(plan.totalS);
    expect(migrationPlan(4, 2).totalS).toBeGreaterThan(alone.totalS);
  });

  it('with no node left on the network the VMs stay, and say why', () => {
    const spec = clusterSpec(params({ nodes: 2, vms: 4 }));
    let s = unplugCable(spec, initialState(spec), 0, 0).state;
    s = unplugCable(spec, s, 1, 0.5).state;
    expect(cableTarget(s, 0)).toBe(-1);
    const notes = [];
    for (let t = nextAt(s); t !== null; t = nextAt(s)) {
      const r = advance(spec, s, t);
      notes.push(...r.notes);
      s = r.state;
    }
    const begins = notes.filter((n) => n.type === 'migrationBegins');
    expect(begins.flatMap((n) => (n.type === 'migrationBegins' ? n.noNetwork : []))).toHaveLength(
      4,
    );
    expect(s.tally.migrated).toBe(0);
    expect(clusterCounts(s).running).toBe(4);
  });
});

// ---- properties -----------------------------------------------------------------------------------

const cluster = fc.record({
  nodes: fc.integer({ min: 2, max: 8 }),
  vms: fc.integer({ min: 1, max: 48 }),
  seed: fc.integer({ min: 0, max: 10_000 }),
  prios: fc.array(fc.constantFrom<Priority>(...PRIORITIES), { maxLength: 48 }),
});
const faults = fc.array(
  fc.record({ gap: fc.double({ min: 0, max: 30, noNaN: true }), aim: fc.nat(64) }),
  { maxLength: 6 },
);

type Kind = 'node' | 'storage' | 'network';

/** Random faults of one kind at random times, the cluster run between them; checks each moment. */
function drive(
  kind: Kind,
  c: { nodes: number; vms: number; seed: number; prios: Priority[] },
  fs: { gap: number; aim: number }[],
  check: (spec: ClusterSpec, before: AvailState, after: AvailState, struck: number[]) => void,
) {
  const priorities = Object.fromEntries(c.prios.map((p, k) => [`vm-${k + 1}`, p]));
  const spec = clusterSpec(params({ nodes: c.nodes, vms: c.vms, seed: c.seed }), { priorities });
  let s = initialState(spec);
  let t = 0;
  const struck: number[] = [];
  const step = (next: AvailState) => {
    expect(violations(spec, next)).toEqual([]);
    check(spec, s, next, struck);
    s = next;
  };
  for (const f of fs) {
    const target = t + f.gap;
    for (let due = nextAt(s); due !== null && due <= target; due = nextAt(s))
      step(advance(spec, s, due).state);
    t = target;
    if (kind === 'node') {
      const node = nodeTarget(s, f.aim % c.nodes);
      if (node >= 0) step(failNode(spec, s, node, t).state);
    } else if (kind === 'storage') {
      const vm = storageTarget(s, f.aim % c.vms);
      if (vm >= 0) {
        struck.push(vm);
        step(failStorage(spec, s, vm, t).state);
      }
    } else {
      const node = cableTarget(s, f.aim % c.vms);
      if (node >= 0) step(unplugCable(spec, s, node, t).state);
    }
  }
  for (let due = nextAt(s); due !== null; due = nextAt(s)) step(advance(spec, s, due).state);
  // At rest: every auto-start VM runs, unless no node (it may use) can hold it.
  if (phaseOf(s).kind !== 'allDown') {
    expect(phaseOf(s).kind).toBe('settled');
    expect(unheld(spec, s)).toEqual([]);
  }
  return s;
}

describe('properties: random clusters, priorities and fault times', () => {
  it('node failures: a VM is on one node at most, never on a down node or beyond memory', () => {
    fc.assert(
      fc.property(cluster, faults, (c, fs) => {
        drive('node', c, fs, (_spec, _before, after) => {
          after.status.forEach((st, vm) => {
            if (isActive(st)) expect(after.up[after.at[vm] as number]).toBe(true);
          });
          expect(after.tally.migrated).toBe(0);
        });
      }),
      { numRuns: 150, seed: 5 },
    );
  });

  it('storage failures never touch other VMs', () => {
    fc.assert(
      fc.property(cluster, faults, (c, fs) => {
        drive('storage', c, fs, (_spec, before, after, struck) => {
          after.status.forEach((st, vm) => {
            if (struck.includes(vm)) return;
            expect(st).toBe(before.status[vm]);
            expect(after.at[vm]).toBe(before.at[vm]);
          });
        });
      }),
      { numRuns: 150, seed: 6 },
    );
  });

  it('network failures never restart a VM: every VM that ran runs on, moved live', () => {
    fc.assert(
      fc.property(cluster, faults, (c, fs) => {
        const end = drive('network', c, fs, (_spec, before, after) => {
          expect(after.tally.restarted).toBe(0);
          after.status.forEach((st, vm) => {
            if (before.status[vm] === 'off') expect(st).toBe('off');
            else expect(['running', 'migrating']).toContain(st);
          });
        });
        // Every VM that moved lands on a node with the network (unless it lost it meanwhile).
        expect(end.batch).toBeNull();
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('the first choice of a node', () => {
  it('is the node a storage failure restarts the VM on, at the start', () => {
    const spec = clusterSpec(params({ nodes: 5, vms: 20 }), { priorities: { 'vm-3': 'high' } });
    let s = failStorage(spec, initialState(spec), 2, 0).state;
    s = advance(spec, s, spec.healthDetectS).state;
    expect(s.at[2]).toBe(firstChoice(spec, 2));
    expect(firstChoice(spec, 2)).not.toBe(2);
  });
});
