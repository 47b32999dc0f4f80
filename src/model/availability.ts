/**
 * Availability (CATALOG 5, seeds 000 and 001; CATALOG "Numbers and rules ... availability"): one
 * failover cluster at real scale (up to 64 nodes and 8,000 VMs, at most 1,024 on a node) and what
 * the cluster does when a node, a VM's storage or a VM's network fails. Pure data and functions:
 * the three availability machines only sequence them, keep the log and name things.
 *
 * - Nodes exchange heartbeats every `heartbeatDelayMs`; a node that misses `heartbeatThreshold`
 *   in a row is declared down (event 1135), so detection takes delay x threshold.
 * - A declared-down node's VMs cold-boot on the surviving nodes (an unplanned failover restarts
 *   them, it never live-migrates them: the node is gone). Priorities High 3000, Medium 2000 (the
 *   default), Low 1000: higher ones start first, equal ones together (a "restart wave"); No auto
 *   start (0) VMs stay off. Each VM goes to the up node with the most free memory that holds it
 *   (memory, and the 1,024-VM limit of a node); a VM that fits nowhere stays off, named.
 * - A role that would fail over more than n-1 times (n nodes) is left failed (event 1254).
 * - Storage failure detection (2012 R2): a VM whose disk stops answering from its node pauses
 *   (Paused-Critical); once detected the cluster turns it off there and restarts it on another
 *   node. No other VM is touched.
 * - Network health (2012 R2, "protected network", on by default per VM adapter): when a node's
 *   cable to the VM network is unplugged, each VM there with a protected adapter is live-migrated
 *   (no restart; a pause of milliseconds from the pre-copy model) to a node where that network
 *   works, at most `simultaneousMigrations` at a time from one host; if no node has the network,
 *   or none has room, the VM stays and the log says why.
 *
 * Time moves in milestones, never per VM: a detection ending, a restart wave booting, a wave of
 * live migrations ending. The state is arrays indexed by VM and by node (8,000 VMs are copied a
 * few dozen times per run, not thousands of times).
 */
import { ONE_TCP_CONNECTION } from './inputs';
import { planLiveMigration } from './liveMigration';
import { createRng, deriveSeed, permutation } from './random';

// ---- rules and figures ---------------------------------------------------------------------------

export type Priority = 'high' | 'medium' | 'low' | 'none';
/** The priorities, highest first. */
export const PRIORITIES = ['high', 'medium', 'low', 'none'] as const satisfies readonly Priority[];
/** The priorities the cluster restarts, in restart order. */
export const RESTART_ORDER = ['high', 'medium', 'low'] as const satisfies readonly Priority[];
export type RestartPriority = (typeof RESTART_ORDER)[number];

/** A VM's priority as the cluster stores it (Get-ClusterGroup's Priority property). */
export const PRIORITY_VALUE: Record<Priority, number> = {
  high: 3000,
  medium: 2000,
  low: 1000,
  none: 0,
};

export const PRIORITY_LABEL: Record<Priority, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'No auto start',
};

/** Cluster scale of Windows Server 2012 and 2012 R2 (Microsoft documentation). */
export const CLUSTER_LIMITS = {
  maxNodes: 64,
  maxVms: 8000,
  vmsPerNode: 1024,
} as const;

/**
 * Figures the seeds and the documentation do not give: the product's assumptions, each chosen to
 * be in the range such clusters show.
 */
export const AVAILABILITY_CONSTANTS = {
  /** Heartbeats the nodes exchange before the panel's failure strikes (step 1). */
  leadHeartbeats: 3,
  /**
   * How long the cluster takes to notice that a VM's disk or network stopped answering (the VM
   * resource's health check), s.
   */
  vmHealthCheckS: 5,
  /**
   * The cluster is sized with headroom: the initial load fills this share of the fullest node's
   * memory (every node has the same memory, rounded up to `memoryStepGiB`).
   */
  memoryFill: 0.6,
  memoryStepGiB: 16,
  /** VM memory sizes, GiB, and the share of VMs of each (seeded). */
  vmMemoryGiB: [1, 2, 4, 8] as const,
  vmMemoryShare: [0.2, 0.4, 0.3, 0.1] as const,
  /** Shares of the seeded priority mix (the rest are Medium, the default). */
  priorityShare: { high: 0.2, low: 0.2, none: 0.1 },
  /** Speed of each node's live migration network, Gbit/s (a cluster network, not the URL's). */
  liveMigrationGbps: 10,
  /** Simultaneous live migrations per host (the Hyper-V default). */
  simultaneousMigrations: 2,
} as const;

const EPS = 1e-9;

// ---- the cluster as built --------------------------------------------------------------------------

export interface AvailParams {
  nodes: number;
  vms: number;
  heartbeatDelayMs: number;
  heartbeatThreshold: number;
  vmBootS: number;
  seed: number;
}

export interface ClusterNode {
  id: string;
  name: string;
  memoryGiB: number;
}

export interface ClusterVm {
  id: string;
  name: string;
  memoryGiB: number;
  priority: Priority;
  /** The node it runs on at the start (-1: none, the cluster cannot hold it). */
  home: number;
  /** Its network adapter's "protected network" setting (on by default). */
  protectedNetwork: boolean;
}

/** Page-state changes to the seeded cluster: a VM's priority, an unprotected adapter. */
export interface ClusterOverrides {
  priorities?: Readonly<Record<string, Priority>>;
  unprotected?: readonly string[];
}

export interface ClusterSpec {
  params: AvailParams;
  nodes: ClusterNode[];
  vms: ClusterVm[];
  /** Heartbeats: seconds from a node's failure to the cluster declaring it down. */
  nodeDetectS: number;
  /** Seconds from a lost disk or network to the cluster acting on it. */
  healthDetectS: number;
  /** The most times a VM may fail over (n - 1); one more and it is left failed (event 1254). */
  maxFailovers: number;
  /** Every VM has a place: no more than 1,024 VMs per node. */
  fits: boolean;
  /** The share the VMs' disks are on (storage the cluster does not manage). */
  share: string;
  /** The VM network every node has a cable to. */
  vmNetwork: string;
}

