/** A panel's scenario values from the URL: the value given, else the parameter's default. */
import type { ParamValues } from '../../app/url';
import type { LiveMigrationParams } from '../../model/liveMigration';
import { NUMERIC_PARAMS, type NumericParamName } from '../../model/parameters';

export function paramValue(values: ParamValues, name: NumericParamName): number {
  return values[name] ?? NUMERIC_PARAMS[name].default;
}

/** Live migration over one TCP/IP adapter (no compression, no SMB), its figures from the URL. */
export function tcpLiveMigrationParams(values: ParamValues): LiveMigrationParams {
  return {
    transport: 'tcp',
    rdma: false,
    nics: 1,
    compressionRatio: 1,
    spareCores: 0,
    linkGbps: paramValue(values, 'linkGbps'),
    memoryMiB: paramValue(values, 'memoryMiB'),
    dirtyMiBps: paramValue(values, 'dirtyMiBps'),
    wwsMiB: paramValue(values, 'wwsMiB'),
    downtimeMs: paramValue(values, 'downtimeMs'),
    maxRounds: paramValue(values, 'maxRounds'),
  };
}
