/**
 * Selectors the disk-copy panels share (shared-nothing live migration, storage migration): where
 * the copy is at the runner's moment, its figures, and the words and drawing for the source and
 * destination VHDs. Pure functions of a move machine's context (machines/moveHelpers DiskMoveState).
 */
import type { DiskMoveState } from '../../machines/moveHelpers';
import {
  blockCells,
  countBlocks,
  DISK_BLOCKS,
  type DiskCopyPlan,
  type DiskState,
  diskStateAt,
} from '../../model/diskCopy';
import { formatBytes, formatDuration } from '../../model/format';
import type { Placement } from '../../model/vmFiles';
import { describeLocation, vhdFile } from '../../model/vmFiles';
import { activeInstance, type Network, type VmInstance, type World } from '../../model/world';
import type { InventoryRow, ResultFigure, ResultsVerdict } from '../../views/controls';
import type {
  DiskCopyDisk,
  DiskCopyHost,
  DiskCopySceneProps,
} from '../../views/scene/DiskCopyScene';
import { STATUS_TEXT } from './inventory';

/** The context fields these selectors read. */
export interface DiskMoveContext extends DiskMoveState<unknown, string> {
  world: World;
  vm: string;
  plan: { disk: DiskCopyPlan | null };
  sourcePlacement: Placement;
  destinationPlacement: Placement;
}

interface DiskMoveView {
  now: number;
  snapshot: { context: DiskMoveContext };
}

// ---- moments -------------------------------------------------------------------------------------

/** Seconds into the disk copy at this moment (null: no copy, or not started). */
export function diskSeconds(v: DiskMoveView): number | null {
  const c = v.snapshot.context;
  if (!c.plan.disk || c.copyStartT === null) return null;
  if (c.switched) return c.plan.disk.endS;
  return Math.max(0, Math.min(v.now - c.copyStartT, c.plan.disk.endS));
}

/** Both disks now (null: no copy under way or made). `recentS`: writes to outline as landing. */
export function disks(v: DiskMoveView, recentS = 0): DiskState | null {
  const c = v.snapshot.context;
  const t = diskSeconds(v);
  return c.plan.disk && t !== null ? diskStateAt(c.plan.disk, t, recentS) : null;
}

// ---- results -------------------------------------------------------------------------------------

/**
 * The disk copy's figures at the runner's moment (none when no disk is copied; nothing copied
 * before the move `started`). `copiedHint` describes the disk; `firstPass` names the first pass
 * as the panel's poster does ("full copy", "initial copy").
 */
export function diskCopyFigures(
  v: DiskMoveView,
  started: boolean,
  words: { copiedHint: (disk: DiskCopyPlan) => string; firstPass: string },
): ResultFigure[] {
  const disk = v.snapshot.context.plan.disk;
  if (!disk) return [];
  const d = started ? disks(v) : null;
  const t = diskSeconds(v);
  const passes = !d || t === null ? 0 : t < disk.fullCopyS ? 1 : disk.passes;
  return [
    { label: 'Data copied', value: formatBytes(d?.bytesCopied ?? 0), hint: words.copiedHint(disk) },
    {
      label: 'Disk copy time',
      value: formatDuration(t === null ? 0 : Math.min(t, disk.syncS)),
    },
    {
      label: 'Copy passes',
      value: `${passes}`,
      hint: `the ${words.firstPass}, then one pass over the outstanding changes`,
    },
    {
      label: 'Outstanding blocks',
      value: `${t !== null && t >= disk.fullCopyS ? disk.outstandingBlocks : 0}`,
      hint: `changed during the ${words.firstPass}, of ${disk.blocks}`,
    },
    {
      label: 'Writes mirrored',
      value: `${d?.writesMirrored ?? 0} (${formatBytes(d?.bytesMirrored ?? 0)})`,
    },
  ];
}

/** The verdict of a move that ended without succeeding: its outcome and the copy it discarded. */
export function endedVerdict(c: Pick<DiskMoveContext, 'discarded'>, text: string): ResultsVerdict {
  const dropped = c.discarded
    ? ` Discarded: ${c.discarded.blocks} blocks (${formatBytes(c.discarded.bytes)}) copied so far.`
    : '';
  return { tone: 'failed', text: `${text}.${dropped}` };
}

/**
 * A disk move's verdict: once it ended otherwise than `success`, `endedVerdict`; once it
 * succeeded, `ok`; none while it runs.
 */
