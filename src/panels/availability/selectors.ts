/**
 * What the three availability panels show, derived from the runner's view (their machines share
 * one context): the "Cluster summary", the Inventory (every VM), the Results, the picture's data
 * and its text. The picture and the text read the same cluster state, so they agree; the heavy
 * parts (8,000 rows, 8,000 cells) are computed once per cluster state, which changes only at the
 * run's milestones, not per frame.
 */
import type { AnyStateMachine } from 'xstate';
import type { AvailContext, AvailKind } from '../../machines/availability';
import { nameList, nodeName, vmNameOf } from '../../machines/availability';
import {
  type AvailState,
  type ClusterCounts,
  type ClusterSpec,
  clusterCounts,
  isActive,
  leftOff,
  PRIORITIES,
  PRIORITY_LABEL,
  type Priority,
  STORAGE_DISKS,
} from '../../model/availability';
import { formatDuration, formatNumber } from '../../model/format';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow } from '../../views/controls';
import { processFamily } from '../kit/family';
import type { ResultsData } from '../kit/RunPanel';
import { stepsOf } from '../kit/steps';

/** The view of any of the three machines (they share their context). */
export type AvailView = RunnerView<{ context: AvailContext }>;

const ctx = (v: AvailView) => v.snapshot.context;

/** A number with thousands separators ("8,000"). */
export const formatCount = (n: number) => formatNumber(n);

/** Memoize a function of the cluster state (a new state only at a milestone). */
function perState<T>(f: (c: AvailContext) => T): (c: AvailContext) => T {
  const cache = new WeakMap<AvailState, T>();
  return (c) => {
    const hit = cache.get(c.cluster);
    if (hit !== undefined) return hit;
    const out = f(c);
    cache.set(c.cluster, out);
    return out;
  };
}

// ---- Cluster summary --------------------------------------------------------------------------------

/** The cluster's counts (model `clusterCounts`), its VMs by priority and the nodes that are down. */
export interface ClusterSummary extends ClusterCounts {
  /** VMs by priority, highest first. */
  priorities: { priority: Priority; label: string; count: number }[];
  /** The nodes that are down, by name. */
  down: string[];
}

const summaryOf = perState((c): ClusterSummary => {
  return {
    ...clusterCounts(c.cluster),
    priorities: PRIORITIES.map((p) => ({
      priority: p,
      label: PRIORITY_LABEL[p],
      count: c.spec.vms.filter((vm) => vm.priority === p).length,
    })),
    down: c.cluster.up.flatMap((up, n) => (up ? [] : [nodeName(c.spec, n)])),
  };
});

export function clusterSummary(v: AvailView): ClusterSummary {
  return summaryOf(ctx(v));
}

// ---- Inventory --------------------------------------------------------------------------------------

/** The queues as sets (a lookup per VM of 8,000). */
interface Queues {
  moves: ReadonlySet<number>;
  waiting: ReadonlySet<number>;
}

function stateText(c: AvailContext, vm: number, q: Queues): string {
  const s = c.cluster;
  const at = s.at[vm] as number;
  switch (s.status[vm]) {
    case 'running': {
      if (at < 0 || s.cable[at]) return 'Running';
      if (q.moves.has(vm)) return 'Running, no network: queued to move';
      if (!s.netKnown[at]) return 'Running, no network: not yet detected';
      if (!c.spec.vms[vm]?.protectedNetwork) return 'Running, no network: not protected';
      return 'Running, no network: no node can take it';
    }
    case 'migrating': {
      const b = s.batch;
      const i = b?.kind === 'migrate' ? b.vms.indexOf(vm) : -1;
      const to = b?.kind === 'migrate' ? (b.to[i] as number) : at;
      return `Live migrating to ${nodeName(c.spec, to)}`;
    }
    case 'starting':
      return 'Starting (cold boot)';
    case 'paused':
      return 'Paused-Critical (disk not answering)';
    case 'down':
      if (at >= 0 && !s.up[at] && !s.declared[at])
        return `Off: ${nodeName(c.spec, at)} failed, not yet detected`;
      return q.waiting.has(vm) ? 'Off: waiting to restart' : 'Off: being turned off';
    default:
      switch (s.reason[vm]) {
        case 'noAutoStart':
          return 'Off (No auto start)';
        case 'noRoom':
          return 'Off (no node has room)';
        case 'failoverLimit':
          return 'Off (failed over too often, event 1254)';
        case 'overLimit':
          return 'Off (over 1,024 VMs per node)';
        default:
          return 'Off (no node up)';
      }
  }
}

