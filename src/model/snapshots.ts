/**
 * The snapshot panel's scenario and figures (CATALOG 3, seed 002): one VM, SQL01, running on one
 * Hyper-V host with its dynamically expanding VHD on the host's volume; how long each step of taking,
 * applying and deleting a snapshot lasts; what the guest writes when asked to; and how much of its
 * memory is copied on write while the snapshot's memory is saved. The disk files and the tree are
 * `snapshotTree.ts`; this module only sizes and names them.
 *
 * Figures marked "assumption" are the product's, not the poster's (the poster says only that the
 * pause "is not perceivable" and that memory is saved while the VM runs).
 */
import { createRng } from './random';
import { singleHostWorld } from './singleHost';
import { initialSnapshotState, type MergeMode, type SnapshotState } from './snapshotTree';
import { createDisk, type DiskFile } from './vdisk';
import type { World } from './world';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

export const SNAPSHOT_HOST = 'host-1';
export const SNAPSHOT_VM = 'vm-1';
export const SNAPSHOT_VOLUME = 'vol-d';
export const BASE_DISK = 'disk-base';

/** How long each part of the snapshot processes lasts (s), and the host disk's speed. */
export const SNAPSHOT_TIMINGS = {
  /** Assumption: the VM stops running guest code. */
  pauseS: 0.02,
  /** Assumption: an empty AVHD file is created on the volume. */
  createAvhdS: 0.25,
  /** Assumption: the VM's configuration is written for the snapshot. */
  configureS: 0.1,
  /** Assumption: the VM's disk handle is switched to the new AVHD. */
  pointS: 0.02,
  /** Assumption: the VM runs guest code again. */
  resumeS: 0.02,
  /** Assumption: configuration, .vsv and .bin are stored under the snapshot folder. */
  storeS: 0.2,
  /** Assumption: the running state is discarded before a snapshot is applied. */
  discardS: 0.2,
  /** Assumption: the snapshot's configuration and saved state are copied to the VM. */
  copyStateS: 0.5,
  /** Assumption: a snapshot's configuration copy is removed. */
  removeConfigS: 0.1,
  /** Assumption: a snapshot's saved memory (.vsv, .bin) is removed. */
  removeStateS: 0.2,
  /** Assumption: the AVHD's fate is decided (deleted at once, merge pending or kept). */
  judgeS: 0.1,
  /** Assumption: the guest operating system shuts down. */
  shutdownS: 6,
  /** Assumption: the guest boots from a powered-off VM. */
  bootS: 20,
  /** Assumption: a lost storage path comes back (the VM waits paused meanwhile). */
  storageOutageS: 5,
  /** Assumption: a failed host restarts and its Hyper-V service is back. */
  hostRestartS: 45,
  /** Assumption: the host's volume reads and writes this fast (memory save, merges, restores). */
  diskBytesPerS: 200 * MiB,
} as const;

/** The number of blocks a "Write to disk" lands on (the guest writes a few blocks now). */
export const GUEST_WRITE_BLOCKS = 48;

/** The share of the base disk's blocks the guest has written before the first snapshot (its OS and data). */
export const BASE_FILL = 0.3;

/** The figures a user sets (URL parameters). */
export interface SnapshotParams {
  memoryBytes: number;
  /** Distinct guest memory dirtied per second while the memory is saved. */
  dirtyBytesPerS: number;
  diskBytes: number;
}

export interface SnapshotsInput {
  world: World;
  vm: string;
  host: string;
  params: SnapshotParams;
  seed: number;
  tree: SnapshotState;
}

/** The world of the panel: HV-1 with SQL01 running from its VHD on volume D:. */
export function snapshotWorld(p: SnapshotParams): World {
  return singleHostWorld({
    host: SNAPSHOT_HOST,
    volume: SNAPSHOT_VOLUME,
    os: '2008R2',
    vm: {
      id: SNAPSHOT_VM,
      name: 'SQL01',
      mac: '00-15-5D-01-02-03',
      memoryBytes: p.memoryBytes,
      disks: [{ id: BASE_DISK, kind: 'vhd', storage: SNAPSHOT_VOLUME, sizeBytes: p.diskBytes }],
    },
  });
}

