/**
 * Everything the CSV panel shows, derived from the runner's view of the machine: the picture, the
 * "Cluster Shared Volume" region and the text equivalents come from the same snapshot.
 */
import type { SnapshotFrom } from 'xstate';
import { type CsvMachine, csvMachine } from '../../machines/csv.machine';
import { hostName, vmName } from '../../machines/kernel';
import {
  CSV_CONSTANTS,
  CSV_VOLUME,
  CSV_VOLUME_PATH,
  type CsvIoMode,
  clusterWriteRate,
  coordinatorOf,
  nodeModes,
  nodeWriteRates,
  tallyAt,
} from '../../model/csv';
import { compareNames, formatBytes, formatDuration, formatRate } from '../../model/format';
import { activeInstance } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow } from '../../views/controls';
import { processFamily } from '../kit/family';
import type { ResultsData } from '../kit/RunPanel';

export type Snap = SnapshotFrom<CsvMachine>;
export type View = RunnerView<Snap>;

const ctx = (v: View) => v.snapshot.context;
const world = (v: View) => ctx(v).cluster.world;
const volumeName = (v: View) => world(v).storage[CSV_VOLUME]?.name ?? 'the volume';

function readyText(v: View): string {
  const c = ctx(v);
  const w = c.cluster.world;
  const nodes = Object.values(w.hosts).map((h) => h.name);
  return `${Object.keys(w.vms).length} VMs run on ${nodes.join(', ')}, every one with its disk on ${volumeName(v)}; ${hostName(w, coordinatorOf(w))} is its coordinator. Press Start I/O, then inject a fault at any moment (the path and node faults hit ${hostName(w, c.target)}).`;
}

const FAMILY = processFamily(csvMachine, {
  success: ['completed'],
  titles: { completed: 'I/O complete', failed: 'Run failed' },
  ready: (v) => ({ title: 'Ready', text: readyText(v), tone: 'normal' }),
});
export const { STEPS, CHART, succeeded, narration, log } = FAMILY;

/** What the current step is doing, in a line. */
export function stepDetail(v: View): string | undefined {
  const c = ctx(v);
  const cl = c.cluster;
  const w = cl.world;
  const s = v.snapshot;
  if (s.matches({ running: 'switching' }) && cl.takeover)
    return `${hostName(w, coordinatorOf(w))} is taking over as coordinator`;
  if (s.matches({ running: 'restarting' }))
    return `Booting ${Object.keys(cl.restarts)
      .map((vm) => vmName(w, vm))
      .join(', ')}`;
  if (s.matches({ running: 'detecting' }) && cl.queued.length > 0)
    return `I/O queued on ${cl.queued.map((h) => hostName(w, h)).join(', ')}`;
  return undefined;
}

// ---- the volume, node by node -------------------------------------------------------------------

export interface CsvNodeRow {
  id: string;
  name: string;
  mode: CsvIoMode;
  coordinator: boolean;
  /** What the mode means here, e.g. "through HV-1 over the cluster network". */
  note: string;
  /** VMs on the node (running or restarting there). */
  vms: string[];
}

export interface CsvVolumeView {
  name: string;
  path: string;
  coordinator: string;
  /** The coordinator is taking the volume over now (I/O queued meanwhile). */
  takingOver: boolean;
  online: boolean;
  nodes: CsvNodeRow[];
}

export function volumeView(v: View): CsvVolumeView {
  const c = ctx(v);
  const cl = c.cluster;
  const w = cl.world;
  const modes = nodeModes(cl);
  const coord = coordinatorOf(w);
  const online = c.outcome?.kind !== 'failed' || Object.values(modes).some((m) => m === 'direct');
  const note = (m: CsvIoMode): string => {
    switch (m) {
      case 'direct':
        return 'straight to the disk';
      case 'redirected':
        return `no path of its own: through ${hostName(w, coord)} over the cluster network`;
      case 'paused':
        return online ? 'I/O queued' : 'no path to the disk';
      case 'down':
        return 'node down';
    }
  };
  return {
    name: volumeName(v),
    path: CSV_VOLUME_PATH,
    coordinator: hostName(w, coord),
    takingOver: cl.takeover && c.outcome === null,
    online,
    nodes: Object.values(w.hosts).map((h) => {
      const m = modes[h.id] ?? 'down';
      return {
        id: h.id,
        name: h.name,
        mode: m,
        coordinator: h.id === coord,
        note: note(m),
        vms: w.instances
          .filter((i) => i.host === h.id && i.status !== 'off' && i.status !== 'shell')
          .map((i) => vmName(w, i.vm)),
      };
    }),
  };
}

// ---- results and inventory ----------------------------------------------------------------------

export function results(v: View): ResultsData {
  const c = ctx(v);
  const t = v.started ? v.now : 0;
  const tally = v.started
    ? tallyAt(c.tally, c.cluster, c.params, t)
    : { writtenBytes: 0, longestPauseS: 0 };
  const modes = nodeModes(c.cluster);
  const redirected = Object.keys(modes).filter((h) => modes[h] === 'redirected');
  const restarting = Object.keys(c.cluster.restarts).length;
  const figures = [
    {
      label: 'Total time',
      value: formatDuration(t),
      hint: `a run of ${CSV_CONSTANTS.runS} s of I/O`,
    },
    {
      label: 'I/O paused',
      value: formatDuration(tally.longestPauseS),
      hint: 'the longest time any node\u2019s I/O was queued',
    },
    {
      label: 'VMs restarted',
      value: `${c.tally.vmRestarts}${restarting > 0 ? ` (${restarting} restarting)` : ''}`,
      hint: 'cold boots on another node',
    },
    {
      label: 'Redirected nodes',
      value:
        redirected.length === 0
          ? '0'
          : `${redirected.length} (${redirected.map((h) => hostName(c.cluster.world, h)).join(', ')})`,
      hint: 'nodes whose I/O goes over the network',
    },
    {
      label: 'Data written',
      value: formatBytes(tally.writtenBytes),
      hint: `now ${formatRate(v.started && !c.outcome ? clusterWriteRate(c.cluster, c.params) : 0)}`,
    },
  ];
  if (c.outcome)
    return {
      figures,
      verdict: { tone: succeeded(v) ? 'ok' : 'failed', text: c.outcome.text },
    };
  return { figures };
}