function hostText(c: AvailContext, vm: number): string {
  const s = c.cluster;
  const at = s.at[vm] as number;
  if (at < 0) return '\u2014';
  const st = s.status[vm];
  if (st === 'migrating') {
    const b = s.batch;
    const i = b?.kind === 'migrate' ? b.vms.indexOf(vm) : -1;
    const to = b?.kind === 'migrate' ? (b.to[i] as number) : at;
    return `${nodeName(c.spec, at)} \u2192 ${nodeName(c.spec, to)}`;
  }
  if (st === 'down' || st === 'off') return `\u2014 (last on ${nodeName(c.spec, at)})`;
  return nodeName(c.spec, at);
}

function storageText(c: AvailContext, vm: number): string {
  const name = vmNameOf(c.spec, vm);
  const path = `${c.spec.share}\\${name}`;
  if (c.kind !== 'storage') return path;
  const s = c.cluster;
  if (s.status[vm] === 'paused') return `${path}: ${STORAGE_DISKS[c.disk]} not answering`;
  if ((s.avoid[vm] ?? -1) >= 0)
    return `${path}: lost from ${nodeName(c.spec, s.avoid[vm] as number)}`;
  return path;
}

const inventoryOf = perState((c): InventoryRow[] => {
  const q = { moves: new Set(c.cluster.moves), waiting: new Set(c.cluster.waiting) };
  return c.spec.vms.map((vm, k) => ({
    vm: vm.name,
    state: `${stateText(c, k, q)}, priority ${PRIORITY_LABEL[vm.priority]}`,
    host: hostText(c, k),
    storage: storageText(c, k),
  }));
});

/** One row per VM (every VM: the Inventory pages them). */
export function inventory(v: AvailView): InventoryRow[] {
  return inventoryOf(ctx(v));
}

// ---- Results ----------------------------------------------------------------------------------------

/** What the Results need of a cluster state (once per state; the text asks 5 times a second). */
interface StateFigures {
  starting: number;
  migrating: number;
  off: ReturnType<typeof leftOff>;
  /** The earliest start of an outage under way (down, paused, booting), or null. */
  outSince: number | null;
  /** The earliest start of a time without network under way, or null. */
  noNetSince: number | null;
}

const figuresOf = perState((c): StateFigures => {
  const s = c.cluster;
  let starting = 0;
  let migrating = 0;
  let outSince: number | null = null;
  let noNetSince: number | null = null;
  s.status.forEach((st, vm) => {
    if (st === 'starting') starting += 1;
    if (st === 'migrating') migrating += 1;
    const since = s.outSince[vm];
    if (since === null || since === undefined) return;
    if (st === 'down' || st === 'paused' || st === 'starting')
      outSince = Math.min(outSince ?? since, since);
    if (st === 'running' || st === 'migrating') noNetSince = Math.min(noNetSince ?? since, since);
  });
  return { starting, migrating, off: leftOff(s), outSince, noNetSince };
});

/** The longest outage so far of a VM the cluster brings back (ongoing ones up to now). */
function downtimeSoFar(c: AvailContext, now: number): number {
  const since = figuresOf(c).outSince;
  return Math.max(c.cluster.tally.maxDowntimeS, since === null ? 0 : now - since);
}

function noNetworkSoFar(c: AvailContext, now: number): number {
  const since = figuresOf(c).noNetSince;
  return Math.max(c.cluster.tally.maxNoNetworkS, since === null ? 0 : now - since);
}

