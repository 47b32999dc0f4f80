/** A panel's scenario values from the URL: the value given, else the parameter's default. */
import type { LiveMigrationParams } from '../../model/liveMigration';
import { type NumericParamName, type ParamValues, paramValue } from '../../model/parameters';

export { paramValue };

/** The named scenario values (given, else defaults) as one record. */
export function paramRecord<N extends NumericParamName>(
  values: ParamValues,
  names: readonly N[],
): Record<N, number> {
  return Object.fromEntries(names.map((n) => [n, paramValue(values, n)])) as Record<N, number>;
}

/** The pre-copy figures every live migration reads from the URL. */
export const PRECOPY_PARAMS = [
  'memoryMiB',
  'dirtyMiBps',
  'wwsMiB',
  'linkGbps',
  'downtimeMs',
  'maxRounds',
] as const satisfies readonly NumericParamName[];

/** Live migration over one TCP/IP adapter (no compression, no SMB), its figures from the URL. */
export function tcpLiveMigrationParams(values: ParamValues): LiveMigrationParams {
  return {
    transport: 'tcp',
    rdma: false,
    nics: 1,
    compressionRatio: 1,
    spareCores: 0,
    ...paramRecord(values, PRECOPY_PARAMS),
  };
}
