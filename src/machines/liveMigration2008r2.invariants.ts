/** Shared checks of the migration invariants, used by machine tests and the panel's self-check. */
import type { World } from '../model/world';

/** Some node that is up can reach the VM's volume directly. */
export function storageReachableFrom(world: World, vmId: string): boolean {
  const disk = world.vms[vmId]?.disks[0];
  const st = disk ? world.storage[disk.storage] : undefined;
  if (!st) return true;
  return Object.entries(st.pathUp).some(([h, up]) => up && world.hosts[h]?.up);
}
