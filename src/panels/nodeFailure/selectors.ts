/** What the node failure panel shows: the shared availability selectors plus its own steps and words. */
import type { SnapshotFrom } from 'xstate';
import { type NodeFailureMachine, nodeFailureMachine } from '../../machines/nodeFailure.machine';
import type { RunnerView } from '../../sim/runner';
import { availFamily } from '../availability/selectors';

export type Snap = SnapshotFrom<NodeFailureMachine>;
export type View = RunnerView<Snap>;

export const { CHART, succeeded, narration, log, STEPS } = availFamily(nodeFailureMachine, 'node', {
  3: 'Restart the VMs by priority',
});
export {
  clusterScene,
  clusterSummary,
  inventory,
  results,
  stepDetail,
} from '../availability/selectors';
