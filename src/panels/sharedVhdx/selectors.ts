/**
 * Everything the shared VHDX panel shows, derived from the runner's view of the machine: the
 * picture, the "Clustered service" region and the text equivalents come from the same snapshot.
 */
import type { SnapshotFrom } from 'xstate';
import { hostName, vmName } from '../../machines/kernel';
import { type SharedVhdxMachine, sharedVhdxMachine } from '../../machines/sharedVhdx.machine';
import { formatBytes, formatDuration, formatRate } from '../../model/format';
import {
  CSV_PATH,
  FILE_SERVER_NODES,
  GUEST_CLUSTER,
  GUEST_NODES,
  type GuestCluster,
  guestTallyAt,
  hostOf,
  ioPath,
  SERVICE_NAME,
  SERVICE_ROLE,
  SHARED_STORAGE,
  SHARED_VHDX,
  SHARED_VHDX_CONSTANTS,
  SV_HOSTS,
  serviceWriteRate,
} from '../../model/sharedVhdx';
import { activeInstance } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow } from '../../views/controls';
import { processFamily } from '../kit/family';
import type { ResultsData } from '../kit/RunPanel';

export type Snap = SnapshotFrom<SharedVhdxMachine>;
export type View = RunnerView<Snap>;

const ctx = (v: View) => v.snapshot.context;
const cluster = (v: View): GuestCluster => ctx(v).cluster;
const name = (g: GuestCluster, id: string | null) =>
  id ? (g.world.hosts[id]?.name ?? g.world.vms[id]?.name ?? id) : 'nowhere';
const storageText = (g: GuestCluster) =>
  g.storage === 'sofs'
    ? `${g.world.storage[SHARED_STORAGE]?.name ?? 'the share'} (Scale-Out File Server, SMB 3)`
    : `${g.world.storage[SHARED_STORAGE]?.name ?? 'the CSV'} (Cluster Shared Volume, ${CSV_PATH})`;

function readyText(v: View): string {
  const g = cluster(v);
  return `${SERVICE_NAME} runs in guest cluster ${GUEST_CLUSTER} on ${name(g, g.service.node)}; ${GUEST_NODES.map((n) => `${name(g, n)} on ${name(g, hostOf(g, n))}`).join(' and ')}, both attached to ${SHARED_VHDX} on ${storageText(g)}. Press Start clustered service, then inject a fault at any moment.`;
}

const FAMILY = processFamily(sharedVhdxMachine, {
  success: ['completed'],
  titles: { completed: 'Run complete', failed: 'Service lost' },
  ready: (v) => ({ title: 'Ready', text: readyText(v), tone: 'normal' }),
});
export const { STEPS, CHART, succeeded, narration, log } = FAMILY;

export function stepDetail(v: View): string | undefined {
  const g = cluster(v);
  const s = v.snapshot;
  if (s.matches({ running: 'switching' }) && g.service.phase === 'failingOver')
    return `Starting ${SERVICE_NAME} on ${name(g, g.service.node)}`;
  if (s.matches({ running: 'switching' }) && g.reconnect) return 'SMB 3 transparent failover';
  if (s.matches({ running: 'restarting' }))
    return `Booting ${Object.keys(g.restarts)
      .map((vm) => name(g, vm))
      .join(', ')}`;
  return undefined;
}

// ---- the service ----------------------------------------------------------------------------------

export interface ServiceView {
  role: string;
  /** "Running on SQL-N2", "Starting on SQL-N2", ... */
  status: string;
  /** The hops of its I/O, joined by arrows (empty when it has none). */
  path: string;
  node: string | null;
  phase: 'running' | 'stalled' | 'failingOver' | 'stopped';
}

