/**
 * Cluster Shared Volumes (CATALOG 2.2; seed 002, and the CATALOG's "Numbers and rules for storage,
 * snapshots and availability"): the nodes of a failover cluster run VMs whose disks all live on one
 * volume, which every node reads and writes at the same time. One node, the coordinator, owns the
 * volume and makes its metadata changes; it is chosen automatically (the first node up with a
 * path). Data I/O goes straight from each node to the disk ("direct"); a node that has lost its own
 * path to the disk carries on through the coordinator over the network ("redirected", event 5121);
 * when the coordinator fails, I/O is queued ("paused", event 5120) until another node takes the
 * role over. VMs on the volume fail over independently: those of a failed node restart (a cold
 * boot) on surviving nodes while the others keep running.
 *
 * Pure: the cluster's world, each node's I/O mode and write rate, what each fault does, the
 * recovery's stages and the invariants. The machine (machines/csv.machine.ts) sequences them.
 */
import { CLUSTER_VM_NAMES, restartPlacement } from './clusterScenario';
import type { Restarting, SwitchStep, WrittenTally } from './failoverCluster';
import { clusterWorld, restartElsewhere, restartViolations, writtenTo } from './failoverCluster';
import { NUMERIC_PARAMS } from './parameters';
import { SMB_EFFICIENCY } from './transports';
import { GiB, gbpsToBytesPerS, MiB } from './units';
import { activeInstance, setInstance, type Vm, type World, worldViolations } from './world';
import { clusterNodeDown, loseStoragePath } from './worldOps';

// ---- the cluster -------------------------------------------------------------------------------

/** The cluster's nodes, in the order the coordinator role is handed on. */
export const CSV_NODES = ['hv-1', 'hv-2', 'hv-3', 'hv-4'] as const;
/** The Cluster Shared Volume every VM's disk is on. */
export const CSV_VOLUME = 'csv-1';
/** Its mount point on every node. */
export const CSV_VOLUME_PATH = 'C:\\ClusterStorage\\Volume1';
/** The network between the nodes that carries redirected I/O (and the heartbeats). */
export const CLUSTER_NETWORK = 'net-cluster';
/** The node the path and node faults hit unless the settings say otherwise (not the coordinator). */
export const CSV_DEFAULT_TARGET = 'hv-2';

/**
 * Cluster heartbeats (Microsoft documentation, CATALOG "Numbers and rules"): one every 1,000 ms; a
 * node is declared down after 5 missed (the Windows Server 2008 R2 default, event 1135).
 */
export const CLUSTER_HEARTBEAT = { delayS: 1, threshold: 5 } as const;

/** Seconds from a node's failure to the cluster declaring it down. */
export function nodeDownDetectionS(hb: { delayS: number; threshold: number } = CLUSTER_HEARTBEAT) {
  return hb.delayS * hb.threshold;
}

/**
 * Figures the seeds and the documentation do not give: the product's assumptions, chosen to be in
 * the range such clusters show.
 */
export const CSV_CONSTANTS = {
  /** Length of a run of I/O (the Start button's run), s. */
  runS: 60,
  /** A new coordinator taking the volume over after the old one is gone (I/O queued meanwhile), s. */
  coordinatorTakeoverS: 2,
  /** A node noticing that its own path to the disk has failed (its I/O errors out), s. */
  pathDetectS: 1,
  /** A node switching its I/O to the redirected path through the coordinator, s. */
  redirectSwitchS: 0.5,
  /** A VM's cold boot on the node it restarts on (until it writes to its disk again), s. */
  vmBootS: 20,
} as const;

/**
 * Share of the cluster network's line rate that redirected I/O carries as payload: it crosses the
 * network as SMB traffic to the coordinator (the same figure as SMB in model/transports.ts).
 */
export const REDIRECT_EFFICIENCY = SMB_EFFICIENCY;

