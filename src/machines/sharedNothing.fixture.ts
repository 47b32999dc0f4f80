/** A default shared-nothing move for the machine's tests (the panel builds the same from the URL). */
import { DESTINATION, SOURCE, VM_ID } from '../model/scenarios';
import {
  destinationPlacement,
  type SharedNothingChoice,
  type SharedNothingParams,
  sourcePlacement,
  standAloneHosts,
} from '../model/sharedNothing';
import { GiB, MiB } from '../model/units';
import type { CpuVendor } from '../model/world';
import type { SharedNothingInput } from './sharedNothing.machine';

export interface SharedNothingFixture {
  choice?: SharedNothingChoice;
  vmOnShare?: boolean;
  destinationCpuVendor?: CpuVendor;
  params?: Partial<SharedNothingParams>;
  seed?: number;
}

export const FIXTURE_PARAMS: SharedNothingParams = {
  transport: 'tcp',
  rdma: false,
  nics: 1,
  compressionRatio: 1,
  spareCores: 0,
  linkGbps: 1,
  memoryMiB: 2048,
  dirtyMiBps: 20,
  wwsMiB: 256,
  downtimeMs: 300,
  maxRounds: 10,
  diskGiB: 4,
  diskWriteMiBps: 10,
};

export function sharedNothingInput(f: SharedNothingFixture = {}): SharedNothingInput {
  const params = { ...FIXTURE_PARAMS, ...f.params };
  const choice = f.choice ?? 'one-location';
  const vmOnShare = f.vmOnShare ?? false;
  const src = sourcePlacement(vmOnShare);
  return {
    params,
    seed: f.seed ?? 1,
    world: standAloneHosts({
      memoryBytes: params.memoryMiB * MiB,
      diskBytes: params.diskGiB * GiB,
      linkGbps: params.linkGbps,
      vmOnShare,
      destinationCpuVendor: f.destinationCpuVendor ?? 'Intel',
    }),
    vm: VM_ID,
    source: SOURCE,
    destination: DESTINATION,
    choice,
    sourcePlacement: src,
    destinationPlacement: destinationPlacement(choice, src),
  };
}
