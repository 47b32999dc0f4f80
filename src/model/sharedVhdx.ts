/**
 * Shared virtual hard disk for guest clusters (CATALOG 2.3; seed 000): two VMs on two Hyper-V hosts
 * form a guest failover cluster whose shared storage is one VHDX attached to both. The VHDX lives
 * on a Cluster Shared Volume of the hosts' cluster, or on a Scale-Out File Server reached over SMB 3
 * (SMB Multichannel / SMB Direct). A clustered service (SQL Server) runs on one guest node at a
 * time; the other stands by and already sees the disk, so a failover moves no data. The seed lists
 * the failures it protects against: a guest node, a Hyper-V host, a file server node.
 *
 * Pure: the world, the guest cluster's state, what each fault does, the recovery's stages, the I/O
 * path and rate, and the invariants. The machine (machines/sharedVhdx.machine.ts) sequences them.
 */
import { CLUSTER_HEARTBEAT, nodeDownDetectionS } from './csv';
import type { Restarting, SwitchStep, WrittenTally } from './failoverCluster';
import { clusterWorld, restartElsewhere, restartViolations, writtenTo } from './failoverCluster';
import { NUMERIC_PARAMS } from './parameters';
import { SMB_EFFICIENCY } from './transports';
import { GiB, gbpsToBytesPerS, MiB } from './units';
import {
  activeInstance,
  setHostUp,
  setInstance,
  type Vm,
  type World,
  worldViolations,
} from './world';
import { clusterNodeDown } from './worldOps';

export type SharedVhdxStorage = 'csv' | 'sofs';

export const STORAGE_LABELS: Record<SharedVhdxStorage, string> = {
  csv: 'Cluster Shared Volume',
  sofs: 'Scale-Out File Server (SMB 3)',
};

/** The Hyper-V hosts (a host cluster), the guest nodes on them, the file server nodes. */
export const SV_HOSTS = ['hv-1', 'hv-2'] as const;
export const GUEST_NODES = ['sql-n1', 'sql-n2'] as const;
export const FILE_SERVER_NODES = ['fs-1', 'fs-2'] as const;
/** Where the shared VHDX lives: the volume or the share (one id, either kind). */
export const SHARED_STORAGE = 'shared-storage';
export const SHARED_VHDX = 'SQLData.vhdx';
export const SOFS_SHARE = '\\\\SOFS\\VMs';
export const CSV_PATH = 'C:\\ClusterStorage\\Volume1';
export const GUEST_CLUSTER = 'SQL-GC';
/** The clustered role inside the guest cluster. */
export const SERVICE_ROLE = 'SQL Server (MSSQLSERVER)';
export const SERVICE_NAME = 'SQL Server';

/**
 * Figures the seed does not give: the product's assumptions. Detection of a failed guest node or
 * host uses the cluster heartbeats of model/csv.ts (Microsoft documentation).
 */
export const SHARED_VHDX_CONSTANTS = {
  /** Length of a run of the clustered service (the Start button's run), s. */
  runS: 60,
  /** SQL Server starting on the surviving guest node and recovering its databases, s. */
  serviceStartS: 8,
  /** An SMB client learning that its file server node has gone (the witness tells it), s. */
  smbDetectS: 1,
  /** SMB transparent failover: the client reconnects to the other node and replays its handles, s. */
  smbReconnectS: 2,
  /** A new CSV coordinator taking the volume over after its host failed, s (as model/csv.ts). */
  coordinatorTakeoverS: 2,
  /** The failed VM's cold boot on the surviving host, until it rejoins the guest cluster, s. */
  vmBootS: 20,
} as const;

export { CLUSTER_HEARTBEAT };

export interface SharedVhdxParams {
  /** The service's write rate to the shared VHDX, MiB/s. */
  diskWriteMiBps: number;
  /** Speed of the SMB network to the file server, Gbit/s. */
  linkGbps: number;
}

export const SHARED_VHDX_DEFAULT_PARAMS: SharedVhdxParams = {
  diskWriteMiBps: NUMERIC_PARAMS.diskWriteMiBps.default,
  linkGbps: NUMERIC_PARAMS.linkGbps.default,
};

