/** The panel's scenario: parameters from the URL (or defaults) and the learner's requirement knobs. */
import type { ParamValues } from '../../app/url';
import type { LiveMigrationInput } from '../../machines/liveMigration2008r2.machine';
import type { NumericParamName } from '../../model/parameters';
import { DESTINATION, SOURCE, twoNodeCluster, VM_ID } from '../../model/scenarios';
import { GiB, MiB } from '../../model/units';
import type { CpuVendor, DiskKind } from '../../model/world';
import { paramValue, tcpLiveMigrationParams } from '../kit/params';

export { paramValue };

/** Parameters this panel shows as controls (seed, speed and t are playback, not scenario). */
export const SCENARIO_PARAMS = [
  'memoryMiB',
  'dirtyMiBps',
  'wwsMiB',
  'linkGbps',
  'downtimeMs',
  'maxRounds',
] as const satisfies readonly NumericParamName[];

export interface Knobs {
  destinationCpuVendor: CpuVendor;
  destinationClustering: boolean;
  diskKind: DiskKind;
}

export const DEFAULT_KNOBS: Knobs = {
  destinationCpuVendor: 'Intel',
  destinationClustering: true,
  diskKind: 'vhd',
};

/** 2008 R2 live migration runs over one TCP/IP connection (the faster options came in 2012 R2). */
export function buildInput(values: ParamValues, knobs: Knobs): LiveMigrationInput {
  const params: LiveMigrationInput['params'] = tcpLiveMigrationParams(values);
  return {
    params,
    seed: paramValue(values, 'seed'),
    world: twoNodeCluster({
      os: '2008R2',
      memoryBytes: params.memoryMiB * MiB,
      diskBytes: 40 * GiB,
      linkGbps: params.linkGbps,
      nics: 1,
      rdma: false,
      ...knobs,
    }),
    vm: VM_ID,
    source: SOURCE,
    destination: DESTINATION,
  };
}
