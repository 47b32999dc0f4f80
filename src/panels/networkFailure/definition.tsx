/** Network failure (CATALOG 5): at any size up to 64 nodes and 8,000 VMs. */
import {
  type NetworkFailureMachine as M,
  networkFailureMachine as machine,
} from '../../machines/networkFailure.machine';
import { type AvailKnobs, availDefinition } from '../availability/shared';
import type { PanelDefinition } from '../kit/definition';
import { meta } from './meta';
import { questions } from './questions';
import * as selectors from './selectors';

export type Knobs = AvailKnobs;

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  questions,
  ...availDefinition<M>('network', selectors),
};
