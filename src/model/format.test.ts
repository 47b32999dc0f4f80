import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatCpu,
  formatDuration,
  formatMemory,
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