export interface SharedVhdxInput {
  params: SharedVhdxParams;
  storage: SharedVhdxStorage;
  world: World;
}

/** Two hosts, one guest node on each (SQL-N1 active), the shared VHDX on a CSV or on a SOFS. */
export function sharedVhdxWorld(storage: SharedVhdxStorage, p: SharedVhdxParams): World {
  const vms: Vm[] = GUEST_NODES.map((id, i) => ({
    id,
    name: `SQL-N${i + 1}`,
    mac: `00-15-5D-03-01-${(i + 16).toString(16).toUpperCase()}`,
    memoryBytes: 8 * GiB,
    disks: [{ id: 'shared', kind: 'vhdx', storage: SHARED_STORAGE, sizeBytes: 100 * GiB }],
    storageController: SV_HOSTS[i] as string,
  }));
  const csv = storage === 'csv';
  return clusterWorld({
    nodes: SV_HOSTS,
    os: '2012R2',
    network: { id: 'net-smb', name: 'SMB network', nic: 'smb', gbps: p.linkGbps },
    fileServers: csv ? [] : FILE_SERVER_NODES,
    storage: {
      id: SHARED_STORAGE,
      name: csv ? 'Cluster Disk 1' : SOFS_SHARE,
      kind: csv ? 'csv' : 'smb',
      coordinator: csv ? SV_HOSTS[0] : null,
    },
    vms,
  });
}

export function sharedVhdxInput(
  storage: SharedVhdxStorage = 'sofs',
  p: Partial<SharedVhdxParams> = {},
): SharedVhdxInput {
  const params = { ...SHARED_VHDX_DEFAULT_PARAMS, ...p };
  return { params, storage, world: sharedVhdxWorld(storage, params) };
}

// ---- the guest cluster's state ---------------------------------------------------------------------

/** The clustered service: running (and writing), running with its I/O paused, or moving to `node`. */
export type ServicePhase = 'running' | 'stalled' | 'failingOver';

/** The guest cluster; its `restarts` are the VMs the host cluster restarts on a surviving host. */
export interface GuestCluster extends Restarting {
  storage: SharedVhdxStorage;
  /** The guest node that owns the service (null: none can, the run has failed). */
  service: { node: string | null; phase: ServicePhase };
  /** Guest nodes whose operating system has failed (the VM is off). */
  failedGuests: string[];
  /** SOFS: each Hyper-V host's SMB connection, to a file server node. */
  smb: Record<string, string>;
  /** The storage path is being re-made (SMB transparent failover, a CSV coordinator change). */
  reconnect: boolean;
  /** CSV: the coordinator is taking over (the re-make lasts its takeover). */
  takeover: boolean;
}

export function guestCluster(input: SharedVhdxInput): GuestCluster {
  return {
    world: input.world,
    storage: input.storage,
    service: { node: GUEST_NODES[0], phase: 'running' },
    failedGuests: [],
    restarts: {},
    smb:
      input.storage === 'sofs'
        ? { [SV_HOSTS[0]]: FILE_SERVER_NODES[0], [SV_HOSTS[1]]: FILE_SERVER_NODES[1] }
        : {},
    reconnect: false,
    takeover: false,
  };
}

/** The host a guest node's VM is on now (running or starting), if any. */
export function hostOf(g: GuestCluster, vm: string | null): string | null {
  if (!vm) return null;
  return activeInstance(g.world, vm)?.host ?? null;
}

/** The storage can be reached: a file server node is up (SOFS), a host with a path is up (CSV). */
export function storageUp(g: GuestCluster): boolean {
  const w = g.world;
  if (g.storage === 'sofs') return FILE_SERVER_NODES.some((f) => w.hosts[f]?.up);
  const st = w.storage[SHARED_STORAGE];
  return SV_HOSTS.some((h) => w.hosts[h]?.up && st?.pathUp[h]);
}

/** A guest node that can own the service: its OS has not failed, its VM is active on a host that is up. */
export function eligible(g: GuestCluster, vm: string): boolean {
  if (g.failedGuests.includes(vm)) return false;
  const h = hostOf(g, vm);
  return h !== null && g.world.hosts[h]?.up === true;
}