/** Seconds from a node's failure to the cluster declaring it down: heartbeat delay x threshold. */
export function nodeDetectionS(p: Pick<AvailParams, 'heartbeatDelayMs' | 'heartbeatThreshold'>) {
  return (p.heartbeatDelayMs / 1000) * p.heartbeatThreshold;
}

/** Seconds the nodes exchange heartbeats before the panel's failure strikes. */
export function leadS(p: Pick<AvailParams, 'heartbeatDelayMs'>): number {
  return AVAILABILITY_CONSTANTS.leadHeartbeats * (p.heartbeatDelayMs / 1000);
}

/** The fewest nodes that can hold `vms` VMs (1,024 per node). */
export function nodesNeeded(vms: number): number {
  return Math.ceil(vms / CLUSTER_LIMITS.vmsPerNode);
}

/** The seeded priorities: exact shares (High, Low, No auto start; the rest Medium), shuffled. */
function seededPriorities(n: number, seed: number): Priority[] {
  const share = AVAILABILITY_CONSTANTS.priorityShare;
  const high = Math.round(n * share.high);
  const low = Math.round(n * share.low);
  const none = Math.min(Math.round(n * share.none), Math.max(0, n - high - low));
  const order = permutation(n, createRng(deriveSeed(seed, 1)));
  const out: Priority[] = Array.from({ length: n }, () => 'medium');
  order.forEach((vm, k) => {
    if (k < high) out[vm] = 'high';
    else if (k < high + low) out[vm] = 'low';
    else if (k < high + low + none) out[vm] = 'none';
  });
  return out;
}

function seededMemory(n: number, seed: number): number[] {
  const rng = createRng(deriveSeed(seed, 2));
  const { vmMemoryGiB, vmMemoryShare } = AVAILABILITY_CONSTANTS;
  return Array.from({ length: n }, () => {
    let x = rng.next();
    for (let i = 0; i < vmMemoryGiB.length; i += 1) {
      x -= vmMemoryShare[i] as number;
      if (x < 0) return vmMemoryGiB[i] as number;
    }
    return vmMemoryGiB[vmMemoryGiB.length - 1] as number;
  });
}

/**
 * The cluster: `nodes` nodes HV-1..HV-n and `vms` VMs VM-1..VM-m placed round robin (VM-k on node
 * (k-1) mod n), seeded memory sizes and priorities, node memory sized with headroom. VMs beyond
 * 1,024 on a node have no place (`fits` false: the panel refuses to start).
 */
export function clusterSpec(params: AvailParams, overrides: ClusterOverrides = {}): ClusterSpec {
  const n = params.nodes;
  const m = params.vms;
  const priorities = seededPriorities(m, params.seed);
  const memory = seededMemory(m, params.seed);
  const unprotected = new Set(overrides.unprotected ?? []);
  const vms: ClusterVm[] = Array.from({ length: m }, (_, i) => {
    const id = `vm-${i + 1}`;
    const slot = Math.floor(i / n);
    return {
      id,
      name: `VM-${i + 1}`,
      memoryGiB: memory[i] as number,
      priority: overrides.priorities?.[id] ?? (priorities[i] as Priority),
      home: slot < CLUSTER_LIMITS.vmsPerNode ? i % n : -1,
      protectedNetwork: !unprotected.has(id),
    };
  });
  const load = Array.from({ length: n }, () => 0);
  for (const vm of vms) if (vm.home >= 0) load[vm.home] = (load[vm.home] ?? 0) + vm.memoryGiB;
  const step = AVAILABILITY_CONSTANTS.memoryStepGiB;
  const memoryGiB = Math.max(
    step,
    Math.ceil(Math.max(...load) / AVAILABILITY_CONSTANTS.memoryFill / step) * step,
  );
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `hv-${i + 1}`,
    name: `HV-${i + 1}`,
    memoryGiB,
  }));
  return {
    params,
    nodes,
    vms,
    nodeDetectS: nodeDetectionS(params),
    healthDetectS: AVAILABILITY_CONSTANTS.vmHealthCheckS,
    maxFailovers: Math.max(1, n - 1),
    fits: m <= n * CLUSTER_LIMITS.vmsPerNode,
    share: '\\\\SOFS\\VMs',
    vmNetwork: 'VM network',
  };
}

/** Index of a node or VM by id (-1: unknown). */
export const nodeIndex = (spec: ClusterSpec, id: string) =>
  spec.nodes.findIndex((x) => x.id === id);
export const vmIndex = (spec: ClusterSpec, id: string) => spec.vms.findIndex((x) => x.id === id);

// ---- the cluster as it runs --------------------------------------------------------------------------

/**
 * Where a VM is: `running`; `starting` (cold boot in a restart wave, on its new node); `migrating`
 * (live migration in a wave: running on its node, its memory reserved on the destination); `down`
 * (its node failed, or the cluster turned it off after its storage failed: waiting to restart);
 * `paused` (Paused-Critical: its disk stopped answering); `off` (left off, with a reason).
 */
export type VmStatus = 'running' | 'starting' | 'migrating' | 'down' | 'paused' | 'off';

/** Statuses that hold a node's memory (the VM is there, in some form). */
const ACTIVE: ReadonlySet<VmStatus> = new Set(['running', 'starting', 'migrating', 'paused']);
export const isActive = (s: VmStatus) => ACTIVE.has(s);

/**
 * Why a VM is off: No auto start; no node had room; it failed over too often (event 1254); it had
 * no place from the start (over 1,024 per node); no node is left up.
 */
export type OffReason = 'noAutoStart' | 'noRoom' | 'failoverLimit' | 'overLimit' | 'noNode';

