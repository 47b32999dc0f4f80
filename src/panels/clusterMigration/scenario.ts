/** The panel's scenario: parameters from the URL (or defaults), the selection and the knobs. */
import type { ParamValues } from '../../app/url';
import { clusterInput } from '../../machines/clusterMigration.fixture';
import type { ClusterMigrationInput } from '../../machines/clusterMigration.machine';
import { CLUSTER_MIN_VMS, clusterVmId } from '../../model/clusterScenario';
import { CONCURRENT_CONSTANTS } from '../../model/concurrentMigration';
import { NUMERIC_PARAMS, type NumericParamName } from '../../model/parameters';
import type { CpuVendor } from '../../model/world';

/** Parameters this panel shows as controls (seed, speed and t are playback, not scenario). */
export const SCENARIO_PARAMS = [
  'vms',
  'memoryMiB',
  'dirtyMiBps',
  'wwsMiB',
  'linkGbps',
  'downtimeMs',
  'maxRounds',
] as const satisfies readonly NumericParamName[];

export interface Knobs {
  /** Simultaneous live migrations the source host allows. */
  limit: number;
  /** VM ids the learner ticked, in queue order; null = the first `vms` ones. */
  selected: string[] | null;
  destinationCpuVendor: CpuVendor;
  destinationClustering: boolean;
}

export const DEFAULT_KNOBS: Knobs = {
  limit: CONCURRENT_CONSTANTS.defaultLimit,
  selected: null,
  destinationCpuVendor: 'Intel',
  destinationClustering: true,
};

export function paramValue(values: ParamValues, name: NumericParamName): number {
  return values[name] ?? NUMERIC_PARAMS[name].default;
}

/** VMs standing on the source node: at least CLUSTER_MIN_VMS, more when `vms` asks for more. */
export function vmCount(values: ParamValues): number {
  return Math.max(CLUSTER_MIN_VMS, paramValue(values, 'vms'));
}

export function selectedVms(values: ParamValues, knobs: Knobs): string[] {
  if (knobs.selected) return knobs.selected;
  return Array.from({ length: paramValue(values, 'vms') }, (_, i) => clusterVmId(i));
}

/** 2012 live migration runs over TCP/IP (compression and SMB came with 2012 R2). */
export function buildInput(values: ParamValues, knobs: Knobs): ClusterMigrationInput {
  const input = clusterInput({
    params: {
      linkGbps: paramValue(values, 'linkGbps'),
      memoryMiB: paramValue(values, 'memoryMiB'),
      dirtyMiBps: paramValue(values, 'dirtyMiBps'),
      wwsMiB: paramValue(values, 'wwsMiB'),
      downtimeMs: paramValue(values, 'downtimeMs'),
      maxRounds: paramValue(values, 'maxRounds'),
    },
    selected: selectedVms(values, knobs),
    vms: vmCount(values),
    limit: knobs.limit,
    seed: paramValue(values, 'seed'),
    destinationCpuVendor: knobs.destinationCpuVendor,
    destinationClustering: knobs.destinationClustering,
  });
  return input;
}
