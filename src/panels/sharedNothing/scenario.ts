/** The panel's scenario: parameters from the URL (or defaults) and the move wizard's choices. */

import type { SharedNothingInput } from '../../machines/sharedNothing.machine';
import type { ParamValues } from '../../model/parameters';
import { DESTINATION, SOURCE, VM_ID } from '../../model/scenarios';
import {
  destinationPlacement,
  type SharedNothingChoice,
  sourcePlacement,
  standAloneHosts,
} from '../../model/sharedNothing';
import { GiB, MiB } from '../../model/units';
import { COMPONENT_LABELS, type Placement, VM_COMPONENTS, vhdFile } from '../../model/vmFiles';
import type { CpuVendor } from '../../model/world';
import { paramValue, tcpLiveMigrationParams } from '../kit/params';

export interface Knobs {
  choice: SharedNothingChoice;
  /** The VM's files start on an SMB 3 share instead of HV-A's local disk. */
  vmOnShare: boolean;
  destinationCpuVendor: CpuVendor;
}

export const DEFAULT_KNOBS: Knobs = {
  choice: 'one-location',
  vmOnShare: false,
  destinationCpuVendor: 'Intel',
};

/** Windows Server 2012 live migration over one TCP/IP adapter. */
export function buildInput(values: ParamValues, knobs: Knobs): SharedNothingInput {
  const params: SharedNothingInput['params'] = {
    ...tcpLiveMigrationParams(values),
    diskGiB: paramValue(values, 'diskGiB'),
    diskWriteMiBps: paramValue(values, 'diskWriteMiBps'),
  };
  const src = sourcePlacement(knobs.vmOnShare);
  return {
    params,
    seed: paramValue(values, 'seed'),
    world: standAloneHosts({
      memoryBytes: params.memoryMiB * MiB,
      diskBytes: params.diskGiB * GiB,
      linkGbps: params.linkGbps,
      vmOnShare: knobs.vmOnShare,
      destinationCpuVendor: knobs.destinationCpuVendor,
    }),
    vm: VM_ID,
    source: SOURCE,
    destination: DESTINATION,
    choice: knobs.choice,
    sourcePlacement: src,
    destinationPlacement: destinationPlacement(knobs.choice, src),
  };
}

/** The equivalent Move-VM command for the choice. */
export function powershell(input: SharedNothingInput): string {
  const vm = input.world.vms[input.vm]?.name ?? input.vm;
  const dest = input.world.hosts[input.destination]?.name ?? input.destination;
  const head = `Move-VM -Name "${vm}" -DestinationHost "${dest}"`;
  const d: Placement = input.destinationPlacement;
  if (input.choice === 'vm-only') return head;
  if (input.choice === 'one-location') {
    const folder = d.smartPaging.path;
    return `${head} -IncludeStorage -DestinationStoragePath "${folder}"`;
  }
  return [
    head,
    `  -VirtualMachinePath "${d.configuration.path}"`,
    `  -SnapshotFilePath "${d.snapshots.path}"`,
    `  -SmartPagingFilePath "${d.smartPaging.path}"`,
    `  -Vhds @(@{ "SourceFilePath" = "${vhdFile(input.sourcePlacement, vm)}"; "DestinationFilePath" = "${vhdFile(d, vm)}" })`,
  ].join(' `\n');
}

/** Where each component goes, for the "VM files" table. */
export function fileRows(input: SharedNothingInput) {
  return VM_COMPONENTS.map((c) => ({
    component: COMPONENT_LABELS[c],
    from: input.sourcePlacement[c],
    to: input.destinationPlacement[c],
  }));
}
