import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareNames,
  formatBytes,
  formatClock,
  formatCpu,
  formatDuration,
  formatMemory,
  formatNumber,
  formatRate,
} from './format';
import { createRng, deriveSeed, permutation } from './random';

describe('format', () => {
  it('writes durations with units as the Results region shows them', () => {
    expect(formatDuration(12.34)).toBe('12.3 s');
    expect(formatDuration(0.275)).toBe('275 ms');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('never');
  });
  it('writes bytes, memory, rates and CPU', () => {
    expect(formatBytes(10.6e9)).toBe('10.6 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(250e6)).toBe('250 MB');
    expect(formatMemory(2048 * 1024 * 1024)).toBe('2 GiB');
    expect(formatMemory(256 * 1024 * 1024)).toBe('256 MiB');
    expect(formatRate(112.5e6)).toBe('900 Mbit/s');
    expect(formatRate(1.25e9)).toBe('10.0 Gbit/s');
    expect(formatCpu(3.21)).toBe('3.2 core-s');
    expect(formatClock(4.2)).toBe('4.20 s');
  });
  it('writes numbers with thousands separators as en-US does', () => {
    expect(formatNumber(1024)).toBe('1,024');
    expect(formatNumber(8000)).toBe('8,000');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(3.5, 2)).toBe('3.50');
    expect(formatNumber(-1500)).toBe('-1,500');
    expect(formatNumber(-0.2)).toBe('0');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('\u221e');
    // Whole numbers and numbers with exactly `decimals` digits (nothing to round) read as Intl writes them.
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 3 }),
        (raw, d) => {
          const k = raw + 0; // Intl writes -0 as '-0'; a figure of nothing reads '0' here
          const intl = new Intl.NumberFormat('en-US', {
            minimumFractionDigits: d,
            maximumFractionDigits: d,
          });
          expect(formatNumber(k, d)).toBe(intl.format(k));
          expect(formatNumber(k / 10 ** d, d)).toBe(intl.format(k / 10 ** d));
        },
      ),
    );
  });
  it('orders names as a person reads them: numbers by value, letters without case', () => {
    const names = ['HV-10', 'hv-3', 'HV-2', 'HV-B', 'HV-a', 'SQL01', 'HV-2a', 'HV'];
    expect([...names].sort(compareNames)).toEqual([
      'HV',
      'HV-2',
      'HV-2a',
      'hv-3',
      'HV-10',
      'HV-a',
      'HV-B',
      'SQL01',
    ]);
    // Names made of letters, digits (long runs too) and a dash, where the rules meet.
    const name = fc
      .array(fc.constantFrom('a', 'B', 'b', '-', '0', '1', '9', '00', '12345678901234567890'), {
        maxLength: 6,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(Math.sign(compareNames(a, b)) + Math.sign(compareNames(b, a))).toBe(0);
        expect(compareNames(a, b) === 0).toBe(a === b);
        if (compareNames(a, b) <= 0 && compareNames(b, c) <= 0)
          expect(compareNames(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('random', () => {
  it('is deterministic per seed and in range', () => {
    const a = createRng(5);
    const b = createRng(5);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(6).next()).not.toBe(xs[0]);
  });
  it('shuffles into a permutation and derives independent seeds', () => {
    const p = permutation(50, createRng(1));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(1, 3));
    expect(deriveSeed(1, 2)).toBe(deriveSeed(1, 2));
  });
});
