/**
 * Everything the online resize panel shows, from the runner's view of the session machine and
 * the disk's attachment as the settings say (controller and format): the picture's data, the
 * figures, the inventory and the narration. The picture, the Results and the Inventory read the
 * same sizes, so they agree at every moment.
 */
import type { SnapshotFrom } from 'xstate';
import {
  diskOf,
  type OnlineResizeMachine,
  onlineResizeMachine,
  type ResizeContext,
  type ResizeProcess,
} from '../../machines/onlineResize.machine';
import { type FormatChoice, minimumBytes, unallocatedBytes } from '../../model/onlineResize';
import { type Controller, diskSizeLabel, sizeOnHost } from '../../model/vdisk';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow } from '../../views/controls';
import { diskSessionFamily, hostNameOf, vmNameOf, volumeNameOf } from '../kit/diskSession';
import type { ResultsData } from '../kit/RunPanel';

export type View = RunnerView<SnapshotFrom<OnlineResizeMachine>>;

/** How the settings attach the disk (what the picture and the inventory show). */
export interface Attachment {
  controller: Controller;
  format: FormatChoice;
}

export const PROCESS_TITLES: Record<ResizeProcess, string> = {
  expanding: 'expand the disk while the VM runs',
  shrinking: 'shrink the disk while the VM runs',
  extending: 'extend the guest’s volume',
};

function readyText(v: View): string {
  const c = v.snapshot.context;
  const d = diskOf(c);
  return `${vmNameOf(c)} runs on ${hostNameOf(c)} from ${d.name}, a ${diskSizeLabel(d.virtualBytes)} VHDX on its SCSI controller; volume ${c.guest.drive}: fills it. Set a new size and press Expand (Windows Server 2012 R2 resizes it while the VM runs), then Extend volume; or try it on IDE or as a VHD.`;
}

const FAMILY = diskSessionFamily(onlineResizeMachine, {
  processes: PROCESS_TITLES,
  ready: readyText,
  outcomes: { expanded: 'Expanded', shrunk: 'Shrunk', extended: 'Volume extended' },
  failed: 'Storage failed',
});

export const { CHART, STEPS, scopes, scopeOf, succeeded, narration, log } = FAMILY;

/** The file's name as attached: "FS01.vhdx", or "FS01.vhd" when the settings make it a VHD. */
export function fileNameAs(c: ResizeContext, att: Attachment): string {
  return diskOf(c).name.replace(/\.vhdx?$/i, `.${att.format.toLowerCase()}`);
}

const POWER: Record<string, string> = { running: 'Running', paused: 'Paused', off: 'Off' };

function powerOf(c: ResizeContext): string {
  const i = c.world.instances.find((x) => x.vm === c.vm);
  return POWER[i?.status ?? 'off'] ?? 'Off';
}

/** What the picture draws: the disk's extent, the volume, the unallocated space, what changes now. */
export interface ResizeSceneData {
  summary: string;
  host: string;
  vm: string;
  power: string;
  file: string;
  attachment: Attachment;
  /** Can this disk be resized online as attached? */
  onlineOk: boolean;
  volume: string;
  drive: string;
  /** Bytes: the disk now, its extent before the process (the picture's scale is the larger). */
  virtualBytes: number;
  beforeBytes: number;
  offsetBytes: number;
  volumeBytes: number;
  volumeBeforeBytes: number;
  usedBytes: number;
  minimumBytes: number;
  hostBytes: number;
  /** What the current process is doing to the picture. */
  change: 'grown' | 'cut' | 'extended' | null;
}

export function scene(v: View, att: Attachment): ResizeSceneData {
  const c = v.snapshot.context;
  const d = diskOf(c);
  const before = c.before ? diskOf({ files: c.before.files, diskId: c.diskId }) : d;
  const running = v.done ? null : c.process;
  const change =
    running === 'expanding' && before.virtualBytes < d.virtualBytes
      ? 'grown'
      : running === 'shrinking' && before.virtualBytes > d.virtualBytes
        ? 'cut'
        : running === 'extending' && (c.before?.guest.sizeBytes ?? 0) < c.guest.sizeBytes
          ? 'extended'
          : null;
  const onlineOk = att.controller === 'SCSI' && att.format === 'VHDX';
  const file = fileNameAs(c, att);
  const unalloc = unallocatedBytes(d, c.guest);
  return {
    summary: `${vmNameOf(c)} on ${hostNameOf(c)}, ${powerOf(c).toLowerCase()}: ${file}, a ${att.format} on its ${att.controller} controller, ${diskSizeLabel(d.virtualBytes)}; volume ${c.guest.drive}: ${diskSizeLabel(c.guest.sizeBytes)} with ${diskSizeLabel(c.guest.usedBytes)} used; ${diskSizeLabel(unalloc)} unallocated; minimum size ${diskSizeLabel(minimumBytes(c.guest))}.${onlineOk ? '' : ' As attached, it cannot be resized while the VM runs.'}`,
    host: hostNameOf(c),
    vm: vmNameOf(c),
    power: powerOf(c),
    file,
    attachment: att,
    onlineOk,
    volume: volumeNameOf(c),
    drive: c.guest.drive,
    virtualBytes: d.virtualBytes,
    beforeBytes: change ? before.virtualBytes : d.virtualBytes,
    offsetBytes: c.guest.offsetBytes,
    volumeBytes: c.guest.sizeBytes,
    volumeBeforeBytes: change === 'extended' ? (c.before?.guest.sizeBytes ?? 0) : c.guest.sizeBytes,
    usedBytes: c.guest.usedBytes,
    minimumBytes: minimumBytes(c.guest),
    hostBytes: sizeOnHost(d),
    change,
  };
}

export function results(v: View): ResultsData {
  const c = v.snapshot.context;
  const d = diskOf(c);
  return {
    figures: [
      { label: 'Virtual size', value: diskSizeLabel(d.virtualBytes) },
      { label: 'Volume size', value: diskSizeLabel(c.guest.sizeBytes) },
      {
        label: 'Unallocated',
        value: diskSizeLabel(unallocatedBytes(d, c.guest)),
        hint: 'Space on the disk after the volume: Extend volume uses it, Shrink can cut it',
      },
      {
        label: 'Minimum size',
        value: diskSizeLabel(minimumBytes(c.guest)),
        hint: 'The end of the volume’s partition: the disk cannot shrink below it',
      },
      { label: 'Data in volume', value: diskSizeLabel(c.guest.usedBytes) },
      { label: 'Size on host', value: diskSizeLabel(sizeOnHost(d)) },
    ],
  };
}

export function inventoryAs(v: View, att: Attachment): InventoryRow[] {
  const c = v.snapshot.context;
  return [
    {
      vm: vmNameOf(c),
      state: powerOf(c),
      host: hostNameOf(c),
      storage: `${fileNameAs(c, att)} (${diskSizeLabel(diskOf(c).virtualBytes)}) on the ${att.controller} controller, ${volumeNameOf(c)}`,
    },
  ];
}

/** The inventory as the settings' defaults attach the disk (SCSI, VHDX). */
export function inventory(v: View): InventoryRow[] {
  return inventoryAs(v, { controller: 'SCSI', format: 'VHDX' });
}
