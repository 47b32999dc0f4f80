import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCloud,
  CROSS_VERSION_CONSTANTS,
  crossVersionRequirements,
  newerDestination,
  planInPlace,
  planRollingUpgrade,
  setHostOs,
} from './crossVersion';
import { planLiveMigration } from './liveMigration';
import { MiB } from './units';
import { worldViolations } from './world';

const params = {
  transport: 'tcp' as const,
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

describe('cross-version model', () => {
  it('allows 2012 to 2012 R2 and the same version, refuses 2012 R2 to 2012, naming both hosts', () => {
    const w = buildCloud('live', { memoryMiB: 2048, linkGbps: 1 });
    expect(worldViolations(w)).toEqual([]);
    expect(newerDestination(w, 'hv-2012', 'hv-r2').ok).toBe(true);
    expect(newerDestination(setHostOs(w, 'hv-r2', '2012'), 'hv-2012', 'hv-r2').ok).toBe(true);
    const back = newerDestination(w, 'hv-r2', 'hv-2012');
    expect(back.ok).toBe(false);
    expect(back.problem).toMatch(/HV-R2 runs Windows Server 2012 R2 and HV-2012 the older/);
    expect(crossVersionRequirements(w, 'vm-1', 'hv-2012', 'hv-r2').every((r) => r.ok)).toBe(true);
    expect(
      crossVersionRequirements(w, 'vm-1', 'hv-r2', 'hv-2012')
        .filter((r) => !r.ok)
        .map((r) => r.id),
    ).toEqual(['newerDestination']);
  });

  it('plans a rolling upgrade: every older host drained then upgraded; moves only to 2012 R2 hosts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 512, max: 16384 }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        (memoryMiB, linkGbps) => {
          const w = buildCloud('rolling', { memoryMiB, linkGbps });
          const p = { ...params, memoryMiB, linkGbps };
          const actions = planRollingUpgrade(w, p);
          const os = new Map(Object.values(w.hosts).map((h) => [h.id, h.os]));
          const where = new Map(w.instances.map((i) => [i.vm, i.host]));
          for (const a of actions) {
            if (a.kind === 'migrate') {
              expect(os.get(a.to)).toBe('2012R2');
              expect(where.get(a.vm)).toBe(a.from);
              expect(a.plan).toEqual(planLiveMigration(p));
              where.set(a.vm, a.to);
            } else {
              expect([...where.values()]).not.toContain(a.host);
              expect(a.durationS).toBe(CROSS_VERSION_CONSTANTS.hostUpgradeS);
              os.set(a.host, '2012R2');
            }
          }
          expect([...os.values()].every((v) => v === '2012R2')).toBe(true);
          expect(actions.filter((a) => a.kind === 'migrate')).toHaveLength(w.instances.length);
        },
      ),
      { numRuns: 30, seed: 4 },
    );
  });

  it('sizes an in-place upgrade from the memory to save and restore', () => {
    const p = planInPlace(4096);
    const c = CROSS_VERSION_CONSTANTS;
    expect(p.savedBytes).toBe(4096 * MiB);
    expect(p.saveS).toBeCloseTo((4096 * MiB) / c.saveBytesPerS + c.saveOverheadS, 9);
    expect(p.restoreS).toBeCloseTo((4096 * MiB) / c.restoreBytesPerS + c.saveOverheadS, 9);
    expect(p.downtimeS).toBeCloseTo(p.saveS + p.upgradeS + p.restoreS, 9);
    // The live migration's pause is orders of magnitude shorter than the in-place downtime.
    expect(planLiveMigration(params).precopy.downtimeS).toBeLessThan(p.downtimeS / 100);
  });
});
