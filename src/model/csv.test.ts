import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bootBegins,
  bootDone,
  CSV_CONSTANTS,
  CSV_NODES,
  CSV_VOLUME,
  type CsvCluster,
  type CsvFault,
  canInject,
  clusterWriteRate,
  coordinatorOf,
  csvCluster,
  csvInput,
  csvViolations,
  injectCsvFault,
  nodeMode,
  nodeWriteRates,
  redirectCapacityBytesPerS,
  startTally,
  switchDone,
  switchS,
  tallyAt,
  tallyTo,
  upNodes,
} from './csv';
import { MiB } from './units';
import { activeInstance } from './world';

const cluster = (vms = 8, target = 'hv-2') => {
  const input = csvInput({ vms }, target);
  return { input, c: csvCluster(input.world) };
};

describe('CSV cluster', () => {
  it('spreads the VMs over four nodes; the first node coordinates; every path works', () => {
    const { c } = cluster(6);
    const hosts = Object.keys(c.world.vms).map((vm) => activeInstance(c.world, vm)?.host);
    expect(hosts).toEqual(['hv-1', 'hv-2', 'hv-3', 'hv-4', 'hv-1', 'hv-2']);
    expect(coordinatorOf(c.world)).toBe('hv-1');
    for (const h of CSV_NODES) expect(nodeMode(c, h)).toBe('direct');
    expect(csvViolations(c)).toEqual([]);
  });

  it('writes each VM’s rate when direct; redirected nodes share the network', () => {
    const { input, c } = cluster(8);
    const p = { ...input.params, diskWriteMiBps: 100, linkGbps: 1 };
    expect(clusterWriteRate(c, p)).toBeCloseTo(8 * 100 * MiB, 6);
    const r = injectCsvFault(c, 'path', 'hv-2').cluster;
    expect(nodeMode(r, 'hv-2')).toBe('paused');
    expect(nodeWriteRates(r, p)['hv-2']).toBe(0);
    const after = switchDone(r);
    expect(nodeMode(after, 'hv-2')).toBe('redirected');
    // Two VMs at 100 MiB/s want more than a 1 Gbit/s network carries.
    expect(nodeWriteRates(after, p)['hv-2']).toBeCloseTo(redirectCapacityBytesPerS(1), 6);
    expect(nodeWriteRates(after, { ...p, linkGbps: 10 })['hv-2']).toBeCloseTo(200 * MiB, 6);
  });

  it('the coordinator fails: the next node with a path takes over, every node queues, VMs restart on the least loaded nodes', () => {
    const { c } = cluster(8);
    const r = injectCsvFault(c, 'coordinator', 'hv-2');
    expect(r.node).toBe('hv-1');
    expect(r.wasCoordinator).toBe(true);
    expect(r.newCoordinator).toBe('hv-2');
    expect(r.cluster.queued.sort()).toEqual(['hv-2', 'hv-3', 'hv-4']);
    expect(r.restarted.map((x) => x.host)).toEqual(['hv-2', 'hv-3']);
    expect(switchS(r.cluster)).toBe(CSV_CONSTANTS.coordinatorTakeoverS);
    expect(csvViolations(r.cluster)).toEqual([]);
    const booted = bootDone(bootBegins(switchDone(r.cluster)));
    for (const vm of Object.keys(booted.world.vms))
      expect(activeInstance(booted.world, vm)?.status).toBe('running');
  });

  it('a coordinator losing its path hands the role on; losing the last path takes the volume offline', () => {
    const { c } = cluster(4);
    const r = injectCsvFault(c, 'path', 'hv-1');
    expect(r.newCoordinator).toBe('hv-2');
    expect(r.cluster.takeover).toBe(true);
    let cur: CsvCluster = switchDone(r.cluster);
    expect(nodeMode(cur, 'hv-1')).toBe('redirected');
    for (const h of ['hv-2', 'hv-3']) cur = switchDone(injectCsvFault(cur, 'path', h).cluster);
    const last = injectCsvFault(cur, 'path', 'hv-4');
    expect(last.end).toBe('offline');
    expect(csvViolations(last.cluster, true)).toEqual([]);
  });

  it('the tally adds the data written at each state’s rate and the longest pause', () => {
    const { input, c } = cluster(4);
    const p = input.params;
    let tally = startTally(0);
    const hit = injectCsvFault(c, 'coordinator', 'hv-2').cluster;
    tally = tallyTo(tally, c, hit, p, 10);
    expect(tally.writtenBytes).toBeCloseTo(4 * p.diskWriteMiBps * MiB * 10, 3);
    expect(tallyAt(tally, hit, p, 17).longestPauseS).toBeCloseTo(7, 9);
    const resumed = switchDone(hit);
    tally = tallyTo(tally, hit, resumed, p, 17);
    expect(tally.longestPauseS).toBeCloseTo(7, 9);
    // Nothing was written while every node was paused.
    expect(tally.writtenBytes).toBeCloseTo(4 * p.diskWriteMiBps * MiB * 10, 3);
  });
});

type Op =
  | { kind: 'fault'; fault: CsvFault; target: number }
  | { kind: 'switch' }
  | { kind: 'bootBegins' }
  | { kind: 'bootDone' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('fault' as const),
    fault: fc.constantFrom<CsvFault>('coordinator', 'path', 'node'),
    target: fc.integer({ min: 0, max: 3 }),
  }),
  fc.constant({ kind: 'switch' as const }),
  fc.constant({ kind: 'bootBegins' as const }),
  fc.constant({ kind: 'bootDone' as const }),
);

describe('CSV cluster under random faults and recoveries (property)', () => {
  it('keeps every invariant until a fault ends the run, and ends it only when no node can go on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(op, { maxLength: 14 }), (vms, ops) => {
        let c = cluster(vms).c;
        for (const o of ops) {
          if (o.kind === 'fault') {
            const target = CSV_NODES[o.target] as string;
            if (!canInject(c, o.fault, target)) continue;
            const r = injectCsvFault(c, o.fault, target);
            if (r.end) {
              expect(csvViolations(r.cluster, true)).toEqual([]);
              if (r.end === 'allDown') expect(upNodes(r.cluster.world)).toEqual([]);
              else
                expect(
                  upNodes(r.cluster.world).some(
                    (h) => r.cluster.world.storage[CSV_VOLUME]?.pathUp[h],
                  ),
                ).toBe(false);
              return;
            }
            // A fault on another node never moves a VM that runs elsewhere.
            for (const vm of Object.keys(c.world.vms)) {
              const before = activeInstance(c.world, vm);
              if (before && before.host !== r.node)
                expect(activeInstance(r.cluster.world, vm)?.host).toBe(before.host);
            }
            c = r.cluster;
          } else if (o.kind === 'switch') c = switchDone(c);
          else if (o.kind === 'bootBegins') c = bootBegins(c);
          else c = bootDone(c);
          expect(csvViolations(c)).toEqual([]);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
