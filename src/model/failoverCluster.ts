/**
 * What the failover-cluster panels (Cluster Shared Volumes, the shared VHDX of a guest cluster)
 * model the same way: the storage every node reaches, the VMs placed on their nodes at the start,
 * the restart of a failed node's VMs on a surviving one (a cold boot, not a live migration), and
 * the data a run writes. Pure.
 */
import { activeInstance, type Host, type Storage, setInstance, type Vm, type World } from './world';

// ---- building the world ----------------------------------------------------------------------------

/** Storage that every one of `nodes` reaches (each path up), online, keyed by its id. */
export function sharedStorage(
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
export function vmsOnTheirHosts(
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

// ---- restarts --------------------------------------------------------------------------------------

/** A VM the cluster restarts elsewhere: until the failure is detected, then its cold boot. */
export type RestartPhase = 'waiting' | 'booting';

/** What a cluster's state holds of its restarts. */
export interface Restarting {
  world: World;
  /** VMs restarting: each one's instance is `starting` on the node chosen for it. */
  restarts: Record<string, RestartPhase>;
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