export type Detection =
  | { kind: 'node'; node: number; at: number; since: number }
  | { kind: 'storage'; vm: number; at: number; since: number }
  | { kind: 'network'; node: number; at: number; since: number };

/**
 * A wave of cold boots (one priority) or of live migrations, ending together at `end`. Each of its
 * arrays holds one entry per VM, in the order of `vms`.
 */
export type Batch =
  | {
      kind: 'boot';
      priority: RestartPriority;
      start: number;
      end: number;
      vms: number[];
      /** Where each VM's cell was before (for the picture's move). */
      from: number[];
      fromSlot: number[];
    }
  | {
      kind: 'migrate';
      start: number;
      end: number;
      vms: number[];
      to: number[];
      toSlot: number[];
      /** Each VM's pause (stop-and-copy plus switchover), s. */
      pauseS: number[];
      /** Each VM's whole migration, s. */
      totalS: number[];
    };

/** `batch` with only its VMs at the indexes `keep`, each of its arrays cut alike (null: none kept). */
export function keepBatchVms<B extends Batch>(batch: B, keep: readonly number[]): B | null {
  if (keep.length === 0) return null;
  const out: Record<string, unknown> = { ...batch };
  for (const [key, value] of Object.entries(batch))
    if (Array.isArray(value)) out[key] = keep.map((i) => value[i] as number);
  return out as B;
}

export interface AvailTally {
  restarted: number;
  migrated: number;
  /** Longest outage of a VM the cluster brought back, s. */
  maxDowntimeS: number;
  /** Longest live migration pause, s. */
  maxPauseS: number;
  /** Longest time a VM that was moved ran without its network, s. */
  maxNoNetworkS: number;
  /** Seconds from the first fault to the cluster acting on it. */
  firstDetectS: number | null;
}

export interface AvailState {
  status: VmStatus[];
  /** The node the VM is on (or was on last: the cell stays there while it is down or off). */
  at: number[];
  /** Its place in that node's grid (the picture's cell). */
  slot: number[];
  reason: (OffReason | null)[];
  /** Start of the VM's current outage (down, paused, or without network), s. */
  outSince: (number | null)[];
  failovers: number[];
  /** A node the VM must not restart on (the one whose path to its disk failed; -1 none). */
  avoid: number[];
  up: boolean[];
  /** Declared down by the cluster (event 1135). */
  declared: boolean[];
  failedAt: (number | null)[];
  /** The node's cable to the VM network is plugged in. */
  cable: boolean[];
  /** The cluster knows the node's VM network is down. */
  netKnown: boolean[];
  /** Memory held on each node (active VMs and migrations' reservations), GiB. */
  used: number[];
  /** VMs on each node (active VMs and migrations' reservations). */
  count: number[];
  detections: Detection[];
  /** VMs waiting for a restart wave, in the order they went down. */
  waiting: number[];
  /** VMs waiting to be live-migrated, in order. */
  moves: number[];
  batch: Batch | null;
  tally: AvailTally;
}

export function initialState(spec: ClusterSpec): AvailState {
  const n = spec.nodes.length;
  const used = Array.from({ length: n }, () => 0);
  const count = Array.from({ length: n }, () => 0);
  const perNode = Array.from({ length: n }, () => 0);
  const slot: number[] = [];
  for (const vm of spec.vms) {
    if (vm.home >= 0) {
      used[vm.home] = (used[vm.home] as number) + vm.memoryGiB;
      count[vm.home] = (count[vm.home] as number) + 1;
    }
    const node = vm.home >= 0 ? vm.home : 0;
    slot.push(vm.home >= 0 ? (perNode[node] as number) : -1);
    if (vm.home >= 0) perNode[node] = (perNode[node] as number) + 1;
  }
  return {
    status: spec.vms.map((vm) => (vm.home >= 0 ? 'running' : 'off')),
    at: spec.vms.map((vm) => vm.home),
    slot,
    reason: spec.vms.map((vm) => (vm.home >= 0 ? null : 'overLimit')),
    outSince: spec.vms.map(() => null),
    failovers: spec.vms.map(() => 0),
    avoid: spec.vms.map(() => -1),
    up: spec.nodes.map(() => true),
    declared: spec.nodes.map(() => false),
    failedAt: spec.nodes.map(() => null),
    cable: spec.nodes.map(() => true),
    netKnown: spec.nodes.map(() => false),
    used,
    count,
    detections: [],
    waiting: [],
    moves: [],
    batch: null,
    tally: {
      restarted: 0,
      migrated: 0,
      maxDowntimeS: 0,
      maxPauseS: 0,
      maxNoNetworkS: 0,
      firstDetectS: null,
    },
  };
}

// ---- what happened, for the log ------------------------------------------------------------------

/** What an operation did, as facts (the machines word them). */
export type AvailNote =
  | { type: 'nodeFailed'; node: number; stopped: number[]; interrupted: number[] }
  | {
      type: 'nodeDeclared';
      node: number;
      afterS: number;
      toRestart: number[];
      noAutoStart: number[];
      failoverLimit: number[];
    }
  | { type: 'storageFailed'; vm: number; node: number }
  | {
      type: 'storageDetected';
      vm: number;
      node: number;
      afterS: number;
      outcome: 'restart' | 'noAutoStart' | 'failoverLimit';
    }
  | { type: 'cableUnplugged'; node: number; affected: number[] }
  | {
      type: 'networkDetected';
      node: number;
      afterS: number;
      toMove: number[];
      unprotected: number[];
    }
  | {
      type: 'restartBegins';
      priority: RestartPriority;
      placed: [vm: number, node: number][];
      noRoom: number[];
    }
  | { type: 'restartDone'; priority: RestartPriority; vms: number[] }
  | {
      type: 'migrationBegins';
      moves: [vm: number, from: number, to: number][];
      noNetwork: number[];
      noRoom: number[];
    }
  | { type: 'migrationDone'; moves: [vm: number, to: number][]; maxPauseS: number; lost: number[] }
  | { type: 'allDown' };

