/**
 * Storage migration (CATALOG 4.6, seed 001): a VM's storage moves while it runs (or while it is
 * off); its running state never moves. The VHD is copied with mirrored writes (diskCopy.ts); the
 * other components (configuration, snapshots, Smart Paging file) are small files moved with it.
 */
import { type DiskCopyPlan, planDiskCopy } from './diskCopy';
import { MODEL_CONSTANTS } from './parameters';
import { checkRequirements, type Requirement } from './requirements';
import { hyperVHost, SOURCE, sql01, VM_ID, VM_NETWORK } from './scenarios';
import { effectiveLink } from './transports';
import { GiB, MiB } from './units';
import { type Placement, placeAllIn, VM_COMPONENTS, type VmComponent } from './vmFiles';
import type { DiskKind, World } from './world';

export type StorageMoveOption = 'one-location' | 'different-locations' | 'vhds-only';

export const OPTION_LABELS: Record<StorageMoveOption, string> = {
  'one-location': 'Move all the VM data to one location',
  'different-locations': 'Move the VM data to different locations',
  'vhds-only': 'Move only the virtual hard disks',
};

/** A copy from one local volume to another on the same host, bytes/s (an assumption). */
export const LOCAL_COPY_BYTES_PER_S = 300e6;
/** Time to create the destination folders and an empty VHD, s (an assumption). */
export const CREATE_DESTINATION_S = 0.5;
/** Time to delete the source VHD and files, s (an assumption). */
export const DELETE_SOURCE_S = 1;

export const LOCAL_D = 'hva-d';
export const LOCAL_E = 'hva-e';
export const FILE_SHARE = 'fs1';
export const STORAGE_NETWORK = 'net-smb';

export interface StorageMigrationParams {
  diskGiB: number;
  diskWriteMiBps: number;
  /** Speed of the host's adapter to the file server, Gbit/s. */
  linkGbps: number;
  vmRunning: boolean;
  /** The destination is the SMB 3 share (else HV-A's second local volume). */
  toShare: boolean;
  option: StorageMoveOption;
  /** With different locations: which components move. */
  components: Record<VmComponent, boolean>;
}

export interface StorageMigrationPlan {
  /** Components that move. */
  moving: VmComponent[];
  disk: DiskCopyPlan | null;
  copyBytesPerS: number;
  setupS: number;
  switchS: number;
  deleteS: number;
  totalS: number;
}

/** Components that move for the option chosen. */
export function movingComponents(
  p: Pick<StorageMigrationParams, 'option' | 'components'>,
): VmComponent[] {
  if (p.option === 'one-location') return [...VM_COMPONENTS];
  if (p.option === 'vhds-only') return ['vhd'];
  return VM_COMPONENTS.filter((c) => p.components[c]);
}

export function storageCopyRate(p: Pick<StorageMigrationParams, 'toShare' | 'linkGbps'>): number {
  if (!p.toShare) return LOCAL_COPY_BYTES_PER_S;
  const smb = effectiveLink({
    transport: 'smb',
    rdma: false,
    linkGbps: p.linkGbps,
    nics: 1,
    compressionRatio: 1,
    spareCores: 0,
  });
  return Math.min(LOCAL_COPY_BYTES_PER_S, smb.memoryBytesPerS);
}

export function planStorageMigration(
  p: StorageMigrationParams,
  seed: number,
): StorageMigrationPlan {
  const moving = movingComponents(p);
  const copyBytesPerS = storageCopyRate(p);
  const disk = moving.includes('vhd')
    ? planDiskCopy({
        diskBytes: p.diskGiB * GiB,
        // A VM that is off writes nothing: no mirroring needed.
        writeBytesPerS: p.vmRunning ? p.diskWriteMiBps * MiB : 0,
        copyBytesPerS,
        seed,
      })
    : null;
  const setupS = CREATE_DESTINATION_S;
  const switchS = MODEL_CONSTANTS.storageHandoffS;
  const deleteS = DELETE_SOURCE_S;
  return {
    moving,
    disk,
    copyBytesPerS,
    setupS,
    switchS,
    deleteS,
    totalS: setupS + (disk?.syncS ?? 0) + switchS + deleteS,
  };
}

// ---- the host ------------------------------------------------------------------------------------

export function storageHost(o: {
  diskBytes: number;
  memoryBytes: number;
  linkGbps: number;
  diskKind: DiskKind;
  vmRunning: boolean;
}): World {
  const local = (id: string, name: string) => ({
    id,
    name,
    kind: 'local' as const,
    coordinator: null,
    pathUp: { [SOURCE]: true },
    online: true,
  });
  const mac = '00-15-5D-01-02-05';
  return {
    hosts: {
      [SOURCE]: hyperVHost(
        { id: SOURCE, name: 'HV-A', os: '2012', cpuVendor: 'Intel', failoverClustering: false },
        1,
        [{ id: 'hva-smb', gbps: o.linkGbps, rdma: false, network: STORAGE_NETWORK }],
        'hva-vm',
      ),
    },
    networks: {
      [VM_NETWORK]: { id: VM_NETWORK, name: 'VM network', purpose: 'vm', up: true },
      [STORAGE_NETWORK]: {
        id: STORAGE_NETWORK,
        name: 'Storage network to FS1',
        purpose: 'management',
        up: true,
      },
    },
    storage: {
      [LOCAL_D]: local(LOCAL_D, 'HV-A local disk D:'),
      [LOCAL_E]: local(LOCAL_E, 'HV-A local disk E:'),
      [FILE_SHARE]: {
        id: FILE_SHARE,
        name: 'SMB 3 share \\\\FS1\\VMs',
        kind: 'smb',
        coordinator: null,
        pathUp: { [SOURCE]: true },
        online: true,
      },
    },
    vms: sql01(mac, o.memoryBytes, { kind: o.diskKind, storage: LOCAL_D, sizeBytes: o.diskBytes }),
    instances: [{ vm: VM_ID, host: SOURCE, status: o.vmRunning ? 'running' : 'off' }],
    physicalSwitch: { name: 'Physical switch', macTable: { [mac]: 1 } },
  };
}

export const STORAGE_SOURCE_PLACEMENT: Placement = placeAllIn(LOCAL_D, 'D:\\Hyper-V\\SQL01');

/** Where each component ends up (components that do not move stay where they are). */
export function storageDestination(
  p: Pick<StorageMigrationParams, 'option' | 'components' | 'toShare'>,
): Placement {
  const target = p.toShare ? FILE_SHARE : LOCAL_E;
  const root = p.toShare ? '\\\\FS1\\VMs' : 'E:\\VMs';
  const moving = new Set(movingComponents(p));
  const spread: Placement =
    p.option === 'one-location'
      ? placeAllIn(target, `${root}\\SQL01`)
      : {
          vhd: { storage: target, path: `${root}\\VHDs` },
          configuration: { storage: LOCAL_E, path: 'E:\\VMs\\Config' },
          snapshots: { storage: LOCAL_E, path: 'E:\\VMs\\Snapshots' },
          smartPaging: { storage: LOCAL_E, path: 'E:\\VMs\\SmartPaging' },
        };
  const out = { ...STORAGE_SOURCE_PLACEMENT };
  for (const c of VM_COMPONENTS) if (moving.has(c)) out[c] = spread[c];
  return out;
}

export function storageRequirements(world: World, vm: string, host: string): Requirement[] {
  return checkRequirements(world, { kind: 'storage', vm, source: host, destination: host });
}
