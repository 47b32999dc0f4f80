/**
 * The VM's memory drawn as a grid of cells (each cell a run of 4 KiB pages), showing which pages
 * have reached the destination and which the guest dirtied since, round by round. The counts agree
 * with the pre-copy model: at the end of round i exactly round(dirtied_i / cellBytes) cells are
 * dirty, and round i+1 sends exactly those. Which cells are dirtied is drawn from the seed, inside
 * the writable working set.
 */
import type { PrecopyResult } from './precopy';
import { createRng, deriveSeed, permutation } from './random';

export const GRID_CELLS = 1024;

export const CELL_PENDING = 0; // on the source only
export const CELL_COPIED = 1; // on the destination, unchanged since
export const CELL_DIRTY = 2; // dirtied since it was copied (or before it was): must be sent again

export interface GridInput {
  plan: PrecopyResult;
  memoryBytes: number;
  wwsBytes: number;
  seed: number;
  cells?: number;
}

export interface GridMoment {
  /** Index into plan.rounds of the round under way, or -1 before the copy, or rounds.length after. */
  round: number;
  /** Progress through that round, 0..1. */
  fraction: number;
}

export interface GridState {
  cells: Uint8Array;
  pending: number;
  copied: number;
  dirty: number;
  cellBytes: number;
}

/** How many cells of a grid are pending, copied and dirty (the grid's legend counts). */
export function countCells(cells: Uint8Array): Pick<GridState, 'pending' | 'copied' | 'dirty'> {
  let pending = 0;
  let copied = 0;
  let dirty = 0;
  for (const c of cells) {
    if (c === CELL_PENDING) pending += 1;
    else if (c === CELL_COPIED) copied += 1;
    else dirty += 1;
  }
  return { pending, copied, dirty };
}

const wwsCache = new Map<string, number[]>();

/** The cells of the writable working set, in a seeded order. */
function workingSet(seed: number, n: number, wwsCells: number): number[] {
  const key = `${seed}:${n}:${wwsCells}`;
  let set = wwsCache.get(key);
  if (!set) {
    set = permutation(n, createRng(deriveSeed(seed, 1))).slice(0, wwsCells);
    if (wwsCache.size > 64) wwsCache.clear();
    wwsCache.set(key, set);
  }
  return set;
}

/**
 * Each plan's dirtied cells by round (a pure function of the plan and the figures in the key,
 * kept while the plan is: a playing run asks for the same round's cells every frame).
 */
const dirtiedCache = new WeakMap<PrecopyResult, Map<string, readonly number[]>>();

/** Cells dirtied during round `j`, in the order the guest dirties them. */
function dirtiedDuring(
  input: GridInput,
  j: number,
  n: number,
  cellBytes: number,
): readonly number[] {
  let byKey = dirtiedCache.get(input.plan);
  if (!byKey) {
    byKey = new Map();
    dirtiedCache.set(input.plan, byKey);
  }
  const key = `${input.seed}:${input.memoryBytes}:${input.wwsBytes}:${n}:${j}`;
  let cells = byKey.get(key);
  if (!cells) {
    cells = drawDirtied(input, j, n, cellBytes);
    byKey.set(key, cells);
  }
  return cells;
}

function drawDirtied(input: GridInput, j: number, n: number, cellBytes: number): number[] {
  const round = input.plan.rounds[j];
  if (!round || round.kind === 'final') return [];
  const wwsCells = Math.min(n, Math.round(Math.min(input.wwsBytes, input.memoryBytes) / cellBytes));
  const set = workingSet(input.seed, n, wwsCells);
  const k = Math.min(set.length, Math.round(round.dirtiedBytes / cellBytes));
  const order = permutation(set.length, createRng(deriveSeed(input.seed, 2, j)));
  return order.slice(0, k).map((i) => set[i] as number);
}

export function gridAt(input: GridInput, moment: GridMoment): GridState {
  const n = input.cells ?? GRID_CELLS;
  const cellBytes = input.memoryBytes / n;
  const cells = new Uint8Array(n);
  const rounds = input.plan.rounds;
  if (moment.round < 0) return { cells, cellBytes, ...countCells(cells) };
  if (moment.round >= rounds.length) {
    cells.fill(CELL_COPIED);
    return { cells, cellBytes, ...countCells(cells) };
  }
  const j = moment.round;
  const f = Math.min(1, Math.max(0, moment.fraction));
  let sending: readonly number[];
  if (j === 0) {
    sending = Array.from({ length: n }, (_, i) => i);
  } else {
    cells.fill(CELL_COPIED);
    sending = dirtiedDuring(input, j - 1, n, cellBytes);
    for (const c of sending) cells[c] = CELL_DIRTY;
  }
  const sent = Math.floor(f * sending.length);
  for (let i = 0; i < sent; i += 1) cells[sending[i] as number] = CELL_COPIED;
  const dirtied = dirtiedDuring(input, j, n, cellBytes);
  const dirtiedSoFar = Math.floor(f * dirtied.length);
  for (let i = 0; i < dirtiedSoFar; i += 1) cells[dirtied[i] as number] = CELL_DIRTY;
  return { cells, cellBytes, ...countCells(cells) };
}
