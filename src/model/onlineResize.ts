/**
 * The online resize panel's scenario and rules (CATALOG 2.5, seed 000; "Numbers and rules for
 * storage"): FS01, a generation 2 VM, runs on a Windows Server 2012 R2 host from a dynamically
 * expanding VHDX on its SCSI controller. Inside the guest, volume C: sits in one partition of that
 * disk. While the VM runs, the disk can be expanded (the new space shows in the guest as
 * unallocated, and extending the volume grows C: into it) or shrunk, but never below its minimum
 * size: the end of the last partition (Resize-VHD cannot cut into a volume; the guest must shrink
 * the volume first). Only a VHDX on a SCSI controller can be resized online (`checkOnlineResize`).
 *
 * The disk file and its rules are `vdisk.ts`; this module adds the guest's volume, the minimum
 * size it sets, and the timings. Figures marked "assumption" are the product's, not the poster's.
 */
import { singleHostWorld } from './singleHost';
import { GiB, MiB } from './units';
import {
  type Controller,
  checkOnlineResize,
  createDisk,
  type DiskFile,
  type DiskFormat,
  type DiskSet,
  diskSizeLabel,
  expand,
  type Refusal,
  type Result,
  shrink,
  VHDX_BLOCK_BYTES,
} from './vdisk';
import type { World } from './world';

export const OR_HOST = 'host-1';
export const OR_VM = 'vm-1';
export const OR_VOLUME = 'vol-d';
export const OR_DISK = 'disk-os';

/** The guest's drive letter of the volume on the disk (the operating system volume, as the poster says). */
export const GUEST_DRIVE = 'C';

/**
 * Where the volume's partition starts on the disk. Windows aligns its first partition at 1 MiB;
 * our simplification: the EFI and reserved partitions a generation 2 VM also has are left out.
 */
export const PARTITION_OFFSET_BYTES = 1 * MiB;

/** Assumption: the guest has filled 30% of its volume... */
export const USED_SHARE = 0.3;
/** ...but at most 128 GiB (4096 VHDX blocks), so a 64 TB disk stays drawable. */
export const USED_MAX_BYTES = 4096 * VHDX_BLOCK_BYTES;

/** How long each part of a resize lasts (s). */
export const RESIZE_TIMINGS = {
  /** Assumption: Resize-VHD rewrites a dynamic VHDX's metadata (its size and block table). */
  resizeS: 0.5,
  /** Assumption: the guest rescans its disks and sees the new size. */
  rescanS: 1,
  /** Assumption: Get-PartitionSupportedSize reads how far the partition can grow. */
  supportedSizeS: 0.3,
  /** Assumption: Resize-Partition grows the partition and its NTFS file system. */
  extendS: 2,
  /** Assumption: a lost storage path comes back (the VM waits paused meanwhile). */
  storageOutageS: 5,
} as const;

export type FormatChoice = 'VHD' | 'VHDX';
export const FORMATS: readonly FormatChoice[] = ['VHD', 'VHDX'];

/** The guest's volume: its partition on the disk and the data in it. */
export interface GuestVolume {
  drive: string;
  offsetBytes: number;
  sizeBytes: number;
  usedBytes: number;
}

export interface ResizeInput {
  world: World;
  vm: string;
  host: string;
  volume: string;
  seed: number;
  /** The VM's disk and its guest volume at the start. */
  files: DiskSet;
  guest: GuestVolume;
  /** What an Expand without a choice asks for (the settings' defaults). */
  defaults: { newBytes: number; controller: Controller; format: FormatChoice };
}

/** The panel's world: HV-1 (Windows Server 2012 R2) running FS01 from volume D:. */
export function resizeWorld(diskBytes: number): World {
  return singleHostWorld({
    host: OR_HOST,
    volume: OR_VOLUME,
    os: '2012R2',
    vm: {
      id: OR_VM,
      name: 'FS01',
      mac: '00-15-5D-01-02-31',
      memoryBytes: 4 * GiB,
      disks: [{ id: OR_DISK, kind: 'vhdx', storage: OR_VOLUME, sizeBytes: diskBytes }],
    },
  });
}

/** The default new size a user is offered: half as large again, in whole GiB (at most 64 TB). */
export function defaultNewGiB(diskGiB: number): number {
  return Math.min(65536, Math.max(1, Math.round(diskGiB * 1.5)));
}

/** The blocks of the VHDX that hold the guest's data (the start of the volume). */
function dataBlocks(guest: GuestVolume, blockBytes: number): Record<number, number> {
  const blocks: Record<number, number> = {};
  if (guest.usedBytes <= 0) return blocks;
  const first = Math.floor(guest.offsetBytes / blockBytes);
  const last = Math.floor((guest.offsetBytes + guest.usedBytes - 1) / blockBytes);
  for (let i = first; i <= last; i += 1) blocks[i] = 1;
  return blocks;
}