export function results(v: AvailView): ResultsData {
  const c = ctx(v);
  const s = c.cluster;
  const p = c.spec.params;
  const now = v.now;
  const f = figuresOf(c);
  const off = f.off;
  const leftN =
    off.noAutoStart.length + off.noRoom.length + off.failoverLimit.length + off.noNode.length;
  const reasons = [
    off.noAutoStart.length > 0 ? `${off.noAutoStart.length} No auto start` : '',
    off.noRoom.length > 0 ? `${off.noRoom.length} with no room` : '',
    off.failoverLimit.length > 0 ? `${off.failoverLimit.length} failed over too often` : '',
    off.noNode.length > 0 ? `${off.noNode.length} with no node up` : '',
  ].filter(Boolean);
  const { starting, migrating } = f;
  const detectHint =
    c.kind === 'node'
      ? `${p.heartbeatThreshold} missed heartbeats, one every ${p.heartbeatDelayMs} ms`
      : `the VM resource\u2019s health check (${formatDuration(c.spec.healthDetectS)}, our assumption)`;
  const figures = [
    {
      label: 'Detected after',
      value: s.tally.firstDetectS === null ? '\u2014' : formatDuration(s.tally.firstDetectS),
      hint: detectHint,
    },
    c.kind === 'network'
      ? {
          label: 'Downtime',
          value: formatDuration(s.tally.maxPauseS),
          hint: 'the longest live migration pause (no VM restarts)',
        }
      : {
          label: 'Downtime',
          value: formatDuration(c.struckAt === null ? 0 : downtimeSoFar(c, now)),
          hint: 'the longest time a VM the cluster brings back was not running',
        },
    {
      label: 'VMs restarted',
      value: `${formatCount(s.tally.restarted)}${starting > 0 ? ` (${formatCount(starting)} starting)` : ''}`,
      hint: 'cold boots on another node',
    },
    {
      label: 'VMs live-migrated',
      value: `${formatCount(s.tally.migrated)}${migrating > 0 ? ` (${formatCount(migrating)} migrating)` : ''}`,
      hint: c.kind === 'network' ? 'to a node with the network' : 'a failover never live-migrates',
    },
    {
      label: 'VMs left off',
      value: formatCount(leftN),
      hint: reasons.length > 0 ? reasons.join(', ') : 'none',
    },
  ];
  if (c.kind === 'network')
    figures.push({
      label: 'Without network',
      value: formatDuration(c.struckAt === null ? 0 : noNetworkSoFar(c, now)),
      hint: 'the longest time a VM ran unreachable before its move',
    });
  if (c.outcome)
    return {
      figures,
      verdict: { tone: c.outcome.kind === 'recovered' ? 'ok' : 'failed', text: c.outcome.text },
    };
  return { figures };
}

// ---- words --------------------------------------------------------------------------------------

/** The narration before the start: the cluster, and what the panel's fault will hit. */
export function readyText(v: AvailView, kind: AvailKind): string {
  const c = ctx(v);
  const spec = c.spec;
  const p = spec.params;
  // The heartbeat settings are named where they decide the run (a node failing); a lost disk or
  // cable is found by other means, and those panels do not offer the settings.
  const heartbeats =
    kind === 'node'
      ? `, heartbeats every ${p.heartbeatDelayMs} ms (down after ${p.heartbeatThreshold} missed)`
      : '';
  const size = `${formatCount(p.vms)} VMs on ${p.nodes} nodes${heartbeats}`;
  if (!spec.fits)
    return `${size}. Too many for this cluster: at most 1,024 VMs per node, so Start will be refused.`;
  const target =
    kind === 'node'
      ? `${nodeName(spec, c.target)} fails`
      : kind === 'storage'
        ? `${vmNameOf(spec, c.target)}\u2019s ${STORAGE_DISKS[c.disk].toLowerCase()} fails`
        : `the cable of ${vmNameOf(spec, c.target)}\u2019s node, ${nodeName(spec, c.spec.vms[c.target]?.home ?? 0)}, is unplugged`;
  return `${size}. Press Play: after three heartbeats ${target}; watch the cluster recover.`;
}