export function diskMoveVerdict(
  c: Pick<DiskMoveContext, 'discarded'> & { outcome: { kind: string; text: string } | null },
  success: string,
  ok: () => ResultsVerdict,
): ResultsVerdict | undefined {
  if (c.outcome && c.outcome.kind !== success) return endedVerdict(c, c.outcome.text);
  return c.outcome?.kind === success ? ok() : undefined;
}

// ---- inventory -----------------------------------------------------------------------------------

/**
 * The inventory's storage text: the VHD the VM uses now, then the destination copy (`dest`: the
 * destination's storage name and what to say while writes are mirrored), then the source files.
 */
export function movedStorageText(
  v: DiskMoveView,
  vmName: string,
  dest: { name: string; mirrored: string },
): string {
  const c = v.snapshot.context;
  const w = c.world;
  const here = c.switched ? c.destinationPlacement : c.sourcePlacement;
  const st = w.storage[here.vhd.storage];
  let storage = `${vhdFile(here, vmName)} on ${st?.name ?? here.vhd.storage}${st?.online === false ? ' (failed)' : ''}`;
  const d = disks(v);
  if (c.destinationCopy === 'copying' && d && c.plan.disk) {
    const pct = Math.round(((c.plan.disk.blocks - d.blocksLeft) / c.plan.disk.blocks) * 100);
    storage += `; copying to ${c.destinationPlacement.vhd.path} on ${dest.name} (${pct}%)`;
  } else if (c.destinationCopy === 'mirrored') storage += dest.mirrored;
  else if (c.destinationCopy === 'discarded') storage += `; partial copy on ${dest.name} discarded`;
  const srcName = w.storage[c.sourcePlacement.vhd.storage]?.name ?? '';
  if (c.sourceFiles === 'deleting') storage += `; deleting the source files on ${srcName}`;
  else if (c.sourceFiles === 'deleted') storage += `; source files on ${srcName} deleted`;
  else if (c.sourceFiles === 'left-behind') storage += `; source files left on ${srcName}`;
  return storage;
}

/**
 * A disk move's inventory: the VM's row (none without the VM), from its state in words (`state`:
 * its instance's status, or Off), its host, and its storage (`movedStorageText`, the destination
 * `destination` named as in the world and `mirrored` said while writes are mirrored).
 */
export function diskMoveInventory(
  v: DiskMoveView,
  destination: string,
  row: (o: { active: VmInstance | undefined; state: string; destName: string }) => {
    state: string;
    host: string;
    mirrored: string;
  },
): InventoryRow[] {
  const c = v.snapshot.context;
  const w = c.world;
  const vm = w.vms[c.vm];
  if (!vm) return [];
  const active = activeInstance(w, c.vm);
  const destName = w.storage[destination]?.name ?? destination;
  const r = row({ active, state: active ? STATUS_TEXT[active.status] : 'Off', destName });
  const storage = movedStorageText(v, vm.name, { name: destName, mirrored: r.mirrored });
  return [{ vm: vm.name, state: r.state, host: r.host, storage }];
}

// ---- the picture ---------------------------------------------------------------------------------

/** Writes landed within this much sim time are outlined (a drawing choice, not a model figure). */
export const LANDING_S = 1.5;
export const GRID_COLUMNS = 32;

/** The source VHD's status while its files are gone, going, or failed (null: the panel says). */
export function sourceFilesStatus(c: DiskMoveContext, leftBehind: string): string | null {
  if (c.sourceFiles === 'deleted') return 'deleted';
  if (c.sourceFiles === 'deleting') return 'being deleted';
  if (c.sourceFiles === 'left-behind') return leftBehind;
  if (c.world.storage[c.sourcePlacement.vhd.storage]?.online === false) return 'failed';
  return null;
}

export function sourceDiskTone(c: DiskMoveContext): DiskCopyDisk['tone'] {
  if (c.sourceFiles === 'deleted' || c.sourceFiles === 'deleting') return 'gone';
  return c.world.storage[c.sourcePlacement.vhd.storage]?.online === false ? 'failed' : 'active';
}

/** The source grid's counts in words. */
export function sourceDiskLabel(
  n: number,
  cells: Uint8Array,
  landing: number,
  sent: string,
  status: string,
): string {
  const counts = countBlocks(cells);
  return `Source VHD, ${n} blocks: ${n - counts.empty} ${sent}, ${counts.behind} changed since ${sent}, ${landing} guest writes just landed (${status}).`;
}

/**
 * The destination VHD drawn under `host`, from the copy's state (`mirrored`: its status while
 * writes are mirrored).
 */
