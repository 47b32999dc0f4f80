/** Inputs for the SMB live migration machine, shared by its tests, stories and panel. */
import { NUMERIC_PARAMS } from '../model/parameters';
import {
  SMB_DESTINATION,
  SMB_SOURCE,
  type SmbOptions,
  smbSetup,
  smbVmId,
  smbWorld,
} from '../model/smbScenario';
import { MiB } from '../model/units';
import { clusterDefaultParams } from './clusterMigration.fixture';
import type { SmbMigrationInput } from './smbMigration.machine';

export const smbDefaultParams = clusterDefaultParams;

/** SQL01 and WEB01 migrate together by default; APP01 stays. */
export const SMB_DEFAULT_SELECTION = [smbVmId(0), smbVmId(1)];

export interface SmbInputOptions extends Partial<Omit<SmbOptions, 'memoryBytes' | 'linkGbps'>> {
  params?: Partial<SmbMigrationInput['params']>;
  selected?: string[];
  seed?: number;
}

export function smbInput(o: SmbInputOptions = {}): SmbMigrationInput {
  const params = { ...smbDefaultParams, ...o.params };
  const opts: SmbOptions = {
    memoryBytes: params.memoryMiB * MiB,
    linkGbps: params.linkGbps,
    destinationCpuVendor: o.destinationCpuVendor ?? 'Intel',
    localFile: o.localFile ?? null,
    grantDestination: o.grantDestination ?? true,
  };
  return {
    params,
    seed: o.seed ?? NUMERIC_PARAMS.seed.default,
    world: smbWorld(opts),
    setup: smbSetup(opts),
    vms: o.selected ?? SMB_DEFAULT_SELECTION,
    source: SMB_SOURCE,
    destination: SMB_DESTINATION,
  };
}
