import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComparisonParams,
  crossovers,
  fastestOption,
  GUIDANCE_THRESHOLD_GBPS,
  guidanceFor,
  logSpeeds,
  OPTION_KINDS,
  optionParams,
  rdmaRequirement,
  timeCurves,
} from './fasterLiveMigration';
import { planAll } from './fasterLiveMigration.testkit';
import { planLiveMigration } from './liveMigration';
import { NUMERIC_PARAMS } from './parameters';
import { twoNodeCluster } from './scenarios';
import { effectiveLink } from './transports';

const base: ComparisonParams = {
  linkGbps: 10,
  nics: 2,
  spareCores: 4,
  compressionRatio: 2,
  memoryMiB: 4096,
  dirtyMiBps: 20,
  wwsMiB: 256,
  downtimeMs: 300,
  maxRounds: 10,
};

const arbParams = fc.record({
  linkGbps: fc.double({ min: 0.1, max: 100, noNaN: true }),
  nics: fc.integer({ min: 1, max: 8 }),
  spareCores: fc.integer({ min: 0, max: 32 }),
  compressionRatio: fc.double({ min: 1, max: 10, noNaN: true }),
  memoryMiB: fc.integer({ min: 512, max: 65536 }),
  dirtyMiBps: fc.double({ min: 0, max: 500, noNaN: true }),
  wwsMiB: fc.double({ min: 0, max: 4096, noNaN: true }),
  downtimeMs: fc.double({ min: 10, max: 2000, noNaN: true }),
  maxRounds: fc.integer({ min: 1, max: 30 }),
});

describe('faster live migration options', () => {
  it('plans each option with the shared transport and pre-copy models', () => {
    const plans = planAll(base);
    for (const k of OPTION_KINDS) {
      const expected = planLiveMigration(optionParams(base, k));
      expect(plans[k]).toEqual(expected);
      expect(plans[k].link.kind).toBe(k);
      expect(plans[k].link).toEqual(effectiveLink(optionParams(base, k)));
    }
  });

  it('follows the poster: compression below 10 Gb/s, SMB Direct or Multichannel from 10 Gb/s', () => {
    expect(guidanceFor(1, true)).toBe('compression');
    expect(guidanceFor(GUIDANCE_THRESHOLD_GBPS - 0.1, true)).toBe('compression');
    expect(guidanceFor(GUIDANCE_THRESHOLD_GBPS, true)).toBe('smb-direct');
    expect(guidanceFor(40, false)).toBe('smb-multichannel');
  });

  it('the fastest option has the least total time', () => {
    fc.assert(
      fc.property(arbParams, (p) => {
        const plans = planAll(p);
        const best = fastestOption(p);
        for (const k of OPTION_KINDS)
          expect(plans[best].totalS).toBeLessThanOrEqual(plans[k].totalS);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('finds where the fastest option changes, and the curves agree with it', () => {
    fc.assert(
      fc.property(arbParams, (p) => {
        const cs = crossovers(p);
        for (let i = 1; i < cs.length; i += 1)
          expect((cs[i] as { linkGbps: number }).linkGbps).toBeGreaterThan(
            (cs[i - 1] as { linkGbps: number }).linkGbps,
          );
        for (const c of cs) {
          expect(c.from).not.toBe(c.to);
          expect(fastestOption({ ...p, linkGbps: c.linkGbps / 1.002 })).toBe(c.from);
          expect(fastestOption({ ...p, linkGbps: c.linkGbps })).toBe(c.to);
        }
        const first = cs[0];
        if (first) expect(fastestOption({ ...p, linkGbps: 0.1 })).toBe(first.from);
      }),
      { numRuns: 25, seed: 11 },
    );
  });

  it('with few spare cores compression loses to SMB at high speed; with a slow link it wins over TCP/IP', () => {
    const slow = planAll({ ...base, linkGbps: 1, nics: 1 });
    expect(slow.compression.totalS).toBeLessThan(slow.tcp.totalS);
    const fast = planAll({ ...base, linkGbps: 40 });
    expect(fast['smb-direct'].totalS).toBeLessThan(fast.compression.totalS);
    expect(fast['smb-direct'].cpuCoreSeconds).toBeLessThan(fast.compression.cpuCoreSeconds);
    const cs = crossovers({ ...base, nics: 1 });
    expect(cs.length).toBeGreaterThan(0);
  });

  it('draws one total-time curve per option over log-spaced speeds', () => {
    const speeds = logSpeeds(0.1, 100, 5);
    expect(speeds[0]).toBeCloseTo(0.1, 12);
    expect(speeds[4]).toBeCloseTo(100, 9);
    const curves = timeCurves(base, speeds);
    for (const k of OPTION_KINDS) {
      expect(curves[k]).toHaveLength(5);
      curves[k].forEach((pt, i) => {
        expect(pt.totalS).toBe(planAll({ ...base, linkGbps: speeds[i] as number })[k].totalS);
      });
    }
  });

  it('requires RDMA-capable adapters for SMB Direct, naming the host', () => {
    const opts = {
      os: '2012R2' as const,
      memoryBytes: 1,
      diskBytes: 1,
      linkGbps: 10,
      nics: 2,
      destinationCpuVendor: 'Intel' as const,
      destinationClustering: true,
      diskKind: 'vhd' as const,
    };
    expect(rdmaRequirement(twoNodeCluster({ ...opts, rdma: true }), 'host-a', 'host-b').ok).toBe(
      true,
    );
    const r = rdmaRequirement(twoNodeCluster({ ...opts, rdma: false }), 'host-a', 'host-b');
    expect(r.ok).toBe(false);
    expect(r.id).toBe('rdmaAdapters');
    expect(r.problem).toMatch(/HV-A/);
    expect(NUMERIC_PARAMS.linkGbps.min).toBeGreaterThan(0);
  });
});
