/**
 * Virtual hard disk files and differencing chains at block level (CATALOG 2.1 and "Numbers and
 * rules for storage"): fixed, dynamically expanding, differencing and pass-through disks; reads
 * that walk a chain from child to parent; writes that land in the newest child; freeing,
 * compaction, resizing; and the incremental merge of a differencing disk into its parent that the
 * snapshot poster draws as blocks moving up the chain.
 *
 * A file's data is a sparse block map: block index -> version of the data written there. Version 0
 * means zeros (written or freed by the guest); a block missing from a differencing disk's map is
 * read from its parent. Fixed and pass-through disks hold their whole size from the start, so their
 * map only records what was written; a dynamic or differencing disk allocates a block the first time
 * it is written and keeps it (even when freed) until compacted.
 *
 * Deleted files stay in the set with state 'deleted' and an empty block map, so a "Disk files"
 * table can still show them; `purgeDeleted` drops them. Every function is pure and returns new
 * values; a broken rule gives `{ ok: false, reason }` with the rule in plain words.
 */
import { KiB, MiB } from './units';

export type DiskFormat = 'vhd' | 'vhdx';
export type DiskType = 'fixed' | 'dynamic' | 'differencing' | 'passthrough';
/** The state shown in the "Disk files" table. */
export type FileState = 'in use' | 'read-only' | 'merge pending' | 'merging' | 'deleted';
export type Controller = 'IDE' | 'SCSI';

/** A VHD holds at most 2040 GB (binary gigabytes, as Hyper-V counts them). */
export const VHD_MAX_BYTES = 2040 * 2 ** 30;
/** A VHDX holds at most 64 TB. */
export const VHDX_MAX_BYTES = 64 * 2 ** 40;
/** Block size of a dynamic or differencing VHD. */
export const VHD_BLOCK_BYTES = 2 * MiB;
/** Default block size of a dynamic or differencing VHDX. */
export const VHDX_BLOCK_BYTES = 32 * MiB;
/** Header and footer of a VHD file (footer, dynamic header, footer copy). */
export const VHD_HEADER_BYTES = 2 * KiB;
/** Header, log and metadata regions of a VHDX file (an empty VHDX is 4 MiB). */
export const VHDX_HEADER_BYTES = 4 * MiB;

export interface DiskFile {
  readonly id: string;
  /** File name as shown, e.g. "SQL01.vhdx" or "SQL01_1.avhdx". */
  readonly name: string;
  readonly format: DiskFormat;
  readonly type: DiskType;
  /** The parent file of a differencing disk; null for any other type. */
  readonly parent: string | null;
  /** Size of the disk the guest sees. */
  readonly virtualBytes: number;
  /** Allocation unit; a whole chain shares the block size of its base. */
  readonly blockBytes: number;
  /** Sparse block map: block index -> version of the data there (0 = zeros). */
  readonly blocks: Readonly<Record<number, number>>;
  /** Fully allocated from creation (fixed and pass-through), whatever the block map holds. */
  readonly preallocated: boolean;
  readonly state: FileState;
}

export type DiskSet = Readonly<Record<string, DiskFile>>;

export interface Refusal {
  readonly ok: false;
  readonly reason: string;
}
export type Result<T> = ({ readonly ok: true } & T) | Refusal;

function refuse(reason: string): Refusal {
  return { ok: false, reason };
}

/** The largest virtual size a format allows. */
export function maxBytes(format: DiskFormat): number {
  return format === 'vhd' ? VHD_MAX_BYTES : VHDX_MAX_BYTES;
}

/** The block size of a format. */
export function blockBytesOf(format: DiskFormat): number {
  return format === 'vhd' ? VHD_BLOCK_BYTES : VHDX_BLOCK_BYTES;
}

/** The header and footer bytes a file of this format carries beside its data. */
export function headerBytes(format: DiskFormat): number {
  return format === 'vhd' ? VHD_HEADER_BYTES : VHDX_HEADER_BYTES;
}

