/**
 * Everything the Storage QoS panel shows, derived from the runner's view of the machine: the
 * picture, the "Storage QoS" table, the Results and the Inventory all read the same figures
 * (`runFigures` of the machine's context), so they cannot disagree.
 */
import type { SnapshotFrom } from 'xstate';
import {
  joinNames,
  type StorageQosMachine,
  storageQosMachine,
} from '../../machines/storageQos.machine';
import { formatDuration } from '../../model/format';
import {
  type DiskShare,
  type DiskStatus,
  formatCount,
  formatIoSize,
  type QosFigures,
  runFigures,
} from '../../model/storageQos';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow } from '../../views/controls';
import { processFamily } from '../kit/family';
import { STATUS_TEXT } from '../kit/inventory';
import type { ResultsData } from '../kit/RunPanel';

export type Snap = SnapshotFrom<StorageQosMachine>;
export type View = RunnerView<Snap>;

const FAMILY = processFamily(storageQosMachine, {
  success: ['settled'],
  titles: { settled: 'Settled', failed: 'Storage failed' },
  ready: (v) => ({ title: 'Ready', text: readyText(v), tone: 'normal' }),
});
export const { CHART, STEPS, succeeded, narration, log } = FAMILY;

const n = formatCount;
const nameOf = (v: View, vm: string) => v.snapshot.context.world.vms[vm]?.name ?? vm;

function readyText(v: View): string {
  const c = v.snapshot.context;
  const w = c.world;
  const others = c.disks.filter((d) => d.vm !== c.noisy).map((d) => nameOf(v, d.vm));
  return `${nameOf(v, c.noisy)}, the noisy neighbour, shares ${w.hosts[c.host]?.name ?? c.host} and ${w.storage[c.volume]?.name ?? c.volume} (${n(c.capacity)} normalized IOPS at most) with ${joinNames(others)}. Start I/O to see its maximum at work.`;
}

/** The figures now: what the picture, the table and the Results show. */
export function figures(v: View): QosFigures {
  return runFigures(v.snapshot.context);
}

/** "4,000" when a disk gets all it asks, else "4,000 of 16,000". */
export function normalizedText(d: Pick<DiskShare, 'served' | 'offered'>): string {
  return d.served === d.offered ? n(d.served) : `${n(d.served)} of ${n(d.offered)}`;
}

/** A limit: the figure, or "No limit" for 0. */
export function limitText(iops: number): string {
  return iops > 0 ? n(iops) : 'No limit';
}

// ---- the "Storage QoS" table ---------------------------------------------------------------------

export const QOS_COLUMNS = [
  'VM',
  'I/O size',
  'Offered IOPS',
  'Normalized IOPS',
  'Maximum',
  'Minimum',
  'Status',
] as const;

export interface QosRow {
  vm: string;
  cells: Record<(typeof QOS_COLUMNS)[number], string>;
  status: DiskStatus;
}

/** One row per VM disk, in the columns of CONTRACT.md. */
export function qosRows(v: View): QosRow[] {
  return figures(v).disks.map((d) => ({
    vm: d.vm,
    status: d.status,
    cells: {
      VM: nameOf(v, d.vm),
      'I/O size': formatIoSize(d.ioSizeKiB),
      'Offered IOPS': n(d.offeredIops),
      'Normalized IOPS': normalizedText(d),
      Maximum: limitText(d.maxIops),
      Minimum: limitText(d.minIops),
      Status: d.status,
    },
  }));
}

// ---- results, inventory ----------------------------------------------------------------------------

/** The volume's load in whole percent. */
export function loadPercent(f: QosFigures): number {
  return f.capacity > 0 ? Math.round((f.served / f.capacity) * 100) : 0;
}

