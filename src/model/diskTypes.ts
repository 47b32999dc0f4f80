/**
 * The virtual disk types panel's scenario and rules (CATALOG 2.1, seeds 002 and 000): one VM,
 * APP01, running on a Windows Server 2012 R2 host, and the data disk the user creates for it:
 * fixed-size VHD, dynamically expanding VHD, differencing VHD (a child of a parent that holds a
 * template's data), pass-through disk (a physical disk or SAN LUN, offline to the host) or VHDX
 * (dynamically expanding), on the VM's IDE or SCSI controller. The guest writes and deletes data;
 * the user compacts, expands, adds a differencing disk and merges one.
 *
 * The files and their blocks are `vdisk.ts` (its rules refuse what the posters rule out: a VHD
 * above 2040 GB, a VHDX above 64 TB, a differencing disk on a pass-through disk, compacting
 * anything but a dynamically expanding disk); this module only builds the session's disk, chooses
 * what each press writes or deletes, and times each operation. Figures marked "assumption" are the
 * product's, not the posters'.
 */
import { createRng } from './random';
import { singleHostWorld } from './singleHost';
import { GiB, MiB } from './units';
import {
  addDifferencing,
  allocatedBytes,
  blockCount,
  type Controller,
  compact,
  createDisk,
  type DiskFile,
  type DiskSet,
  expand,
  finishMerge,
  freeBlocks,
  mergeBytes,
  mergeOrder,
  mergeSeconds,
  mergeStep,
  purgeDeleted,
  type Refusal,
  type Result,
  readImage,
  sizeOnHost,
  writeBlocks,
} from './vdisk';
import type { World } from './world';

export type DiskTypeKey = 'fixed' | 'dynamic' | 'differencing' | 'passthrough' | 'vhdx';

/** The "Disk type" select's options, in the CONTRACT's order. */
export const DISK_TYPE_KEYS: readonly DiskTypeKey[] = [
  'fixed',
  'dynamic',
  'differencing',
  'passthrough',
  'vhdx',
];

/** The "Disk type" select's labels (CONTRACT). */
export const DISK_TYPE_LABELS: Readonly<Record<DiskTypeKey, string>> = {
  fixed: 'Fixed-size VHD',
  dynamic: 'Dynamically expanding VHD',
  differencing: 'Differencing VHD',
  passthrough: 'Pass-through disk',
  vhdx: 'VHDX',
};

export const CONTROLLERS: readonly Controller[] = ['IDE', 'SCSI'];

export const DT_HOST = 'host-1';
export const DT_VM = 'vm-1';
export const DT_VOLUME = 'vol-d';

/** The host's number for the physical disk (a SAN LUN) a pass-through disk gives the VM. */
export const PASS_THROUGH_DISK_NUMBER = 2;

/** How long each part of the disk operations lasts (s), and the host volume's speed. */
export const DISK_TIMINGS = {
  /**
   * Assumption: the host volume writes (and reads) 200 MiB/s: the zeros of a fixed disk, guest
   * data, a merge's blocks (read from the child, written to the parent), compaction.
   */
  diskBytesPerS: 200 * MiB,
  /** Assumption: a file's header, footer and block table are written. */
  createFileS: 0.3,
  /** Assumption: a physical disk is taken offline in the management OS. */
  offlineS: 1,
  /** Assumption: a dynamic disk's block table is set up (no data space is allocated). */
  blockTableS: 0.1,
  /** Assumption: a disk is added to the VM's SCSI controller while it runs. */
  attachS: 0.5,
  /** Assumption: the guest operating system shuts down. */
  shutdownS: 6,
  /** Assumption: the guest boots. */
  bootS: 20,
  /** Assumption: the VHD driver allocates new blocks in the file (per write). */
  allocateS: 0.2,
  /** Assumption: the guest deletes files (file system metadata only). */
  deleteS: 0.5,
  /** Assumption: a disk's header is rewritten with its new size. */
  resizeHeaderS: 0.2,
  /** Assumption: the VM's configuration is pointed at another disk file. */
  repointS: 0.2,
  /** Assumption: a lost storage path comes back (the VM waits paused meanwhile). */
  storageOutageS: 5,
} as const;

