import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMERIC_PARAMS } from './parameters';
import {
  type DiskSpec,
  diskStatus,
  failVolume,
  formatCount,
  formatIoSize,
  normalizedCount,
  QOS_CONSTANTS,
  QOS_DEFAULT_PARAMS,
  QOS_NOISY_VM,
  QOS_VOLUME,
  QOS_WORKLOADS,
  type QosPhase,
  qosDisks,
  qosFigures,
  qosInput,
  shareVolume,
  throttleDelayMs,
  withBurst,
} from './storageQos';
import { worldViolations } from './world';

const disk = (over: Partial<DiskSpec> = {}): DiskSpec => ({
  vm: 'a',
  ioSizeKiB: 8,
  offeredIops: 100,
  maxIops: 0,
  minIops: 0,
  ...over,
});

const PHASES: QosPhase[] = ['idle', 'uncapped', 'capping', 'capped', 'stopped'];

describe('normalized IOPS', () => {
  it('counts an I/O of 8 KB or less as 1 and a larger one as its size / 8 KB rounded up', () => {
    expect(normalizedCount(1)).toBe(1);
    expect(normalizedCount(4)).toBe(1);
    expect(normalizedCount(8)).toBe(1);
    expect(normalizedCount(9)).toBe(2);
    expect(normalizedCount(16)).toBe(2);
    expect(normalizedCount(64)).toBe(8);
    expect(normalizedCount(1024)).toBe(128);
  });

  it('counts a disk’s IOPS times the count of each I/O', () => {
    const [s] = shareVolume([disk({ ioSizeKiB: 64, offeredIops: 250 })], 1e6, false);
    expect(s?.perIo).toBe(normalizedCount(64));
    expect(s?.offered).toBe(250 * normalizedCount(64));
  });

  it('agrees with the URL parameters’ ranges and defaults', () => {
    expect(QOS_DEFAULT_PARAMS).toEqual({
      ioSizeKiB: NUMERIC_PARAMS.ioSizeKiB.default,
      maxIops: NUMERIC_PARAMS.maxIops.default,
      minIops: NUMERIC_PARAMS.minIops.default,
    });
    expect(normalizedCount(NUMERIC_PARAMS.ioSizeKiB.max)).toBe(NUMERIC_PARAMS.ioSizeKiB.max / 8);
  });
});

describe('the rules', () => {
  it('serves every disk what it asks when the volume has the capacity', () => {
    const disks = [disk({ vm: 'a', offeredIops: 300 }), disk({ vm: 'b', offeredIops: 200 })];
    const shares = shareVolume(disks, 500, false);
    expect(shares.map((s) => s.served)).toEqual([300, 200]);
    expect(shares.map((s) => s.status)).toEqual(['OK', 'OK']);
  });

  it('shares an overloaded volume in proportion to what each disk asks', () => {
    const disks = [disk({ vm: 'a', offeredIops: 300 }), disk({ vm: 'b', offeredIops: 100 })];
    const shares = shareVolume(disks, 200, false);
    expect(shares.map((s) => s.served)).toEqual([150, 50]);
  });

  it('holds a disk to its maximum and delays the rest, when maximums are in force', () => {
    const d = disk({ ioSizeKiB: 64, offeredIops: 100, maxIops: 200 });
    const [free] = shareVolume([d], 1e6, false);
    const [capped] = shareVolume([d], 1e6, true);
    expect(free?.served).toBe(800);
    expect(free?.status).toBe('OK');
    expect(capped?.admitted).toBe(200);
    expect(capped?.served).toBe(200);
    expect(capped?.throttled).toBe(600);
    expect(capped?.status).toBe('Throttled');
    expect(capped?.delayMs).toBeCloseTo(QOS_CONSTANTS.serviceMs * (800 / 200 - 1), 12);
  });

  it('treats a maximum or minimum of 0 as no limit', () => {
    const [s] = shareVolume([disk({ offeredIops: 5000, maxIops: 0, minIops: 0 })], 1000, true);
    expect(s?.throttled).toBe(0);
    expect(s?.served).toBe(1000);
    expect(s?.status).toBe('OK');
  });

  it('only alerts below a minimum: it reserves nothing', () => {
    const disks = [
      disk({ vm: 'a', offeredIops: 900, minIops: 0 }),
      disk({ vm: 'b', offeredIops: 100, minIops: 500 }),
    ];
    const shares = shareVolume(disks, 500, true);
    // The same split as with no minimum at all.
    expect(shares.map((s) => s.served)).toEqual(
      shareVolume([disks[0] as DiskSpec, { ...(disks[1] as DiskSpec), minIops: 0 }], 500, true).map(
        (s) => s.served,
      ),
    );
    expect(shares[1]?.status).toBe('Below minimum');
  });

  it('says Below minimum before Throttled, and nothing for a disk that issues nothing', () => {
    expect(diskStatus({ issuing: true, served: 10, throttled: 5, minIops: 20 })).toBe(
      'Below minimum',
    );
    expect(diskStatus({ issuing: true, served: 30, throttled: 5, minIops: 20 })).toBe('Throttled');
    expect(diskStatus({ issuing: false, served: 0, throttled: 0, minIops: 20 })).toBe('OK');
  });

  it('delays nothing that is not throttled', () => {
    expect(throttleDelayMs(100, 100)).toBe(0);
    expect(throttleDelayMs(0, 0)).toBe(0);
    expect(throttleDelayMs(300, 100)).toBe(2 * QOS_CONSTANTS.serviceMs);
  });
});

