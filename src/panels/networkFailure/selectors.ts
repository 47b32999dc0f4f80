/** What the network failure panel shows: the shared availability selectors plus its own steps and words. */
import type { SnapshotFrom } from 'xstate';
import {
  type NetworkFailureMachine,
  networkFailureMachine,
} from '../../machines/networkFailure.machine';
import type { RunnerView } from '../../sim/runner';
import { availFamily } from '../availability/selectors';

export type Snap = SnapshotFrom<NetworkFailureMachine>;
export type View = RunnerView<Snap>;

export const { CHART, succeeded, narration, log, STEPS } = availFamily(
  networkFailureMachine,
  'network',
);
export {
  clusterScene,
  clusterSummary,
  inventory,
  results,
  stepDetail,
} from '../availability/selectors';
