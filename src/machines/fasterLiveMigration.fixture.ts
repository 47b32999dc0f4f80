/** Inputs for the faster live migration machine, shared by its tests, the panel and stories. */
import { type ComparisonParams, OPTION_KINDS } from '../model/fasterLiveMigration';
import { NUMERIC_PARAMS } from '../model/parameters';
import {
  DESTINATION,
  SOURCE,
  type TwoNodeClusterOptions,
  twoNodeCluster,
  VM_ID,
} from '../model/scenarios';
import { GiB, MiB } from '../model/units';
import type { FasterLiveMigrationInput } from './fasterLiveMigration.machine';

export const defaultComparisonParams: ComparisonParams = {
  linkGbps: NUMERIC_PARAMS.linkGbps.default,
  nics: NUMERIC_PARAMS.nics.default,
  spareCores: NUMERIC_PARAMS.spareCores.default,
  compressionRatio: NUMERIC_PARAMS.compressionRatio.default,
  memoryMiB: NUMERIC_PARAMS.memoryMiB.default,
  dirtyMiBps: NUMERIC_PARAMS.dirtyMiBps.default,
  wwsMiB: NUMERIC_PARAMS.wwsMiB.default,
  downtimeMs: NUMERIC_PARAMS.downtimeMs.default,
  maxRounds: NUMERIC_PARAMS.maxRounds.default,
};

export interface HardwareOptions {
  /** The live migration adapters are RDMA-capable (needed by SMB Direct). */
  rdma: boolean;
  /** Knobs to break a requirement on purpose. */
  cluster?: Partial<TwoNodeClusterOptions>;
}

/** Four copies of one two-node 2012 R2 cluster (one per option), with the same VM on HV-A. */
export function fasterLiveMigrationInput(
  params: Partial<ComparisonParams> = {},
  hw: HardwareOptions = { rdma: true },
  seed = 1,
): FasterLiveMigrationInput {
  const p = { ...defaultComparisonParams, ...params };
  return {
    params: p,
    seed,
    lanes: OPTION_KINDS.map((kind) => ({
      kind,
      world: twoNodeCluster({
        os: '2012R2',
        memoryBytes: p.memoryMiB * MiB,
        diskBytes: 40 * GiB,
        linkGbps: p.linkGbps,
        nics: p.nics,
        rdma: hw.rdma,
        destinationCpuVendor: 'Intel',
        destinationClustering: true,
        diskKind: 'vhd',
        ...hw.cluster,
      }),
    })),
    vm: VM_ID,
    source: SOURCE,
    destination: DESTINATION,
  };
}