/** The share of a disk's blocks one "Write data" writes (one eighth of the disk)... */
export const WRITE_SHARE = 1 / 8;
/** ...but at most this many blocks (128 GiB of a VHDX), so a 64 TB disk stays drawable. */
export const WRITE_MAX_BLOCKS = 4096;
/** A write lands in this many runs of consecutive blocks (guests write extents). */
export const WRITE_RUNS = 4;
/** The share of a differencing disk's parent that holds data: the template's operating system... */
export const TEMPLATE_FILL = 0.25;
/** ...at most this many blocks (16 GiB of a VHD), so a large disk stays drawable. */
export const TEMPLATE_MAX_BLOCKS = 8192;
/** "Expand disk" doubles the virtual size (the refusal names the format's limit when it cannot). */
export const EXPAND_FACTOR = 2;

/** Data version of the template's blocks; the guest's n-th write (from 0) carries n + 2. */
export const TEMPLATE_VERSION = 1;

/** The VM's disk: its files (a chain for differencing), and what it was created as. */
export interface DiskSession {
  /** The files of the VM's disk (merged children are dropped). */
  files: DiskSet;
  /** The file the VM reads through and writes to (null: no disk yet). */
  leaf: string | null;
  /** The type it was created as (null: no disk yet). */
  kind: DiskTypeKey | null;
  controller: Controller;
  /** Guest writes so far (each write's data has its own version). */
  writes: number;
  /** Files created so far (names differencing children, gives ids). */
  nextFile: number;
}

export interface DiskTypesInput {
  world: World;
  vm: string;
  host: string;
  volume: string;
  /** Size of the disk "Create disk" makes (the URL's `diskGiB`). */
  diskBytes: number;
  seed: number;
  /** What a Create disk without a choice makes (the settings' defaults). */
  defaultKind: DiskTypeKey;
  defaultController: Controller;
}

/** The panel's world: HV-1 (Windows Server 2012 R2, so VHDX exists) running APP01 from volume D:. */
export function diskTypesWorld(): World {
  return singleHostWorld({
    host: DT_HOST,
    volume: DT_VOLUME,
    os: '2012R2',
    vm: { id: DT_VM, name: 'APP01', mac: '00-15-5D-01-02-21', memoryBytes: 2 * GiB, disks: [] },
  });
}

/** The panel's input: the world, the size to create, the seed and the settings' defaults. */
export function diskTypesInput(
  diskBytes: number,
  seed: number,
  defaults: { kind: DiskTypeKey; controller: Controller } = { kind: 'dynamic', controller: 'SCSI' },
): DiskTypesInput {
  return {
    world: diskTypesWorld(),
    vm: DT_VM,
    host: DT_HOST,
    volume: DT_VOLUME,
    diskBytes,
    seed,
    defaultKind: defaults.kind,
    defaultController: defaults.controller,
  };
}

/** No disk yet. */
export function emptySession(controller: Controller = 'SCSI'): DiskSession {
  return { files: {}, leaf: null, kind: null, controller, writes: 0, nextFile: 1 };
}

const refuse = (reason: string): Refusal => ({ ok: false, reason });

/** The file the VM uses, if it has a disk. */
export function leafOf(s: DiskSession): DiskFile | undefined {
  return s.leaf ? s.files[s.leaf] : undefined;
}

/** The pass-through disk's name as the host numbers it. */
export const passThroughName = () => `Disk ${PASS_THROUGH_DISK_NUMBER}`;

/**
 * A new disk of `kind` for the VM (replacing any it had), `bytes` in size. A differencing disk
 * is made with its parent: a dynamically expanding VHD holding a template's data.
 */