export interface Step {
  state: AvailState;
  notes: AvailNote[];
}

/** A working copy: the arrays an operation changes are copied once, then changed in place. */
function draft(s: AvailState): AvailState {
  return {
    ...s,
    status: [...s.status],
    at: [...s.at],
    slot: [...s.slot],
    reason: [...s.reason],
    outSince: [...s.outSince],
    failovers: [...s.failovers],
    avoid: [...s.avoid],
    up: [...s.up],
    declared: [...s.declared],
    failedAt: [...s.failedAt],
    cable: [...s.cable],
    netKnown: [...s.netKnown],
    used: [...s.used],
    count: [...s.count],
    detections: [...s.detections],
    waiting: [...s.waiting],
    moves: [...s.moves],
    tally: { ...s.tally },
  };
}

const vmMem = (spec: ClusterSpec, vm: number) => (spec.vms[vm] as ClusterVm).memoryGiB;
const nodeMem = (spec: ClusterSpec, node: number) => (spec.nodes[node] as ClusterNode).memoryGiB;
const add = (a: number[], i: number, d: number) => {
  a[i] = (a[i] as number) + d;
};

/** Free memory of a node, GiB. */
export function freeGiB(spec: ClusterSpec, s: AvailState, node: number): number {
  return nodeMem(spec, node) - (s.used[node] as number);
}

/** Whether the node can take the VM now: up, memory free for it, fewer than 1,024 VMs. */
export function canHold(spec: ClusterSpec, s: AvailState, node: number, vm: number): boolean {
  return (
    s.up[node] === true &&
    freeGiB(spec, s, node) >= vmMem(spec, vm) &&
    (s.count[node] as number) < CLUSTER_LIMITS.vmsPerNode
  );
}

/** The node with the most free memory that holds the VM (lowest index on a tie; -1: none). */
function bestNode(
  spec: ClusterSpec,
  s: AvailState,
  vm: number,
  ok: (node: number) => boolean,
): number {
  let best = -1;
  for (let node = 0; node < spec.nodes.length; node += 1) {
    if (!ok(node) || !canHold(spec, s, node, vm)) continue;
    if (best < 0 || freeGiB(spec, s, node) > freeGiB(spec, s, best) + EPS) best = node;
  }
  return best;
}

/** The slots taken on each node (every VM whose cell is drawn there). */
function takenSlots(s: AvailState, nodes: number): Set<number>[] {
  const taken = Array.from({ length: nodes }, () => new Set<number>());
  s.at.forEach((node, vm) => {
    if (node >= 0) taken[node]?.add(s.slot[vm] as number);
  });
  if (s.batch?.kind === 'migrate')
    s.batch.to.forEach((node, i) => {
      taken[node]?.add((s.batch as { toSlot: number[] }).toSlot[i] as number);
    });
  return taken;
}

function takeSlot(taken: Set<number>[], node: number): number {
  const set = taken[node] as Set<number>;
  let k = 0;
  while (set.has(k)) k += 1;
  set.add(k);
  return k;
}

const upCount = (s: AvailState) => s.up.filter(Boolean).length;

/** Priority rank: 0 = High (first). */
const rank = (spec: ClusterSpec, vm: number) =>
  PRIORITIES.indexOf((spec.vms[vm] as ClusterVm).priority);

// ---- faults ----------------------------------------------------------------------------------------

/** A node fails at `t`: its VMs stop (those booting or moving there too); detection begins. */
export function failNode(spec: ClusterSpec, prev: AvailState, node: number, t: number): Step {
  if (!prev.up[node]) return { state: prev, notes: [] };
  const s = draft(prev);
  s.up[node] = false;
  s.failedAt[node] = t;
  const stopped: number[] = [];
  const interrupted: number[] = [];
  const batch = s.batch;
  // Live migrations to the failed node go back to the queue (the VM runs on where it was);
  // those from it stop with it (their reservation on the destination is freed).
  if (batch?.kind === 'migrate') {
    const keep: number[] = [];
    batch.vms.forEach((vm, i) => {
      const to = batch.to[i] as number;
      if (s.at[vm] === node) {
        add(s.used, to, -vmMem(spec, vm));
        add(s.count, to, -1);
      } else if (to === node) {
        s.status[vm] = 'running';
        s.moves.unshift(vm);
      } else keep.push(i);
    });
    s.batch = keepBatchVms(batch, keep);
  }
  if (s.batch?.kind === 'boot') {
    const b = s.batch;
    const keep = b.vms.map((_, i) => i).filter((i) => s.at[b.vms[i] as number] !== node);
    s.batch = keepBatchVms(b, keep);
  }
  for (let vm = 0; vm < spec.vms.length; vm += 1) {
    if (s.at[vm] !== node || !isActive(s.status[vm] as VmStatus)) continue;
    const was = s.status[vm] as VmStatus;
    if (was === 'running' || was === 'migrating') {
      stopped.push(vm);
      // An outage already under way (no network) goes on; otherwise it starts now.
      s.outSince[vm] ??= t;
    } else interrupted.push(vm);
    s.status[vm] = 'down';
  }
  // Storage faults on the node's VMs are overtaken: the node's failure handles them.
  s.detections = s.detections.filter(
    (d) =>
      !(d.kind === 'storage' && s.at[d.vm] === node) && !(d.kind === 'network' && d.node === node),
  );
  s.moves = s.moves.filter((vm) => s.at[vm] !== node);
  s.used[node] = 0;
  s.count[node] = 0;
  s.detections.push({ kind: 'node', node, at: t + spec.nodeDetectS, since: t });
  const notes: AvailNote[] = [{ type: 'nodeFailed', node, stopped, interrupted }];
  if (upCount(s) === 0) {
    s.detections = [];
    s.waiting = [];
    s.moves = [];
    s.batch = null;
    for (let vm = 0; vm < spec.vms.length; vm += 1) {
      if (s.status[vm] === 'down') {
        s.status[vm] = 'off';
        s.reason[vm] = 'noNode';
      }
    }
    notes.push({ type: 'allDown' });
    return { state: s, notes };
  }
  return settle(spec, s, t, notes);
}