/** What a run reads from the URL. */
export interface CsvParams {
  /** VMs on the volume, spread over the nodes. */
  vms: number;
  /** Each VM's disk write rate, MiB/s. */
  diskWriteMiBps: number;
  /** The cluster network's speed, Gbit/s (it carries redirected I/O). */
  linkGbps: number;
}

export const CSV_DEFAULT_PARAMS: CsvParams = {
  vms: NUMERIC_PARAMS.vms.default,
  diskWriteMiBps: NUMERIC_PARAMS.diskWriteMiBps.default,
  linkGbps: NUMERIC_PARAMS.linkGbps.default,
};

/** The machine's input: the figures, the cluster, and the node the path and node faults hit. */
export interface CsvInput {
  params: CsvParams;
  world: World;
  target: string;
}

export function csvVmId(i: number): string {
  return `vm-${i + 1}`;
}

/** Four nodes on one CSV (the first is its coordinator), `vms` VMs spread over them in turn. */
export function csvWorld(p: CsvParams): World {
  const vms: Vm[] = Array.from({ length: p.vms }, (_, i) => ({
    id: csvVmId(i),
    name: CLUSTER_VM_NAMES[i] ?? `VM${i + 1}`,
    mac: `00-15-5D-02-01-${(i + 16).toString(16).toUpperCase().padStart(2, '0')}`,
    memoryBytes: 2 * GiB,
    disks: [{ id: `disk-${i + 1}`, kind: 'vhd', storage: CSV_VOLUME, sizeBytes: 40 * GiB }],
    storageController: CSV_NODES[i % CSV_NODES.length] as string,
  }));
  return clusterWorld({
    nodes: CSV_NODES,
    os: '2008R2',
    network: { id: CLUSTER_NETWORK, name: 'Cluster network', nic: 'cl', gbps: p.linkGbps },
    storage: { id: CSV_VOLUME, name: 'Cluster Disk 1', kind: 'csv', coordinator: CSV_NODES[0] },
    vms,
  });
}

export function csvInput(p: Partial<CsvParams> = {}, target = CSV_DEFAULT_TARGET): CsvInput {
  const params = { ...CSV_DEFAULT_PARAMS, ...p };
  return { params, world: csvWorld(params), target };
}

// ---- the cluster's state while I/O runs ------------------------------------------------------------

/** A node's I/O to the volume (CONTRACT: the "Cluster Shared Volume" region says one of these). */
export type CsvIoMode = 'direct' | 'redirected' | 'paused' | 'down';

/** A VM the cluster restarts on another node (the failover cluster's restarts). */
export type { RestartPhase } from './failoverCluster';

/** The cluster while I/O runs: the world and the VMs restarting, and the volume's recovery. */
export interface CsvCluster extends Restarting {
  /** Nodes whose I/O is queued now (a coordinator taking over, a path being redirected). */
  queued: string[];
  /** A new coordinator is taking the volume over (the switch step waits for it). */
  takeover: boolean;
  /** A node is switching to redirected I/O (the switch step waits for it). */
  redirecting: boolean;
}

export function csvCluster(world: World): CsvCluster {
  return { world, queued: [], takeover: false, redirecting: false, restarts: {} };
}

export const csvNodes = (w: World): string[] => Object.keys(w.hosts);
export const upNodes = (w: World): string[] => csvNodes(w).filter((h) => w.hosts[h]?.up);
export const hasPath = (w: World, node: string): boolean =>
  w.storage[CSV_VOLUME]?.pathUp[node] === true;

/** The volume's coordinator (null when none could be chosen). */
export function coordinatorOf(w: World): string | null {
  return w.storage[CSV_VOLUME]?.coordinator ?? null;
}

/** The coordinator is up and has its own path: it can serve metadata and redirected I/O. */
export function coordinatorServes(w: World): boolean {
  const c = coordinatorOf(w);
  return c !== null && w.hosts[c]?.up === true && hasPath(w, c);
}