export function serviceView(v: View): ServiceView {
  const c = ctx(v);
  const g = c.cluster;
  const n = g.service.node;
  const nodeName = name(g, n);
  const stopped = c.outcome?.kind === 'failed' || n === null;
  const booting = n !== null && activeInstance(g.world, n)?.status === 'starting';
  const status = stopped
    ? 'Stopped: no guest node can run it'
    : g.service.phase === 'running'
      ? `Running on ${nodeName}`
      : g.service.phase === 'stalled'
        ? `Running on ${nodeName}, its I/O paused while SMB 3 reconnects`
        : booting
          ? `Failing over to ${nodeName}, which is still booting`
          : `Failing over: starting on ${nodeName}`;
  return {
    role: SERVICE_ROLE,
    status,
    path: stopped ? '' : ioPath(g).join(' \u2192 '),
    node: stopped ? null : nodeName,
    phase: stopped ? 'stopped' : g.service.phase,
  };
}

// ---- results and inventory ----------------------------------------------------------------------

export function results(v: View): ResultsData {
  const c = ctx(v);
  const t = v.started ? v.now : 0;
  const tally = v.started
    ? guestTallyAt(c.tally, c.cluster, c.params, t)
    : { writtenBytes: 0, downS: 0, stalledS: 0, failovers: 0 };
  const figures = [
    {
      label: 'Total time',
      value: formatDuration(t),
      hint: `a run of ${SHARED_VHDX_CONSTANTS.runS} s`,
    },
    {
      label: 'Service downtime',
      value: formatDuration(tally.downS),
      hint: 'time the service ran on no guest node',
    },
    {
      label: 'I/O paused',
      value: formatDuration(tally.stalledS),
      hint: 'time it ran with its storage path being re-made',
    },
    { label: 'Failovers', value: `${c.tally.failovers}`, hint: 'moves to another guest node' },
    {
      label: 'Data written',
      value: formatBytes(tally.writtenBytes),
      hint: `now ${formatRate(v.started && !c.outcome ? serviceWriteRate(c.cluster, c.params) : 0)}`,
    },
  ];
  if (c.outcome)
    return { figures, verdict: { tone: succeeded(v) ? 'ok' : 'failed', text: c.outcome.text } };
  return { figures };
}

function guestState(v: View, vm: string): string {
  const c = ctx(v);
  const g = c.cluster;
  const at = activeInstance(g.world, vm);
  if (g.failedGuests.includes(vm)) return 'Failed (guest OS stopped)';
  if (!at) return 'Off (its host is down)';
  if (at.status === 'starting')
    return g.restarts[vm] === 'booting'
      ? 'Restarting (cold boot)'
      : 'Restarting (host failure being detected)';
  if (g.service.node === vm && c.outcome?.kind !== 'failed') {
    if (g.service.phase === 'running') return `Running: ${SERVICE_NAME} (active)`;
    if (g.service.phase === 'stalled') return `Running: ${SERVICE_NAME} (I/O paused)`;
    return `Running: starting ${SERVICE_NAME}`;
  }
  return 'Running (standby)';
}

function guestStorage(g: GuestCluster, vm: string): string {
  const h = hostOf(g, vm);
  const where =
    g.storage === 'sofs'
      ? `${g.world.storage[SHARED_STORAGE]?.name}${h && g.smb[h] ? ` via ${name(g, g.smb[h] ?? null)}` : ''}`
      : `${g.world.storage[SHARED_STORAGE]?.name} (CSV)`;
  return `${SHARED_VHDX} (shared) on ${where}`;
}

export function inventory(v: View): InventoryRow[] {
  const g = cluster(v);
  return GUEST_NODES.map((vm) => {
    const h = hostOf(g, vm) ?? g.world.instances.find((i) => i.vm === vm)?.host ?? null;
    return {
      vm: vmName(g.world, vm),
      state: guestState(v, vm),
      host: h ? hostName(g.world, h) : '\u2014',
      storage: guestStorage(g, vm),
    };
  });
}

// ---- the picture ----------------------------------------------------------------------------------

export type GuestKind = 'active' | 'stalled' | 'starting' | 'standby' | 'restarting' | 'failed';

