/**
 * What the failover-cluster panels (Cluster Shared Volumes, the shared VHDX of a guest cluster)
 * model the same way: the cluster's nodes and networks, the storage every node reaches, the VMs
 * placed on their nodes at the start, the restart of a failed node's VMs on a surviving one (a cold
 * boot, not a live migration), and the data a run writes. Pure.
 */
import { hyperVHost, VM_NETWORK } from './scenarios';
import {
  activeInstance,
  type Host,
  type OsVersion,
  type Storage,
  setInstance,
  setStorageController,
  type Vm,
  type World,
} from './world';

// ---- building the world ----------------------------------------------------------------------------

/** What a cluster's world is made of (see `clusterWorld`). */
export interface ClusterParts {
  /** The Hyper-V hosts (`HV-1`, `HV-2`, ...), failover clustering on, on `os`. */
  nodes: readonly string[];
  os: OsVersion;
  /** The network between the hosts: each one's adapter on it is `<host>-<nic>`, at `gbps`. */
  network: { id: string; name: string; nic: string; gbps: number };
  /** The file server nodes (`FS-1`, ...; no Hyper-V) on the same network, after the nodes. */
  fileServers?: readonly string[];
  /** The storage every node reaches. */
  storage: Pick<Storage, 'id' | 'name' | 'kind' | 'coordinator'>;
  vms: readonly Vm[];
}

/**
 * A cluster's world: its hosts, each with its switch ports from `1 + 10 i` (the VM network's
 * adapter first); the network between them and the VM network, both up; the storage, online and
 * reached by every node; and the VMs, each running on its host.
 */
export function clusterWorld(p: ClusterParts): World {
  const net = p.network;
  const host = (id: string, i: number): Host =>
    hyperVHost(
      { id, name: `HV-${i + 1}`, os: p.os, cpuVendor: 'Intel', failoverClustering: true },
      1 + i * 10,
      [{ id: `${id}-${net.nic}`, gbps: net.gbps, rdma: false, network: net.id }],
    );
  const fileServer = (id: string, i: number): Host => ({
    ...host(id, p.nodes.length + i),
    name: `FS-${i + 1}`,
    hyperV: false,
  });
  const hosts = Object.fromEntries(
    [...p.nodes.map(host), ...(p.fileServers ?? []).map(fileServer)].map((h) => [h.id, h]),
  );
  return {
    hosts,
    networks: {
      [net.id]: { id: net.id, name: net.name, purpose: 'management', up: true },
      [VM_NETWORK]: { id: VM_NETWORK, name: 'VM network', purpose: 'vm', up: true },
    },
    storage: sharedStorage(p.storage, p.nodes),
    ...vmsOnTheirHosts(hosts, p.vms),
  };
}

/** Storage that every one of `nodes` reaches (each path up), online, keyed by its id. */
function sharedStorage(
  s: Pick<Storage, 'id' | 'name' | 'kind' | 'coordinator'>,
  nodes: readonly string[],
): World['storage'] {
  return {
    [s.id]: { ...s, pathUp: Object.fromEntries(nodes.map((h) => [h, true])), online: true },
  };
}

/**
 * The VMs, each running on the host that is its storage controller, and the physical switch that
 * has learnt each one's MAC address behind that host's first port.
 */
function vmsOnTheirHosts(
  hosts: Record<string, Host>,
  vms: readonly Vm[],
): Pick<World, 'vms' | 'instances' | 'physicalSwitch'> {
  return {
    vms: Object.fromEntries(vms.map((v) => [v.id, v])),
    instances: vms.map((v) => ({ vm: v.id, host: v.storageController, status: 'running' })),
    physicalSwitch: {
      name: 'Physical switch',
      macTable: Object.fromEntries(
        vms.map((v) => [v.mac, hosts[v.storageController]?.nics[0]?.port ?? 1]),
      ),
    },
  };
}

// ---- the switch step ------------------------------------------------------------------------------