/** What the current step is doing, in a line (it follows sim time: heartbeats missed, waves). */
export function stepDetail(v: AvailView): string | undefined {
  const c = ctx(v);
  const s = c.cluster;
  const spec = c.spec;
  if (c.outcome || v.snapshot.context.struckAt === null) return undefined;
  const b = s.batch;
  if (b?.kind === 'boot')
    return `${formatCount(b.vms.length)} ${PRIORITY_LABEL[b.priority]} priority VMs booting, ${formatDuration(Math.max(0, b.end - v.now))} to go`;
  if (b?.kind === 'migrate')
    return `Moving ${nameList(b.vms.map((vm) => vmNameOf(spec, vm)))}; ${formatCount(s.moves.length)} queued`;
  const d = s.detections[0];
  if (!d) return undefined;
  if (d.kind === 'node') {
    const delay = spec.params.heartbeatDelayMs / 1000;
    const missed = Math.min(
      spec.params.heartbeatThreshold,
      Math.floor((v.now - d.since) / delay + 1e-9),
    );
    return `${nodeName(spec, d.node)}: ${missed} of ${spec.params.heartbeatThreshold} heartbeats missed`;
  }
  return `Detection in ${formatDuration(Math.max(0, d.at - v.now))}`;
}

// ---- the picture's data -------------------------------------------------------------------------

/** A cell's look (the picture's colours and legend). */
export const CELL_KINDS = [
  'running',
  'noNetwork',
  'starting',
  'migrating',
  'down',
  'paused',
  'off',
] as const;
export type CellKind = (typeof CELL_KINDS)[number];

export interface NodeView {
  name: string;
  up: boolean;
  declared: boolean;
  cable: boolean;
  usedGiB: number;
  memoryGiB: number;
  count: number;
  failedAt: number | null;
}

export interface MovingCell {
  vm: number;
  fromNode: number;
  fromSlot: number;
  toNode: number;
  toSlot: number;
  start: number;
  end: number;
  kind: CellKind;
}

export interface ClusterScene {
  spec: ClusterSpec;
  nodes: NodeView[];
  /** Per cell kind, the VMs drawn still (their node and slot in `node` and `slot`). */
  still: Record<CellKind, number[]>;
  node: readonly number[];
  slot: readonly number[];
  moving: MovingCell[];
  /** Slots each node box holds (the grid's size: twice the busiest node at the start, or more). */
  capacity: number;
  /** Counts by kind, for the legend (moving cells included). */
  counts: Record<CellKind, number>;
  /** VMs with no place in the cluster (over 1,024 per node): not drawn. */
  unplaced: number;
  /** The picture's text: what it shows, agreeing with the Cluster summary. */
  label: string;
}

function cellKind(c: AvailContext, vm: number): CellKind | null {
  const s = c.cluster;
  const st = s.status[vm];
  if ((s.at[vm] as number) < 0) return null;
  if (st === 'running') return s.cable[s.at[vm] as number] ? 'running' : 'noNetwork';
  if (st === 'starting' || st === 'migrating' || st === 'down' || st === 'paused') return st;
  return 'off';
}

/** What the picture says, in words (its aria-label). */
export function sceneLabel(c: AvailContext, k: ClusterSummary): string {
  const spec = c.spec;
  const nodes =
    k.nodes <= 8
      ? spec.nodes
          .map((n, i) => {
            const s = c.cluster;
            if (!s.up[i]) return `${n.name} down${s.declared[i] ? '' : ' (not yet detected)'}`;
            const net = s.cable[i] ? '' : ', VM network cable unplugged';
            return `${n.name} up with ${formatCount(s.count[i] as number)} VMs, ${s.used[i]} of ${n.memoryGiB} GiB${net}`;
          })
          .join('; ')
      : `${k.nodesUp} of ${k.nodes} nodes up${k.down.length > 0 ? ` (down: ${nameList(k.down)})` : ''}`;
  const net = k.noNetwork > 0 ? `, ${formatCount(k.noNetwork)} without network` : '';
  return `Cluster of ${k.nodes} nodes, every VM a cell on its node: ${nodes}. VMs: ${formatCount(k.running)} running${net}, ${formatCount(k.starting)} starting, ${formatCount(k.off)} off.`;
}