/** Some node that is up can reach the disk: the volume can stay online. */
export function volumeOnline(w: World): boolean {
  return upNodes(w).some((h) => hasPath(w, h));
}

export function nodeMode(c: CsvCluster, node: string): CsvIoMode {
  const w = c.world;
  if (!w.hosts[node]?.up) return 'down';
  if (c.queued.includes(node)) return 'paused';
  if (hasPath(w, node)) return 'direct';
  return coordinatorServes(w) ? 'redirected' : 'paused';
}

export function nodeModes(c: CsvCluster): Record<string, CsvIoMode> {
  return Object.fromEntries(csvNodes(c.world).map((h) => [h, nodeMode(c, h)]));
}

/** The VMs writing on `node` now (running, not restarting). */
export function runningVmsOn(w: World, node: string): string[] {
  return w.instances.filter((i) => i.host === node && i.status === 'running').map((i) => i.vm);
}

/** Payload the cluster network carries for redirected I/O, bytes/s. */
export function redirectCapacityBytesPerS(linkGbps: number): number {
  return gbpsToBytesPerS(linkGbps) * REDIRECT_EFFICIENCY;
}

/**
 * Each node's write rate to the volume now, bytes/s: its running VMs' rate when direct; when
 * redirected, the same but all redirected nodes share the coordinator's link (each also limited by
 * its own); nothing while paused or down.
 */
export function nodeWriteRates(c: CsvCluster, p: CsvParams): Record<string, number> {
  const perVm = p.diskWriteMiBps * MiB;
  const cap = redirectCapacityBytesPerS(p.linkGbps);
  const modes = nodeModes(c);
  const offered = (h: string) => runningVmsOn(c.world, h).length * perVm;
  const redirected = csvNodes(c.world).filter((h) => modes[h] === 'redirected');
  const wanted = redirected.reduce((a, h) => a + Math.min(offered(h), cap), 0);
  const share = wanted > cap ? cap / wanted : 1;
  return Object.fromEntries(
    csvNodes(c.world).map((h) => {
      const m = modes[h];
      if (m === 'direct') return [h, offered(h)];
      if (m === 'redirected') return [h, Math.min(offered(h), cap) * share];
      return [h, 0];
    }),
  );
}

/** The whole cluster's write rate to the volume now, bytes/s. */
export function clusterWriteRate(c: CsvCluster, p: CsvParams): number {
  return Object.values(nodeWriteRates(c, p)).reduce((a, b) => a + b, 0);
}

// ---- faults ----------------------------------------------------------------------------------------

/** The panel's faults: the coordinator fails, a node loses its path, a node fails. */
export type CsvFault = 'coordinator' | 'path' | 'node';

/** The node a fault hits: the coordinator, or the chosen node. */
export function faultNode(c: CsvCluster, fault: CsvFault, target: string): string | null {
  return fault === 'coordinator' ? coordinatorOf(c.world) : target;
}

/** Whether the fault can happen now (its node is up; a path fault needs a path to lose). */
export function canInject(c: CsvCluster, fault: CsvFault, target: string): boolean {
  const n = faultNode(c, fault, target);
  if (n === null || !c.world.hosts[n]?.up) return false;
  return fault !== 'path' || hasPath(c.world, n);
}

/** How a fault ends the run, when it does: every node down, or no node left that reaches the disk. */
export type CsvEnd = 'allDown' | 'offline';