export function createSession(
  kind: DiskTypeKey,
  controller: Controller,
  bytes: number,
  vmName: string,
): Result<{ session: DiskSession }> {
  const base = { virtualBytes: bytes };
  const spec = {
    fixed: { ...base, id: 'd1', name: `${vmName}.vhd`, format: 'vhd', type: 'fixed' },
    dynamic: { ...base, id: 'd1', name: `${vmName}.vhd`, format: 'vhd', type: 'dynamic' },
    vhdx: { ...base, id: 'd1', name: `${vmName}.vhdx`, format: 'vhdx', type: 'dynamic' },
    passthrough: {
      ...base,
      id: 'd1',
      name: passThroughName(),
      format: 'vhdx',
      type: 'passthrough',
    },
    differencing: {
      ...base,
      id: 'd1',
      name: `${vmName}-parent.vhd`,
      format: 'vhd',
      type: 'dynamic',
    },
  } as const;
  const made = createDisk({}, spec[kind]);
  if (!made.ok) return made;
  const session: DiskSession = {
    files: made.set,
    leaf: 'd1',
    kind,
    controller,
    writes: 0,
    nextFile: 2,
  };
  if (kind !== 'differencing') return { ok: true, session };
  const blocks: Record<number, number> = {};
  const n = blockCount(made.file);
  const fill = Math.min(TEMPLATE_MAX_BLOCKS, Math.floor(n * TEMPLATE_FILL));
  for (let i = 0; i < fill; i += 1) blocks[i] = TEMPLATE_VERSION;
  const parent = { ...made.file, blocks };
  const child = addDifferencing({ d1: parent }, 'd1', 'd2', `${vmName}.vhd`);
  if (!child.ok) return child;
  return { ok: true, session: { ...session, files: child.set, leaf: 'd2', nextFile: 3 } };
}

/** How many blocks one "Write data" writes on this disk. */
export function writeCount(file: DiskFile): number {
  return Math.min(WRITE_MAX_BLOCKS, Math.ceil(blockCount(file) * WRITE_SHARE));
}

/**
 * The blocks the guest's next write lands on: `WRITE_RUNS` runs of consecutive blocks that hold
 * no data yet, each from a seeded start (the same seed and count give the same blocks).
 */
export function writePlan(s: DiskSession, seed: number): Result<{ blocks: number[] }> {
  const leaf = leafOf(s);
  if (!leaf || !s.leaf) return refuse('There is no disk yet: create one first');
  const image = readImage(s.files, s.leaf);
  const n = blockCount(leaf);
  const want = writeCount(leaf);
  const rng = createRng((seed ^ Math.imul(s.writes + 1, 0x9e3779b1)) >>> 0);
  const picked = new Set<number>();
  for (let run = 0; run < WRITE_RUNS && picked.size < want; run += 1) {
    const len = Math.ceil((want - picked.size) / (WRITE_RUNS - run));
    let b = rng.int(n);
    let got = 0;
    for (let seen = 0; seen < n && got < len; seen += 1, b = (b + 1) % n) {
      if (image[b] === undefined && !picked.has(b)) {
        picked.add(b);
        got += 1;
      }
    }
  }
  if (picked.size === 0) return refuse('The disk is full: delete data first');
  return { ok: true, blocks: [...picked].sort((a, b) => a - b) };
}

/** The guest's next write (see `writePlan`), landing in the leaf with its own version. */
export function writeData(
  s: DiskSession,
  seed: number,
): Result<{ session: DiskSession; blocks: number[]; newBlocks: number }> {
  const plan = writePlan(s, seed);
  if (!plan.ok) return plan;
  const leaf = leafOf(s) as DiskFile;
  const r = writeBlocks(s.files, leaf.id, plan.blocks, s.writes + 2);
  if (!r.ok) return r;
  const newBlocks = leaf.preallocated
    ? 0
    : plan.blocks.filter((b) => leaf.blocks[b] === undefined).length;
  return {
    ok: true,
    session: { ...s, files: r.set, writes: s.writes + 1 },
    blocks: plan.blocks,
    newBlocks,
  };
}

/** The blocks the guest deletes next: all of its oldest data still on the disk. */
export function deletePlan(s: DiskSession): Result<{ blocks: number[]; version: number }> {
  if (!s.leaf || !leafOf(s)) return refuse('There is no disk yet: create one first');
  const image = readImage(s.files, s.leaf);
  let oldest = Number.POSITIVE_INFINITY;
  for (const v of Object.values(image)) if (v < oldest) oldest = v;
  if (!Number.isFinite(oldest)) return refuse('There is no data on the disk to delete');
  const blocks = Object.keys(image)
    .map(Number)
    .filter((b) => image[b] === oldest)
    .sort((a, b) => a - b);
  return { ok: true, blocks, version: oldest };
}