/** A VM's disk stops answering from its node at `t`: the VM pauses; detection begins. */
export function failStorage(spec: ClusterSpec, prev: AvailState, vm: number, t: number): Step {
  if (prev.status[vm] !== 'running') return { state: prev, notes: [] };
  const s = draft(prev);
  const node = s.at[vm] as number;
  s.status[vm] = 'paused';
  s.outSince[vm] ??= t;
  s.moves = s.moves.filter((x) => x !== vm);
  s.detections.push({ kind: 'storage', vm, at: t + spec.healthDetectS, since: t });
  return { state: s, notes: [{ type: 'storageFailed', vm, node }] };
}

/** A node's cable to the VM network is unplugged at `t`: its VMs lose the network. */
export function unplugCable(spec: ClusterSpec, prev: AvailState, node: number, t: number): Step {
  if (!prev.up[node] || !prev.cable[node]) return { state: prev, notes: [] };
  const s = draft(prev);
  s.cable[node] = false;
  const affected: number[] = [];
  for (let vm = 0; vm < spec.vms.length; vm += 1) {
    if (s.at[vm] !== node || s.status[vm] !== 'running') continue;
    affected.push(vm);
    s.outSince[vm] ??= t;
  }
  s.detections.push({ kind: 'network', node, at: t + spec.healthDetectS, since: t });
  return { state: s, notes: [{ type: 'cableUnplugged', node, affected }] };
}

// ---- time -------------------------------------------------------------------------------------------

/** When the next milestone is due (a detection ending, a wave ending); null: nothing is. */
export function nextAt(s: AvailState): number | null {
  let t = s.batch ? s.batch.end : Number.POSITIVE_INFINITY;
  for (const d of s.detections) t = Math.min(t, d.at);
  return Number.isFinite(t) ? t : null;
}

/** Run every milestone due by `t` (a wave ending first on a tie), starting the next wave. */
export function advance(spec: ClusterSpec, prev: AvailState, t: number): Step {
  let s = prev;
  const notes: AvailNote[] = [];
  for (let guard = 0; guard < 10_000; guard += 1) {
    const due = nextAt(s);
    if (due === null || due > t + EPS) break;
    const r =
      s.batch && s.batch.end <= due + EPS ? endBatch(spec, s, s.batch.end) : detect(spec, s, due);
    s = r.state;
    notes.push(...r.notes);
  }
  return { state: s, notes };
}

function noteDetect(s: AvailState, d: Detection, t: number) {
  s.tally.firstDetectS ??= t - d.since;
}

/** The earliest detection due at `t` ends. */
function detect(spec: ClusterSpec, prev: AvailState, t: number): Step {
  const s = draft(prev);
  const i = s.detections.findIndex((d) => d.at <= t + EPS);
  const d = s.detections[i] as Detection;
  s.detections.splice(i, 1);
  noteDetect(s, d, t);
  const notes: AvailNote[] = [];
  if (d.kind === 'node') {
    s.declared[d.node] = true;
    const toRestart: number[] = [];
    const noAutoStart: number[] = [];
    const failoverLimit: number[] = [];
    for (let vm = 0; vm < spec.vms.length; vm += 1) {
      if (s.at[vm] !== d.node || s.status[vm] !== 'down') continue;
      const out = leaveOffOrQueue(spec, s, vm);
      if (out === 'noAutoStart') noAutoStart.push(vm);
      else if (out === 'failoverLimit') failoverLimit.push(vm);
      else toRestart.push(vm);
    }
    notes.push({
      type: 'nodeDeclared',
      node: d.node,
      afterS: t - d.since,
      toRestart,
      noAutoStart,
      failoverLimit,
    });
  } else if (d.kind === 'storage') {
    const node = s.at[d.vm] as number;
    // Turned off where it is: its memory is freed there.
    s.status[d.vm] = 'down';
    add(s.used, node, -vmMem(spec, d.vm));
    add(s.count, node, -1);
    s.avoid[d.vm] = node;
    const out = leaveOffOrQueue(spec, s, d.vm);
    notes.push({
      type: 'storageDetected',
      vm: d.vm,
      node,
      afterS: t - d.since,
      outcome: out === 'queued' ? 'restart' : out,
    });
  } else {
    s.netKnown[d.node] = true;
    const toMove: number[] = [];
    const unprotected: number[] = [];
    for (let vm = 0; vm < spec.vms.length; vm += 1) {
      if (s.at[vm] !== d.node || s.status[vm] !== 'running') continue;
      if (!(spec.vms[vm] as ClusterVm).protectedNetwork) unprotected.push(vm);
      else if (!s.moves.includes(vm)) toMove.push(vm);
    }
    s.moves.push(...toMove);
    notes.push({ type: 'networkDetected', node: d.node, afterS: t - d.since, toMove, unprotected });
  }
  return settle(spec, s, t, notes);
}

/** A VM the cluster must restart: left off (No auto start, too many failovers) or queued. */
function leaveOffOrQueue(
  spec: ClusterSpec,
  s: AvailState,
  vm: number,
): 'noAutoStart' | 'failoverLimit' | 'queued' {
  if ((spec.vms[vm] as ClusterVm).priority === 'none') {
    s.status[vm] = 'off';
    s.reason[vm] = 'noAutoStart';
    return 'noAutoStart';
  }
  if ((s.failovers[vm] as number) >= spec.maxFailovers) {
    s.status[vm] = 'off';
    s.reason[vm] = 'failoverLimit';
    return 'failoverLimit';
  }
  s.waiting.push(vm);
  return 'queued';
}