/** The guest node the service moves to from `from`: a running one first, else one restarting. */
function successor(g: GuestCluster, from: string | null): string | null {
  const others = GUEST_NODES.filter((n) => n !== from && eligible(g, n));
  const running = others.find((n) => activeInstance(g.world, n)?.status === 'running');
  return running ?? others[0] ?? null;
}

// ---- faults ----------------------------------------------------------------------------------------

export type GuestFault = 'guestNode' | 'host' | 'fileServer';

/** Why a fault cannot be injected here, or null when it can. */
export function faultRefusal(g: GuestCluster, fault: GuestFault): string | null {
  if (fault === 'fileServer' && g.storage === 'csv')
    return 'the shared VHDX is on a Cluster Shared Volume here: there is no file server node to fail (choose the Scale-Out File Server to try it)';
  return null;
}

/** The file server node the service's host is connected to (SOFS). */
export function serviceFileServer(g: GuestCluster): string | null {
  const h = hostOf(g, g.service.node);
  return h ? (g.smb[h] ?? null) : null;
}

/** What the fault hits now: the service's guest node, its host, or its file server node. */
export function faultTarget(g: GuestCluster, fault: GuestFault): string | null {
  if (fault === 'guestNode') return g.service.node;
  if (fault === 'host') return hostOf(g, g.service.node);
  return serviceFileServer(g);
}

export function canInject(g: GuestCluster, fault: GuestFault): boolean {
  if (faultRefusal(g, fault)) return false;
  const t = faultTarget(g, fault);
  if (t === null) return false;
  return fault === 'guestNode' ? eligible(g, t) : g.world.hosts[t]?.up === true;
}

/** How a fault ends the run: no guest node is left to run the service, or no storage. */
export type GuestEnd = 'noGuest' | 'noStorage';

export interface GuestFaultResult {
  cluster: GuestCluster;
  /** What was hit (a VM, a host or a file server node). */
  hit: string;
  /** The guest node the service moves to (null: it stays where it was, or has nowhere to go). */
  movedTo: string | null;
  /** VMs the host cluster restarts, and where. */
  restarted: { vm: string; host: string }[];
  /** SOFS: hosts whose SMB connection moves, and to which file server node. */
  reconnected: { host: string; to: string }[];
  newCoordinator: string | null;
  detectS: number;
  end: GuestEnd | null;
}

/** The service leaves `from` for its successor (or has none: the run ends). */
function moveService(g: GuestCluster, from: string | null): GuestCluster {
  const next = successor(g, from);
  return { ...g, service: { node: next, phase: 'failingOver' } };
}

function guestNodeDown(g: GuestCluster): GuestFaultResult {
  const vm = g.service.node as string;
  const host = hostOf(g, vm) as string;
  const restarts = { ...g.restarts };
  delete restarts[vm];
  let next: GuestCluster = {
    ...g,
    world: setInstance(g.world, vm, host, 'off'),
    failedGuests: [...g.failedGuests, vm],
    restarts,
  };
  next = moveService(next, vm);
  return {
    cluster: next,
    hit: vm,
    movedTo: next.service.node,
    restarted: [],
    reconnected: [],
    newCoordinator: null,
    detectS: nodeDownDetectionS(),
    end: next.service.node ? null : 'noGuest',
  };
}

