/**
 * Live migration requirements (CATALOG 4.1, seed 001; 4.2, seed 002). A move whose requirement
 * fails is refused before it starts, naming the failed requirement.
 */
import type { World } from './world';

export type MoveKind = 'classic-2008r2' | 'cluster' | 'smb' | 'shared-nothing' | 'storage';

export type RequirementId =
  | 'hyperVOnBoth'
  | 'hardwareVirtualization'
  | 'sameProcessorVendor'
  | 'sameDomain'
  | 'virtualDisksOnly'
  | 'migrationNetwork'
  | 'failoverClustering'
  | 'clusterSharedVolumes'
  | 'destinationUp'
  /** SMB Direct (4.7): RDMA-capable live migration adapters on both hosts. */
  | 'rdmaAdapters'
  /** Cross-version live migration (4.8): only from an older Windows Server to a newer one. */
  | 'newerDestination'
  /** Shared nothing, moving only the VM (4.5): its disks are already on shared storage. */
  | 'disksOnSharedStorage'
  /** SMB shared storage (4.1, 4.4): every VM file (VHDs, snapshots, configuration) on the share. */
  | 'smbShareFiles'
  /** SMB shared storage (4.1, 4.4): the share grants access to every Hyper-V host's computer account. */
  | 'smbShareAccess';

export interface Requirement {
  id: RequirementId;
  /** What is required, in the product's words. */
  label: string;
  ok: boolean;
  /** When it fails: what is wrong, naming the host or disk. */
  problem?: string;
}

export interface MoveRequest {
  kind: MoveKind;
  vm: string;
  source: string;
  destination: string;
}

function req(id: RequirementId, label: string, problem: string | null): Requirement {
  return problem === null ? { id, label, ok: true } : { id, label, ok: false, problem };
}

/** Every requirement that applies to the move, each checked against the world. */
export function checkRequirements(world: World, move: MoveRequest): Requirement[] {
  const src = world.hosts[move.source];
  const dst = world.hosts[move.destination];
  const vm = world.vms[move.vm];
  if (!src || !dst || !vm) {
    return [
      req(
        'destinationUp',
        'Source, destination and VM exist',
        'The move names a host or VM that does not exist',
      ),
    ];
  }
  const out: Requirement[] = [];
  out.push(
    req(
      'destinationUp',
      'Both hosts are up',
      !src.up ? `${src.name} is down` : !dst.up ? `${dst.name} is down` : null,
    ),
  );
  out.push(
    req(
      'hyperVOnBoth',
      'Both hosts run the Hyper-V role',
      !src.hyperV
        ? `${src.name} does not have the Hyper-V role`
        : !dst.hyperV
          ? `${dst.name} does not have the Hyper-V role`
          : null,
    ),
  );
  out.push(
    req(
      'hardwareVirtualization',
      'Both hosts support hardware virtualization',
      !src.hardwareVirtualization
        ? `${src.name} has no hardware virtualization`
        : !dst.hardwareVirtualization
          ? `${dst.name} has no hardware virtualization`
          : null,
    ),
  );
  out.push(
    req(
      'sameProcessorVendor',
      'Processors from the same manufacturer (all AMD or all Intel)',
      src.cpuVendor !== dst.cpuVendor
        ? `${src.name} has ${src.cpuVendor} processors, ${dst.name} has ${dst.cpuVendor}`
        : null,
    ),
  );
  if (move.kind === 'classic-2008r2' || move.kind === 'cluster') {
    const missing = [src, dst].find((h) => !h.failoverClustering);
    out.push(
      req(
        'failoverClustering',
        'Failover Clustering added and configured on both hosts',
        missing ? `${missing.name} does not have Failover Clustering` : null,
      ),
    );
    const notCsv = vm.disks.find(
      (d) => d.kind !== 'passthrough' && world.storage[d.storage]?.kind !== 'csv',
    );
    out.push(
      req(
        'clusterSharedVolumes',
        "The VM's virtual disks are on Cluster Shared Volumes",
        notCsv ? `Disk ${notCsv.id} is not on a Cluster Shared Volume` : null,
      ),
    );
  }
  if (move.kind !== 'classic-2008r2') {
    // 2012 requirement (seed 001). In 2008 R2 a clustered pass-through disk's control moves in
    // step 4 (seed 002), so the classic panel does not refuse it.
    const pt = vm.disks.find((d) => d.kind === 'passthrough');
    out.push(
      req(
        'virtualDisksOnly',
        'The VM uses virtual hard disks or virtual Fibre Channel (no pass-through disk)',
        pt ? `Disk ${pt.id} is a pass-through disk` : null,
      ),
    );
    out.push(
      req(
        'sameDomain',
        'Both hosts are in the same Active Directory domain',
        src.domain !== dst.domain
          ? `${src.name} is in ${src.domain}, ${dst.name} in ${dst.domain}`
          : null,
      ),
    );
  }
  if (move.kind !== 'storage') {
    const lm = Object.values(world.networks).find((n) => n.purpose === 'live-migration');
    const bothOn = (h: typeof src) => h.nics.some((n) => n.network === lm?.id);
    out.push(
      req(
        'migrationNetwork',
        'A private network for live migration traffic connects both hosts',
        !lm
          ? 'There is no live migration network'
          : !bothOn(src) || !bothOn(dst)
            ? 'Both hosts must have an adapter on the live migration network'
            : !lm.up
              ? `${lm.name} is down`
              : null,
      ),
    );
  }
  return out;
}

export function failedRequirements(world: World, move: MoveRequest): Requirement[] {
  return checkRequirements(world, move).filter((r) => !r.ok);
}
