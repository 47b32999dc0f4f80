/** Inputs for the cluster migration machine, shared by its tests, stories and panel. */
import {
  CLUSTER_DESTINATION,
  CLUSTER_MIN_VMS,
  CLUSTER_SOURCE,
  clusterVmId,
  fourNodeCluster,
} from '../model/clusterScenario';
import { CONCURRENT_CONSTANTS, type ConcurrentParams } from '../model/concurrentMigration';
import { NUMERIC_PARAMS } from '../model/parameters';
import { MiB } from '../model/units';
import type { CpuVendor } from '../model/world';
import type { ClusterMigrationInput } from './clusterMigration.machine';

export const clusterDefaultParams: ConcurrentParams = {
  transport: 'tcp',
  rdma: false,
  nics: 1,
  compressionRatio: 1,
  spareCores: 0,
  linkGbps: NUMERIC_PARAMS.linkGbps.default,
  memoryMiB: NUMERIC_PARAMS.memoryMiB.default,
  dirtyMiBps: NUMERIC_PARAMS.dirtyMiBps.default,
  wwsMiB: NUMERIC_PARAMS.wwsMiB.default,
  downtimeMs: NUMERIC_PARAMS.downtimeMs.default,
  maxRounds: NUMERIC_PARAMS.maxRounds.default,
};

export interface ClusterInputOptions {
  params?: Partial<ConcurrentParams>;
  /** VMs started together (the first ones listed), unless `selected` is given. */
  vms?: number;
  selected?: string[];
  limit?: number;
  seed?: number;
  destinationCpuVendor?: CpuVendor;
  destinationClustering?: boolean;
}

export function clusterInput(o: ClusterInputOptions = {}): ClusterMigrationInput {
  const params = { ...clusterDefaultParams, ...o.params };
  const count = o.vms ?? NUMERIC_PARAMS.vms.default;
  const selected = o.selected ?? Array.from({ length: count }, (_, i) => clusterVmId(i));
  return {
    params,
    seed: o.seed ?? NUMERIC_PARAMS.seed.default,
    limit: o.limit ?? CONCURRENT_CONSTANTS.defaultLimit,
    world: fourNodeCluster({
      os: '2012',
      vmCount: Math.max(CLUSTER_MIN_VMS, count, selected.length),
      memoryBytes: params.memoryMiB * MiB,
      linkGbps: params.linkGbps,
      nics: 1,
      rdma: false,
      destinationCpuVendor: o.destinationCpuVendor ?? 'Intel',
      destinationClustering: o.destinationClustering ?? true,
    }),
    vms: selected,
    source: CLUSTER_SOURCE,
    destination: CLUSTER_DESTINATION,
  };
}
