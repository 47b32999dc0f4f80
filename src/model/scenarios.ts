/** Small datacenters the panels run on. Pure builders; every panel's world starts from one. */
import type { CpuVendor, DiskKind, Host, Nic, OsVersion, World } from './world';

export interface TwoNodeClusterOptions {
  os: OsVersion;
  memoryBytes: number;
  diskBytes: number;
  linkGbps: number;
  nics: number;
  rdma: boolean;
  /** Knobs that let a learner break a requirement on purpose. */
  destinationCpuVendor: CpuVendor;
  destinationClustering: boolean;
  diskKind: DiskKind;
}

export const SOURCE = 'host-a';
export const DESTINATION = 'host-b';
export const VM_ID = 'vm-1';
export const CSV_ID = 'csv-1';
export const LM_NETWORK = 'net-lm';
export const VM_NETWORK = 'net-vm';

/** The Hyper-V host every scenario starts from: up, 16 cores, hardware virtualization on. */
export interface HostSpec {
  id: string;
  name: string;
  os: OsVersion;
  cpuVendor: CpuVendor;
  failoverClustering: boolean;
}

/**
 * A Hyper-V host of the contoso.local domain with one adapter on the VM network at switch port
 * `port` (id `vmNicId`) and then `nics` on the following ports.
 */
export function hyperVHost(
  h: HostSpec,
  port: number,
  nics: readonly Omit<Nic, 'port'>[],
  vmNicId = `${h.id}-vm`,
): Host {
  return {
    id: h.id,
    name: h.name,
    os: h.os,
    cpuVendor: h.cpuVendor,
    hyperV: true,
    hardwareVirtualization: true,
    failoverClustering: h.failoverClustering,
    domain: 'contoso.local',
    up: true,
    cores: 16,
    nics: [
      { id: vmNicId, gbps: 1, rdma: false, network: VM_NETWORK, port },
      ...nics.map((n, i) => ({ ...n, port: port + 1 + i })),
    ],
  };
}

/** `count` live migration adapters of a host: `<host>-lm1`, `<host>-lm2`, ... */
export function lmNics(hostId: string, count: number, gbps: number, rdma: boolean) {
  return Array.from({ length: count }, (_, i) => ({
    id: `${hostId}-lm${i + 1}`,
    gbps,
    rdma,
    network: LM_NETWORK,
  }));
}

/** A stand-alone Windows Server 2012 host (no cluster) with one live migration adapter. */
export function standAloneHost(
  id: string,
  name: string,
  cpuVendor: CpuVendor,
  linkGbps: number,
  port: number,
): Host {
  return hyperVHost(
    { id, name, os: '2012', cpuVendor, failoverClustering: false },
    port,
    lmNics(id, 1, linkGbps, false),
  );
}

function host(
  id: string,
  name: string,
  o: TwoNodeClusterOptions,
  cpuVendor: CpuVendor,
  clustering: boolean,
  portBase: number,
): Host {
  return hyperVHost(
    { id, name, os: o.os, cpuVendor, failoverClustering: clustering },
    portBase,
    lmNics(id, o.nics, o.linkGbps, o.rdma),
  );
}

/** The two networks every scenario has: live migration and the VMs' own, both up. */
export function migrationNetworks(): World['networks'] {
  return {
    [LM_NETWORK]: {
      id: LM_NETWORK,
      name: 'Live migration network',
      purpose: 'live-migration',
      up: true,
    },
    [VM_NETWORK]: { id: VM_NETWORK, name: 'VM network', purpose: 'vm', up: true },
  };
}

/** SQL01, the one VM of the two-host scenarios, with its disk on `storage`, controlled by the source. */
export function sql01(
  mac: string,
  memoryBytes: number,
  disk: { kind: DiskKind; storage: string; sizeBytes: number },
): World['vms'] {
  return {
    [VM_ID]: {
      id: VM_ID,
      name: 'SQL01',
      mac,
      memoryBytes,
      disks: [{ id: 'disk-0', ...disk }],
      storageController: SOURCE,
    },
  };
}

/** Two cluster nodes on a CSV, one VM running on the first, a physical switch in front. */
export function twoNodeCluster(o: TwoNodeClusterOptions): World {
  const a = host(SOURCE, 'HV-A', o, 'Intel', true, 1);
  const b = host(DESTINATION, 'HV-B', o, o.destinationCpuVendor, o.destinationClustering, 11);
  const mac = '00-15-5D-01-02-03';
  return {
    hosts: { [a.id]: a, [b.id]: b },
    networks: migrationNetworks(),
    storage: {
      [CSV_ID]: {
        id: CSV_ID,
        name: 'CSV1',
        kind: 'csv',
        coordinator: SOURCE,
        pathUp: { [SOURCE]: true, [DESTINATION]: true },
        online: true,
      },
    },
    vms: sql01(mac, o.memoryBytes, { kind: o.diskKind, storage: CSV_ID, sizeBytes: o.diskBytes }),
    instances: [{ vm: VM_ID, host: SOURCE, status: 'running' }],
    physicalSwitch: { name: 'Physical switch', macTable: { [mac]: a.nics[0]?.port ?? 1 } },
  };
}
