/** Network failure (CATALOG 5): at any size up to 64 nodes and 8,000 VMs. */
import { networkFailureMachine as machine } from '../../machines/networkFailure.machine';
import { availPanel } from '../availability/shared';
import { meta } from './meta';
import { questions } from './questions';

export type { AvailKnobs as Knobs } from '../availability/shared';

export const { definition, selectors } = availPanel('network', machine, meta, questions);