export function destinationDisk(
  c: DiskMoveContext,
  d: DiskState | null,
  cells: Uint8Array,
  n: number,
  host: string,
  mirrored: string,
): DiskCopyDisk {
  const dc = countBlocks(cells);
  const offline = c.world.storage[c.destinationPlacement.vhd.storage]?.online === false;
  const status =
    c.destinationCopy === 'discarded'
      ? 'partial copy discarded'
      : offline
        ? 'failed'
        : c.destinationCopy === 'in-use'
          ? 'in use by the VM'
          : c.destinationCopy === 'mirrored'
            ? mirrored
            : c.destinationCopy === 'copying'
              ? 'receiving the copy'
              : 'not created yet';
  const landing = (d?.recent ?? []).filter((x) => x.mirrored).map((x) => x.block);
  return {
    id: 'destination',
    title: 'Destination VHD',
    location: describeLocation(c.world, c.destinationPlacement.vhd),
    host,
    status,
    tone:
      c.destinationCopy === 'discarded'
        ? 'gone'
        : offline
          ? 'failed'
          : c.destinationCopy === 'none'
            ? 'normal'
            : 'active',
    cells,
    landing,
    label: `Destination VHD, ${n} blocks: ${dc.inStep} match the source, ${dc.behind} older than the source, ${dc.empty} not copied, ${landing.length} mirrored writes just landed (${status}).`,
  };
}

/** The SMB 3 file server's column. */
export function fileServerHost(w: World, id: string): DiskCopyHost {
  return { id, name: 'FS1', role: 'SMB 3 file server', up: w.storage[id]?.online ?? false };
}

/** The link drawn between the columns (`text` "idle" or "cut" when it carries nothing). */
export function copyLink(
  net: Network | undefined,
  fallback: string,
  text: string,
): NonNullable<DiskCopySceneProps['link']> {
  return {
    label: net?.name ?? fallback,
    up: net?.up ?? false,
    active: text !== 'idle' && text !== 'cut',
    text,
  };
}

/** The VM's status for the picture. */
export function vmStatusOf(active: VmInstance | undefined): 'paused' | 'running' | 'off' {
  return active?.status === 'paused' ? 'paused' : active ? 'running' : 'off';
}

/** How a disk move's picture words its VHDs (see `diskCopyProps`). */
export interface DiskCopyWords {
  /**
   * The source VHD: its title, the column it is drawn under, its status, the word for its blocks
   * copied ("sent", "copied") and its label when it is not copied.
   */
  source: { title: string; host: string; status: string; sent: string; stays: string };
  /** The destination VHD's column and its status while writes are mirrored; null: no copy. */
  destination: { host: string; mirrored: string } | null;
}

/**
 * A disk move's picture at the runner's moment: the host columns, the VM (its status from the
 * world), the source VHD and, when it is copied, the destination VHD, both with their grids
 * (writes landed within LANDING_S outlined), the link, and the `summary` from the VM's status and
 * the disks.
 */
export function diskCopyProps(
  v: DiskMoveView,
  animate: boolean,
  o: DiskCopyWords & {
    hosts: DiskCopyHost[];
    vm: Omit<DiskCopySceneProps['vm'], 'status'>;
    link: DiskCopySceneProps['link'];
    summary: (status: DiskCopySceneProps['vm']['status'], disks: readonly DiskCopyDisk[]) => string;
  },
): DiskCopySceneProps {
  const c = v.snapshot.context;
  const d = disks(v, LANDING_S);
  const n = c.plan.disk?.blocks ?? DISK_BLOCKS;
  const cells = blockCells(d, n);
  const landing = d?.recent ?? [];
  const { source, destination } = o;
  const list: DiskCopyDisk[] = [
    {
      id: 'source',
      title: source.title,
      location: describeLocation(c.world, c.sourcePlacement.vhd),
      host: source.host,
      status: source.status,
      tone: sourceDiskTone(c),
      cells: destination ? cells.source : new Uint8Array(0),
      landing: destination ? landing.map((x) => x.block) : [],
      label: destination
        ? sourceDiskLabel(n, cells.source, landing.length, source.sent, source.status)
        : source.stays,
    },
  ];
  if (destination) {
    list.push(destinationDisk(c, d, cells.destination, n, destination.host, destination.mirrored));
  }
  const status = vmStatusOf(activeInstance(c.world, c.vm));
  return {
    summary: o.summary(status, list),
    hosts: o.hosts,
    vm: { name: o.vm.name, host: o.vm.host, status, shellOn: o.vm.shellOn },
    disks: list,
    link: o.link,
    columns: GRID_COLUMNS,
    animate,
  };
}
