import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPRESSION_BYTES_PER_CORE_S,
  effectiveLink,
  MEMORY_BUS_BYTES_PER_S,
  shareLink,
  TCP_EFFICIENCY,
  type TransportInput,
} from './transports';
import { recommendedTransport } from './transports.testkit';
import { gbpsToBytesPerS } from './units';

const base: TransportInput = {
  transport: 'tcp',
  rdma: false,
  linkGbps: 10,
  nics: 2,
  compressionRatio: 2,
  spareCores: 4,
};

describe('effectiveLink', () => {
  it('TCP/IP carries one adapter at protocol efficiency', () => {
    const l = effectiveLink(base);
    expect(l.kind).toBe('tcp');
    expect(l.nicsUsed).toBe(1);
    expect(l.memoryBytesPerS).toBeCloseTo(gbpsToBytesPerS(10) * TCP_EFFICIENCY, 3);
    expect(l.wireBytesPerMemoryByte).toBe(1);
  });

  it('compression is bounded by spare CPU on a fast link and by the link on a slow one', () => {
    const fastLink = effectiveLink({ ...base, transport: 'compression', linkGbps: 10 });
    expect(fastLink.bottleneck).toBe('cpu');
    expect(fastLink.memoryBytesPerS).toBeCloseTo(4 * COMPRESSION_BYTES_PER_CORE_S, 3);
    const slowLink = effectiveLink({ ...base, transport: 'compression', linkGbps: 1 });
    expect(slowLink.bottleneck).toBe('network');
    expect(slowLink.memoryBytesPerS).toBeCloseTo(gbpsToBytesPerS(1) * TCP_EFFICIENCY * 2, 3);
    expect(slowLink.wireBytesPerMemoryByte).toBeCloseTo(0.5);
  });

  it('compression without spare cores falls back to plain TCP/IP and says why', () => {
    const l = effectiveLink({ ...base, transport: 'compression', spareCores: 0 });
    expect(l.kind).toBe('tcp');
    expect(l.note).toMatch(/spare/);
  });

  it('SMB Multichannel sums the adapters', () => {
    const one = effectiveLink({ ...base, transport: 'smb', nics: 1 });
    const four = effectiveLink({ ...base, transport: 'smb', nics: 4 });
    expect(four.kind).toBe('smb-multichannel');
    expect(four.memoryBytesPerS).toBeCloseTo(one.memoryBytesPerS * 4, 3);
    expect(four.nicsUsed).toBe(4);
  });

  it('SMB Direct runs near line rate with little CPU, capped by memory bandwidth', () => {
    const direct = effectiveLink({ ...base, transport: 'smb', rdma: true });
    const multi = effectiveLink({ ...base, transport: 'smb' });
    expect(direct.kind).toBe('smb-direct');
    expect(direct.memoryBytesPerS).toBeGreaterThan(multi.memoryBytesPerS);
    expect(direct.cpuCores).toBeLessThan(multi.cpuCores / 10);
    const huge = effectiveLink({ ...base, transport: 'smb', rdma: true, linkGbps: 100, nics: 8 });
    expect(huge.memoryBytesPerS).toBe(MEMORY_BUS_BYTES_PER_S);
    expect(huge.bottleneck).toBe('memory-bus');
  });

  it('follows the poster guidance on which option to use', () => {
    expect(recommendedTransport(1, false)).toBe('compression');
    expect(recommendedTransport(10, false)).toBe('smb-multichannel');
    expect(recommendedTransport(40, true)).toBe('smb-direct');
  });

  it('shares bandwidth between concurrent migrations', () => {
    const l = effectiveLink(base);
    expect(shareLink(l, 2).memoryBytesPerS).toBeCloseTo(l.memoryBytesPerS / 2);
    expect(shareLink(l, 0).memoryBytesPerS).toBe(l.memoryBytesPerS);
  });

  it('always yields a positive rate and non-negative CPU', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('tcp', 'compression', 'smb' as const),
        fc.boolean(),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 128 }),
        (transport, rdma, linkGbps, nics, compressionRatio, spareCores) => {
          const l = effectiveLink({
            transport: transport as TransportInput['transport'],
            rdma,
            linkGbps,
            nics,
            compressionRatio,
            spareCores,
          });
          expect(l.memoryBytesPerS).toBeGreaterThan(0);
          expect(l.cpuCores).toBeGreaterThanOrEqual(0);
          expect(l.wireBytesPerMemoryByte).toBeGreaterThan(0);
          expect(l.wireBytesPerMemoryByte).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });
});
