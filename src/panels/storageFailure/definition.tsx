/** Storage failure (CATALOG 5): at any size up to 64 nodes and 8,000 VMs. */
import { storageFailureMachine as machine } from '../../machines/storageFailure.machine';
import { availPanel } from '../availability/shared';
import { meta } from './meta';
import { questions } from './questions';

export type { AvailKnobs as Knobs } from '../availability/shared';

export const { definition, selectors } = availPanel('storage', machine, meta, questions);
