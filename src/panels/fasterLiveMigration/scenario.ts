/** The panel's scenario: the shared hardware and VM from the URL (or defaults). */

import type { FasterLiveMigrationInput } from '../../machines/fasterLiveMigration.machine';
import type { ComparisonParams } from '../../model/fasterLiveMigration';
import { fasterLiveMigrationInput } from '../../model/inputs';
import type { ParamValues } from '../../model/parameters';
import { paramValue } from '../../model/parameters';
import { paramRecord } from '../kit/params';
import { meta } from './meta';

/** The adapters are RDMA-capable unless the link says `rdma=0`. */
export function rdmaOf(values: ParamValues): boolean {
  return values.rdma ?? true;
}

export function comparisonParams(values: ParamValues): ComparisonParams {
  return paramRecord(values, meta.scenarioParams) as ComparisonParams;
}

export function buildInput(values: ParamValues): FasterLiveMigrationInput {
  return fasterLiveMigrationInput(
    comparisonParams(values),
    { rdma: rdmaOf(values) },
    paramValue(values, 'seed'),
  );
}
