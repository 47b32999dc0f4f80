import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CELL_COPIED, CELL_PENDING, GRID_CELLS, gridAt } from './pageGrid';
import { planPrecopy } from './precopy';
import { MiB } from './units';

function plan(dirtyMiBps = 20, wwsMiB = 256, memoryMiB = 2048) {
  return planPrecopy({
    memoryBytes: memoryMiB * MiB,
    dirtyBytesPerS: dirtyMiBps * MiB,
    wwsBytes: wwsMiB * MiB,
    link: { memoryBytesPerS: 112.5e6, wireBytesPerMemoryByte: 1, cpuCores: 0.5 },
    downtimeTargetS: 0.3,
    maxRounds: 10,
    deviceStateBytes: 2 * MiB,
    switchoverS: 0.07,
  });
}

describe('gridAt', () => {
  const p = plan();
  const input = { plan: p, memoryBytes: 2048 * MiB, wwsBytes: 256 * MiB, seed: 1 };

  it('starts with every page on the source and ends with every page copied', () => {
    expect(gridAt(input, { round: -1, fraction: 0 }).pending).toBe(GRID_CELLS);
    expect(gridAt(input, { round: p.rounds.length, fraction: 0 }).copied).toBe(GRID_CELLS);
  });

  it('fills round 0 in address order', () => {
    const g = gridAt(input, { round: 0, fraction: 0.5 });
    expect(g.cells[0]).not.toBe(CELL_PENDING);
    expect(g.cells[GRID_CELLS - 1]).toBe(CELL_PENDING);
    expect(g.pending + g.dirty).toBeGreaterThanOrEqual(GRID_CELLS / 2 - 1);
  });

  it('agrees with the model: dirty cells at the end of a round are what the next round sends', () => {
    for (let j = 0; j < p.rounds.length - 1; j += 1) {
      const end = gridAt(input, { round: j, fraction: 1 });
      const expected = Math.round((p.rounds[j]?.dirtiedBytes ?? 0) / end.cellBytes);
      expect(end.dirty).toBe(Math.min(expected, Math.round((256 * MiB) / end.cellBytes)));
      const nextStart = gridAt(input, { round: j + 1, fraction: 0 });
      expect(nextStart.dirty).toBe(end.dirty);
    }
  });

  it('leaves nothing dirty after the stop-and-copy (the VM is paused: nothing new is dirtied)', () => {
    const last = p.rounds.length - 1;
    expect(gridAt(input, { round: last, fraction: 1 }).copied).toBe(GRID_CELLS);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = gridAt(input, { round: 1, fraction: 0.3 }).cells;
    const b = gridAt(input, { round: 1, fraction: 0.3 }).cells;
    const c = gridAt({ ...input, seed: 2 }, { round: 1, fraction: 0.3 }).cells;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('only ever dirties cells inside the writable working set, and counts add up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 16, max: 2048 }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, wwsMiB, dirty, fraction) => {
          const pl = plan(dirty, wwsMiB);
          const inp = { plan: pl, memoryBytes: 2048 * MiB, wwsBytes: wwsMiB * MiB, seed };
          const wwsCells = Math.round((wwsMiB * MiB) / ((2048 * MiB) / GRID_CELLS));
          for (let j = 0; j < pl.rounds.length; j += 1) {
            const g = gridAt(inp, { round: j, fraction });
            expect(g.pending + g.copied + g.dirty).toBe(GRID_CELLS);
            expect(g.dirty).toBeLessThanOrEqual(Math.max(wwsCells, 0));
            if (j > 0) expect(g.pending).toBe(0);
            expect(g.cells.every((c) => c <= 2)).toBe(true);
          }
          expect(
            gridAt(inp, { round: pl.rounds.length, fraction: 0 }).cells.every(
              (c) => c === CELL_COPIED,
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });
});
