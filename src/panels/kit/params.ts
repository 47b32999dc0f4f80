/** A panel's scenario values from the URL: the value given, else the parameter's default. */
import { ONE_TCP_CONNECTION } from '../../model/inputs';
import type { LiveMigrationParams } from '../../model/liveMigration';
import {
  type NumericParamName,
  type ParamValues,
  PRECOPY_PARAMS,
  paramValue,
} from '../../model/parameters';

export { PRECOPY_PARAMS, paramValue };

/** The named scenario values (given, else defaults) as one record. */
export function paramRecord<N extends NumericParamName>(
  values: ParamValues,
  names: readonly N[],
): Record<N, number> {
  return Object.fromEntries(names.map((n) => [n, paramValue(values, n)])) as Record<N, number>;
}

/** Live migration over one TCP/IP adapter (no compression, no SMB), its figures from the URL. */
export function tcpLiveMigrationParams(values: ParamValues): LiveMigrationParams {
  return { ...ONE_TCP_CONNECTION, ...paramRecord(values, PRECOPY_PARAMS) };
}