export interface CsvFaultResult {
  cluster: CsvCluster;
  /** The node hit. */
  node: string;
  wasCoordinator: boolean;
  /** The node that took the coordinator role over (null: it did not move). */
  newCoordinator: string | null;
  /** VMs that will restart, and where. */
  restarted: { vm: string; host: string }[];
  /** VMs left with nowhere to run. */
  lost: string[];
  /** How long until the cluster has noticed, s. */
  detectS: number;
  end: CsvEnd | null;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/** The volume is offline: VMs still running pause (their I/O cannot complete), restarts stop. */
function offline(w0: World, restarts: Restarting['restarts']): World {
  let w = w0;
  for (const i of w0.instances) {
    if (i.status === 'running') w = setInstance(w, i.vm, i.host, 'paused');
    if (i.status === 'starting' && restarts[i.vm] !== undefined)
      w = setInstance(w, i.vm, i.host, 'off');
  }
  return w;
}

/** `node` goes down: its VMs (running or restarting there) restart on the least loaded nodes left. */
function nodeDown(c: CsvCluster, n: string): CsvFaultResult {
  const was = coordinatorOf(c.world);
  const moving = c.world.instances
    .filter((i) => i.host === n && i.status !== 'off' && i.status !== 'shell')
    .map((i) => i.vm);
  const {
    world: w,
    restarts,
    restarted,
    lost,
  } = restartElsewhere(clusterNodeDown(c.world, n), c.restarts, moving, (now) =>
    restartPlacement(now, [n]),
  );
  const wasCoordinator = was === n;
  const newCoordinator = wasCoordinator ? coordinatorOf(w) : null;
  const up = upNodes(w);
  const end: CsvEnd | null = up.length === 0 ? 'allDown' : volumeOnline(w) ? null : 'offline';
  const queued = c.queued.filter((h) => h !== n);
  const cluster: CsvCluster = {
    world: end === 'offline' ? offline(w, restarts) : w,
    queued: wasCoordinator ? union(queued, up) : queued,
    takeover: c.takeover || wasCoordinator,
    redirecting: c.redirecting,
    restarts: end ? {} : restarts,
  };
  return {
    cluster,
    node: n,
    wasCoordinator,
    newCoordinator,
    restarted: end ? [] : restarted,
    lost: end ? moving : lost,
    detectS: nodeDownDetectionS(),
    end,
  };
}

/** `node` loses its path: it goes on redirected (after a pause); a coordinator hands the role on. */
function pathDown(c: CsvCluster, n: string): CsvFaultResult {
  const wasCoordinator = coordinatorOf(c.world) === n;
  const { world, newCoordinator } = loseStoragePath(c.world, CSV_VOLUME, n);
  const end: CsvEnd | null = volumeOnline(world) ? null : 'offline';
  const queued = union(c.queued, wasCoordinator ? upNodes(world) : [n]);
  return {
    cluster: {
      world: end ? offline(world, c.restarts) : world,
      queued,
      takeover: c.takeover || (wasCoordinator && newCoordinator !== null),
      redirecting: true,
      restarts: end ? {} : c.restarts,
    },
    node: n,
    wasCoordinator,
    newCoordinator,
    restarted: [],
    lost: [],
    detectS: CSV_CONSTANTS.pathDetectS,
    end,
  };
}

/** What the fault does now (call only when `canInject` holds). */
export function injectCsvFault(c: CsvCluster, fault: CsvFault, target: string): CsvFaultResult {
  const n = faultNode(c, fault, target);
  if (n === null) throw new Error('no coordinator to fail');
  return fault === 'path' ? pathDown(c, n) : nodeDown(c, n);
}

// ---- recovery --------------------------------------------------------------------------------------

/** Something waits on the switch step: a coordinator taking over, a path being redirected. */
export function needsSwitch(c: CsvCluster): boolean {
  return c.takeover || c.redirecting || c.queued.length > 0;
}

/** How long the switch step takes. */
export function switchS(c: CsvCluster): number {
  return Math.max(
    c.takeover ? CSV_CONSTANTS.coordinatorTakeoverS : 0,
    c.redirecting ? CSV_CONSTANTS.redirectSwitchS : 0,
  );
}

/** The switch is over: the new coordinator serves, redirected nodes go on, queued I/O flows. */
export function switchDone(c: CsvCluster): CsvCluster {
  return { ...c, queued: [], takeover: false, redirecting: false };
}

/** The switch step as a cluster run asks for it. */
export const CSV_SWITCH: SwitchStep<CsvCluster> = { needsSwitch, switchS, switchDone };

/** The restart step (the VMs of a failed node boot elsewhere) is the failover cluster's. */
export { bootBegins, bootDone, needsBoot } from './failoverCluster';

// ---- invariants ------------------------------------------------------------------------------------

/**
 * Broken invariants (empty when all hold). While the run goes on: a VM is active on at most one
 * node and never on a down node; exactly one coordinator, up and with a path, while any node up
 * has one; a redirected node has no path and its coordinator is up; every VM runs or restarts on
 * a node that is up. Once a fault has ended the run (`ended`), VMs may be left without a node, but
 * never on a down one.
 */
export function csvViolations(c: CsvCluster, ended = false): string[] {
  const w = c.world;
  const out = worldViolations(w);
  const coord = coordinatorOf(w);
  if (volumeOnline(w)) {
    if (coord === null) out.push('no coordinator while the volume is online');
    else if (!w.hosts[coord]?.up || !hasPath(w, coord))
      out.push(`coordinator ${coord} is down or has no path`);
  }
  for (const h of csvNodes(w)) {
    const m = nodeMode(c, h);
    if (m === 'redirected' && (hasPath(w, h) || !coordinatorServes(w)))
      out.push(`${h} is redirected with a path of its own or no coordinator`);
    if (m === 'down' && w.instances.some((i) => i.host === h))
      out.push(`${h} is down with VMs on it`);
  }
  for (const vm of Object.keys(w.vms)) {
    const at = activeInstance(w, vm);
    if (!ended && upNodes(w).length > 0) {
      if (!at) out.push(`${vm} is lost`);
      else if (at.status !== 'running' && at.status !== 'starting')
        out.push(`${vm} is ${at.status}`);
      if (at?.status === 'starting' && c.restarts[vm] === undefined)
        out.push(`${vm} is starting with no restart under way`);
    }
  }
  out.push(...restartViolations(c));
  return out;
}

// ---- the run's figures -----------------------------------------------------------------------------

/** What a run has measured up to `t`. */
export interface CsvTally extends WrittenTally {
  /** The longest stretch any node's I/O was paused, among pauses that have ended, s. */
  longestPauseS: number;
  /** Nodes paused now, since when. */
  pausedSince: Record<string, number>;
  /** VMs that have restarted on another node and run again. */
  vmRestarts: number;
}

export function startTally(t: number): CsvTally {
  return { t, writtenBytes: 0, longestPauseS: 0, pausedSince: {}, vmRestarts: 0 };
}

/**
 * The tally at `t` of a cluster that was in state `from` since `tally.t` and is `to` from now on:
 * the data written meanwhile at `from`'s rate, the pauses that ended or began.
 */
export function tallyTo(
  tally: CsvTally,
  from: CsvCluster,
  to: CsvCluster,
  p: CsvParams,
  t: number,
): CsvTally {
  const modes = nodeModes(to);
  const pausedSince: Record<string, number> = {};
  let longest = tally.longestPauseS;
  for (const h of csvNodes(to.world)) {
    const since = tally.pausedSince[h];
    if (modes[h] === 'paused') pausedSince[h] = since ?? t;
    else if (since !== undefined) longest = Math.max(longest, t - since);
  }
  return {
    ...writtenTo(tally, clusterWriteRate(from, p), t),
    longestPauseS: longest,
    pausedSince,
    vmRestarts: tally.vmRestarts,
  };
}

/** The figures at `t` (at or after the last change) without changing anything. */
export function tallyAt(
  tally: CsvTally,
  c: CsvCluster,
  p: CsvParams,
  t: number,
): { writtenBytes: number; longestPauseS: number } {
  const open = Object.values(tally.pausedSince).map((since) => Math.max(0, t - since));
  return {
    writtenBytes: writtenTo(tally, clusterWriteRate(c, p), t).writtenBytes,
    longestPauseS: Math.max(tally.longestPauseS, ...open),
  };
}
