/**
 * A Windows Server 2012 failover cluster of four nodes on a Cluster Shared Volume (CATALOG 4.3),
 * with a row of VMs on the first node. Pure builder, plus the cluster's restart placement.
 */

import { compareNames } from './format';
import { hyperVHost, lmNics, migrationNetworks } from './scenarios';
import { GiB } from './units';
import type { CpuVendor, Host, OsVersion, Vm, World } from './world';

export const CLUSTER_NODES = ['node-1', 'node-2', 'node-3', 'node-4'] as const;
export const CLUSTER_SOURCE = 'node-1';
export const CLUSTER_DESTINATION = 'node-2';
export const CLUSTER_CSV = 'csv-1';
/** Names of the VMs, in the order they are listed (at most 16, the `vms` parameter's maximum). */
export const CLUSTER_VM_NAMES = [
  'SQL01',
  'WEB01',
  'WEB02',
  'APP01',
  'APP02',
  'FILE01',
  'MAIL01',
  'DC02',
  'WEB03',
  'APP03',
  'SQL02',
  'PRINT01',
  'WSUS01',
  'CA01',
  'WEB04',
  'APP04',
] as const;
/** At least this many VMs stand on the source node, so some can be left out of the batch. */
export const CLUSTER_MIN_VMS = 6;

export interface ClusterOptions {
  os: OsVersion;
  /** VMs on the source node. */
  vmCount: number;
  memoryBytes: number;
  linkGbps: number;
  nics: number;
  rdma: boolean;
  /** Knobs that let a learner break a requirement on purpose. */
  destinationCpuVendor: CpuVendor;
  destinationClustering: boolean;
  /** Storage kind of the VMs' disks: a CSV, or an SMB 3 share (smb scenario). */
  storage?: { id: string; name: string; kind: 'csv' | 'smb' };
}

export function clusterVmId(i: number): string {
  return `vm-${i + 1}`;
}

function node(id: string, i: number, o: ClusterOptions): Host {
  const isDest = id === CLUSTER_DESTINATION;
  return hyperVHost(
    {
      id,
      name: `HV-${i + 1}`,
      os: o.os,
      cpuVendor: isDest ? o.destinationCpuVendor : 'Intel',
      failoverClustering: isDest ? o.destinationClustering : true,
    },
    1 + i * 10,
    lmNics(id, o.nics, o.linkGbps, o.rdma),
  );
}

function mac(i: number): string {
  return `00-15-5D-01-03-${(i + 16).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Four cluster nodes, one CSV, `vmCount` VMs running on the first node. */
export function fourNodeCluster(o: ClusterOptions): World {
  const hosts = Object.fromEntries(CLUSTER_NODES.map((id, i) => [id, node(id, i, o)]));
  const st = o.storage ?? { id: CLUSTER_CSV, name: 'CSV1', kind: 'csv' as const };
  const srcPort = hosts[CLUSTER_SOURCE]?.nics[0]?.port ?? 1;
  const vms: Vm[] = Array.from({ length: o.vmCount }, (_, i) => ({
    id: clusterVmId(i),
    name: CLUSTER_VM_NAMES[i] ?? `VM${i + 1}`,
    mac: mac(i),
    memoryBytes: o.memoryBytes,
    disks: [{ id: `disk-${i + 1}`, kind: 'vhdx', storage: st.id, sizeBytes: 40 * GiB }],
    storageController: CLUSTER_SOURCE,
  }));
  return {
    hosts,
    networks: migrationNetworks(),
    storage: {
      [st.id]: {
        id: st.id,
        name: st.name,
        kind: st.kind,
        coordinator: st.kind === 'csv' ? CLUSTER_SOURCE : null,
        pathUp: Object.fromEntries(CLUSTER_NODES.map((id) => [id, true])),
        online: true,
      },
    },
    vms: Object.fromEntries(vms.map((v) => [v.id, v])),
    instances: vms.map((v) => ({ vm: v.id, host: CLUSTER_SOURCE, status: 'running' as const })),
    physicalSwitch: {
      name: 'Physical switch',
      macTable: Object.fromEntries(vms.map((v) => [v.mac, srcPort])),
    },
  };
}

/**
 * Where failover clustering restarts a VM whose node died: the node that is up, not excluded,
 * and runs the fewest VMs (ties: node order). Undefined when no node is left.
 */
export function restartPlacement(world: World, exclude: readonly string[]): string | undefined {
  const load = (h: string) =>
    world.instances.filter((i) => i.host === h && i.status !== 'shell' && i.status !== 'off')
      .length;
  return Object.values(world.hosts)
    .filter((h) => h.up && !exclude.includes(h.id))
    .map((h) => h.id)
    .sort((a, b) => load(a) - load(b) || compareNames(a, b))[0];
}
