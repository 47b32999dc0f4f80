/** Network failure (CATALOG 5): at any size up to 64 nodes and 8,000 VMs. */
import { NETWORK_FAULTS } from '../../machines/availability';
import {
  type NetworkFailureMachine as M,
  networkFailureMachine as machine,
} from '../../machines/networkFailure.machine';
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
  input: (values, knobs) => availInput('network', values, knobs),
  views: processViews(selectors, 'Network failure statechart', NETWORK_FAULTS),
  settings: ({ knobs, input }) => availSettings('network', knobs, input),
  Stage: AvailStage,
  questions,
  powershell: ({ input, knobs }) => availPowerShell('network', input, knobs),
  thumbnail: {
    speed: 4,
    scene: (v, animate) => thumbnailScene(v as unknown as AvailView, animate),
  },
};
