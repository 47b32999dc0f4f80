/** Node failure (CATALOG 5): at any size up to 64 nodes and 8,000 VMs. */
import { nodeFailureMachine as machine } from '../../machines/nodeFailure.machine';
import { availPanel } from '../availability/shared';
import { meta } from './meta';
import { questions } from './questions';

export type { AvailKnobs as Knobs } from '../availability/shared';

// Its restart waves are three states of the machine but one step of the poster.
export const { definition, selectors } = availPanel('node', machine, meta, questions, {
  3: 'Restart the VMs by priority',
});
