/**
 * What happens to the world when part of it fails, for any process that runs on it (a migration, a
 * node failing under running VMs, a coordinator failing): a host loses its path to a storage (and a
 * Cluster Shared Volume's coordinator role moves to a node that still has one), a host goes down
 * with what it hosted. Pure functions over World.
 */
import {
  activeInstance,
  learnMac,
  setHostUp,
  setInstance,
  setStorageController,
  setStoragePath,
  vmNetworkPort,
  type World,
} from './world';

/** The VMs executing on a host (not a shell, not off). */
export function vmsOn(w: World, hostId: string): string[] {
  return w.instances
    .filter((i) => i.host === hostId && i.status !== 'shell' && i.status !== 'off')
    .map((i) => i.vm);
}

/** Some node that is up can reach the VM's volume directly (others then go through it). */
export function storageReachableFrom(world: World, vmId: string): boolean {
  const disk = world.vms[vmId]?.disks[0];
  const st = disk ? world.storage[disk.storage] : undefined;
  if (!st) return true;
  return Object.entries(st.pathUp).some(([h, up]) => up && world.hosts[h]?.up);
}

/** A world after a storage change, and the node that took over as coordinator (null if none did). */
export interface PathLoss {
  world: World;
  newCoordinator: string | null;
}

/**
 * The coordinator of `storageId` can no longer do its job from `host`: the role passes to the
 * first node that is up with a path. When none has one, the coordinator stays as it was.
 */
export function handOffCoordinator(w: World, storageId: string, host: string): PathLoss {
  const st = w.storage[storageId];
  if (!st || st.coordinator !== host) return { world: w, newCoordinator: null };
  const other = Object.keys(st.pathUp).find((h) => h !== host && st.pathUp[h] && w.hosts[h]?.up);
  if (!other) return { world: w, newCoordinator: null };
  return {
    world: { ...w, storage: { ...w.storage, [storageId]: { ...st, coordinator: other } } },
    newCoordinator: other,
  };
}

/**
 * `host` loses its path to `storageId`. On a CSV its disk I/O is then redirected through the
 * coordinator; if it was the coordinator, a node that still has a path takes the role over.
 */
export function loseStoragePath(w: World, storageId: string, host: string): PathLoss {
  return handOffCoordinator(setStoragePath(w, storageId, host, false), storageId, host);
}

/**
 * Every CSV whose coordinator is `host` (gone down) gets a new coordinator: the first other node up
 * with a path, or none.
 */
export function moveCoordinatorsOff(w: World, host: string): World {
  let out = w;
  for (const st of Object.values(w.storage)) {
    if (st.coordinator !== host) continue;
    const next = Object.keys(st.pathUp).find((h) => h !== host && st.pathUp[h] && out.hosts[h]?.up);
    out = { ...out, storage: { ...out.storage, [st.id]: { ...st, coordinator: next ?? null } } };
  }
  return out;
}

/** A host goes down with the VMs executing on it: they are off there (their files stay). */
export function hostDownWithVms(w: World, hostId: string): World {
  let out = w;
  for (const v of vmsOn(w, hostId)) out = setInstance(out, v, hostId, 'off');
  return setHostUp(out, hostId, false);
}

/** A host loses its path to `storageId`: the VMs executing on it pause until the path returns. */
export function pathDownPausingVms(w: World, storageId: string, hostId: string): World {
  let out = setStoragePath(w, storageId, hostId, false);
  for (const v of vmsOn(out, hostId)) out = setInstance(out, v, hostId, 'paused');
  return out;
}

/** Pause every VM executing on `host` whose disk handle is there (its path to the disk failed). */
export function pauseHandlesOn(w0: World, host: string): World {
  let w = w0;
  for (const vm of Object.values(w.vms)) {
    const act = activeInstance(w, vm.id);
    if (act && act.host === host && vm.storageController === host)
      w = setInstance(w, vm.id, host, 'paused');
  }
  return w;
}

/** The physical switch learns that the VM's MAC address now sits behind `host`'s VM-network port. */
export function switchLearnsVm(w: World, vmId: string, host: string): World {
  const mac = w.vms[vmId]?.mac;
  const port = vmNetworkPort(w, host);
  return mac && port !== undefined ? learnMac(w, mac, port) : w;
}

/** The VM is started on `host` from its disk (a cluster's restart): running there, its storage and its traffic follow. */
export function restartOn(w: World, vmId: string, host: string): World {
  return switchLearnsVm(
    setStorageController(setInstance(w, vmId, host, 'running'), vmId, host),
    vmId,
    host,
  );
}

/** A cluster node goes down: what ran there is gone, and a CSV it coordinated gets a new coordinator. */
export function clusterNodeDown(w: World, host: string): World {
  return moveCoordinatorsOff(setHostUp(w, host, false), host);
}
