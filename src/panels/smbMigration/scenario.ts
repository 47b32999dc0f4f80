/** The panel's scenario: parameters from the URL (or defaults), the selection and the knobs. */
import type { ParamValues } from '../../app/url';
import { SMB_DEFAULT_SELECTION, smbInput } from '../../machines/smbMigration.fixture';
import type { SmbMigrationInput } from '../../machines/smbMigration.machine';
import { NUMERIC_PARAMS, type NumericParamName } from '../../model/parameters';
import type { SmbFileKind } from '../../model/smbScenario';
import type { CpuVendor } from '../../model/world';

export const SCENARIO_PARAMS = [
  'memoryMiB',
  'dirtyMiBps',
  'wwsMiB',
  'linkGbps',
  'downtimeMs',
  'maxRounds',
] as const satisfies readonly NumericParamName[];

export interface Knobs {
  /** VM ids ticked, all migrated together. */
  selected: string[];
  destinationCpuVendor: CpuVendor;
  /** One of SQL01's files kept on HV-A's local disk (breaks "every VM file on the share"). */
  localFile: SmbFileKind | null;
  /** The share grants access to HV-B's computer account. */
  grantDestination: boolean;
}

export const DEFAULT_KNOBS: Knobs = {
  selected: SMB_DEFAULT_SELECTION,
  destinationCpuVendor: 'Intel',
  localFile: null,
  grantDestination: true,
};

export function paramValue(values: ParamValues, name: NumericParamName): number {
  return values[name] ?? NUMERIC_PARAMS[name].default;
}

/** Windows Server 2012 live migration over TCP/IP. */
export function buildInput(values: ParamValues, knobs: Knobs): SmbMigrationInput {
  return smbInput({
    params: {
      linkGbps: paramValue(values, 'linkGbps'),
      memoryMiB: paramValue(values, 'memoryMiB'),
      dirtyMiBps: paramValue(values, 'dirtyMiBps'),
      wwsMiB: paramValue(values, 'wwsMiB'),
      downtimeMs: paramValue(values, 'downtimeMs'),
      maxRounds: paramValue(values, 'maxRounds'),
    },
    selected: knobs.selected,
    seed: paramValue(values, 'seed'),
    destinationCpuVendor: knobs.destinationCpuVendor,
    localFile: knobs.localFile,
    grantDestination: knobs.grantDestination,
  });
}
