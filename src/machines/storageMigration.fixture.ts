/** A default storage migration for the machine's tests (the panel builds the same from the URL). */
import { SOURCE, VM_ID } from '../model/scenarios';
import {
  STORAGE_SOURCE_PLACEMENT,
  type StorageMigrationParams,
  storageDestination,
  storageHost,
} from '../model/storageMigration';
import { GiB } from '../model/units';
import type { DiskKind } from '../model/world';
import type { StorageMigrationInput } from './storageMigration.machine';

export const STORAGE_FIXTURE_PARAMS: StorageMigrationParams = {
  diskGiB: 4,
  diskWriteMiBps: 20,
  linkGbps: 1,
  vmRunning: true,
  toShare: false,
  option: 'one-location',
  components: { vhd: true, configuration: true, snapshots: false, smartPaging: false },
};

export function storageInput(
  over: Partial<StorageMigrationParams> = {},
  seed = 1,
  diskKind: DiskKind = 'vhdx',
): StorageMigrationInput {
  const params = { ...STORAGE_FIXTURE_PARAMS, ...over };
  return {
    params,
    seed,
    world: storageHost({
      diskBytes: params.diskGiB * GiB,
      memoryBytes: 2 * GiB,
      linkGbps: params.linkGbps,
      diskKind,
      vmRunning: params.vmRunning,
    }),
    vm: VM_ID,
    host: SOURCE,
    sourcePlacement: STORAGE_SOURCE_PLACEMENT,
    destinationPlacement: storageDestination(params),
  };
}
