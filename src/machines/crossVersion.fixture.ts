/** Inputs for the cross-version machine, shared by its tests, the panel and stories. */
import { buildCloud, type CrossVersionScenario } from '../model/crossVersion';
import type { LiveMigrationParams } from '../model/liveMigration';
import { NUMERIC_PARAMS } from '../model/parameters';
import type { CrossVersionInput } from './crossVersion.machine';

export const defaultCrossVersionParams: LiveMigrationParams = {
  // Cross-version moves use what both versions support: one TCP/IP connection.
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

const MOVES: Record<CrossVersionScenario, { vm: string; source: string; destination: string }> = {
  live: { vm: 'vm-1', source: 'hv-2012', destination: 'hv-r2' },
  reverse: { vm: 'vm-1', source: 'hv-r2', destination: 'hv-2012' },
  inPlace: { vm: 'vm-1', source: 'hv-2012', destination: 'hv-2012' },
  rolling: { vm: 'vm-1', source: 'hv-1', destination: 'hv-4' },
};

export function crossVersionInput(
  scenario: CrossVersionScenario,
  params: Partial<LiveMigrationParams> = {},
  seed = 1,
): CrossVersionInput {
  const p = { ...defaultCrossVersionParams, ...params };
  return {
    scenario,
    params: p,
    seed,
    world: buildCloud(scenario, { memoryMiB: p.memoryMiB, linkGbps: p.linkGbps }),
    ...MOVES[scenario],
  };
}