/** The guest deletes its oldest data (zeros in the leaf; a dynamic file keeps the blocks). */
export function deleteData(s: DiskSession): Result<{ session: DiskSession; blocks: number[] }> {
  const plan = deletePlan(s);
  if (!plan.ok) return plan;
  const r = freeBlocks(s.files, s.leaf as string, plan.blocks);
  if (!r.ok) return r;
  return { ok: true, session: { ...s, files: r.set }, blocks: plan.blocks };
}

/** Compact the VM's disk (a dynamically expanding disk only, `vdisk.compact`'s rule). */
export function compactDisk(
  s: DiskSession,
): Result<{ session: DiskSession; reclaimedBytes: number }> {
  if (!s.leaf) return refuse('There is no disk yet: create one first');
  const r = compact(s.files, s.leaf);
  if (!r.ok) return r;
  return { ok: true, session: { ...s, files: r.set }, reclaimedBytes: r.reclaimedBytes };
}

/** The size "Expand disk" asks for. */
export function expandTarget(file: DiskFile): number {
  return file.virtualBytes * EXPAND_FACTOR;
}

/** Expand the VM's disk to `expandTarget` (within its format's limit, `vdisk.expand`'s rules). */
export function expandDisk(
  s: DiskSession,
): Result<{ session: DiskSession; from: number; to: number }> {
  const leaf = leafOf(s);
  if (!leaf) return refuse('There is no disk yet: create one first');
  const to = expandTarget(leaf);
  const r = expand(s.files, leaf.id, to);
  if (!r.ok) return r;
  return { ok: true, session: { ...s, files: r.set }, from: leaf.virtualBytes, to };
}

/** The name of the session's next differencing child: "APP01-diff2.vhd". */
function childName(s: DiskSession, leaf: DiskFile, vmName: string): string {
  return `${vmName}-diff${s.nextFile}.${leaf.format === 'vhd' ? 'vhd' : 'vhdx'}`;
}

/** A differencing child of the VM's disk; the VM writes to it, the parent becomes read-only. */
export function addDifferencingDisk(
  s: DiskSession,
  vmName: string,
): Result<{ session: DiskSession; child: string }> {
  const leaf = leafOf(s);
  if (!leaf) return refuse('There is no disk yet: create one first');
  const id = `d${s.nextFile}`;
  const r = addDifferencing(s.files, leaf.id, id, childName(s, leaf, vmName));
  if (!r.ok) return r;
  return {
    ok: true,
    session: { ...s, files: r.set, leaf: id, nextFile: s.nextFile + 1 },
    child: id,
  };
}

/** What merging the VM's differencing disk into its parent moves: the blocks in order, and how long. */
export function mergePlan(
  s: DiskSession,
): Result<{ child: string; parent: string; order: number[]; bytes: number; seconds: number }> {
  const leaf = leafOf(s);
  if (!leaf) return refuse('There is no disk yet: create one first');
  const check = mergeStep(s.files, leaf.id, 0);
  if (!check.ok) return check;
  const bytes = mergeBytes(s.files, leaf.id);
  return {
    ok: true,
    child: leaf.id,
    parent: leaf.parent as string,
    order: mergeOrder(s.files, leaf.id),
    bytes,
    seconds: mergeSeconds(bytes, DISK_TIMINGS.diskBytesPerS),
  };
}

/** The merge with its first `upTo` blocks copied into the parent (the parent is 'merging'). */
export function mergeUpTo(s: DiskSession, upTo: number): DiskSession {
  if (!s.leaf) return s;
  const r = mergeStep(s.files, s.leaf, upTo);
  return r.ok ? { ...s, files: r.set } : s;
}

/** Finish the merge: every block in the parent, the child removed, the VM on the parent. */
export function finishMergeDisk(s: DiskSession): Result<{ session: DiskSession }> {
  if (!s.leaf) return refuse('There is no disk yet: create one first');
  const r = finishMerge(s.files, s.leaf);
  if (!r.ok) return r;
  return { ok: true, session: { ...s, files: purgeDeleted(r.set), leaf: r.parent } };
}

/**
 * A merge stopped part way: the blocks already copied stay in the parent (the child still
 * overlays each of them, so no reader sees a change), the parent is read-only again.
 */
