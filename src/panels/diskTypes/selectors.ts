/**
 * Everything the disk types panel shows, from the runner's view of the session machine: the VM's
 * disk files (the chain picture and the "Disk files" table, from the same rows), their sizes on
 * the host and virtual sizes, the figures, the inventory and the narration. A fixed disk's file
 * fills as it is written (creation, expansion) and a merge's blocks move as sim time passes, so
 * the picture and its text agree at every moment.
 */
import type { SnapshotFrom } from 'xstate';
import {
  type DiskProcess,
  type DiskTypesContext,
  type DiskTypesMachine,
  diskTypesMachine,
} from '../../machines/diskTypes.machine';
import { BLOCK_BEHIND, BLOCK_EMPTY, BLOCK_IN_STEP, BLOCK_PENDING } from '../../model/diskCopy';
import {
  DISK_TYPE_LABELS,
  type DiskSession,
  chainFiles as filesOf,
  guestDataBytes,
  hostSizeLabel,
  leafOf,
  PASS_THROUGH_DISK_NUMBER,
  reclaimableBytes,
} from '../../model/diskTypes';
import { type DiskFile, diskSizeLabel, headerBytes, sizeOnHost } from '../../model/vdisk';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow } from '../../views/controls';
import type { ChainFile } from '../../views/scene';
import { CHAIN_CELLS, chainFile, fileStrips, mergeAt } from '../kit/diskChain';
import { diskSessionFamily, hostNameOf, vmNameOf, volumeNameOf } from '../kit/diskSession';
import type { ResultsData } from '../kit/RunPanel';

export type View = RunnerView<SnapshotFrom<DiskTypesMachine>>;

export const PROCESS_TITLES: Record<DiskProcess, string> = {
  creating: 'create a disk',
  writing: 'write data',
  deleting: 'delete data',
  compacting: 'compact a dynamic disk',
  expanding: 'expand a disk',
  addingDifferencing: 'add a differencing disk',
  merging: 'merge a differencing disk',
};

function readyText(v: View): string {
  const c = v.snapshot.context;
  return `${vmNameOf(c)} runs on ${hostNameOf(c)} with no data disk yet. Choose a disk type and a controller, then press Create disk (it makes a ${diskSizeLabel(c.diskBytes)} disk: the Disk size parameter). Then write and delete data and watch the file on the host.`;
}

const FAMILY = diskSessionFamily(diskTypesMachine, {
  processes: PROCESS_TITLES,
  ready: readyText,
  outcomes: {
    created: 'Disk created',
    written: 'Data written',
    deleted: 'Data deleted',
    compacted: 'Disk compacted',
    expanded: 'Disk expanded',
    differenced: 'Differencing disk added',
    merged: 'Merged',
  },
  failed: 'Storage failed',
});

export const { CHART, STEPS, scopes, scopeOf, succeeded, narration, log } = FAMILY;

// ---- sizes at this moment ----------------------------------------------------------------------

/**
 * A file's size on the host now: the model's, except a fixed disk being written (created or
 * expanded) whose file fills as the step runs.
 */
export function fileHostBytes(v: View, f: DiskFile): number {
  const c = v.snapshot.context;
  const full = sizeOnHost(f);
  if (!f.preallocated || f.type === 'passthrough' || f.id !== c.session.leaf) return full;
  if (v.snapshot.matches({ creating: 'creatingFile' })) return headerBytes(f.format);
  if (v.snapshot.matches({ creating: 'allocating' }))
    return headerBytes(f.format) + f.virtualBytes * v.stepFraction;
  if (v.snapshot.matches({ expanding: 'resizing' }) && c.before) {
    const was = c.before.files[f.id]?.virtualBytes ?? f.virtualBytes;
    return headerBytes(f.format) + was + (f.virtualBytes - was) * v.stepFraction;
  }
  return full;
}

/** The disk's files on the host now, in all. */
export function hostBytesNow(v: View): number {
  return Object.values(v.snapshot.context.session.files).reduce(
    (sum, f) => sum + fileHostBytes(v, f),
    0,
  );
}

// ---- the files ---------------------------------------------------------------------------------

/** Which block a cell shows of those in it: data over deleted data over allocated over nothing. */
const PRECEDENCE: readonly number[] = [BLOCK_EMPTY, BLOCK_PENDING, BLOCK_BEHIND, BLOCK_IN_STEP];