export interface SvSceneGuest {
  id: string;
  name: string;
  host: string;
  kind: GuestKind;
  label: string;
}

export interface SvSceneData {
  summary: string;
  storage: 'csv' | 'sofs';
  hosts: { id: string; name: string; up: boolean; note: string }[];
  fileServers: { id: string; name: string; up: boolean }[];
  guests: SvSceneGuest[];
  /** The service's I/O: from its host, through a file server node (SOFS), to the VHDX. */
  io: { host: string; fileServer: string | null; state: 'flowing' | 'paused' | 'none' };
  /** The standby nodes' attachments (hosts whose guest sees the VHDX without writing). */
  standbyHosts: string[];
  network: string;
  vhdx: { name: string; caption: string };
}

export function sceneData(v: View): SvSceneData {
  const c = ctx(v);
  const g = c.cluster;
  const w = g.world;
  const svc = serviceView(v);
  const guests: SvSceneGuest[] = [];
  for (const vm of GUEST_NODES) {
    const inst = w.instances.find((i) => i.vm === vm);
    if (!inst) continue;
    const st = guestState(v, vm);
    const kind: GuestKind = g.failedGuests.includes(vm)
      ? 'failed'
      : inst.status === 'starting'
        ? 'restarting'
        : g.service.node === vm && svc.phase !== 'stopped'
          ? g.service.phase === 'running'
            ? 'active'
            : g.service.phase === 'stalled'
              ? 'stalled'
              : 'starting'
          : 'standby';
    guests.push({
      id: vm,
      name: name(g, vm),
      host: inst.host,
      kind,
      label: `${name(g, vm)}: ${st}`,
    });
  }
  const serviceHost = hostOf(g, g.service.node);
  const ioState: SvSceneData['io']['state'] =
    svc.phase === 'running' ? 'flowing' : svc.phase === 'stalled' ? 'paused' : 'none';
  const coordinator = w.storage[SHARED_STORAGE]?.coordinator ?? null;
  const hosts = SV_HOSTS.map((h) => ({
    id: h,
    name: name(g, h),
    up: w.hosts[h]?.up ?? false,
    note:
      g.storage === 'csv' && coordinator === h ? 'Hyper-V host, CSV coordinator' : 'Hyper-V host',
  }));
  const fileServers =
    g.storage === 'sofs'
      ? FILE_SERVER_NODES.map((f) => ({ id: f, name: name(g, f), up: w.hosts[f]?.up ?? false }))
      : [];
  const standbyHosts = GUEST_NODES.filter(
    (vm) => vm !== g.service.node && activeInstance(w, vm)?.status === 'running',
  ).map((vm) => hostOf(g, vm) as string);
  const network =
    g.storage === 'sofs'
      ? `SMB 3 network (${c.params.linkGbps} Gbit/s), SMB Multichannel`
      : 'Host cluster: both hosts reach the volume directly';
  const summary = [
    ...hosts.map((h) => {
      if (!h.up) return `${h.name} is down`;
      const on = guests.filter((x) => x.host === h.id).map((x) => x.label);
      return `${h.name}: ${on.length > 0 ? on.join('; ') : 'no guest node'}`;
    }),
    ...fileServers.map((f) => `file server node ${f.name} ${f.up ? 'up' : 'down'}`),
    svc.path ? `I/O path: ${svc.path}` : `${SERVICE_NAME} is stopped`,
  ].join('. ');
  return {
    summary: `${summary}.`,
    storage: g.storage,
    hosts,
    fileServers,
    guests,
    io: {
      host: serviceHost ?? '',
      fileServer: serviceHost && g.storage === 'sofs' ? (g.smb[serviceHost] ?? null) : null,
      state: serviceHost ? ioState : 'none',
    },
    standbyHosts,
    network,
    vhdx: {
      name: `${SHARED_VHDX} (shared VHDX)`,
      caption: `on ${storageText(g)}`,
    },
  };
}
