import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConcurrentParams,
  laneAt,
  laneDirtyRates,
  planConcurrent,
  planLane,
} from './concurrentMigration';
import { linkShareAt, runningCountAt } from './concurrentMigration.testkit';
import { planLiveMigration } from './liveMigration';
import { effectiveLink, shareLink } from './transports';

const base: ConcurrentParams = {
  transport: 'tcp',
  rdma: false,
  nics: 1,
  compressionRatio: 1,
  spareCores: 0,
  linkGbps: 1,
  memoryMiB: 2048,
  dirtyMiBps: 20,
  wwsMiB: 256,
  downtimeMs: 300,
  maxRounds: 10,
};
const ids = (n: number) => Array.from({ length: n }, (_, i) => `vm-${i + 1}`);

describe('one lane', () => {
  it('matches the classic plan when it has the link to itself', () => {
    const lane = planLane(base, 'vm-1', 0, base.dirtyMiBps, 1, 0);
    const classic = planLiveMigration(base);
    expect(lane.endS).toBeCloseTo(classic.totalS, 9);
    expect(lane.wireBytes).toBeCloseTo(classic.wireBytes, 3);
    expect(lane.cpuCoreSeconds).toBeCloseTo(classic.cpuCoreSeconds, 9);
    expect(lane.downtimeS).toBeCloseTo(classic.precopy.downtimeS, 9);
  });

  it('copies at its share of the link, so rounds grow as more run together', () => {
    const p = { ...base, wwsMiB: 2048 };
    const alone = planLane(p, 'vm-1', 0, 20, 1, 0);
    const shared = planLane(p, 'vm-1', 0, 20, 3, 0);
    expect(shared.link.memoryBytesPerS).toBeCloseTo(
      shareLink(effectiveLink(base), 3).memoryBytesPerS,
      6,
    );
    expect(shared.precopy.rounds[0]?.durationS).toBeCloseTo(
      (alone.precopy.rounds[0]?.durationS ?? 0) * 3,
      9,
    );
    expect(shared.precopy.rounds[1]?.bytes ?? 0).toBeGreaterThan(
      alone.precopy.rounds[1]?.bytes ?? 0,
    );
    expect(shared.endS).toBeGreaterThan(alone.endS);
  });

  it('reports zero before it starts and everything at its end', () => {
    const lane = planLane(base, 'vm-1', 0, 20, 2, 5);
    const before = laneAt(lane, 4);
    expect(before.stage).toBe('queued');
    expect(before.wireBytes).toBe(0);
    const end = laneAt(lane, lane.endS);
    expect(end.stage).toBe('done');
    expect(end.wireBytes).toBeCloseTo(lane.wireBytes, 3);
    expect(end.cpuCoreSeconds).toBeCloseTo(lane.cpuCoreSeconds, 9);
    expect(end.pausedS).toBeCloseTo(lane.downtimeS, 9);
    expect(end.rounds).toBe(lane.precopy.rounds.length);
  });
});

