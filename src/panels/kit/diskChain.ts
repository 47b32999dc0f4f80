/**
 * Selectors the disk chain panels share (virtual disk types, snapshots): a chain of disk files
 * drawn as strips of cells (the disk's address space in equal slices), a merge under way as it
 * moves blocks into the parent, and where the last guest write landed. A file's strip and its
 * merge order are computed once per file (the model never changes a file in place).
 */
import { BLOCK_EMPTY, BLOCK_IN_STEP, BLOCK_PENDING, BLOCK_SENDING } from '../../model/diskCopy';
import { blockCount, type DiskFile, mergeCursorAt, mergeOrder } from '../../model/vdisk';
import type { ChainFile } from '../../views/scene';

/** Cells per disk strip, and per row of the picture. */
export const CHAIN_CELLS = 128;
export const CHAIN_COLUMNS = 64;

/** The cell of `file`'s strip that `block` falls in. */
export function cellOf(file: DiskFile, block: number): number {
  return Math.min(CHAIN_CELLS - 1, Math.floor((block * CHAIN_CELLS) / blockCount(file)));
}

/**
 * A panel's strip of each file, computed once per file: `CHAIN_CELLS` cells, pending where the
 * file is allocated up front (a fixed disk), else empty; then each block the file holds drawn over
 * its cell as `mark` says (from the cell as it is and the block's value: 0 for deleted data).
 */
export function fileStrips(
  mark: (cell: number, value: number) => number,
): (file: DiskFile) => Uint8Array {
  const cache = new WeakMap<DiskFile, Uint8Array>();
  return (file) => {
    const hit = cache.get(file);
    if (hit) return hit;
    const cells = new Uint8Array(CHAIN_CELLS).fill(file.preallocated ? BLOCK_PENDING : BLOCK_EMPTY);
    for (const k of Object.keys(file.blocks)) {
      const i = cellOf(file, Number(k));
      cells[i] = mark(cells[i] as number, file.blocks[Number(k)] as number);
    }
    cache.set(file, cells);
    return cells;
  };
}

/** A merge under way: the child merging into its parent, and the blocks copied so far. */
export interface ChainMerge {
  child: string;
  parent: string;
  moved: number[];
}

const orderCache = new WeakMap<DiskFile, number[]>();

/**
 * The merge of `pair` (a child of `files` into its parent) at sim time `now`, as `timing` paces it
 * (`blocks` in all from `startedAt`, over `durationS`); null when no merge runs.
 */
export function mergeAt(
  files: Readonly<Record<string, DiskFile>>,
  pair: { child: string; parent: string } | null | undefined,
  timing: { blocks: number; startedAt: number; durationS: number } | null | undefined,
  now: number,
): ChainMerge | null {
  if (!pair || !timing) return null;
  const child = files[pair.child];
  if (!child) return null;
  let order = orderCache.get(child);
  if (!order) {
    order = mergeOrder(files, pair.child);
    orderCache.set(child, order);
  }
  const k = mergeCursorAt(timing.blocks, now - timing.startedAt, timing.durationS);
  return { child: pair.child, parent: pair.parent, moved: order.slice(0, k) };
}

/** `file`'s cells with the blocks a merge has `moved` in step colour, the last one sending. */
function mergedCells(cells: Uint8Array, file: DiskFile, moved: readonly number[]): Uint8Array {
  const last = moved[moved.length - 1];
  if (last === undefined) return cells;
  const out = cells.slice();
  for (const b of moved) out[cellOf(file, b)] = BLOCK_IN_STEP;
  out[cellOf(file, last)] = BLOCK_SENDING;
  return out;
}

/** The cells of `file` the last guest write (or delete) landed in. */
function landingCells(file: DiskFile, write: LastWrite): number[] {
  return write && write.file === file.id
    ? [...new Set(write.blocks.map((b) => cellOf(file, b)))]
    : [];
}

/** The last guest write (or delete): the file and the blocks it landed in. */
type LastWrite = { file: string; blocks: readonly number[] } | null | undefined;

/**
 * A file as the chain picture draws it, `depth` levels under the base: its strip (`cells`) with
 * the blocks a merge has `moved` into or out of it, the cells the last write landed in, and what
 * the panel says of it (`words`).
 */
export function chainFile(
  f: DiskFile,
  depth: number,
  cells: Uint8Array,
  moved: readonly number[],
  write: LastWrite,
  words: Pick<ChainFile, 'kind' | 'tone' | 'note' | 'size' | 'label'>,
): ChainFile {
  return {
    id: f.id,
    name: f.name,
    kind: words.kind,
    state: f.state,
    depth,
    tone: words.tone,
    note: words.note,
    size: words.size,
    cells: mergedCells(cells, f, moved),
    landing: landingCells(f, write),
    label: words.label,
  };
}
