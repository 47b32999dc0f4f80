/**
 * Copying a running VM's virtual disk (CATALOG 4.5 steps 2-3 and 4.6 steps 2-3, seed 001; CATALOG
 * "Numbers": disk size / bandwidth, plus the writes made meanwhile).
 *
 * The disk is a row of blocks (1,024 drawable blocks standing for the whole disk). Every block on
 * each disk carries a version: 0 is the disk's content before the move, and each guest write gets
 * the next version number, so a larger version is always a newer write. The destination starts
 * empty (-1).
 *
 *  1. Full copy: the copier walks the blocks in order at the effective bandwidth. It reads a block
 *     from the source when it starts sending it and writes it to the destination when it arrives.
 *     Guest writes meanwhile land on the source only; a block written after it was read is left
 *     "outstanding".
 *  2. Mirrored copy: from the end of the full copy, every guest write lands on both disks. The
 *     copier sends the outstanding blocks once more (a block a mirrored write has already brought
 *     in step is skipped). A copy that arrives after a mirrored write to the same block is older
 *     than what the destination holds, so it is discarded: the copier never overwrites a newer
 *     mirrored write. When the queue is empty, the disks match block for block.
 *  3. After that, writes stay mirrored for `mirrorAfterSyncS` (e.g. while the memory migrates).
 *
 * Guest writes arrive as a Poisson process drawn from the run's seeded generator; each lands on a
 * random block. Mirrored writes are assumed not to slow the copier (they are small next to it at
 * the default figures); the bytes they put on the wire are counted separately.
 * Pure: no wall clock, no global state.
 */
import { createRng, deriveSeed, type Rng } from './random';

/** Blocks drawn for one disk, whatever its size. */
export const DISK_BLOCKS = 1024;
/** Beyond this many guest writes in a run, each write event stands for more bytes (fewer events). */
export const MAX_WRITE_EVENTS = 20_000;
/** Salt of the disk writes' random stream (independent of the memory pages' stream). */
const DISK_WRITES_SALT = 0xd15c;

export interface DiskCopyInput {
  diskBytes: number;
  /** Guest write rate to the disk, bytes/s (0 when the VM is off). */
  writeBytesPerS: number;
  /** Bytes of disk the copier moves per second. */
  copyBytesPerS: number;
  seed: number;
  /** Writes stay mirrored this long after the disks match, s (default 0). */
  mirrorAfterSyncS?: number;
  blocks?: number;
  /** false: a naive copier that writes every copy, even over a newer mirrored write (for tests). */
  guardStaleCopies?: boolean;
}

export type DiskOp =
  | {
      kind: 'write';
      t: number;
      block: number;
      version: number;
      /** Landed on both disks (the mirrored phase). */
      mirrored: boolean;
    }
  | {
      kind: 'copy';
      /** Arrival at the destination. */
      t: number;
      startT: number;
      block: number;
      /** Version read from the source when the copy started. */
      version: number;
      pass: 1 | 2;
      /** false: discarded on arrival, the destination already held a newer mirrored write. */
      applied: boolean;
    };

export interface DiskCopyPlan {
  input: Required<DiskCopyInput>;
  blocks: number;
  blockBytes: number;
  /** Bytes each guest write event stands for. */
  writeEventBytes: number;
  /** Seconds to send one block. */
  blockS: number;
  /** Every write and every block arrival, in time order. */
  ops: DiskOp[];
  /** End of the full copy (step 2), s from the start of the copy. */
  fullCopyS: number;
  /** When the disks match (end of step 3), s. */
  syncS: number;
  /** End of mirroring (syncS + mirrorAfterSyncS), s. */
  endS: number;
  /** Blocks changed during the full copy: the outstanding changes of step 3. */
  outstandingBlocks: number;
  /** Outstanding blocks actually sent again (the rest a mirrored write brought in step first). */
  recopiedBlocks: number;
  /** Copy passes over the disk: the full copy, plus one over the outstanding changes if any. */
  passes: number;
  /** Copies that arrived after a newer mirrored write to their block and were discarded. */
  staleCopiesDiscarded: number;
  /** Guest writes in the run (source only in step 2; mirrored from step 3). */
  writes: number;
  writesMirrored: number;
  /** Disk bytes the copier sent (both passes). */
  bytesCopied: number;
  /** Bytes the guest wrote to both disks. */
  bytesMirrored: number;
}

/** Poisson arrivals of guest writes: the next write time after `t`. */
function nextArrival(rng: Rng, t: number, ratePerS: number): number {
  if (ratePerS <= 0) return Number.POSITIVE_INFINITY;
  return t - Math.log(1 - rng.next()) / ratePerS;
}