/**
 * A file's blocks as cells: data (in step colour), deleted data still allocated (behind),
 * allocated without data (pending: a fixed disk's zeros), nothing (empty).
 */
export const fileCells = fileStrips((cell, value) => {
  const drawn = value === 0 ? BLOCK_BEHIND : BLOCK_IN_STEP;
  return PRECEDENCE.indexOf(drawn) > PRECEDENCE.indexOf(cell) ? drawn : cell;
});

/** The merge under way at this moment: its files and the blocks copied so far. */
export function mergeNow(v: View) {
  const c = v.snapshot.context;
  return mergeAt(c.session.files, c.merging, c.merging, v.now);
}

/** The file's type as the table says it ("Dynamically expanding VHD", "Differencing VHDX"). */
export function typeLabel(f: DiskFile): string {
  const fmt = f.format.toUpperCase();
  if (f.type === 'passthrough') return DISK_TYPE_LABELS.passthrough;
  if (f.type === 'differencing') return `Differencing ${fmt}`;
  if (f.type === 'fixed') return `Fixed-size ${fmt}`;
  return `Dynamically expanding ${fmt}`;
}

const KIND = (f: DiskFile) => (f.type === 'passthrough' ? 'Pass-through' : f.format.toUpperCase());

function roleOf(c: DiskTypesContext, f: DiskFile): string {
  if (f.type === 'passthrough')
    return `offline on ${hostNameOf(c)}, ${vmNameOf(c)} reads and writes it`;
  if (f.id === c.session.leaf) return `${vmNameOf(c)} reads and writes here`;
  return 'parent: read-only, reads fall through to it';
}

function sizeText(v: View, f: DiskFile): string {
  if (f.type === 'passthrough')
    return `not a file: a ${diskSizeLabel(f.virtualBytes)} physical disk`;
  return `${hostSizeLabel(fileHostBytes(v, f))} on the host, ${diskSizeLabel(f.virtualBytes)} virtual`;
}

/** The VM's disk files as the chain picture draws them (base first, each child under its parent). */
export function chainFiles(v: View): ChainFile[] {
  const c = v.snapshot.context;
  const merge = mergeNow(v);
  return filesOf(c.session).map((f, depth) => {
    let cells = fileCells(f);
    // A fixed file being written fills from its start.
    const filled = f.preallocated && f.type !== 'passthrough' ? fileHostBytes(v, f) : 0;
    const fill = filled > 0 ? (filled - headerBytes(f.format)) / f.virtualBytes : 1;
    if (fill < 1) {
      cells = cells.slice();
      for (let i = Math.floor(fill * CHAIN_CELLS); i < CHAIN_CELLS; i += 1)
        if (cells[i] === BLOCK_PENDING) cells[i] = BLOCK_EMPTY;
    }
    const data = Object.values(f.blocks).filter((x) => x !== 0).length;
    const freed = Object.values(f.blocks).length - data;
    const moved = merge && f.id === merge.parent ? merge.moved : [];
    return chainFile(f, depth, cells, moved, c.lastWrite, {
      kind: KIND(f),
      tone:
        f.state === 'merging' || merge?.child === f.id
          ? 'merging'
          : f.id === c.session.leaf
            ? 'active'
            : 'normal',
      note: roleOf(c, f),
      size: sizeText(v, f),
      label: `${f.name}: ${data} blocks of data${freed > 0 ? `, ${freed} deleted but still allocated` : ''}${merge?.child === f.id ? `, ${merge.moved.length} copied into its parent so far` : ''}`,
    });
  });
}

export const DISK_FILE_COLUMNS = [
  'File',
  'Type',
  'Virtual size',
  'Size on host',
  'Parent',
] as const;

/** The "Disk files" table: File, Type, Virtual size, Size on host, Parent. */
export function diskFileRows(v: View): string[][] {
  const s = v.snapshot.context.session;
  return filesOf(s).map((f) => [
    f.name,
    typeLabel(f),
    diskSizeLabel(f.virtualBytes),
    f.type === 'passthrough' ? 'none (not a file)' : hostSizeLabel(fileHostBytes(v, f)),
    f.parent ? (s.files[f.parent]?.name ?? f.parent) : '\u2014',
  ]);
}

