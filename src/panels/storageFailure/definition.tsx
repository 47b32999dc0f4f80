/** Storage failure (CATALOG 5): at any size up to 64 nodes and 8,000 VMs. */
import { STORAGE_FAULTS } from '../../machines/availability';
import {
  type StorageFailureMachine as M,
  storageFailureMachine as machine,
} from '../../machines/storageFailure.machine';
import { DEFAULT_TARGET } from '../../model/availability';
import type { AvailView } from '../availability/selectors';
import {
  type AvailKnobs,
  AvailStage,
  availInput,
  availPowerShell,
  availSettings,
  DEFAULT_KNOBS,
  thumbnailScene,
} from '../availability/shared';
import { type PanelDefinition, processViews } from '../kit/definition';
import { meta } from './meta';
import { questions } from './questions';
import * as selectors from './selectors';

export type Knobs = AvailKnobs;

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  knobs: { ...DEFAULT_KNOBS, target: DEFAULT_TARGET.vm },
  // A new seed or VM count is a new cluster: per-VM settings start again.
  resetKnobs: { on: ['vms', 'seed'], keys: ['priorities', 'unprotected', 'priorityVm'] },
  input: (values, knobs) => availInput('storage', values, knobs),
  views: processViews(selectors, 'Storage failure statechart', STORAGE_FAULTS),
  settings: ({ knobs, input }) => availSettings('storage', knobs, input),
  Stage: AvailStage,
  questions,
  powershell: ({ input, knobs }) => availPowerShell('storage', input, knobs),
  thumbnail: {
    speed: 4,
    scene: (v, animate) => thumbnailScene(v as unknown as AvailView, animate),
  },
};
