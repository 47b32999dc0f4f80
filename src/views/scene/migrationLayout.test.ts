import { describe, expect, it } from 'vitest';
import { hostPair } from './migrationLayout';

describe('the two hosts of a migration picture', () => {
  it('puts the source left and the destination right, the margin in from each edge', () => {
    expect(hostPair(960, { y: 128, width: 320, height: 170 })).toEqual({
      x: [20, 620],
      y: 128,
      width: 320,
      height: 170,
    });
    const p = hostPair(500, { y: 0, width: 100, height: 50 }, 40);
    expect(p.x).toEqual([40, 360]);
    expect(500 - ((p.x[1] ?? 0) + p.width)).toBe(p.x[0]);
  });
});