describe('the moments of the story', () => {
  const input = qosInput();
  const at = (phase: QosPhase, disks = input.disks) => qosFigures(disks, input.capacity, phase);
  const others = QOS_WORKLOADS.filter((w) => !w.noisy).map((w) => w.id);
  const of = (phase: QosPhase, vm: string) => at(phase).disks.find((d) => d.vm === vm);

  it('before the start nothing is served and no alert is raised', () => {
    const f = at('idle');
    expect(f.served).toBe(0);
    expect(f.alerts).toEqual([]);
    expect(f.disks.every((d) => d.status === 'OK')).toBe(true);
  });

  it('before the cap the noisy VM takes most of the volume and the others fall below their minimum', () => {
    const f = at('uncapped');
    const noisy = of('uncapped', QOS_NOISY_VM);
    // The volume is full (each share is rounded down, so a few IOPS may go unused).
    expect(f.served).toBeGreaterThan(input.capacity - input.disks.length);
    for (const vm of others)
      expect(noisy?.served).toBeGreaterThan(of('uncapped', vm)?.served ?? Number.POSITIVE_INFINITY);
    expect(noisy?.served).toBeGreaterThan(input.capacity / 2);
    expect(f.alerts.sort()).toEqual([...others].sort());
    expect(noisy?.status).toBe('OK');
  });

  it('while capping, the noisy VM is throttled and the others keep the share they had', () => {
    const noisy = of('capping', QOS_NOISY_VM);
    expect(noisy?.served).toBe(QOS_DEFAULT_PARAMS.maxIops);
    expect(noisy?.status).toBe('Throttled');
    for (const vm of others) expect(of('capping', vm)?.served).toBe(of('uncapped', vm)?.served);
    expect(at('capping').alerts.sort()).toEqual([...others].sort());
  });

  it('after the cap the others get what they ask and the alerts clear', () => {
    const f = at('capped');
    for (const vm of others) {
      expect(of('capped', vm)?.served).toBe(of('capped', vm)?.offered);
      expect(of('capped', vm)?.status).toBe('OK');
    }
    expect(of('capped', QOS_NOISY_VM)?.status).toBe('Throttled');
    expect(f.alerts).toEqual([]);
    expect(f.throttled).toBe(
      (of('capped', QOS_NOISY_VM)?.offered ?? 0) - QOS_DEFAULT_PARAMS.maxIops,
    );
  });

  it('a burst of the noisy VM changes nothing for the others once it is capped', () => {
    const burst = withBurst(input.disks, QOS_NOISY_VM);
    const b = qosFigures(burst, input.capacity, 'capped');
    const c = at('capped');
    for (const vm of others)
      expect(b.disks.find((d) => d.vm === vm)?.served).toBe(
        c.disks.find((d) => d.vm === vm)?.served,
      );
    expect(b.throttled).toBeGreaterThan(c.throttled);
  });

  it('a failed volume serves nothing, throttles nothing, and every minimum alerts', () => {
    const f = at('stopped');
    expect(f.served).toBe(0);
    expect(f.throttled).toBe(0);
    expect(f.alerts.sort()).toEqual([...others].sort());
    const w = failVolume(input.world, QOS_VOLUME);
    expect(w.storage[QOS_VOLUME]?.online).toBe(false);
    expect(w.instances.every((i) => i.status === 'paused')).toBe(true);
    expect(worldViolations(w)).toEqual([]);
  });

  it('takes the noisy VM’s maximum and the others’ minimum from the URL, then per-VM settings', () => {
    const d = qosDisks(
      { ioSizeKiB: 32, maxIops: 123, minIops: 45 },
      { offered: { 'vm-web': 7 }, max: { 'vm-sql': 99 }, min: { 'vm-rpt': 5 } },
    );
    const by = (vm: string) => d.find((x) => x.vm === vm);
    expect(by(QOS_NOISY_VM)).toMatchObject({ ioSizeKiB: 32, maxIops: 123, minIops: 5 });
    expect(by('vm-web')).toMatchObject({ offeredIops: 7, minIops: 45, maxIops: 0 });
    expect(by('vm-sql')).toMatchObject({ maxIops: 99, minIops: 45 });
  });

  it('formats counts and sizes', () => {
    expect(formatCount(16000)).toBe('16,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(800)).toBe('800');
    expect(formatIoSize(64)).toBe('64 KB');
    expect(formatIoSize(1024)).toBe('1 MB');
  });
});

// ---- properties ---------------------------------------------------------------------------------

const diskArb = (i: number) =>
  fc.record({
    vm: fc.constant(`vm${i}`),
    ioSizeKiB: fc.integer({ min: 1, max: 1024 }),
    offeredIops: fc.integer({ min: 0, max: 100_000 }),
    maxIops: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
    minIops: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
  });
const disksArb = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => diskArb(i))));
const capacityArb = fc.integer({ min: 1, max: 2_000_000 });

