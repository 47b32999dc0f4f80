/** The panel's scenario: the shared hardware and VM from the URL (or defaults). */
import type { ParamValues } from '../../app/url';
import { fasterLiveMigrationInput } from '../../machines/fasterLiveMigration.fixture';
import type { FasterLiveMigrationInput } from '../../machines/fasterLiveMigration.machine';
import type { ComparisonParams } from '../../model/fasterLiveMigration';
import { NUMERIC_PARAMS, type NumericParamName } from '../../model/parameters';

/** Parameters this panel shows as controls (seed, speed and t are playback, not scenario). */
export const SCENARIO_PARAMS = [
  'linkGbps',
  'nics',
  'spareCores',
  'compressionRatio',
  'memoryMiB',
  'dirtyMiBps',
  'wwsMiB',
  'downtimeMs',
  'maxRounds',
] as const satisfies readonly NumericParamName[];

export function paramValue(values: ParamValues, name: NumericParamName): number {
  return values[name] ?? NUMERIC_PARAMS[name].default;
}

/** The adapters are RDMA-capable unless the link says `rdma=0`. */
export function rdmaOf(values: ParamValues): boolean {
  return values.rdma ?? true;
}

export function comparisonParams(values: ParamValues): ComparisonParams {
  return Object.fromEntries(SCENARIO_PARAMS.map((n) => [n, paramValue(values, n)])) as Record<
    (typeof SCENARIO_PARAMS)[number],
    number
  >;
}

export function buildInput(values: ParamValues): FasterLiveMigrationInput {
  return fasterLiveMigrationInput(
    comparisonParams(values),
    { rdma: rdmaOf(values) },
    paramValue(values, 'seed'),
  );
}
