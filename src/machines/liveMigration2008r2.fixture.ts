/** Inputs for the classic live migration machine, shared by its tests and stories. */
import { NUMERIC_PARAMS } from '../model/parameters';
import {
  DESTINATION,
  SOURCE,
  type TwoNodeClusterOptions,
  twoNodeCluster,
  VM_ID,
} from '../model/scenarios';
import { GiB, MiB } from '../model/units';
import type { LiveMigrationInput } from './liveMigration2008r2.machine';

export const defaultParams: LiveMigrationInput['params'] = {
  transport: 'tcp',
  rdma: false,
  linkGbps: NUMERIC_PARAMS.linkGbps.default,
  nics: 1,
  compressionRatio: NUMERIC_PARAMS.compressionRatio.default,
  spareCores: NUMERIC_PARAMS.spareCores.default,
  memoryMiB: NUMERIC_PARAMS.memoryMiB.default,
  dirtyMiBps: NUMERIC_PARAMS.dirtyMiBps.default,
  wwsMiB: NUMERIC_PARAMS.wwsMiB.default,
  downtimeMs: NUMERIC_PARAMS.downtimeMs.default,
  maxRounds: NUMERIC_PARAMS.maxRounds.default,
};

export function liveMigrationInput(
  params: Partial<LiveMigrationInput['params']> = {},
  cluster: Partial<TwoNodeClusterOptions> = {},
): LiveMigrationInput {
  const p = { ...defaultParams, ...params };
  return {
    params: p,
    seed: 1,
    world: twoNodeCluster({
      os: '2008R2',
      memoryBytes: p.memoryMiB * MiB,
      diskBytes: 40 * GiB,
      linkGbps: p.linkGbps,
      nics: p.nics,
      rdma: p.rdma,
      destinationCpuVendor: 'Intel',
      destinationClustering: true,
      diskKind: 'vhd',
      ...cluster,
    }),
    vm: VM_ID,
    source: SOURCE,
    destination: DESTINATION,
  };
}