/** The wave under way ends at `t`. */
function endBatch(spec: ClusterSpec, prev: AvailState, t: number): Step {
  const s = draft(prev);
  const b = s.batch as Batch;
  s.batch = null;
  const notes: AvailNote[] = [];
  if (b.kind === 'boot') {
    for (const vm of b.vms) {
      s.status[vm] = 'running';
      s.tally.restarted += 1;
      s.tally.maxDowntimeS = Math.max(s.tally.maxDowntimeS, t - (s.outSince[vm] ?? t));
      s.outSince[vm] = null;
    }
    notes.push({ type: 'restartDone', priority: b.priority, vms: b.vms });
  } else {
    const lost: number[] = [];
    b.vms.forEach((vm, i) => {
      const from = s.at[vm] as number;
      const to = b.to[i] as number;
      add(s.used, from, -vmMem(spec, vm));
      add(s.count, from, -1);
      s.at[vm] = to;
      s.slot[vm] = b.toSlot[i] as number;
      s.status[vm] = 'running';
      s.tally.migrated += 1;
      s.tally.maxPauseS = Math.max(s.tally.maxPauseS, b.pauseS[i] as number);
      if (s.cable[to]) {
        s.tally.maxNoNetworkS = Math.max(s.tally.maxNoNetworkS, t - (s.outSince[vm] ?? t));
        s.outSince[vm] = null;
      } else if (s.netKnown[to]) {
        // Its new node lost the network meanwhile, and the cluster knows: it moves again.
        lost.push(vm);
        if ((spec.vms[vm] as ClusterVm).protectedNetwork) s.moves.push(vm);
      }
    });
    notes.push({
      type: 'migrationDone',
      moves: b.vms.map((vm, i) => [vm, b.to[i] as number]),
      maxPauseS: Math.max(0, ...b.pauseS),
      lost,
    });
  }
  return settle(spec, s, t, notes);
}

/**
 * With no wave under way, the next begins: the highest priority waiting to restart (all of it
 * together), else the next live migrations. A wave that places nothing is over at once.
 */
function settle(spec: ClusterSpec, s0: AvailState, t: number, notes: AvailNote[]): Step {
  let s = s0;
  while (!s.batch && (s.waiting.length > 0 || s.moves.length > 0)) {
    s = draft(s);
    if (s.waiting.length > 0) beginRestart(spec, s, t, notes);
    else beginMigration(spec, s, t, notes);
  }
  return { state: s, notes };
}

/** The next restart wave begins in `s` (a draft `settle` made for it). */
function beginRestart(spec: ClusterSpec, s: AvailState, t: number, notes: AvailNote[]): void {
  const top = Math.min(...s.waiting.map((vm) => rank(spec, vm)));
  const priority = PRIORITIES[top] as RestartPriority;
  const wave = s.waiting.filter((vm) => rank(spec, vm) === top).sort((a, b) => a - b);
  s.waiting = s.waiting.filter((vm) => rank(spec, vm) !== top);
  const taken = takenSlots(s, spec.nodes.length);
  const placed: [number, number][] = [];
  const noRoom: number[] = [];
  const from: number[] = [];
  const fromSlot: number[] = [];
  for (const vm of wave) {
    const node = bestNode(spec, s, vm, (n) => n !== s.avoid[vm]);
    if (node < 0) {
      s.status[vm] = 'off';
      s.reason[vm] = 'noRoom';
      continue;
    }
    from.push(s.at[vm] as number);
    fromSlot.push(s.slot[vm] as number);
    taken[s.at[vm] as number]?.delete(s.slot[vm] as number);
    s.at[vm] = node;
    s.slot[vm] = takeSlot(taken, node);
    s.status[vm] = 'starting';
    s.failovers[vm] = (s.failovers[vm] as number) + 1;
    s.avoid[vm] = -1;
    add(s.used, node, vmMem(spec, vm));
    add(s.count, node, 1);
    placed.push([vm, node]);
  }
  for (const vm of wave) if (s.status[vm] === 'off') noRoom.push(vm);
  notes.push({ type: 'restartBegins', priority, placed, noRoom });
  s.batch =
    placed.length === 0
      ? null
      : {
          kind: 'boot',
          priority,
          start: t,
          end: t + spec.params.vmBootS,
          vms: placed.map(([vm]) => vm),
          from,
          fromSlot,
        };
}

/** The live migration of a VM of `memoryGiB` sharing the node's migration network with others. */
export function migrationPlan(memoryGiB: number, sharing: number) {
  const plan = planLiveMigration({
    ...ONE_TCP_CONNECTION,
    memoryMiB: memoryGiB * 1024,
    linkGbps: AVAILABILITY_CONSTANTS.liveMigrationGbps / Math.max(1, sharing),
  });
  return { totalS: plan.totalS, pauseS: plan.precopy.downtimeS };
}

/** The next live migrations begin in `s` (a draft `settle` made for them). */
function beginMigration(spec: ClusterSpec, s: AvailState, t: number, notes: AvailNote[]): void {
  const taken = takenSlots(s, spec.nodes.length);
  const moves: [number, number, number][] = [];
  const noNetwork: number[] = [];
  const noRoom: number[] = [];
  const limit = AVAILABILITY_CONSTANTS.simultaneousMigrations;
  while (s.moves.length > 0 && moves.length < limit) {
    const vm = s.moves.shift() as number;
    const from = s.at[vm] as number;
    const withNet = (n: number) => n !== from && s.up[n] === true && s.cable[n] === true;
    if (!spec.nodes.some((_, n) => withNet(n))) {
      noNetwork.push(vm);
      continue;
    }
    const to = bestNode(spec, s, vm, withNet);
    if (to < 0) {
      noRoom.push(vm);
      continue;
    }
    s.status[vm] = 'migrating';
    add(s.used, to, vmMem(spec, vm));
    add(s.count, to, 1);
    moves.push([vm, from, to]);
  }
  notes.push({ type: 'migrationBegins', moves, noNetwork, noRoom });
  if (moves.length === 0) return;
  const plans = moves.map(([vm]) => migrationPlan(vmMem(spec, vm), moves.length));
  s.batch = {
    kind: 'migrate',
    start: t,
    end: t + Math.max(...plans.map((p) => p.totalS)),
    vms: moves.map(([vm]) => vm),
    to: moves.map(([, , to]) => to),
    toSlot: moves.map(([, , to]) => takeSlot(taken, to)),
    pauseS: plans.map((p) => p.pauseS),
    totalS: plans.map((p) => p.totalS),
  };
}