function hostDown(g: GuestCluster): GuestFaultResult {
  const host = hostOf(g, g.service.node) as string;
  const wasCoordinator = g.world.storage[SHARED_STORAGE]?.coordinator === host;
  const onHost = g.world.instances
    .filter((i) => i.host === host && (i.status === 'running' || i.status === 'starting'))
    .map((i) => i.vm);
  // The host cluster restarts them on the other host, if it is up.
  const {
    world: w,
    restarts,
    restarted,
  } = restartElsewhere(clusterNodeDown(g.world, host), g.restarts, onHost, (now) =>
    SV_HOSTS.find((h) => h !== host && now.hosts[h]?.up),
  );
  const newCoordinator = wasCoordinator ? (w.storage[SHARED_STORAGE]?.coordinator ?? null) : null;
  const takeover = g.storage === 'csv' && newCoordinator !== null;
  let next: GuestCluster = {
    ...g,
    world: w,
    restarts,
    reconnect: g.reconnect || takeover,
    takeover: g.takeover || takeover,
  };
  // The service's VM went down with its host: the guest cluster moves the service.
  next = moveService(next, g.service.node);
  const end: GuestEnd | null = !next.service.node
    ? 'noGuest'
    : storageUp(next)
      ? null
      : 'noStorage';
  return {
    cluster: end ? { ...next, restarts: {}, world: stopAll(next.world) } : next,
    hit: host,
    movedTo: next.service.node,
    restarted: end ? [] : restarted,
    reconnected: [],
    newCoordinator,
    detectS: nodeDownDetectionS(),
    end,
  };
}

/** The run has failed: VMs still starting stop where they are. */
function stopAll(w0: World): World {
  let w = w0;
  for (const i of w0.instances)
    if (i.status === 'starting') w = setInstance(w, i.vm, i.host, 'off');
  return w;
}

function fileServerDown(g: GuestCluster): GuestFaultResult {
  const fs = serviceFileServer(g) as string;
  const w = setHostUp(g.world, fs, false);
  const survivor = FILE_SERVER_NODES.find((f) => f !== fs && w.hosts[f]?.up) ?? null;
  const smb = { ...g.smb };
  const reconnected: { host: string; to: string }[] = [];
  for (const h of Object.keys(smb)) {
    if (smb[h] !== fs || !survivor) continue;
    smb[h] = survivor;
    reconnected.push({ host: h, to: survivor });
  }
  const service =
    g.service.phase === 'running' ? { ...g.service, phase: 'stalled' as const } : g.service;
  const next: GuestCluster = { ...g, world: w, smb, service, reconnect: true };
  const end: GuestEnd | null = survivor ? null : 'noStorage';
  return {
    cluster: end ? { ...next, restarts: {}, world: stopAll(next.world) } : next,
    hit: fs,
    movedTo: null,
    restarted: [],
    reconnected,
    newCoordinator: null,
    detectS: SHARED_VHDX_CONSTANTS.smbDetectS,
    end,
  };
}

/** What the fault does now (call only when `canInject` holds). */
export function injectGuestFault(g: GuestCluster, fault: GuestFault): GuestFaultResult {
  if (fault === 'guestNode') return guestNodeDown(g);
  if (fault === 'host') return hostDown(g);
  return fileServerDown(g);
}

// ---- recovery --------------------------------------------------------------------------------------

/** The service can start on its new node now (that node's VM runs). */
export function serviceCanStart(g: GuestCluster): boolean {
  const n = g.service.node;
  return (
    g.service.phase === 'failingOver' &&
    n !== null &&
    activeInstance(g.world, n)?.status === 'running'
  );
}

/** Something waits on the switch step: the service starting, the storage path re-made. */
export function needsSwitch(g: GuestCluster): boolean {
  return g.reconnect || serviceCanStart(g);
}

/** How long the switch step takes. */
export function switchS(g: GuestCluster): number {
  const k = SHARED_VHDX_CONSTANTS;
  return Math.max(
    serviceCanStart(g) ? k.serviceStartS : 0,
    g.reconnect ? (g.storage === 'sofs' ? k.smbReconnectS : 0) : 0,
    g.takeover ? k.coordinatorTakeoverS : 0,
  );
}

/** The switch is over: the path is re-made; the service runs on its node (if that node runs). */
export function switchDone(g: GuestCluster): GuestCluster {
  const service =
    g.service.phase === 'stalled' || serviceCanStart(g)
      ? { ...g.service, phase: 'running' as const }
      : g.service;
  return { ...g, service, reconnect: false, takeover: false };
}

/** The switch step as a cluster run asks for it. */
export const GUEST_SWITCH: SwitchStep<GuestCluster> = { needsSwitch, switchS, switchDone };