/**
 * A cluster's switch step after a failure (a new coordinator, redirected I/O, a service moving, an
 * SMB reconnection), as its model says: whether something waits on it, how long it takes, and the
 * cluster once it is over.
 */
export interface SwitchStep<Cl> {
  needsSwitch: (c: Cl) => boolean;
  switchS: (c: Cl) => number;
  switchDone: (c: Cl) => Cl;
}

// ---- restarts --------------------------------------------------------------------------------------

/** A VM the cluster restarts elsewhere: until the failure is detected, then its cold boot. */
export type RestartPhase = 'waiting' | 'booting';

/** What a cluster's state holds of its restarts. */
export interface Restarting {
  world: World;
  /** VMs restarting: each one's instance is `starting` on the node chosen for it. */
  restarts: Record<string, RestartPhase>;
}

/** Each VM restarting, and the node it restarts on (its `starting` instance; null: none). */
export function restartHosts(c: Restarting): { vm: string; host: string | null }[] {
  return Object.keys(c.restarts).map((vm) => ({
    vm,
    host: c.world.instances.find((i) => i.vm === vm && i.status === 'starting')?.host ?? null,
  }));
}

/**
 * The VMs `vms` of a node that went down restart elsewhere: each on the node `place` chooses in the
 * world as it is by then, `starting` there (its storage with it) until the failure is detected; a
 * VM `place` has no node for is lost. Restarts of these VMs under way start again.
 */
export function restartElsewhere(
  world: World,
  restarts: Restarting['restarts'],
  vms: readonly string[],
  place: (w: World) => string | null | undefined,
): Restarting & { restarted: { vm: string; host: string }[]; lost: string[] } {
  let w = world;
  const next = { ...restarts };
  const restarted: { vm: string; host: string }[] = [];
  const lost: string[] = [];
  for (const vm of vms) {
    delete next[vm];
    const host = place(w);
    if (!host) {
      lost.push(vm);
      continue;
    }
    w = setStorageController(setInstance(w, vm, host, 'starting'), vm, host);
    next[vm] = 'waiting';
    restarted.push({ vm, host });
  }
  return { world: w, restarts: next, restarted, lost };
}

/** Some VM waits to restart: the restart step is due. */
export function needsBoot(c: Restarting): boolean {
  return Object.keys(c.restarts).length > 0;
}

/** The failure is known: every VM waiting to restart starts booting. */
export function bootBegins<C extends Restarting>(c: C): C {
  return {
    ...c,
    restarts: Object.fromEntries(Object.keys(c.restarts).map((vm) => [vm, 'booting' as const])),
  };
}

/** The restarted VMs have booted: they run on the nodes they restarted on. */
export function bootDone<C extends Restarting>(c: C): C {
  let w = c.world;
  for (const vm of Object.keys(c.restarts)) {
    const at = activeInstance(w, vm);
    if (at) w = setInstance(w, vm, at.host, 'running');
  }
  return { ...c, world: w, restarts: {} };
}

/** Broken invariants of the restarts (empty when all hold): a VM restarting is `starting`. */
export function restartViolations(c: Restarting): string[] {
  return Object.keys(c.restarts)
    .filter((vm) => activeInstance(c.world, vm)?.status !== 'starting')
    .map((vm) => `${vm} restarts but is not starting`);
}

// ---- the run's figures -----------------------------------------------------------------------------

/** What every cluster run measures: the sim time of its last change, and the data written by then. */
export interface WrittenTally {
  /** Sim time of the last change, s. */
  t: number;
  writtenBytes: number;
}

/** The tally brought from its last change up to `t`, the cluster writing `bytesPerS` meanwhile. */
export function writtenTo(tally: WrittenTally, bytesPerS: number, t: number): WrittenTally {
  return {
    t: Math.max(t, tally.t),
    writtenBytes: tally.writtenBytes + bytesPerS * Math.max(0, t - tally.t),
  };
}
