/**
 * Shared-nothing live migration (CATALOG 4.5, seed 001): two stand-alone Hyper-V hosts with local
 * disks, no cluster. The VM's disk is copied over the live migration network while the VM keeps
 * using the source (diskCopy.ts), then the memory and state migrate as in 4.2 (liveMigration.ts),
 * then the source files are deleted. Or, moving only the VM, its disks must already be on shared
 * storage and only the running state moves.
 */
import { type DiskCopyPlan, planDiskCopy } from './diskCopy';
import {
  type LiveMigrationParams,
  type LiveMigrationPlan,
  planLiveMigration,
} from './liveMigration';
import { checkRequirements, type Requirement } from './requirements';
import { DESTINATION, migrationNetworks, SOURCE, sql01, standAloneHost, VM_ID } from './scenarios';
import { GiB, MiB } from './units';
import { isSharedStorage, type Placement, placeAllIn } from './vmFiles';
import type { CpuVendor, World } from './world';

/** The move wizard's three choices for where the VM's data goes on the destination. */
export type SharedNothingChoice = 'one-location' | 'per-component' | 'vm-only';

export const CHOICE_LABELS: Record<SharedNothingChoice, string> = {
  'one-location': 'Move all the VM data to one location',
  'per-component': 'Move each component to its own location',
  'vm-only': 'Move only the VM',
};

/** Time to create the destination folders and an empty destination VHD, s (an assumption). */
export const CREATE_DESTINATION_S = 0.5;
/** Time to delete the source files once the VM runs on the destination, s (an assumption). */
export const DELETE_SOURCE_S = 1;

export const HVA_LOCAL = 'hva-d';
export const HVB_LOCAL_D = 'hvb-d';
export const HVB_LOCAL_E = 'hvb-e';
export const SMB_SHARE = 'fs1';

export interface SharedNothingParams extends LiveMigrationParams {
  diskGiB: number;
  diskWriteMiBps: number;
}

export interface SharedNothingPlan {
  lm: LiveMigrationPlan;
  /** The disk copy (null when only the VM moves). */
  disk: DiskCopyPlan | null;
  /** Step 1: destination folders and an empty VHD (0 when only the VM moves). */
  setupS: number;
  deleteS: number;
  /** Disk bytes per second over the live migration network. */
  copyBytesPerS: number;
  totalS: number;
  wireBytes: number;
  cpuCoreSeconds: number;
}

export function planSharedNothing(
  p: SharedNothingParams,
  seed: number,
  moveStorage: boolean,
): SharedNothingPlan {
  const lm = planLiveMigration(p);
  const link = lm.link;
  const copyBytesPerS = link.memoryBytesPerS;
  // Writes stay mirrored until the VM pauses for the final memory copy.
  const disk = moveStorage
    ? planDiskCopy({
        diskBytes: p.diskGiB * GiB,
        writeBytesPerS: p.diskWriteMiBps * MiB,
        copyBytesPerS,
        seed,
        mirrorAfterSyncS: lm.setupS + lm.precopy.precopyS,
      })
    : null;
  // Step 1 creates the destination folders and VHD; the configuration crosses with the shell (4.2).
  const setupS = moveStorage ? CREATE_DESTINATION_S : 0;
  const deleteS = moveStorage ? DELETE_SOURCE_S : 0;
  const diskSent = disk ? disk.bytesCopied + disk.bytesMirrored : 0;
  return {
    lm,
    disk,
    setupS,
    deleteS,
    copyBytesPerS,
    totalS: setupS + (disk?.syncS ?? 0) + lm.setupS + lm.precopy.memoryPhaseS + deleteS,
    wireBytes: diskSent * link.wireBytesPerMemoryByte + lm.wireBytes,
    cpuCoreSeconds: (diskSent / link.memoryBytesPerS) * link.cpuCores + lm.cpuCoreSeconds,
  };
}

// ---- the datacenter ------------------------------------------------------------------------------