/** The VM's VHDX of `bytes` (rounded to whole MiB), its volume filling it, 30% used (at most 128 GiB). */
export function resizeInput(
  bytes: number,
  seed: number,
  defaults: { newBytes: number; controller?: Controller; format?: FormatChoice },
): ResizeInput {
  // Hyper-V sizes a VHDX in whole MiB.
  const diskBytes = Math.max(2 * MiB, Math.round(bytes / MiB) * MiB);
  const world = resizeWorld(diskBytes);
  const name = world.vms[OR_VM]?.name ?? OR_VM;
  const made = createDisk(
    {},
    { id: OR_DISK, name: `${name}.vhdx`, format: 'vhdx', type: 'dynamic', virtualBytes: diskBytes },
  );
  if (!made.ok) throw new Error(made.reason);
  const sizeBytes = Math.max(0, diskBytes - PARTITION_OFFSET_BYTES);
  const usedBytes = Math.min(USED_MAX_BYTES, Math.floor((sizeBytes * USED_SHARE) / MiB) * MiB) || 0;
  const guest = { drive: GUEST_DRIVE, offsetBytes: PARTITION_OFFSET_BYTES, sizeBytes, usedBytes };
  const file = { ...made.file, blocks: dataBlocks(guest, made.file.blockBytes) };
  return {
    world,
    vm: OR_VM,
    host: OR_HOST,
    volume: OR_VOLUME,
    seed,
    files: { [OR_DISK]: file },
    guest,
    defaults: {
      newBytes: defaults.newBytes,
      controller: defaults.controller ?? 'SCSI',
      format: defaults.format ?? 'VHDX',
    },
  };
}

const refuse = (reason: string): Refusal => ({ ok: false, reason });

/** The disk's minimum size: the end of its last partition, in whole MiB (what Get-VHD reports). */
export function minimumBytes(guest: GuestVolume): number {
  return Math.ceil((guest.offsetBytes + guest.sizeBytes) / MiB) * MiB;
}

/** Space on the disk after the volume's partition (what Disk Management shows as unallocated). */
export function unallocatedBytes(file: DiskFile, guest: GuestVolume): number {
  return Math.max(0, file.virtualBytes - guest.offsetBytes - guest.sizeBytes);
}

/** The disk as attached (the settings' choices): its format as Hyper-V sees it. */
const asFormat = (f: FormatChoice): DiskFormat => (f === 'VHD' ? 'vhd' : 'vhdx');

/** Whether the disk may be resized now: a VHDX on a SCSI controller only, while the VM runs. */
export function onlineCheck(
  file: DiskFile,
  controller: Controller,
  format: FormatChoice,
): Result<object> {
  return checkOnlineResize({ ...file, format: asFormat(format) }, controller);
}

/**
 * Resize file `id` of `files` while the VM runs: refused when there is no such file or it may not
 * be resized online (the rule of `onlineCheck`); otherwise `resize`, a `vdisk` operation, decides.
 */
function resizeOnline(
  files: DiskSet,
  id: string,
  controller: Controller,
  format: FormatChoice,
  resize: () => Result<{ set: DiskSet }>,
): Result<{ files: DiskSet }> {
  const file = files[id];
  if (!file) return refuse(`There is no disk file ${id}`);
  const ok = onlineCheck(file, controller, format);
  if (!ok.ok) return ok;
  const r = resize();
  return r.ok ? { ok: true, files: r.set } : r;
}

/** Expand the VM's disk to `newBytes` while it runs (the rule of `onlineCheck`, then `vdisk.expand`). */
export function expandOnline(
  files: DiskSet,
  id: string,
  newBytes: number,
  controller: Controller,
  format: FormatChoice,
): Result<{ files: DiskSet }> {
  return resizeOnline(files, id, controller, format, () => expand(files, id, newBytes));
}

/**
 * Shrink the VM's disk to `newBytes` while it runs: not below its minimum size (Resize-VHD never
 * cuts into a partition; the guest shrinks its volume first), then `vdisk.shrink`.
 */
export function shrinkOnline(
  files: DiskSet,
  id: string,
  guest: GuestVolume,
  newBytes: number,
  controller: Controller,
  format: FormatChoice,
): Result<{ files: DiskSet }> {
  return resizeOnline(files, id, controller, format, () => {
    const r = shrink(files, id, newBytes, minimumBytes(guest));
    // The model's rule names the minimum; the guest's volume is what sets it, so say so.
    return !r.ok && r.reason.startsWith('A disk can shrink only down to its minimum size')
      ? refuse(
          `${r.reason}: volume ${guest.drive}: ends at ${diskSizeLabel(minimumBytes(guest))}. Shrink the volume in the guest first.`,
        )
      : r;
  });
}

/** The guest extends its volume over the unallocated space after it (Resize-Partition to SizeMax). */
export function extendVolume(file: DiskFile, guest: GuestVolume): Result<{ guest: GuestVolume }> {
  const free = unallocatedBytes(file, guest);
  if (free < MiB) {
    return refuse(
      `There is no unallocated space after volume ${guest.drive}: to extend into: expand the disk first`,
    );
  }
  return {
    ok: true,
    guest: { ...guest, sizeBytes: Math.floor((file.virtualBytes - guest.offsetBytes) / MiB) * MiB },
  };
}

/** Broken invariants of the disk and its volume (empty when all hold). */
export function resizeViolations(file: DiskFile, guest: GuestVolume): string[] {
  const out: string[] = [];
  if (!(file.virtualBytes > 0)) out.push('the disk has no size');
  if (guest.sizeBytes < 0 || guest.usedBytes < 0) out.push('a negative volume figure');
  if (guest.usedBytes > guest.sizeBytes) out.push('more data than the volume holds');
  if (guest.offsetBytes + guest.sizeBytes > file.virtualBytes)
    out.push('the volume runs past the end of the disk');
  if (minimumBytes(guest) > file.virtualBytes) out.push('the disk is below its minimum size');
  return out;
}
