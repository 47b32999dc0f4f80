import { describe, expect, it } from 'vitest';
import { BLOCK_EMPTY, BLOCK_IN_STEP, BLOCK_PENDING, BLOCK_SENDING } from '../../model/diskCopy';
import type { DiskFile } from '../../model/vdisk';
import { CHAIN_CELLS, cellOf, chainFile, fileStrips, mergeAt } from './diskChain';

/** A file of 256 blocks (two to a cell). */
const file = (id: string, blocks: Record<number, number>, preallocated = false): DiskFile => ({
  id,
  name: `${id}.vhdx`,
  format: 'vhdx',
  type: preallocated ? 'fixed' : 'dynamic',
  parent: null,
  virtualBytes: 256 * 1024,
  blockBytes: 1024,
  blocks,
  preallocated,
  state: 'in use',
});

const words = { kind: 'VHDX', tone: 'normal', note: 'n', size: 's', label: 'l' } as const;

describe('a chain file strip', () => {
  it('puts each block in the cell of its slice of the disk', () => {
    const f = file('a', {});
    expect(cellOf(f, 0)).toBe(0);
    expect(cellOf(f, 3)).toBe(1);
    expect(cellOf(f, 255)).toBe(CHAIN_CELLS - 1);
  });

  it('starts pending where the file is allocated up front, else empty; marks each block; once per file', () => {
    const seen: number[][] = [];
    const strip = fileStrips((cell, value) => {
      seen.push([cell, value]);
      return value === 0 ? cell : BLOCK_IN_STEP;
    });
    const dynamic = file('d', { 4: 1, 5: 0 });
    const cells = strip(dynamic);
    expect(cells).toHaveLength(CHAIN_CELLS);
    expect(cells[2]).toBe(BLOCK_IN_STEP);
    expect(cells[0]).toBe(BLOCK_EMPTY);
    // Block 5 shares block 4's cell and sees it marked already.
    expect(seen).toEqual([
      [BLOCK_EMPTY, 1],
      [BLOCK_IN_STEP, 0],
    ]);
    expect(strip(dynamic)).toBe(cells);
    expect(seen).toHaveLength(2);
    expect([...strip(file('f', {}, true))].every((c) => c === BLOCK_PENDING)).toBe(true);
  });
});

describe('a merge in the chain', () => {
  const child = file('child', { 9: 2, 2: 1, 40: 3 });
  const files = { child, parent: file('parent', {}) };
  const pair = { child: 'child', parent: 'parent' };

  it('has moved the first blocks of its order (ascending) as far as its time has gone', () => {
    const timing = { blocks: 3, startedAt: 10, durationS: 3 };
    expect(mergeAt(files, pair, timing, 10)?.moved).toEqual([]);
    expect(mergeAt(files, pair, timing, 12)).toEqual({
      child: 'child',
      parent: 'parent',
      moved: [2, 9],
    });
    expect(mergeAt(files, pair, timing, 20)?.moved).toEqual([2, 9, 40]);
  });

  it('is none without a pair, a pace, or the child file', () => {
    const timing = { blocks: 3, startedAt: 0, durationS: 3 };
    expect(mergeAt(files, null, timing, 1)).toBeNull();
    expect(mergeAt(files, pair, null, 1)).toBeNull();
    expect(mergeAt(files, { child: 'gone', parent: 'parent' }, timing, 1)).toBeNull();
  });

  it('draws the moved blocks in step colour, the last one sending, and where the last write landed', () => {
    const cells = new Uint8Array(CHAIN_CELLS);
    const drawn = chainFile(child, 1, cells, [2, 40], { file: 'child', blocks: [9, 8, 40] }, words);
    expect(drawn).toEqual({
      id: 'child',
      name: 'child.vhdx',
      kind: 'VHDX',
      state: 'in use',
      depth: 1,
      tone: 'normal',
      note: 'n',
      size: 's',
      cells: drawn.cells,
      landing: [4, 20],
      label: 'l',
    });
    expect(drawn.cells[1]).toBe(BLOCK_IN_STEP);
    expect(drawn.cells[20]).toBe(BLOCK_SENDING);
    // The strip it was given is left as it was.
    expect(cells[1]).toBe(BLOCK_EMPTY);
    const still = chainFile(child, 0, cells, [], { file: 'other', blocks: [1] }, words);
    expect(still.cells).toBe(cells);
    expect(still.landing).toEqual([]);
  });
});