// ---- reading ----------------------------------------------------------------------------------------

export type AvailPhase =
  | { kind: 'detecting' }
  | { kind: 'restarting'; priority: RestartPriority }
  | { kind: 'migrating' }
  | { kind: 'settled' }
  | { kind: 'allDown' };

/** What the cluster is doing now (a wave under way shows before a detection still running). */
export function phaseOf(s: AvailState): AvailPhase {
  if (upCount(s) === 0) return { kind: 'allDown' };
  if (s.batch?.kind === 'boot') return { kind: 'restarting', priority: s.batch.priority };
  if (s.batch?.kind === 'migrate') return { kind: 'migrating' };
  if (s.detections.length > 0) return { kind: 'detecting' };
  return { kind: 'settled' };
}

/** The node a "Fail node" aimed at `target` hits: it if up, else the next node up; -1: none. */
export function nodeTarget(s: AvailState, target: number): number {
  const n = s.up.length;
  for (let k = 0; k < n; k += 1) {
    const node = (target + k) % n;
    if (s.up[node]) return node;
  }
  return -1;
}

/** The VM a "Fail VM storage" aimed at `target` hits: it if running, else the next running VM. */
export function storageTarget(s: AvailState, target: number): number {
  const n = s.status.length;
  for (let k = 0; k < n; k += 1) {
    const vm = (target + k) % n;
    if (s.status[vm] === 'running') return vm;
  }
  return -1;
}

/**
 * The node whose cable "Unplug VM network cable" aimed at VM `target` pulls: the VM's node if it
 * is up with its cable in, else the next such node; -1: none.
 */
export function cableTarget(s: AvailState, target: number): number {
  const n = s.up.length;
  const start = Math.max(0, s.at[target] ?? 0);
  for (let k = 0; k < n; k += 1) {
    const node = (start + k) % n;
    if (s.up[node] && s.cable[node]) return node;
  }
  return -1;
}

export interface ClusterCounts {
  nodes: number;
  nodesUp: number;
  vms: number;
  running: number;
  starting: number;
  /** Not running and not starting: down, paused, off. */
  off: number;
  migrating: number;
  /** Running VMs without their network. */
  noNetwork: number;
}

/** The "Cluster summary" figures. A migrating VM is running (it runs until its switchover). */
export function clusterCounts(s: AvailState): ClusterCounts {
  let running = 0;
  let starting = 0;
  let migrating = 0;
  let noNetwork = 0;
  s.status.forEach((st, vm) => {
    if (st === 'running' || st === 'migrating') {
      running += 1;
      if (!s.cable[s.at[vm] as number]) noNetwork += 1;
    }
    if (st === 'migrating') migrating += 1;
    if (st === 'starting') starting += 1;
  });
  return {
    nodes: s.up.length,
    nodesUp: upCount(s),
    vms: s.status.length,
    running,
    starting,
    off: s.status.length - running - starting,
    migrating,
    noNetwork,
  };
}

/** VMs left off, by reason. */
export function leftOff(s: AvailState): Record<OffReason, number[]> {
  const out: Record<OffReason, number[]> = {
    noAutoStart: [],
    noRoom: [],
    failoverLimit: [],
    overLimit: [],
    noNode: [],
  };
  s.reason.forEach((r, vm) => {
    if (r && s.status[vm] === 'off') out[r].push(vm);
  });
  return out;
}

// ---- invariants -------------------------------------------------------------------------------------