export interface StandAloneOptions {
  memoryBytes: number;
  diskBytes: number;
  linkGbps: number;
  /** Where the VM's files are before the move: HV-A's local disk or an SMB 3 share. */
  vmOnShare: boolean;
  /** Knob to break a requirement on purpose. */
  destinationCpuVendor: CpuVendor;
}

/** Two stand-alone hosts, each with local disks, an SMB 3 file server, one VM on the first host. */
export function standAloneHosts(o: StandAloneOptions): World {
  const a = standAloneHost(SOURCE, 'HV-A', 'Intel', o.linkGbps, 1);
  const b = standAloneHost(DESTINATION, 'HV-B', o.destinationCpuVendor, o.linkGbps, 11);
  const mac = '00-15-5D-01-02-04';
  const local = (id: string, name: string, host: string) => ({
    id,
    name,
    kind: 'local' as const,
    coordinator: null,
    pathUp: { [host]: true },
    online: true,
  });
  return {
    hosts: { [a.id]: a, [b.id]: b },
    networks: migrationNetworks(),
    storage: {
      [HVA_LOCAL]: local(HVA_LOCAL, 'HV-A local disk', SOURCE),
      [HVB_LOCAL_D]: local(HVB_LOCAL_D, 'HV-B local disk D:', DESTINATION),
      [HVB_LOCAL_E]: local(HVB_LOCAL_E, 'HV-B local disk E:', DESTINATION),
      [SMB_SHARE]: {
        id: SMB_SHARE,
        name: 'SMB 3 share \\\\FS1\\VMs',
        kind: 'smb',
        coordinator: null,
        pathUp: { [SOURCE]: true, [DESTINATION]: true },
        online: true,
      },
    },
    vms: sql01(mac, o.memoryBytes, {
      kind: 'vhdx',
      storage: o.vmOnShare ? SMB_SHARE : HVA_LOCAL,
      sizeBytes: o.diskBytes,
    }),
    instances: [{ vm: VM_ID, host: SOURCE, status: 'running' }],
    physicalSwitch: { name: 'Physical switch', macTable: { [mac]: 1 } },
  };
}

/** Where the VM's files are before the move. */
export function sourcePlacement(vmOnShare: boolean): Placement {
  return vmOnShare
    ? placeAllIn(SMB_SHARE, '\\\\FS1\\VMs\\SQL01')
    : placeAllIn(HVA_LOCAL, 'D:\\Hyper-V\\SQL01');
}

/** Where the wizard choice puts them on the destination. */
export function destinationPlacement(choice: SharedNothingChoice, source: Placement): Placement {
  if (choice === 'vm-only') return source;
  if (choice === 'one-location') return placeAllIn(HVB_LOCAL_D, 'D:\\VMs\\SQL01');
  return {
    vhd: { storage: HVB_LOCAL_E, path: 'E:\\VHDs' },
    configuration: { storage: HVB_LOCAL_D, path: 'D:\\VMs\\Config' },
    snapshots: { storage: HVB_LOCAL_D, path: 'D:\\VMs\\Snapshots' },
    smartPaging: { storage: HVB_LOCAL_D, path: 'D:\\VMs\\SmartPaging' },
  };
}

/** Every requirement of a shared-nothing move (4.1), plus shared storage when only the VM moves. */
export function sharedNothingRequirements(
  world: World,
  vm: string,
  source: string,
  destination: string,
  choice: SharedNothingChoice,
): Requirement[] {
  const base = checkRequirements(world, { kind: 'shared-nothing', vm, source, destination });
  if (choice !== 'vm-only') return base;
  const local = world.vms[vm]?.disks.find((d) => !isSharedStorage(world.storage[d.storage]));
  const label = 'Moving only the VM: its virtual hard disks are already on shared storage';
  return [
    ...base,
    local
      ? {
          id: 'disksOnSharedStorage',
          label,
          ok: false,
          problem: `Disk ${local.id} is on ${world.storage[local.storage]?.name ?? local.storage}, not on shared storage; move its storage too`,
        }
      : { id: 'disksOnSharedStorage', label, ok: true },
  ];
}
