/** What the storage failure panel shows: the shared availability selectors plus its own steps and words. */
import type { SnapshotFrom } from 'xstate';
import {
  type StorageFailureMachine,
  storageFailureMachine,
} from '../../machines/storageFailure.machine';
import type { RunnerView } from '../../sim/runner';
import { availFamily } from '../availability/selectors';

export type Snap = SnapshotFrom<StorageFailureMachine>;
export type View = RunnerView<Snap>;

export const { CHART, succeeded, narration, log, STEPS } = availFamily(
  storageFailureMachine,
  'storage',
);
export {
  clusterScene,
  clusterSummary,
  inventory,
  results,
  stepDetail,
} from '../availability/selectors';
