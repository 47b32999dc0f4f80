/**
 * A VM's files and where they live (CATALOG 4.5 and 4.6, seed 001): virtual hard disks, the current
 * configuration, snapshots and the Smart Paging file. Moves put them in one location, each in its
 * own location, or move only some of them. Pure data and functions.
 */
import type { Storage, World } from './world';

export type VmComponent = 'vhd' | 'configuration' | 'snapshots' | 'smartPaging';

export const VM_COMPONENTS: readonly VmComponent[] = [
  'vhd',
  'configuration',
  'snapshots',
  'smartPaging',
];

export const COMPONENT_LABELS: Record<VmComponent, string> = {
  vhd: 'Virtual hard disk',
  configuration: 'Configuration',
  snapshots: 'Snapshots',
  smartPaging: 'Smart Paging file',
};

/** A folder on a storage of the world. */
export interface FileLocation {
  storage: string;
  path: string;
}

export type Placement = Record<VmComponent, FileLocation>;

/** Every component in one folder (the VHD under "Virtual Hard Disks", as Hyper-V lays it out). */
export function placeAllIn(storage: string, folder: string): Placement {
  return {
    vhd: { storage, path: `${folder}\\Virtual Hard Disks` },
    configuration: { storage, path: `${folder}\\Virtual Machines` },
    snapshots: { storage, path: `${folder}\\Snapshots` },
    smartPaging: { storage, path: folder },
  };
}

/** The VHD file's full path for a VM in a placement. */
export function vhdFile(p: Placement, vmName: string): string {
  return `${p.vhd.path}\\${vmName}.vhdx`;
}

/** Storage is reached over the network from every host (an SMB 3 share): "shared storage". */
export function isSharedStorage(st: Storage | undefined): boolean {
  return st !== undefined && (st.kind === 'smb' || st.kind === 'csv');
}

/** Set a storage online or offline (a failed disk or share). */
export function setStorageOnline(world: World, storageId: string, online: boolean): World {
  const st = world.storage[storageId];
  if (!st) return world;
  return { ...world, storage: { ...world.storage, [storageId]: { ...st, online } } };
}

/** Point the VM's disks at another storage (the VM switched to its destination VHD). */
export function setVmDiskStorage(world: World, vmId: string, storageId: string): World {
  const vm = world.vms[vmId];
  if (!vm) return world;
  return {
    ...world,
    vms: {
      ...world.vms,
      [vmId]: { ...vm, disks: vm.disks.map((d) => ({ ...d, storage: storageId })) },
    },
  };
}

/** A storage's short name with a folder, e.g. "HV-B local disk D: D:\VMs\SQL01". */
export function describeLocation(world: World, loc: FileLocation): string {
  return `${loc.path} (${world.storage[loc.storage]?.name ?? loc.storage})`;
}