/** The VM's base VHD: dynamically expanding, with the guest's first `BASE_FILL` of blocks written. */
export function baseDisk(p: SnapshotParams, vmName: string): DiskFile {
  const made = createDisk(
    {},
    {
      id: BASE_DISK,
      name: `${vmName}.vhd`,
      format: 'vhd',
      type: 'dynamic',
      virtualBytes: p.diskBytes,
    },
  );
  if (!made.ok) throw new Error(made.reason);
  const blocks: Record<number, number> = {};
  const n = Math.ceil(p.diskBytes / made.file.blockBytes);
  for (let i = 0; i < Math.floor(n * BASE_FILL); i += 1) blocks[i] = 1;
  return { ...made.file, blocks };
}

/** The panel's input: the world, the figures and the VM's tree with no snapshot yet. */
export function snapshotsInput(
  p: SnapshotParams,
  mergeMode: MergeMode,
  seed: number,
): SnapshotsInput {
  const world = snapshotWorld(p);
  const vmName = world.vms[SNAPSHOT_VM]?.name ?? SNAPSHOT_VM;
  return {
    world,
    vm: SNAPSHOT_VM,
    host: SNAPSHOT_HOST,
    params: p,
    seed,
    tree: initialSnapshotState({ base: baseDisk(p, vmName), mergeMode, vm: 'running' }),
  };
}

/** The blocks the guest's `n`-th write lands on (seeded: the same seed and count give the same blocks). */
export function guestWriteBlocks(seed: number, n: number, blockCount: number): number[] {
  const rng = createRng((seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0);
  const picked = new Set<number>();
  // Guests write in runs: a few extents of consecutive blocks.
  while (picked.size < Math.min(GUEST_WRITE_BLOCKS, blockCount)) {
    const start = rng.int(blockCount);
    const len = 1 + rng.int(8);
    for (let i = 0; i < len && picked.size < GUEST_WRITE_BLOCKS; i += 1)
      picked.add((start + i) % blockCount);
  }
  return [...picked].sort((a, b) => a - b);
}

/** Seconds to save `memoryBytes` of a running VM's memory to the volume (step 6). */
export function memorySaveS(memoryBytes: number): number {
  return memoryBytes / SNAPSHOT_TIMINGS.diskBytesPerS;
}

/**
 * Bytes of memory copied on write while the memory is saved in address order at the disk's speed
 * and the guest dirties distinct pages at random at `dirtyBytesPerS`: a page at offset x is saved at
 * x / speed, and is copied first if the guest touched it before then, with probability
 * 1 - exp(-dirty * t / memory). Integrated over the memory: M - (M s / d)(1 - e^(-d / s)).
 */
export function copyOnWriteBytes(memoryBytes: number, dirtyBytesPerS: number): number {
  const s = SNAPSHOT_TIMINGS.diskBytesPerS;
  const d = dirtyBytesPerS;
  if (d <= 0 || memoryBytes <= 0) return 0;
  return memoryBytes - ((memoryBytes * s) / d) * (1 - Math.exp(-d / s));
}

/** Seconds to restore a saved VM's memory from its .bin file (Start VM from a saved state). */
export function restoreS(memoryBytes: number): number {
  return memoryBytes / SNAPSHOT_TIMINGS.diskBytesPerS;
}

/** Seconds a merge of `bytes` takes at the volume's speed (read from the child, written to the parent). */
export function snapshotMergeS(bytes: number): number {
  return bytes / SNAPSHOT_TIMINGS.diskBytesPerS;
}

/** Default figures (the URL's defaults) in bytes. */
export function snapshotParams(memoryMiB: number, dirtyMiBps: number, diskGiB: number) {
  return {
    memoryBytes: memoryMiB * MiB,
    dirtyBytesPerS: dirtyMiBps * MiB,
    diskBytes: diskGiB * GiB,
  };
}