export function planDiskCopy(raw: DiskCopyInput): DiskCopyPlan {
  const input: Required<DiskCopyInput> = {
    mirrorAfterSyncS: 0,
    blocks: DISK_BLOCKS,
    guardStaleCopies: true,
    ...raw,
  };
  const n = input.blocks;
  const blockBytes = input.diskBytes / n;
  const blockS = blockBytes / input.copyBytesPerS;
  const fullCopyS = n * blockS;
  // Expected writes in the copy phases; events stand for more bytes when there would be too many.
  const expectedWrites =
    (input.writeBytesPerS * (2 * fullCopyS + input.mirrorAfterSyncS)) / blockBytes;
  const writeEventBytes =
    expectedWrites > MAX_WRITE_EVENTS
      ? (blockBytes * expectedWrites) / MAX_WRITE_EVENTS
      : blockBytes;
  const rate = input.writeBytesPerS / writeEventBytes;
  const rng = createRng(deriveSeed(input.seed, DISK_WRITES_SALT));

  const src = new Int32Array(n); // all 0: the content before the move
  const dst = new Int32Array(n).fill(-1);
  const ops: DiskOp[] = [];
  let version = 0;
  let nextWriteT = nextArrival(rng, 0, rate);
  let writesMirrored = 0;
  let stale = 0;

  /** Apply every guest write up to (and including) time `until`. */
  const writesUntil = (until: number) => {
    while (nextWriteT <= until) {
      const t = nextWriteT;
      const block = rng.int(n);
      version += 1;
      const mirrored = t >= fullCopyS;
      src[block] = version;
      if (mirrored) {
        dst[block] = version;
        writesMirrored += 1;
      }
      ops.push({ kind: 'write', t, block, version, mirrored });
      nextWriteT = nextArrival(rng, t, rate);
    }
  };

  const sendBlock = (block: number, startT: number, pass: 1 | 2): number => {
    writesUntil(startT);
    const read = src[block] as number;
    const endT = pass === 1 && block === n - 1 ? fullCopyS : startT + blockS;
    // Writes during the transfer land first (a write at the arrival instant counts as before it).
    writesUntil(endT);
    const newer = (dst[block] as number) > read;
    const applied = !(input.guardStaleCopies && newer);
    if (applied) dst[block] = read;
    else stale += 1;
    ops.push({ kind: 'copy', t: endT, startT, block, version: read, pass, applied });
    return endT;
  };

  // Step 2: the full copy, block by block.
  let t = 0;
  for (let b = 0; b < n; b += 1) t = sendBlock(b, b * blockS, 1);
  t = fullCopyS;
  // Writes strictly before the end of the full copy hit the source only (handled in writesUntil).
  const outstanding: number[] = [];
  for (let b = 0; b < n; b += 1) if (src[b] !== dst[b]) outstanding.push(b);

  // Step 3: mirrored writes while the outstanding blocks are sent once more.
  let recopied = 0;
  for (const b of outstanding) {
    writesUntil(t);
    if (src[b] === dst[b]) continue; // a mirrored write already brought it in step
    t = sendBlock(b, t, 2);
    recopied += 1;
  }
  const syncS = t;
  const endS = syncS + input.mirrorAfterSyncS;
  writesUntil(endS);

  return {
    input,
    blocks: n,
    blockBytes,
    writeEventBytes,
    blockS,
    ops,
    fullCopyS,
    syncS,
    endS,
    outstandingBlocks: outstanding.length,
    recopiedBlocks: recopied,
    passes: outstanding.length > 0 ? 2 : 1,
    staleCopiesDiscarded: stale,
    writes: version,
    writesMirrored,
    bytesCopied: (n + recopied) * blockBytes,
    bytesMirrored: writesMirrored * writeEventBytes,
  };
}

export type DiskPhase = 'before' | 'full-copy' | 'mirrored-copy' | 'in-sync';

export interface DiskState {
  /** Version per block on the source (0 = original content). */
  source: Int32Array;
  /** Version per block on the destination (-1 = not copied yet). */
  destination: Int32Array;
  phase: DiskPhase;
  /** Block being sent at this moment, if any, and how far through. */
  inFlight: { block: number; fraction: number } | null;
  /** Blocks that arrived at the destination so far (applied copies). */
  blocksArrived: number;
  /** Blocks still to send in the current pass (full copy: not yet sent; step 3: outstanding). */
  blocksLeft: number;
  /** Guest writes so far, and how many of them were mirrored. */
  writes: number;
  writesMirrored: number;
  /** Disk bytes the copier has sent so far (blocks in flight counted by fraction). */
  bytesCopied: number;
  bytesMirrored: number;
  /** Writes in the last `recentS` seconds, newest last, for drawing them landing. */
  recent: Extract<DiskOp, { kind: 'write' }>[];
}

/** Index of the first op after time t (ops are in time order). */
function opsUntil(ops: readonly DiskOp[], t: number): number {
  let lo = 0;
  let hi = ops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ops[mid] as DiskOp).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Both disks at `t` seconds after the copy started (clamped to the plan), by replaying the ops. */