/** Where the disk hangs: "SCSI controller" (the picture and the inventory say the same). */
export const controllerText = (s: DiskSession) => `${s.controller} controller`;

/** The picture's name: the VM, its disk, its controller, and each file's sizes. */
export function chainSummary(v: View): string {
  const c = v.snapshot.context;
  const s = c.session;
  const files = filesOf(s);
  if (files.length === 0)
    return `${vmNameOf(c)} on ${hostNameOf(c)}, ${powerOf(c).toLowerCase()}: no data disk yet.`;
  const chain = files
    .slice()
    .reverse()
    .map((f) => `${f.name} (${sizeText(v, f)})`)
    .join(' → ');
  return `${vmNameOf(c)} on ${hostNameOf(c)}, ${powerOf(c).toLowerCase()}: its ${DISK_TYPE_LABELS[s.kind ?? 'dynamic']} on the ${controllerText(s)}, ${files.length > 1 ? 'reads walking ' : ''}${chain}.`;
}

const POWER: Record<string, string> = {
  running: 'Running',
  paused: 'Paused',
  off: 'Off',
  starting: 'Starting',
  shell: 'Off',
};

function powerOf(c: DiskTypesContext): string {
  const i = c.world.instances.find((x) => x.vm === c.vm);
  return POWER[i?.status ?? 'off'] ?? 'Off';
}

export function header(v: View): string {
  const c = v.snapshot.context;
  const s = c.session;
  const disk = s.leaf ? ` · data disk on its ${controllerText(s)}` : ' · no data disk yet';
  return `${vmNameOf(c)} on ${hostNameOf(c)}: ${powerOf(c)}${disk}`;
}

// ---- figures -----------------------------------------------------------------------------------

export function results(v: View): ResultsData {
  const c = v.snapshot.context;
  const s = c.session;
  const leaf = leafOf(s);
  if (!leaf) {
    return {
      figures: [
        { label: 'Virtual size', value: 'no disk yet' },
        { label: 'Size on host', value: '0 bytes' },
        { label: 'Disk to create', value: diskSizeLabel(c.diskBytes) },
      ],
    };
  }
  const pass = leaf.type === 'passthrough';
  const files = filesOf(s);
  const figures = [
    { label: 'Virtual size', value: diskSizeLabel(leaf.virtualBytes) },
    {
      label: 'Size on host',
      value: pass ? '0 bytes' : hostSizeLabel(hostBytesNow(v)),
      ...(pass ? { hint: 'A pass-through disk is no file: it is offline on the host' } : {}),
    },
    { label: 'Data written', value: hostSizeLabel(guestDataBytes(s)) },
    {
      label: 'Reclaimable',
      value: hostSizeLabel(reclaimableBytes(s)),
      hint: 'Deleted but still allocated in a dynamically expanding file (compacting gives it back)',
    },
    { label: 'Chain length', value: `${files.length} file${files.length === 1 ? '' : 's'}` },
    { label: 'Controller', value: s.controller },
  ];
  return { figures };
}

export function inventory(v: View): InventoryRow[] {
  const c = v.snapshot.context;
  const s = c.session;
  const leaf = leafOf(s);
  const storage = !leaf
    ? 'no data disk yet'
    : leaf.type === 'passthrough'
      ? `Disk ${PASS_THROUGH_DISK_NUMBER} (pass-through) on the ${controllerText(s)}`
      : `${leaf.name} on the ${controllerText(s)}, ${volumeNameOf(c)}`;
  return [{ vm: vmNameOf(c), state: powerOf(c), host: hostNameOf(c), storage }];
}

export function stepDetail(v: View): string | undefined {
  const m = mergeNow(v);
  const c = v.snapshot.context;
  if (m) {
    return `${m.moved.length} of ${c.merging?.blocks ?? 0} blocks copied into ${c.session.files[m.parent]?.name ?? ''}`;
  }
  const leaf = leafOf(c.session);
  if (leaf?.preallocated && leaf.type !== 'passthrough') {
    if (
      v.snapshot.matches({ creating: 'allocating' }) ||
      v.snapshot.matches({ expanding: 'resizing' })
    )
      return `${hostSizeLabel(fileHostBytes(v, leaf))} of ${hostSizeLabel(sizeOnHost(leaf))} written`;
  }
  return undefined;
}
