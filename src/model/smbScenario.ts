/**
 * Live migration with SMB shared storage (CATALOG 4.4, 4.1; seed 001): two Hyper-V hosts (no
 * failover cluster) whose VMs keep every file on an SMB 3 share of a file server. Only the running
 * state moves between the hosts; the SMB connection (the open handle to the VHD) moves to the
 * destination; the VHD itself never moves.
 *
 * The world's `storageController` of a VM is the host holding the SMB handle to its VHD.
 * Pure builders and checks.
 */
import { checkRequirements, type Requirement } from './requirements';
import { migrationNetworks, standAloneHost } from './scenarios';
import { GiB } from './units';
import type { CpuVendor, World } from './world';

export const SMB_SOURCE = 'hv-a';
export const SMB_DESTINATION = 'hv-b';
export const SMB_SHARE = 'share-1';
export const FILE_SERVER = 'FS1';
export const SHARE_PATH = `\\\\${FILE_SERVER}\\VMs`;
export const SMB_VM_NAMES = ['SQL01', 'WEB01', 'APP01'] as const;
export const DOMAIN = 'contoso.local';

export function smbVmId(i: number): string {
  return `vm-${i + 1}`;
}

export type SmbFileKind = 'vhd' | 'snapshots' | 'configuration';

export const SMB_FILE_LABELS: Record<SmbFileKind, string> = {
  vhd: 'virtual hard disk',
  snapshots: 'snapshots',
  configuration: 'configuration',
};

export interface SmbFile {
  vm: string;
  kind: SmbFileKind;
  /** On the share, or on the source host's local disk. */
  onShare: boolean;
  path: string;
}

/** What the SMB requirements look at: where each VM file is and whom the share lets in. */
export interface SmbSetup {
  share: string;
  files: SmbFile[];
  /** Host id -> the share grants access to its computer account. */
  shareAccess: Record<string, boolean>;
}

export interface SmbOptions {
  memoryBytes: number;
  linkGbps: number;
  destinationCpuVendor: CpuVendor;
  /** Knob: one of SQL01's files kept on the source's local disk instead of the share. */
  localFile: SmbFileKind | null;
  /** Knob: the share grants access to the destination's computer account. */
  grantDestination: boolean;
}

/** Two stand-alone Hyper-V hosts, a file server's SMB 3 share, three VMs running on the first. */
export function smbWorld(o: SmbOptions): World {
  const a = standAloneHost(SMB_SOURCE, 'HV-A', 'Intel', o.linkGbps, 1);
  const b = standAloneHost(SMB_DESTINATION, 'HV-B', o.destinationCpuVendor, o.linkGbps, 11);
  const vms = SMB_VM_NAMES.map((name, i) => ({
    id: smbVmId(i),
    name,
    mac: `00-15-5D-02-04-${(i + 16).toString(16).toUpperCase()}`,
    memoryBytes: o.memoryBytes,
    disks: [
      { id: `disk-${i + 1}`, kind: 'vhdx' as const, storage: SMB_SHARE, sizeBytes: 60 * GiB },
    ],
    storageController: SMB_SOURCE,
  }));
  return {
    hosts: { [a.id]: a, [b.id]: b },
    networks: migrationNetworks(),
    storage: {
      [SMB_SHARE]: {
        id: SMB_SHARE,
        name: SHARE_PATH,
        kind: 'smb',
        coordinator: null,
        pathUp: { [SMB_SOURCE]: true, [SMB_DESTINATION]: true },
        online: true,
      },
    },
    vms: Object.fromEntries(vms.map((v) => [v.id, v])),
    instances: vms.map((v) => ({ vm: v.id, host: SMB_SOURCE, status: 'running' as const })),
    physicalSwitch: {
      name: 'Physical switch',
      macTable: Object.fromEntries(vms.map((v) => [v.mac, a.nics[0]?.port ?? 1])),
    },
  };
}

const FOLDER: Record<SmbFileKind, string> = {
  vhd: 'Virtual Hard Disks',
  snapshots: 'Snapshots',
  configuration: 'Virtual Machines',
};

/** Every VM's files on the share, except the knob's file of the first VM on HV-A's local disk. */
export function smbSetup(o: SmbOptions): SmbSetup {
  const files: SmbFile[] = [];
  SMB_VM_NAMES.forEach((name, i) => {
    for (const kind of ['vhd', 'snapshots', 'configuration'] as const) {
      const local = i === 0 && o.localFile === kind;
      const leaf = kind === 'vhd' ? `${name}.vhdx` : name;
      files.push({
        vm: smbVmId(i),
        kind,
        onShare: !local,
        path: local
          ? `C:\\ProgramData\\Microsoft\\Windows\\Hyper-V\\${FOLDER[kind]}\\${leaf}`
          : `${SHARE_PATH}\\${name}\\${FOLDER[kind]}\\${leaf}`,
      });
    }
  });
  return {
    share: SMB_SHARE,
    files,
    shareAccess: { [SMB_SOURCE]: true, [SMB_DESTINATION]: o.grantDestination },
  };
}

export interface SmbMove {
  vm: string;
  source: string;
  destination: string;
}

/**
 * The requirements of a live migration with SMB shared storage: those of every live migration
 * (requirements.ts, kind 'smb'), then every VM file on the share, and the share open to both
 * hosts' computer accounts (and reachable from them).
 */
export function checkSmbRequirements(world: World, setup: SmbSetup, move: SmbMove): Requirement[] {
  const out = checkRequirements(world, { kind: 'smb', ...move });
  const share = world.storage[setup.share];
  const shareName = share?.name ?? SHARE_PATH;
  const vmName = world.vms[move.vm]?.name ?? move.vm;
  const off = setup.files.find((f) => f.vm === move.vm && !f.onShare);
  out.push(
    off
      ? {
          id: 'smbShareFiles',
          label:
            'Every VM file (virtual hard disks, snapshots, configuration) is on the SMB 3 share',
          ok: false,
          problem: `${vmName}'s ${SMB_FILE_LABELS[off.kind]} is at ${off.path}, not on ${shareName}`,
        }
      : {
          id: 'smbShareFiles',
          label:
            'Every VM file (virtual hard disks, snapshots, configuration) is on the SMB 3 share',
          ok: true,
        },
  );
  const label = "The share grants access to every Hyper-V host's computer account";
  const denied = [move.source, move.destination].find((h) => !setup.shareAccess[h]);
  const unreachable = [move.source, move.destination].find((h) => share && !share.pathUp[h]);
  const name = (h: string) => world.hosts[h]?.name ?? h;
  const netbios = DOMAIN.split('.')[0]?.toUpperCase() ?? DOMAIN;
  out.push(
    denied
      ? {
          id: 'smbShareAccess',
          label,
          ok: false,
          problem: `${shareName} does not grant access to ${name(denied)}'s computer account (${netbios}\\${name(denied)}$)`,
        }
      : unreachable
        ? {
            id: 'smbShareAccess',
            label,
            ok: false,
            problem: `${name(unreachable)} cannot reach ${shareName}`,
          }
        : { id: 'smbShareAccess', label, ok: true },
  );
  return out;
}