export function diskStateAt(plan: DiskCopyPlan, t: number, recentS = 0): DiskState {
  const n = plan.blocks;
  const source = new Int32Array(n);
  const destination = new Int32Array(n).fill(-1);
  const end = t < 0 ? 0 : opsUntil(plan.ops, t);
  let arrived = 0;
  let writes = 0;
  let mirrored = 0;
  let sent = 0;
  const recent: Extract<DiskOp, { kind: 'write' }>[] = [];
  for (let i = 0; i < end; i += 1) {
    const op = plan.ops[i] as DiskOp;
    if (op.kind === 'write') {
      source[op.block] = op.version;
      if (op.mirrored) {
        destination[op.block] = op.version;
        mirrored += 1;
      }
      writes += 1;
      if (recentS > 0 && op.t > t - recentS) recent.push(op);
    } else {
      sent += 1;
      if (op.applied) {
        destination[op.block] = op.version;
        arrived += 1;
      }
    }
  }
  let inFlight: DiskState['inFlight'] = null;
  for (let i = end; i < plan.ops.length; i += 1) {
    const op = plan.ops[i] as DiskOp;
    if (op.kind === 'copy') {
      if (op.startT <= t) inFlight = { block: op.block, fraction: (t - op.startT) / plan.blockS };
      break;
    }
  }
  const phase: DiskPhase =
    t <= 0
      ? 'before'
      : t < plan.fullCopyS
        ? 'full-copy'
        : t < plan.syncS
          ? 'mirrored-copy'
          : 'in-sync';
  const fullSent = Math.min(sent, n);
  const blocksLeft =
    phase === 'before' || phase === 'full-copy'
      ? n - fullSent
      : phase === 'mirrored-copy'
        ? plan.recopiedBlocks - (sent - n)
        : 0;
  return {
    source,
    destination,
    phase,
    inFlight,
    blocksArrived: arrived,
    blocksLeft,
    writes,
    writesMirrored: mirrored,
    bytesCopied: (sent + (inFlight?.fraction ?? 0)) * plan.blockBytes,
    bytesMirrored: mirrored * plan.writeEventBytes,
    recent,
  };
}

/** What a move that stops at `t` (a fault, a cancel) leaves: the source as written, the copy dropped. */
export interface AbortedCopy {
  /** The source disk at the fault: every guest write up to then, nothing lost. */
  source: Int32Array;
  /** Blocks of the partial destination copy that are discarded. */
  discardedBlocks: number;
  discardedBytes: number;
}

export function abortCopyAt(plan: DiskCopyPlan, t: number): AbortedCopy {
  const s = diskStateAt(plan, t);
  let held = 0;
  for (const v of s.destination) if (v >= 0) held += 1;
  return { source: s.source, discardedBlocks: held, discardedBytes: held * plan.blockBytes };
}

// ---- drawing states ----------------------------------------------------------------------------

/** Block states for drawing, one byte per block. */
export const BLOCK_EMPTY = 0;
/** Source: not sent yet. */
export const BLOCK_PENDING = 1;
/** The same on both disks (or, on the source, sent and unchanged since). */
export const BLOCK_IN_STEP = 2;
/** Changed on the source since it was sent: an outstanding change. */
export const BLOCK_BEHIND = 3;
/** Crossing to the destination right now. */
export const BLOCK_SENDING = 4;

/** Each disk's blocks as drawing states (before the copy: all pending, destination empty). */
export function blockCells(
  d: DiskState | null,
  n: number,
): { source: Uint8Array; destination: Uint8Array } {
  const source = new Uint8Array(n).fill(BLOCK_PENDING);
  const destination = new Uint8Array(n).fill(BLOCK_EMPTY);
  if (!d) return { source, destination };
  for (let i = 0; i < n; i += 1) {
    const s = d.source[i] as number;
    const t = d.destination[i] as number;
    if (t < 0) continue;
    const same = s === t ? BLOCK_IN_STEP : BLOCK_BEHIND;
    source[i] = same;
    destination[i] = same;
  }
  if (d.inFlight) {
    source[d.inFlight.block] = BLOCK_SENDING;
    destination[d.inFlight.block] = BLOCK_SENDING;
  }
  return { source, destination };
}

/** Blocks in step, behind, and not copied (pending or empty), for the grids' text equivalents. */
export function countBlocks(cells: Uint8Array): { inStep: number; behind: number; empty: number } {
  let inStep = 0;
  let behind = 0;
  let empty = 0;
  for (const c of cells) {
    if (c === BLOCK_IN_STEP) inStep += 1;
    else if (c === BLOCK_BEHIND) behind += 1;
    else if (c === BLOCK_EMPTY || c === BLOCK_PENDING) empty += 1;
  }
  return { inStep, behind, empty };
}