export function abortMerge(s: DiskSession): DiskSession {
  const out: Record<string, DiskFile> = {};
  for (const f of Object.values(s.files))
    out[f.id] = f.state === 'merging' ? { ...f, state: 'read-only' } : f;
  return { ...s, files: out };
}

// ---- figures -----------------------------------------------------------------------------------

/** The files of the VM's disk from its base to the leaf (the chain reads walk, in reverse). */
export function chainFiles(s: DiskSession): DiskFile[] {
  const out: DiskFile[] = [];
  let id = s.leaf;
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    const f: DiskFile | undefined = s.files[id];
    if (!f) break;
    out.unshift(f);
    seen.add(id);
    id = f.parent;
  }
  return out;
}

/** Bytes of data the guest reads from its disk (blocks that hold anything but zeros). */
export function guestDataBytes(s: DiskSession): number {
  const leaf = leafOf(s);
  if (!leaf || !s.leaf) return 0;
  return Object.keys(readImage(s.files, s.leaf)).length * leaf.blockBytes;
}

/** Bytes a dynamically expanding file keeps allocated for data the guest has deleted (compacting reclaims them). */
export function reclaimableBytes(s: DiskSession): number {
  let sum = 0;
  for (const f of Object.values(s.files)) {
    if (f.type !== 'dynamic' || f.state === 'deleted') continue;
    for (const v of Object.values(f.blocks)) if (v === 0) sum += f.blockBytes;
  }
  return sum;
}

/** Size of every file of the disk on the host volume (0 for a pass-through disk: it is no file). */
export function hostBytes(s: DiskSession): number {
  return Object.values(s.files).reduce((sum, f) => sum + sizeOnHost(f), 0);
}

// ---- timings -----------------------------------------------------------------------------------

const atDiskSpeed = (bytes: number) => bytes / DISK_TIMINGS.diskBytesPerS;

/** Step 1 of creating: the file (or, for pass-through, taking the physical disk offline). */
export function createFileS(kind: DiskTypeKey): number {
  return kind === 'passthrough' ? DISK_TIMINGS.offlineS : DISK_TIMINGS.createFileS;
}

/** Step 2 of creating: a fixed disk writes its whole size; the others only set up a block table. */
export function allocateS(kind: DiskTypeKey, bytes: number): number {
  return kind === 'fixed' ? atDiskSpeed(bytes) : DISK_TIMINGS.blockTableS;
}

/** Step 3 of creating: SCSI while the VM runs; IDE only with the VM off (shut down, attach, boot). */
export function attachS(controller: Controller): number {
  return controller === 'SCSI'
    ? DISK_TIMINGS.attachS
    : DISK_TIMINGS.shutdownS + DISK_TIMINGS.attachS + DISK_TIMINGS.bootS;
}

/** Writing `blocks` of `file`: the data at the volume's speed. */
export function writeS(file: DiskFile, blocks: number): number {
  return atDiskSpeed(blocks * file.blockBytes);
}

/** Compacting: the allocated data is read to find zero blocks... */
export function compactScanS(file: DiskFile): number {
  return atDiskSpeed(allocatedBytes(file));
}

/** ...then the blocks still in use are moved together and the file cut short. */
export function compactMoveS(file: DiskFile): number {
  const kept = Object.values(file.blocks).filter((v) => v !== 0).length;
  return atDiskSpeed(kept * file.blockBytes);
}

/** Expanding: a fixed disk writes zeros over its new space; others rewrite their header. */
export function expandS(file: DiskFile, to: number): number {
  return DISK_TIMINGS.resizeHeaderS + (file.preallocated ? atDiskSpeed(to - file.virtualBytes) : 0);
}

/**
 * A file's size on the host in binary units as Explorer shows it, rounded: "2 KB", "4 MB",
 * "5.1 GB", "40 GB" (one decimal below 10, none above).
 */
export function hostSizeLabel(bytes: number): string {
  if (!(bytes > 0)) return '0 bytes';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit > 0 && value < 10 && !Number.isInteger(Math.round(value * 10) / 10) ? 1 : 0;
  const text = digits === 1 ? (Math.round(value * 10) / 10).toFixed(1) : String(Math.round(value));
  return `${text} ${units[unit]}`;
}