function vmState(v: View, vm: string): string {
  const c = ctx(v);
  const w = c.cluster.world;
  const at = activeInstance(w, vm);
  if (!at) return c.outcome?.kind === 'failed' ? 'Off (no node can run it)' : 'Off';
  if (at.status === 'starting')
    return c.cluster.restarts[vm] === 'booting'
      ? 'Restarting (cold boot)'
      : 'Restarting (failure being detected)';
  if (at.status === 'paused') return 'Paused-Critical (volume offline)';
  return nodeModes(c.cluster)[at.host] === 'paused' ? 'Running (I/O queued)' : 'Running';
}

function vmStorage(v: View, vm: string): string {
  const c = ctx(v);
  const w = c.cluster.world;
  const at = activeInstance(w, vm);
  const vol = volumeName(v);
  if (!at) return vol;
  const m = nodeModes(c.cluster)[at.host];
  if (m === 'redirected') return `${vol}: redirected via ${hostName(w, coordinatorOf(w))}`;
  return `${vol}: ${m}`;
}

export function inventory(v: View): InventoryRow[] {
  const w = world(v);
  return Object.keys(w.vms).map((vm) => {
    const at = activeInstance(w, vm);
    return {
      vm: vmName(w, vm),
      state: vmState(v, vm),
      host: at ? hostName(w, at.host) : '\u2014',
      storage: vmStorage(v, vm),
    };
  });
}

// ---- the picture ----------------------------------------------------------------------------------

export interface CsvSceneNode {
  id: string;
  name: string;
  mode: CsvIoMode;
  coordinator: boolean;
  /** The node's own path to the disk works. */
  path: boolean;
  /** The node's second line: its mode in words. */
  modeText: string;
}

export interface CsvSceneCard {
  key: string;
  name: string;
  host: string;
  kind: 'running' | 'queued' | 'restarting' | 'paused';
}

export interface CsvSceneData {
  summary: string;
  nodes: CsvSceneNode[];
  cards: CsvSceneCard[];
  network: { text: string; active: boolean };
  volume: { name: string; caption: string };
}

export function sceneData(v: View): CsvSceneData {
  const c = ctx(v);
  const cl = c.cluster;
  const w = cl.world;
  const vol = volumeView(v);
  const modes = nodeModes(cl);
  const redirected = Object.keys(modes).filter((h) => modes[h] === 'redirected');
  const rates = nodeWriteRates(cl, c.params);
  const carried = redirected.reduce((a, h) => a + (rates[h] ?? 0), 0);
  const netText =
    redirected.length > 0
      ? `Cluster network (${c.params.linkGbps} Gbit/s): redirected I/O of ${redirected.map((h) => hostName(w, h)).join(', ')}, ${formatRate(carried)}`
      : `Cluster network (${c.params.linkGbps} Gbit/s): heartbeats and metadata`;
  const nodes: CsvSceneNode[] = vol.nodes.map((n) => ({
    id: n.id,
    name: n.name,
    mode: n.mode,
    coordinator: n.coordinator,
    path: w.storage[CSV_VOLUME]?.pathUp[n.id] === true,
    modeText:
      n.mode === 'redirected'
        ? `redirected via ${vol.coordinator}`
        : n.mode === 'paused'
          ? 'paused: I/O queued'
          : n.mode,
  }));
  const cards: CsvSceneCard[] = w.instances
    .filter((i) => i.status !== 'off' && i.status !== 'shell')
    .sort((a, b) => compareNames(a.vm, b.vm))
    .map((i) => ({
      key: i.vm,
      name: vmName(w, i.vm),
      host: i.host,
      kind:
        i.status === 'starting'
          ? 'restarting'
          : i.status === 'paused'
            ? 'paused'
            : modes[i.host] === 'paused'
              ? 'queued'
              : 'running',
    }));
  const nodeText = vol.nodes
    .map((n) => {
      const role = n.coordinator ? ' (coordinator)' : '';
      if (n.mode === 'down') return `${n.name}${role} is down`;
      const list = n.vms.length > 0 ? n.vms.join(', ') : 'no VMs';
      return `${n.name}${role}: ${n.mode}, ${n.note}; ${list}`;
    })
    .join('. ');
  const summary = `${vol.name}, coordinator ${vol.coordinator}${vol.takingOver ? ' (taking over)' : ''}. ${nodeText}. ${netText}.`;
  return {
    summary,
    nodes,
    cards,
    network: { text: netText, active: redirected.length > 0 },
    volume: {
      name: `${vol.name} (${vol.path})`,
      caption: vol.online
        ? `coordinator ${vol.coordinator}${vol.takingOver ? ', taking over' : ''}; ${Object.keys(w.vms).length} VHD files`
        : 'offline: no node reaches the disk',
    },
  };
}