const sceneOf = perState((c): ClusterScene => {
  const s = c.cluster;
  const spec = c.spec;
  const still = Object.fromEntries(CELL_KINDS.map((k) => [k, [] as number[]])) as Record<
    CellKind,
    number[]
  >;
  const counts = Object.fromEntries(CELL_KINDS.map((k) => [k, 0])) as Record<CellKind, number>;
  const moving: MovingCell[] = [];
  const b = s.batch;
  const inWave = new Map<number, number>();
  if (b)
    b.vms.forEach((vm, i) => {
      inWave.set(vm, i);
    });
  let maxSlot = 0;
  let unplaced = 0;
  s.status.forEach((_, vm) => {
    const kind = cellKind(c, vm);
    if (!kind) {
      unplaced += 1;
      return;
    }
    counts[kind] += 1;
    maxSlot = Math.max(maxSlot, s.slot[vm] as number);
    const i = inWave.get(vm);
    if (b && i !== undefined) {
      const boot = b.kind === 'boot';
      moving.push({
        vm,
        fromNode: boot ? (b.from[i] as number) : (s.at[vm] as number),
        fromSlot: boot ? (b.fromSlot[i] as number) : (s.slot[vm] as number),
        toNode: boot ? (s.at[vm] as number) : (b.to[i] as number),
        toSlot: boot ? (s.slot[vm] as number) : (b.toSlot[i] as number),
        start: b.start,
        end: b.end,
        kind,
      });
      if (!boot) maxSlot = Math.max(maxSlot, b.toSlot[i] as number);
      return;
    }
    still[kind].push(vm);
  });
  const perNodeStart = spec.nodes.map(() => 0);
  for (const vm of spec.vms)
    if (vm.home >= 0) perNodeStart[vm.home] = (perNodeStart[vm.home] ?? 0) + 1;
  const busiest = Math.max(1, ...perNodeStart);
  const capacity = Math.max(2 * busiest, maxSlot + 1);
  const summary = summaryOf(c);
  return {
    spec,
    nodes: spec.nodes.map((n, i) => ({
      name: n.name,
      up: s.up[i] === true,
      declared: s.declared[i] === true,
      cable: s.cable[i] === true,
      usedGiB: s.used[i] as number,
      memoryGiB: n.memoryGiB,
      count: s.count[i] as number,
      failedAt: s.failedAt[i] ?? null,
    })),
    still,
    node: s.at,
    slot: s.slot,
    moving,
    capacity,
    counts,
    unplaced,
    label: sceneLabel(c, summary),
  };
});

export function clusterScene(v: AvailView): ClusterScene {
  return sceneOf(ctx(v));
}

/** The picture's text alone (what a component subscribes to: a string, compared cheaply). */
export function sceneText(v: AvailView): string {
  return clusterScene(v).label;
}

/** Active VMs on each node, for tests. */
export function activeOn(c: AvailContext, node: number): number {
  return c.cluster.status.filter((st, vm) => isActive(st) && c.cluster.at[vm] === node).length;
}

/** The priority of each VM as a settings option label: "VM-3 (High)". */
export function vmOptions(spec: ClusterSpec): { value: string; label: string }[] {
  return spec.vms.map((vm) => ({
    value: vm.id,
    label: `${vm.name} (${PRIORITY_LABEL[vm.priority]}${vm.home >= 0 ? `, on ${nodeName(spec, vm.home)}` : ''})`,
  }));
}

/**
 * An availability panel's own selectors: the process family over its machine (a recovery is its
 * success), its Steps list (`stepTitles` names a poster step that several states share), and its
 * ready text.
 */
export function availFamily<M extends AnyStateMachine>(
  machine: M,
  kind: AvailKind,
  stepTitles?: Record<number, string>,
) {
  const family = processFamily(machine, {
    success: ['recovered'],
    titles: { recovered: 'Recovered', failed: 'Cluster down', refused: 'Refused' },
    ready: (v) => ({
      title: 'Ready',
      text: readyText(v as unknown as AvailView, kind),
      tone: 'normal',
    }),
  });
  return { ...family, STEPS: stepsOf(family.CHART.nodes, stepTitles) };
}
