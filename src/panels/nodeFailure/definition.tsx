/** Node failure (CATALOG 5): at any size up to 64 nodes and 8,000 VMs. */
import { NODE_FAULTS } from '../../machines/availability';
import {
  type NodeFailureMachine as M,
  nodeFailureMachine as machine,
} from '../../machines/nodeFailure.machine';
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
  knobs: { ...DEFAULT_KNOBS, target: DEFAULT_TARGET.node },
  // A new seed or VM count is a new cluster: per-VM settings start again.
  resetKnobs: { on: ['vms', 'seed'], keys: ['priorities', 'unprotected', 'priorityVm'] },
  input: (values, knobs) => availInput('node', values, knobs),
  views: processViews(selectors, 'Node failure statechart', NODE_FAULTS),
  settings: ({ knobs, input }) => availSettings('node', knobs, input),
  Stage: AvailStage,
  questions,
  powershell: ({ input, knobs }) => availPowerShell('node', input, knobs),
  thumbnail: {
    speed: 4,
    scene: (v, animate) => thumbnailScene(v as unknown as AvailView, animate),
  },
};