/**
 * The host cluster restarts a failed host's VM as the CSV's cluster does; once booted, the VM
 * rejoins the guest cluster as a standby node.
 */
export { bootBegins, bootDone, needsBoot } from './failoverCluster';

// ---- the I/O path and its rate -----------------------------------------------------------------------

/** Payload the SMB network carries to the file server, bytes/s. */
export function smbCapacityBytesPerS(linkGbps: number): number {
  return gbpsToBytesPerS(linkGbps) * SMB_EFFICIENCY;
}

/** The service writes now: running, its I/O not paused. */
export function serviceWriting(g: GuestCluster): boolean {
  return g.service.node !== null && g.service.phase === 'running';
}

/** The service's write rate now, bytes/s (over SMB limited by the network). */
export function serviceWriteRate(g: GuestCluster, p: SharedVhdxParams): number {
  if (!serviceWriting(g)) return 0;
  const want = p.diskWriteMiBps * MiB;
  return g.storage === 'sofs' ? Math.min(want, smbCapacityBytesPerS(p.linkGbps)) : want;
}

/** The hops the service's I/O takes, from the guest node to the shared VHDX. */
export function ioPath(g: GuestCluster): string[] {
  const w = g.world;
  const vm = g.service.node;
  const host = hostOf(g, vm);
  if (!vm || !host) return [];
  const name = (id: string) => w.hosts[id]?.name ?? w.vms[id]?.name ?? id;
  const hops = [name(vm), name(host)];
  if (g.storage === 'sofs') {
    const fs = g.smb[host];
    hops.push('SMB 3', fs ? name(fs) : '?');
  } else {
    hops.push(`${w.storage[SHARED_STORAGE]?.name ?? 'CSV'} (CSV)`);
  }
  hops.push(SHARED_VHDX);
  return hops;
}

// ---- invariants ------------------------------------------------------------------------------------

/**
 * Broken invariants (empty when all hold). While the run goes on: the service belongs to exactly
 * one guest node, never a failed one nor one whose VM is not active on a host that is up; a
 * service that runs does so on a running VM; a failed guest runs nowhere; every Hyper-V host that
 * is up reaches a file server node that is up (SOFS).
 */
export function guestViolations(g: GuestCluster, ended = false): string[] {
  const w = g.world;
  const out = worldViolations(w);
  const n = g.service.node;
  if (!ended) {
    if (n === null) out.push('the service has no guest node');
    else {
      if (!eligible(g, n)) out.push(`the service is on ${n}, which cannot run it`);
      if (g.service.phase !== 'failingOver' && activeInstance(w, n)?.status !== 'running')
        out.push(`the service runs on ${n}, whose VM does not run`);
    }
    if (g.storage === 'sofs')
      for (const h of SV_HOSTS)
        if (w.hosts[h]?.up && !w.hosts[g.smb[h] ?? '']?.up)
          out.push(`${h} is connected to a file server node that is down`);
  }
  for (const vm of g.failedGuests)
    if (activeInstance(w, vm)) out.push(`${vm} failed but is active`);
  out.push(...restartViolations(g));
  return out;
}

// ---- the run's figures -------------------------------------------------------------------------------

export interface GuestTally extends WrittenTally {
  /** Time the service was not running on any node (failing over), s. */
  downS: number;
  /** Time the service ran with its I/O paused (the storage path re-made), s. */
  stalledS: number;
  /** Completed moves of the service to another guest node. */
  failovers: number;
}

export function startGuestTally(t: number): GuestTally {
  return { t, writtenBytes: 0, downS: 0, stalledS: 0, failovers: 0 };
}

/** The tally at `t` of a guest cluster that has been in state `g` since `tally.t`. */
export function guestTallyAt(tally: GuestTally, g: GuestCluster, p: SharedVhdxParams, t: number) {
  const dt = Math.max(0, t - tally.t);
  return {
    ...tally,
    ...writtenTo(tally, serviceWriteRate(g, p), t),
    downS: tally.downS + (g.service.phase === 'failingOver' ? dt : 0),
    stalledS: tally.stalledS + (g.service.phase === 'stalled' ? dt : 0),
  };
}