describe('shareVolume and qosFigures (properties)', () => {
  it('serve no disk more than it asks or its maximum, and never more than the capacity in all', () => {
    fc.assert(
      fc.property(disksArb, capacityArb, fc.constantFrom(...PHASES), (disks, capacity, phase) => {
        const f = qosFigures(disks, capacity, phase);
        let sum = 0;
        for (const [i, s] of f.disks.entries()) {
          const d = disks[i] as DiskSpec;
          expect(Number.isInteger(s.served) && s.served >= 0).toBe(true);
          expect(s.served).toBeLessThanOrEqual(s.offered);
          if (phase === 'capping' || phase === 'capped')
            if (d.maxIops > 0) expect(s.served).toBeLessThanOrEqual(d.maxIops);
          sum += s.served;
        }
        expect(sum).toBe(f.served);
        expect(f.served).toBeLessThanOrEqual(capacity);
      }),
      { numRuns: 400, seed: 24 },
    );
  });

  it('say Below minimum exactly when a disk issues I/O and gets less than a minimum above 0', () => {
    fc.assert(
      fc.property(disksArb, capacityArb, fc.constantFrom(...PHASES), (disks, capacity, phase) => {
        for (const s of qosFigures(disks, capacity, phase).disks) {
          const below = s.issuing && s.minIops > 0 && s.served < s.minIops;
          expect(s.status === 'Below minimum').toBe(below);
          if (!below) expect(s.status === 'Throttled').toBe(s.throttled > 0);
          expect(s.issuing).toBe(phase !== 'idle' && s.offered > 0);
        }
      }),
      { numRuns: 400, seed: 25 },
    );
  });

  it('give everyone what it asks when there are no limits and enough capacity', () => {
    fc.assert(
      fc.property(disksArb, fc.boolean(), (disks, caps) => {
        const free = disks.map((d) => ({ ...d, maxIops: 0, minIops: 0 }));
        const need = free.reduce((a, d) => a + d.offeredIops * normalizedCount(d.ioSizeKiB), 0);
        const shares = shareVolume(free, need + 1, caps);
        for (const s of shares) {
          expect(s.served).toBe(s.offered);
          expect(s.status).toBe('OK');
        }
      }),
      { numRuns: 300, seed: 26 },
    );
  });

  it('a cap on one VM never lowers what another VM gets', () => {
    fc.assert(
      fc.property(
        disksArb,
        capacityArb,
        fc.integer({ min: 1, max: 1_000_000 }),
        (disks, capacity, cap) => {
          const free = disks.map((d, i) => (i === 0 ? { ...d, maxIops: 0 } : d));
          const capped = disks.map((d, i) => (i === 0 ? { ...d, maxIops: cap } : d));
          for (const phase of ['capping', 'capped'] as const) {
            const a = qosFigures(free, capacity, phase).disks;
            const b = qosFigures(capped, capacity, phase).disks;
            for (let i = 1; i < disks.length; i++)
              expect(b[i]?.served ?? 0).toBeGreaterThanOrEqual(a[i]?.served ?? 0);
          }
        },
      ),
      { numRuns: 400, seed: 27 },
    );
  });

  it('throttle exactly what is above a maximum, with a delay that grows with it', () => {
    fc.assert(
      fc.property(disksArb, capacityArb, (disks, capacity) => {
        for (const s of shareVolume(disks, capacity, true)) {
          expect(s.throttled).toBe(s.maxIops > 0 ? Math.max(0, s.offered - s.maxIops) : 0);
          expect(s.delayMs > 0).toBe(s.throttled > 0);
        }
      }),
      { numRuns: 300, seed: 28 },
    );
  });
});