describe('a batch with a limit, shares fixed at the start (the simple mode)', () => {
  it('starts the first `limit` together and queues the rest', () => {
    const plan = planConcurrent(base, ids(4), 2, 1, 'fixed');
    expect(plan.lanes.map((l) => l.startS > 0)).toEqual([false, false, true, true]);
    expect(plan.lanes[0]?.sharers).toBe(2);
    const firstEnd = Math.min(plan.lanes[0]?.endS ?? 0, plan.lanes[1]?.endS ?? 0);
    expect(plan.lanes[2]?.startS).toBeCloseTo(firstEnd, 9);
    expect(plan.peakRunning).toBe(2);
    expect(plan.totalS).toBe(Math.max(...plan.lanes.map((l) => l.endS)));
    expect(plan.rounds).toBe(plan.lanes.reduce((s, l) => s + l.precopy.rounds.length, 0));
    expect(plan.maxDowntimeS).toBe(Math.max(...plan.lanes.map((l) => l.downtimeS)));
  });

  it('without a limit starts every migration at once, each with its share', () => {
    const plan = planConcurrent(base, ids(3), null, 1, 'fixed');
    expect(plan.lanes.every((l) => l.startS === 0 && l.sharers === 3)).toBe(true);
  });

  it('gives the same plan for the same seed and different dirty rates per VM', () => {
    expect(planConcurrent(base, ids(4), 2, 7)).toEqual(planConcurrent(base, ids(4), 2, 7));
    const rates = laneDirtyRates(base, 4, 7);
    expect(new Set(rates).size).toBe(4);
  });

  it('lanes whose slots free a few EPS apart start together: their fixed shares never exceed the link', () => {
    // Found by the property below: almost no dirtying, so lanes end within 1e-9 s of each other
    // in a chain; counted pair by pair, one lane was both ended and running.
    const p = {
      ...base,
      memoryMiB: 562,
      dirtyMiBps: 0.000003261024527937312,
      linkGbps: 33.15794865189817,
    };
    const plan = planConcurrent(p, ids(8), 3, 0, 'fixed');
    for (const t of plan.milestones) {
      expect(runningCountAt(plan, t)).toBeLessThanOrEqual(3);
      expect(linkShareAt(plan, t)).toBeLessThanOrEqual(1 + 1e-9);
    }
    for (const lane of plan.lanes) expect(lane.sharers).toBe(runningCountAt(plan, lane.startS));
  });

  it('property: never more than the limit at once, the shares never exceed the link, no idle slot while VMs wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 512, max: 8192 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0.1, max: 40, noNaN: true }),
        (n, limit, seed, memoryMiB, dirtyMiBps, linkGbps) => {
          const p = { ...base, memoryMiB, dirtyMiBps, linkGbps };
          const plan = planConcurrent(p, ids(n), limit, seed, 'fixed');
          expect(plan.lanes).toHaveLength(n);
          for (const t of plan.milestones) {
            expect(runningCountAt(plan, t)).toBeLessThanOrEqual(limit);
            expect(linkShareAt(plan, t)).toBeLessThanOrEqual(1 + 1e-9);
          }
          for (const lane of plan.lanes) {
            // Fixed share at the start: 1 / (running then, itself included).
            expect(lane.sharers).toBe(runningCountAt(plan, lane.startS));
            if (lane.startS > 0) {
              // A queued VM starts exactly when another ends, and the slots were all busy before.
              expect(plan.lanes.some((o) => Math.abs(o.endS - lane.startS) < 1e-9)).toBe(true);
              expect(runningCountAt(plan, lane.startS - 1e-6)).toBe(limit);
            }
            // Its phases tile its time with no gap.
            let t = lane.startS;
            for (const ph of lane.phases) {
              expect(ph.startS).toBeCloseTo(t, 9);
              t = ph.endS;
            }
            expect(t).toBeCloseTo(lane.endS, 9);
          }
          // Queue order is kept.
          for (let i = 1; i < n; i += 1)
            expect(plan.lanes[i]?.startS ?? 0).toBeGreaterThanOrEqual(
              plan.lanes[i - 1]?.startS ?? 0,
            );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('property (both modes): what a lane has sent only grows, and ends at its plan', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('fixed' as const, 'replanned' as const),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }),
        (mode, n, limit, fractions) => {
          const plan = planConcurrent(base, ids(n), limit, 3, mode);
          const times = fractions.map((f) => f * plan.totalS).sort((a, b) => a - b);
          for (const lane of plan.lanes) {
            let prev = laneAt(lane, 0);
            for (const t of times) {
              const m = laneAt(lane, t);
              expect(m.wireBytes).toBeGreaterThanOrEqual(prev.wireBytes - 1e-6);
              expect(m.rounds).toBeGreaterThanOrEqual(prev.rounds);
              expect(m.pausedS).toBeLessThanOrEqual(lane.downtimeS + 1e-9);
              prev = m;
            }
            expect(laneAt(lane, plan.totalS).wireBytes).toBeCloseTo(lane.wireBytes, 3);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('a batch re-planned whenever the number sending changes (the default)', () => {
  const R = effectiveLink(base).memoryBytesPerS;

  it('is the default mode', () => {
    expect(planConcurrent(base, ids(2), 2, 1).share).toBe('replanned');
  });

  it('one migration alone is the classic plan', () => {
    const lane = planConcurrent(base, ids(1), 2, 1).lanes[0];
    const classic = planLiveMigration({ ...base, dirtyMiBps: lane?.dirtyMiBps ?? 0 });
    expect(lane?.endS).toBeCloseTo(classic.totalS, 6);
    expect(lane?.precopy.rounds.length).toBe(classic.precopy.rounds.length);
    expect(lane?.wireBytes).toBeCloseTo(classic.wireBytes, 0);
  });

  it('rounds grow as more run together: four at once take four times as long for the full copy', () => {
    const alone = planConcurrent(base, ids(1), null, 1).lanes[0];
    const four = planConcurrent(base, ids(4), null, 1).lanes[0];
    expect(four?.precopy.rounds[0]?.durationS).toBeCloseTo(
      (alone?.precopy.rounds[0]?.durationS ?? 0) * 4,
      6,
    );
  });

  it('re-plans mid-round: a migration speeds up when another stops sending', () => {
    // Different memory dirtying makes the two end at different moments; the third is queued.
    const plan = planConcurrent(
      { ...base, linkGbps: 10, dirtyMiBps: 100, wwsMiB: 512 },
      ids(3),
      2,
      1,
    );
    const faster = plan.lanes.some((l) =>
      l.phases.some((ph, i) => ph.continues && ph.rate > (l.phases[i - 1]?.rate ?? 0)),
    );
    expect(faster).toBe(true);
  });

  it('property: the link is always fully shared among those sending, never more; the queue and the limit hold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 512, max: 8192 }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 0.1, max: 40, noNaN: true }),
        (n, limit, seed, memoryMiB, dirtyMiBps, linkGbps) => {
          const p = { ...base, memoryMiB, dirtyMiBps, linkGbps };
          const full = effectiveLink(p).memoryBytesPerS;
          const plan = planConcurrent(p, ids(n), limit, seed);
          const ms = plan.milestones;
          for (let i = 0; i + 1 < ms.length; i += 1) {
            const mid = ((ms[i] ?? 0) + (ms[i + 1] ?? 0)) / 2;
            expect(runningCountAt(plan, mid)).toBeLessThanOrEqual(limit);
            const rates = plan.lanes
              .map((l) => laneAt(l, mid))
              .filter((m) => m.stage !== 'queued' && m.stage !== 'done')
              .map((m) => m.phase?.rate ?? 0);
            const total = rates.reduce((a, b) => a + b, 0);
            const sending = rates.filter((r) => r > 0).length;
            if (sending > 0) expect(total).toBeCloseTo(full, 0);
            for (const r of rates) if (r > 0) expect(r).toBeCloseTo(full / sending, 0);
          }
          for (const lane of plan.lanes) {
            let t = lane.startS;
            for (const ph of lane.phases) {
              expect(ph.startS).toBeCloseTo(t, 6);
              expect(ph.bytes).toBeCloseTo(ph.rate * (ph.endS - ph.startS), 0);
              t = ph.endS;
            }
            expect(t).toBeCloseTo(lane.endS, 6);
            expect(lane.precopy.rounds.length).toBeLessThanOrEqual(p.maxRounds + 1);
            expect(lane.precopy.rounds.at(-1)?.kind).toBe('final');
            if (lane.startS > 0) {
              expect(plan.lanes.some((o) => Math.abs(o.endS - lane.startS) < 1e-6)).toBe(true);
            }
          }
          for (let i = 1; i < n; i += 1)
            expect(plan.lanes[i]?.startS ?? 0).toBeGreaterThanOrEqual(
              plan.lanes[i - 1]?.startS ?? 0,
            );
        },
      ),
      { numRuns: 120 },
    );
    expect(R).toBeGreaterThan(0);
  });
});
