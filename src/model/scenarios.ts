/** Small datacenters the panels run on. Pure builders; every panel's world starts from one. */
import type { CpuVendor, DiskKind, Host, OsVersion, World } from './world';

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

function host(
  id: string,
  name: string,
  o: TwoNodeClusterOptions,
  cpuVendor: CpuVendor,
  clustering: boolean,
  portBase: number,
): Host {
  const lmNics = Array.from({ length: o.nics }, (_, i) => ({
    id: `${id}-lm${i + 1}`,
    gbps: o.linkGbps,
    rdma: o.rdma,
    network: LM_NETWORK,
    port: portBase + 1 + i,
  }));
  return {
    id,
    name,
    os: o.os,
    cpuVendor,
    hyperV: true,
    hardwareVirtualization: true,
    failoverClustering: clustering,
    domain: 'contoso.local',
    up: true,
    cores: 16,
    nics: [
      { id: `${id}-vm`, gbps: 1, rdma: false, network: VM_NETWORK, port: portBase },
      ...lmNics,
    ],
  };
}

/** Two cluster nodes on a CSV, one VM running on the first, a physical switch in front. */
export function twoNodeCluster(o: TwoNodeClusterOptions): World {
  const a = host(SOURCE, 'HV-A', o, 'Intel', true, 1);
  const b = host(DESTINATION, 'HV-B', o, o.destinationCpuVendor, o.destinationClustering, 11);
  const mac = '00-15-5D-01-02-03';
  return {
    hosts: { [a.id]: a, [b.id]: b },
    networks: {
      [LM_NETWORK]: {
        id: LM_NETWORK,
        name: 'Live migration network',
        purpose: 'live-migration',
        up: true,
      },
      [VM_NETWORK]: { id: VM_NETWORK, name: 'VM network', purpose: 'vm', up: true },
    },
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
    vms: {
      [VM_ID]: {
        id: VM_ID,
        name: 'SQL01',
        mac,
        memoryBytes: o.memoryBytes,
        disks: [{ id: 'disk-0', kind: o.diskKind, storage: CSV_ID, sizeBytes: o.diskBytes }],
        storageController: SOURCE,
      },
    },
    instances: [{ vm: VM_ID, host: SOURCE, status: 'running' }],
    physicalSwitch: { name: 'Physical switch', macTable: { [mac]: a.nics[0]?.port ?? 1 } },
  };
}