export function results(v: View): ResultsData {
  const c = v.snapshot.context;
  const f = figures(v);
  const figs = [
    {
      label: 'Volume load',
      value: `${loadPercent(f)}%`,
      hint: `${n(f.served)} of ${n(f.capacity)} normalized IOPS served`,
    },
    {
      label: 'Throttled',
      value: `${n(f.throttled)} normalized IOPS`,
      hint: 'held back by a maximum, waiting on the host',
    },
    {
      label: 'Alerts',
      value: `${f.alerts.length}`,
      hint:
        f.alerts.length > 0
          ? `below their minimum: ${joinNames(f.alerts.map((vm) => nameOf(v, vm)))}`
          : 'no disk below its minimum',
    },
    {
      label: 'Throttle delay',
      value: formatDuration(f.delayMs / 1000),
      hint: 'extra wait of each throttled I/O',
    },
  ];
  if (c.outcome)
    return {
      figures: figs,
      verdict: { tone: succeeded(v) ? 'ok' : 'failed', text: c.outcome.text },
    };
  return { figures: figs };
}

export function inventory(v: View): InventoryRow[] {
  const c = v.snapshot.context;
  const w = c.world;
  const volume = w.storage[c.volume];
  return Object.values(w.vms).map((vm) => {
    const inst = w.instances.find((i) => i.vm === vm.id);
    return {
      vm: vm.name,
      state: inst ? STATUS_TEXT[inst.status] : 'Off',
      host: inst ? (w.hosts[inst.host]?.name ?? inst.host) : '—',
      storage: `${volume?.name ?? c.volume} (VHDX, SCSI 0:0)${volume?.online === false ? ', failed' : ''}`,
    };
  });
}

// ---- the picture --------------------------------------------------------------------------------

export interface QosLane {
  vm: string;
  name: string;
  noisy: boolean;
  /** The VM runs (or is paused: its storage failed). */
  state: 'running' | 'paused';
  ioSizeKiB: number;
  perIo: number;
  offeredIops: number;
  /** Normalized IOPS asked, served, held back. */
  offered: number;
  served: number;
  throttled: number;
  maxIops: number;
  minIops: number;
  status: DiskStatus;
}

export interface QosSceneData {
  summary: string;
  host: string;
  volume: { name: string; online: boolean; capacity: number; served: number; load: number };
  lanes: QosLane[];
  /** I/O flows (the run is under way and the volume is up). */
  flowing: boolean;
  /** Sim time, s: places the moving I/Os. */
  now: number;
}

export function scene(v: View): QosSceneData {
  const c = v.snapshot.context;
  const w = c.world;
  const f = figures(v);
  const volume = w.storage[c.volume];
  const online = volume?.online !== false;
  const lanes: QosLane[] = f.disks.map((d) => ({
    vm: d.vm,
    name: nameOf(v, d.vm),
    noisy: d.vm === c.noisy,
    state: w.instances.find((i) => i.vm === d.vm)?.status === 'paused' ? 'paused' : 'running',
    ioSizeKiB: d.ioSizeKiB,
    perIo: d.perIo,
    offeredIops: d.offeredIops,
    offered: d.offered,
    served: d.served,
    throttled: d.throttled,
    maxIops: d.maxIops,
    minIops: d.minIops,
    status: d.status,
  }));
  const host = w.hosts[c.host]?.name ?? c.host;
  const volumeName = volume?.name ?? c.volume;
  const load = loadPercent(f);
  const lanesText = lanes
    .map(
      (l) =>
        `${l.name}${l.noisy ? ' (noisy neighbour)' : ''}${l.state === 'paused' ? ', paused,' : ''} ${n(l.offeredIops)} IOPS of ${formatIoSize(l.ioSizeKiB)}, ${normalizedText(l)} normalized IOPS served${l.throttled > 0 ? `, ${n(l.throttled)} waiting` : ''}, ${l.status}`,
    )
    .join('; ');
  return {
    summary: `${host} and ${volumeName}${online ? '' : ' (failed)'}, ${load}% of its ${n(f.capacity)} normalized IOPS used: ${lanesText}.`,
    host,
    volume: { name: volumeName, online, capacity: f.capacity, served: f.served, load },
    lanes,
    flowing: online && c.phase !== 'idle' && c.phase !== 'stopped',
    now: v.now,
  };
}