/** A disk size in binary units, as Hyper-V Manager shows it ("2040 GB", "64 TB", "512 MB"). */
export function diskSizeLabel(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let unit = 0;
  // Move to the next unit when the figure stays whole there, or is large (2040 GB stays in GB).
  while (
    value >= 1024 &&
    unit < units.length - 1 &&
    (Number.isInteger(value / 1024) || value >= 10 * 1024)
  ) {
    value /= 1024;
    unit += 1;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${text} ${units[unit]}`;
}

function limitRefusal(format: DiskFormat, type: DiskType, bytes: number): Refusal | null {
  if (!(bytes > 0) || !Number.isFinite(bytes)) return refuse('A disk must have a size above zero');
  if (type === 'passthrough') return null;
  if (bytes > maxBytes(format)) {
    return refuse(`A ${format.toUpperCase()} can be at most ${diskSizeLabel(maxBytes(format))}`);
  }
  return null;
}

/** The number of blocks a disk's virtual size spans. */
export function blockCount(file: DiskFile): number {
  return Math.ceil(file.virtualBytes / file.blockBytes);
}

function blockIndices(blocks: Readonly<Record<number, number>>): number[] {
  return Object.keys(blocks)
    .map(Number)
    .sort((a, b) => a - b);
}

function setFile(set: DiskSet, file: DiskFile): DiskSet {
  return { ...set, [file.id]: file };
}

function liveFile(set: DiskSet, id: string): DiskFile | Refusal {
  const file = set[id];
  if (!file) return refuse(`There is no disk file ${id}`);
  if (file.state === 'deleted') return refuse(`${file.name} has been deleted`);
  return file;
}

function isRefusal(x: DiskFile | Refusal): x is Refusal {
  return 'ok' in x;
}

export interface NewDisk {
  id: string;
  name: string;
  format: DiskFormat;
  type: Exclude<DiskType, 'differencing'>;
  virtualBytes: number;
}

/** Create a fixed, dynamic or pass-through disk in the set (within its format's size limit). */
export function createDisk(set: DiskSet, spec: NewDisk): Result<{ set: DiskSet; file: DiskFile }> {
  if (set[spec.id]) return refuse(`A disk file with id ${spec.id} already exists`);
  const limit = limitRefusal(spec.format, spec.type, spec.virtualBytes);
  if (limit) return limit;
  const file: DiskFile = {
    id: spec.id,
    name: spec.name,
    format: spec.format,
    type: spec.type,
    parent: null,
    virtualBytes: spec.virtualBytes,
    blockBytes: blockBytesOf(spec.format),
    blocks: {},
    preallocated: spec.type !== 'dynamic',
    state: 'in use',
  };
  return { ok: true, set: setFile(set, file), file };
}

/** Add a differencing disk whose parent is `parentId` (the parent becomes read-only). */
export function addDifferencing(
  set: DiskSet,
  parentId: string,
  newId: string,
  name: string,
): Result<{ set: DiskSet; file: DiskFile }> {
  const parent = liveFile(set, parentId);
  if (isRefusal(parent)) return parent;
  if (parent.type === 'passthrough') {
    return refuse('Pass-through disks support no differencing disks or snapshots');
  }
  if (set[newId]) return refuse(`A disk file with id ${newId} already exists`);
  const file: DiskFile = {
    id: newId,
    name,
    format: parent.format,
    type: 'differencing',
    parent: parentId,
    virtualBytes: parent.virtualBytes,
    blockBytes: parent.blockBytes,
    blocks: {},
    preallocated: false,
    state: 'in use',
  };
  const frozen: DiskFile = parent.state === 'in use' ? { ...parent, state: 'read-only' } : parent;
  return { ok: true, set: setFile(setFile(set, frozen), file), file };
}

/** The files a reader of `leafId` reads through, leaf first, base last. */
export function chainOf(set: DiskSet, leafId: string): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let id: string | null = leafId;
  while (id !== null && !seen.has(id)) {
    const file: DiskFile | undefined = set[id];
    if (!file) break;
    chain.push(id);
    seen.add(id);
    id = file.parent;
  }
  return chain;
}

/** The files (not deleted) whose parent is `id`, in the set's order. */
export function childrenOf(set: DiskSet, id: string): string[] {
  return Object.values(set)
    .filter((f) => f.parent === id && f.state !== 'deleted')
    .map((f) => f.id);
}

/** The version a reader of `leafId` sees at block `index`: child first, then each parent; 0 if none holds it. */
export function readBlock(set: DiskSet, leafId: string, index: number): number {
  for (const id of chainOf(set, leafId)) {
    const v = set[id]?.blocks[index];
    if (v !== undefined) return v;
  }
  return 0;
}

/** The whole logical disk a reader of `leafId` sees, as a sparse map of its non-zero blocks. */
export function readImage(set: DiskSet, leafId: string): Record<number, number> {
  const image: Record<number, number> = {};
  for (const id of chainOf(set, leafId).reverse()) {
    const blocks = set[id]?.blocks ?? {};
    for (const key of Object.keys(blocks)) {
      const index = Number(key);
      image[index] = blocks[index] as number;
    }
  }
  for (const key of Object.keys(image)) if (image[Number(key)] === 0) delete image[Number(key)];
  return image;
}

function writeRefusal(set: DiskSet, leafId: string, indices: readonly number[], version: number) {
  const leaf = liveFile(set, leafId);
  if (isRefusal(leaf)) return leaf;
  if (leaf.state === 'read-only') return refuse(`${leaf.name} is read-only`);
  if (childrenOf(set, leafId).length > 0) {
    return refuse(`${leaf.name} has differencing children: writes go to the newest child`);
  }
  if (!Number.isInteger(version) || version < 0)
    return refuse('A version is a whole number from 0');
  const n = blockCount(leaf);
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      return refuse(`Block ${i} lies outside the disk (blocks 0 to ${n - 1})`);
    }
  }
  return leaf;
}

function withBlocks(file: DiskFile, indices: readonly number[], version: number): DiskFile {
  const blocks: Record<number, number> = { ...file.blocks };
  // A preallocated disk with no parent reads zeros where nothing was written: no entry needed.
  const dropZeros = file.preallocated && file.parent === null;
  for (const i of indices) {
    if (version === 0 && dropZeros) delete blocks[i];
    else blocks[i] = version;
  }
  return { ...file, blocks };
}

/** Write `version` at `indices` of the leaf (the writable end of its chain); parents are untouched. */
export function writeBlocks(
  set: DiskSet,
  leafId: string,
  indices: readonly number[],
  version: number,
): Result<{ set: DiskSet }> {
  const leaf = writeRefusal(set, leafId, indices, version);
  if (isRefusal(leaf)) return leaf;
  return { ok: true, set: setFile(set, withBlocks(leaf, indices, version)) };
}

/** The guest frees data: zeros are written in the leaf; a dynamic disk keeps the blocks allocated until compacted. */
export function freeBlocks(
  set: DiskSet,
  leafId: string,
  indices: readonly number[],
): Result<{ set: DiskSet }> {
  return writeBlocks(set, leafId, indices, 0);
}

/** Bytes of data space the file holds on the host (fixed: all of it; pass-through: none, it is no file). */
export function allocatedBytes(file: DiskFile): number {
  if (file.state === 'deleted' || file.type === 'passthrough') return 0;
  if (file.preallocated) return file.virtualBytes;
  return Object.keys(file.blocks).length * file.blockBytes;
}

/** The file's size on the host: allocated data plus header and footer (0 for pass-through or deleted). */
export function sizeOnHost(file: DiskFile): number {
  if (file.state === 'deleted' || file.type === 'passthrough') return 0;
  return allocatedBytes(file) + headerBytes(file.format);
}

/** Reclaim a dynamic disk's blocks that hold only zeros (what the reader sees does not change). */
export function compact(
  set: DiskSet,
  id: string,
): Result<{ set: DiskSet; reclaimedBytes: number }> {
  const file = liveFile(set, id);
  if (isRefusal(file)) return file;
  if (file.type !== 'dynamic') return refuse('Only a dynamically expanding disk can be compacted');
  if (childrenOf(set, id).length > 0) {
    return refuse('A disk with differencing children cannot be compacted');
  }
  const blocks: Record<number, number> = {};
  let reclaimed = 0;
  for (const i of blockIndices(file.blocks)) {
    const v = file.blocks[i] as number;
    if (v === 0) reclaimed += 1;
    else blocks[i] = v;
  }
  return {
    ok: true,
    set: setFile(set, { ...file, blocks }),
    reclaimedBytes: reclaimed * file.blockBytes,
  };
}

function resizeRefusal(set: DiskSet, id: string): DiskFile | Refusal {
  const file = liveFile(set, id);
  if (isRefusal(file)) return file;
  if (file.type === 'passthrough') return refuse('A pass-through disk is resized on its storage');
  if (file.type === 'differencing') {
    return refuse('A differencing disk takes its size from its parent');
  }
  if (childrenOf(set, id).length > 0) {
    return refuse('A disk with differencing children cannot be resized');
  }
  return file;
}

/** Grow a fixed or dynamic disk to `newVirtualBytes` (within its format's limit). */
export function expand(
  set: DiskSet,
  id: string,
  newVirtualBytes: number,
): Result<{ set: DiskSet }> {
  const file = resizeRefusal(set, id);
  if (isRefusal(file)) return file;
  if (newVirtualBytes <= file.virtualBytes) {
    return refuse('A disk can only be expanded to a larger size');
  }
  const limit = limitRefusal(file.format, file.type, newVirtualBytes);
  if (limit) return limit;
  return { ok: true, set: setFile(set, { ...file, virtualBytes: newVirtualBytes }) };
}

/** Shrink a VHDX to `newVirtualBytes`, not below `minBytes` (the space its volume uses); blocks past the end are dropped. */
export function shrink(
  set: DiskSet,
  id: string,
  newVirtualBytes: number,
  minBytes: number,
): Result<{ set: DiskSet }> {
  const file = resizeRefusal(set, id);
  if (isRefusal(file)) return file;
  if (file.format !== 'vhdx') return refuse('Only a VHDX can be shrunk');
  if (newVirtualBytes >= file.virtualBytes)
    return refuse('A disk can only be shrunk to a smaller size');
  if (newVirtualBytes < minBytes) {
    return refuse(`A disk can shrink only down to its minimum size (${diskSizeLabel(minBytes)})`);
  }
  const limit = limitRefusal(file.format, file.type, newVirtualBytes);
  if (limit) return limit;
  const end = Math.ceil(newVirtualBytes / file.blockBytes);
  const blocks: Record<number, number> = {};
  for (const i of blockIndices(file.blocks)) if (i < end) blocks[i] = file.blocks[i] as number;
  return { ok: true, set: setFile(set, { ...file, virtualBytes: newVirtualBytes, blocks }) };
}

/** Whether a disk may be resized while the VM runs: a VHDX on a SCSI controller only (2012 R2). */
export function checkOnlineResize(file: DiskFile, controller: Controller): Result<object> {
  if (file.format !== 'vhdx') return refuse('Only a VHDX can be resized while the VM runs');
  if (controller !== 'SCSI') {
    return refuse('Only a disk on a SCSI controller can be resized while the VM runs');
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Merging a differencing disk into its parent, block by block.

/** The blocks a merge of `childId` into its parent copies, in the order it copies them (ascending index). */
export function mergeOrder(set: DiskSet, childId: string): number[] {
  const child = set[childId];
  return child ? blockIndices(child.blocks) : [];
}

function mergePair(set: DiskSet, childId: string): { child: DiskFile; parent: DiskFile } | Refusal {
  const child = liveFile(set, childId);
  if (isRefusal(child)) return child;
  if (child.parent === null) return refuse(`${child.name} has no parent to merge into`);
  const parent = liveFile(set, child.parent);
  if (isRefusal(parent)) return parent;
  if (childrenOf(set, parent.id).length !== 1) {
    return refuse(
      `${child.name} can be merged only into a parent it is the only child of: the others read ${parent.name}`,
    );
  }
  return { child, parent };
}

/**
 * Copy into the parent the child's blocks whose position in mergeOrder is below `upTo` (from
 * position `from`, default 0). Repeatable, and no reader's view changes: the child still overlays
 * every copied block. The parent's state becomes 'merging'.
 */
export function mergeStep(
  set: DiskSet,
  childId: string,
  upTo: number,
  from = 0,
): Result<{ set: DiskSet }> {
  const pair = mergePair(set, childId);
  if ('ok' in pair) return pair;
  const { child, parent } = pair;
  const blocks: Record<number, number> = { ...parent.blocks };
  for (const i of mergeOrder(set, childId).slice(Math.max(0, from), Math.max(0, upTo))) {
    blocks[i] = child.blocks[i] as number;
  }
  return { ok: true, set: setFile(set, { ...parent, blocks, state: 'merging' }) };
}

/** Bytes a merge of `childId` still moves from position `cursor` of its mergeOrder. */
export function mergeBytes(set: DiskSet, childId: string, cursor = 0): number {
  const child = set[childId];
  if (!child) return 0;
  return Math.max(0, mergeOrder(set, childId).length - cursor) * child.blockBytes;
}

/** Seconds to move `bytes` at `bandwidthBytesPerS` (never without bandwidth). */
export function mergeSeconds(bytes: number, bandwidthBytesPerS: number): number {
  if (bytes <= 0) return 0;
  return bandwidthBytesPerS > 0 ? bytes / bandwidthBytesPerS : Number.POSITIVE_INFINITY;
}

/** Blocks of `n` a merge has copied `elapsedS` into its `durationS` (a linear copy, block by block). */
export function mergeCursorAt(n: number, elapsedS: number, durationS: number): number {
  if (durationS <= 0) return n;
  return Math.max(0, Math.min(n, Math.floor((elapsedS / durationS) * n)));
}

/**
 * A guest write to `leafId` while it is being merged into its parent with the merge at `cursor`
 * (Windows Server 2012 live merge). The write lands in the leaf; a block whose position in the
 * leaf's mergeOrder (counted after the write) is below the cursor has already been copied, so the
 * write is mirrored into the parent too. Invariant kept: every block below the cursor holds the same
 * data in child and parent, so finishing the merge keeps the newest data.
 */
export function writeDuringMerge(
  set: DiskSet,
  leafId: string,
  indices: readonly number[],
  version: number,
  cursor: number,
): Result<{ set: DiskSet; mirrored: number[] }> {
  const pair = mergePair(set, leafId);
  if ('ok' in pair) return pair;
  const checked = writeRefusal(set, leafId, indices, version);
  if (isRefusal(checked)) return checked;
  const { child, parent } = pair;
  const order = blockIndices(child.blocks);
  const childBlocks: Record<number, number> = { ...child.blocks };
  const parentBlocks: Record<number, number> = { ...parent.blocks };
  const mirrored: number[] = [];
  for (const i of indices) {
    // The block's position in the child's (sorted) order, inserting it if it is new there.
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((order[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    if (order[lo] !== i) order.splice(lo, 0, i);
    childBlocks[i] = version;
    if (lo < cursor) {
      parentBlocks[i] = version;
      if (!mirrored.includes(i)) mirrored.push(i);
    }
  }
  return {
    ok: true,
    set: setFile(setFile(set, { ...parent, blocks: parentBlocks }), {
      ...child,
      blocks: childBlocks,
    }),
    mirrored,
  };
}

/**
 * Finish merging `childId` into its parent: copy the blocks from position `cursor` of mergeOrder
 * on (those before it are trusted to be copied already: default 0, copy all), hang the child's
 * children on the parent and mark the child 'deleted' (kept in the set with an empty block map).
 * The parent becomes 'in use' if it is now a leaf, else 'read-only'; callers that know better
 * (who owns what) set it afterwards. Readers of the child must be pointed at the parent.
 */
export function finishMerge(
  set: DiskSet,
  childId: string,
  cursor = 0,
): Result<{ set: DiskSet; parent: string }> {
  const step = mergeStep(set, childId, Number.POSITIVE_INFINITY, cursor);
  if (!step.ok) return step;
  const child = step.set[childId] as DiskFile;
  const parentId = child.parent as string;
  const out: Record<string, DiskFile> = {};
  let parentHasChildren = false;
  for (const f of Object.values(step.set)) {
    if (f.id === childId) out[f.id] = { ...f, state: 'deleted', blocks: {} };
    else if (f.parent === childId) {
      out[f.id] = f.state === 'deleted' ? f : { ...f, parent: parentId };
      if (f.state !== 'deleted') parentHasChildren = true;
    } else out[f.id] = f;
  }
  const parent = out[parentId] as DiskFile;
  out[parentId] = { ...parent, state: parentHasChildren ? 'read-only' : 'in use' };
  return { ok: true, set: out, parent: parentId };
}

/** Mark a file deleted (kept in the set with an empty block map, for the "Disk files" table). */
export function markDeleted(set: DiskSet, id: string): DiskSet {
  const file = set[id];
  if (!file || file.state === 'deleted') return set;
  return setFile(set, { ...file, state: 'deleted', blocks: {} });
}

/** The set without its deleted files. */
export function purgeDeleted(set: DiskSet): DiskSet {
  const out: Record<string, DiskFile> = {};
  for (const f of Object.values(set)) if (f.state !== 'deleted') out[f.id] = f;
  return out;
}