/** Broken invariants of the cluster (empty when all hold). */
export function violations(spec: ClusterSpec, s: AvailState): string[] {
  const problems: string[] = [];
  const n = spec.nodes.length;
  const used = Array.from({ length: n }, () => 0);
  const count = Array.from({ length: n }, () => 0);
  const name = (vm: number) => spec.vms[vm]?.name ?? String(vm);
  s.status.forEach((st, vm) => {
    const at = s.at[vm] as number;
    if (isActive(st)) {
      if (at < 0 || !s.up[at]) problems.push(`${name(vm)} is ${st} on a node that is down`);
      else {
        add(used, at, vmMem(spec, vm));
        add(count, at, 1);
      }
    }
    if (st === 'off' && s.reason[vm] === null) problems.push(`${name(vm)} is off with no reason`);
    if (st !== 'off' && s.reason[vm] !== null)
      problems.push(`${name(vm)} has an off reason but is ${st}`);
  });
  const b = s.batch;
  if (b?.kind === 'migrate') {
    b.vms.forEach((vm, i) => {
      const to = b.to[i] as number;
      if (s.status[vm] !== 'migrating') problems.push(`${name(vm)} is in a wave but not migrating`);
      if (to === s.at[vm]) problems.push(`${name(vm)} migrates to its own node`);
      if (!s.up[to]) problems.push(`${name(vm)} migrates to a node that is down`);
      add(used, to, vmMem(spec, vm));
      add(count, to, 1);
    });
  }
  if (b?.kind === 'boot')
    for (const vm of b.vms)
      if (s.status[vm] !== 'starting') problems.push(`${name(vm)} is in a wave but not starting`);
  s.status.forEach((st, vm) => {
    if (st === 'starting' && b?.kind !== 'boot') problems.push(`${name(vm)} starts outside a wave`);
    if (st === 'starting' && b?.kind === 'boot' && !b.vms.includes(vm))
      problems.push(`${name(vm)} starts outside the wave`);
    if (st === 'migrating' && !(b?.kind === 'migrate' && b.vms.includes(vm)))
      problems.push(`${name(vm)} migrates outside the wave`);
  });
  for (let node = 0; node < n; node += 1) {
    if (Math.abs((used[node] as number) - (s.used[node] as number)) > EPS)
      problems.push(
        `${spec.nodes[node]?.name} holds ${s.used[node]} GiB by its count, ${used[node]} by its VMs`,
      );
    if (count[node] !== s.count[node])
      problems.push(`${spec.nodes[node]?.name} counts ${s.count[node]} VMs, has ${count[node]}`);
    if ((used[node] as number) > nodeMem(spec, node) + EPS)
      problems.push(`${spec.nodes[node]?.name} is beyond its memory`);
    if ((count[node] as number) > CLUSTER_LIMITS.vmsPerNode)
      problems.push(`${spec.nodes[node]?.name} holds more than ${CLUSTER_LIMITS.vmsPerNode} VMs`);
    if (!s.up[node] && ((s.used[node] as number) !== 0 || s.count[node] !== 0))
      problems.push(`${spec.nodes[node]?.name} is down but holds VMs`);
  }
  // Each node's cells: one VM per slot.
  const slots = new Set<string>();
  s.at.forEach((node, vm) => {
    if (node < 0) return;
    const key = `${node}:${s.slot[vm]}`;
    if (slots.has(key)) problems.push(`${name(vm)} shares its cell on node ${node}`);
    slots.add(key);
  });
  for (const vm of s.waiting)
    if (s.status[vm] !== 'down')
      problems.push(`${name(vm)} waits to restart but is ${s.status[vm]}`);
  for (const vm of s.moves)
    if (s.status[vm] !== 'running')
      problems.push(`${name(vm)} waits to move but is ${s.status[vm]}`);
  if (phaseOf(s).kind === 'settled' && (s.waiting.length > 0 || s.moves.length > 0))
    problems.push('settled with VMs still waiting');
  return problems;
}

/**
 * Auto-start VMs that are not running although an up node (other than one they must avoid) has
 * room for them now: empty whenever the cluster has settled ("every VM with a priority other than
 * No auto start ends running while the survivors hold it").
 */
export function unheld(spec: ClusterSpec, s: AvailState): number[] {
  const out: number[] = [];
  s.status.forEach((st, vm) => {
    const v = spec.vms[vm] as ClusterVm;
    if (v.priority === 'none' || st === 'running' || st === 'migrating') return;
    if (st === 'off' && s.reason[vm] !== 'noRoom') return;
    const room = spec.nodes.some((_, node) => node !== s.avoid[vm] && canHold(spec, s, node, vm));
    if (room) out.push(vm);
  });
  return out;
}

// ---- the machines' input ------------------------------------------------------------------------------

/** The disks that fail in the storage panel, by label (storage failure detection covers each kind). */
export const STORAGE_DISKS = {
  bootVhdxScsi: 'Boot disk (VHDX on SCSI)',
  bootVhdIde: 'Boot disk (VHD on IDE)',
  dataVhdxScsi: 'Data disk (VHDX on SCSI)',
  checkpointAvhdx: 'Differencing disk of a checkpoint (AVHDX)',
} satisfies Record<string, string>;

/** The disk that fails in the storage panel. */
export type StorageDisk = keyof typeof STORAGE_DISKS;

/** The file of that disk for a VM, on the share. */
export function diskFile(spec: ClusterSpec, vm: number, disk: StorageDisk): string {
  const name = spec.vms[vm]?.name ?? `VM-${vm + 1}`;
  const file = {
    bootVhdxScsi: `${name}.vhdx`,
    bootVhdIde: `${name}.vhd`,
    dataVhdxScsi: `${name}-data.vhdx`,
    checkpointAvhdx: `${name}_checkpoint.avhdx`,
  }[disk];
  return `${spec.share}\\${name}\\${file}`;
}

/** What an availability machine starts from: the cluster, the fault's aim, the storage disk. */
export interface AvailInput {
  spec: ClusterSpec;
  /** The node "Fail node" aims at, or the VM the storage and network faults aim at (index). */
  target: number;
  disk: StorageDisk;
}

/** The default aim: the second node, or the VM on it (HV-2, VM-2). */
export const DEFAULT_TARGET = { node: 'hv-2', vm: 'vm-2' } as const;

/**
 * The input from the URL's values and the page's settings: `target` is a node id (node failure)
 * or a VM id (storage, network), falling back to the default aim when the cluster has no such one.
 */
export function availabilityInput(
  params: AvailParams,
  opts: {
    aim: 'node' | 'vm';
    target?: string;
    overrides?: ClusterOverrides;
    disk?: StorageDisk;
  },
): AvailInput {
  const spec = clusterSpec(params, opts.overrides);
  const list: readonly { id: string }[] = opts.aim === 'node' ? spec.nodes : spec.vms;
  const find = (id: string | undefined) => (id ? list.findIndex((x) => x.id === id) : -1);
  const own = find(opts.target);
  const fallback = find(DEFAULT_TARGET[opts.aim]);
  return {
    spec,
    target: own >= 0 ? own : Math.max(0, fallback),
    disk: opts.disk ?? 'bootVhdxScsi',
  };
}

/**
 * The node the cluster would move a VM to from the start (its node lost, or avoided): the up node
 * with the most free memory that holds it, other than its own; -1: none.
 */
export function firstChoice(spec: ClusterSpec, vm: number): number {
  const s = initialState(spec);
  return bestNode(spec, s, vm, (n) => n !== spec.vms[vm]?.home);
}
