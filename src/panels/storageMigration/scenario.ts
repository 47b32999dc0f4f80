/** The panel's scenario: parameters from the URL (or defaults) and the move options chosen. */

import type { StorageMigrationInput } from '../../machines/storageMigration.machine';
import type { ParamValues } from '../../model/parameters';
import { SOURCE, VM_ID } from '../../model/scenarios';
import {
  STORAGE_SOURCE_PLACEMENT,
  type StorageMoveOption,
  storageDestination,
  storageHost,
} from '../../model/storageMigration';
import { GiB, MiB } from '../../model/units';
import { COMPONENT_LABELS, VM_COMPONENTS, type VmComponent, vhdFile } from '../../model/vmFiles';
import type { DiskKind } from '../../model/world';
import { paramValue } from '../kit/params';

export interface Knobs {
  vmRunning: boolean;
  option: StorageMoveOption;
  components: Record<VmComponent, boolean>;
  toShare: boolean;
  diskKind: DiskKind;
}

export const DEFAULT_KNOBS: Knobs = {
  vmRunning: true,
  option: 'one-location',
  components: { vhd: true, configuration: true, snapshots: true, smartPaging: true },
  toShare: false,
  diskKind: 'vhdx',
};

export function buildInput(values: ParamValues, knobs: Knobs): StorageMigrationInput {
  const params: StorageMigrationInput['params'] = {
    diskGiB: paramValue(values, 'diskGiB'),
    diskWriteMiBps: paramValue(values, 'diskWriteMiBps'),
    linkGbps: paramValue(values, 'linkGbps'),
    vmRunning: knobs.vmRunning,
    toShare: knobs.toShare,
    option: knobs.option,
    components: knobs.components,
  };
  return {
    params,
    seed: paramValue(values, 'seed'),
    world: storageHost({
      diskBytes: params.diskGiB * GiB,
      memoryBytes: 2048 * MiB,
      linkGbps: params.linkGbps,
      diskKind: knobs.diskKind,
      vmRunning: knobs.vmRunning,
    }),
    vm: VM_ID,
    host: SOURCE,
    sourcePlacement: STORAGE_SOURCE_PLACEMENT,
    destinationPlacement: storageDestination(params),
  };
}

/** The equivalent Move-VMStorage command for the options chosen. */
export function powershell(input: StorageMigrationInput): string {
  const vm = input.world.vms[input.vm]?.name ?? input.vm;
  const head = `Move-VMStorage -VMName "${vm}"`;
  const d = input.destinationPlacement;
  const p = input.params;
  const vhds = `-Vhds @(@{ "SourceFilePath" = "${vhdFile(input.sourcePlacement, vm)}"; "DestinationFilePath" = "${vhdFile(d, vm)}" })`;
  if (p.option === 'one-location') return `${head} -DestinationStoragePath "${d.smartPaging.path}"`;
  if (p.option === 'vhds-only') return `${head} ${vhds}`;
  const parts = [head];
  if (p.components.configuration) parts.push(`  -VirtualMachinePath "${d.configuration.path}"`);
  if (p.components.snapshots) parts.push(`  -SnapshotFilePath "${d.snapshots.path}"`);
  if (p.components.smartPaging) parts.push(`  -SmartPagingFilePath "${d.smartPaging.path}"`);
  if (p.components.vhd) parts.push(`  ${vhds}`);
  return parts.join(' `\n');
}

export function fileRows(input: StorageMigrationInput) {
  return VM_COMPONENTS.map((c) => ({
    component: COMPONENT_LABELS[c],
    from: input.sourcePlacement[c],
    to: input.destinationPlacement[c],
    moves:
      input.sourcePlacement[c].path !== input.destinationPlacement[c].path ||
      input.sourcePlacement[c].storage !== input.destinationPlacement[c].storage,
  }));
}
