/** What the storage failure panel shows: the shared availability selectors plus its own steps and words. */
import type { SnapshotFrom } from 'xstate';
import {
  type StorageFailureMachine,
  storageFailureMachine,
} from '../../machines/storageFailure.machine';
import type { RunnerView } from '../../sim/runner';
import { type AvailView, readyText } from '../availability/selectors';
import { processFamily } from '../kit/family';
import { stepsOf } from '../kit/steps';

export type Snap = SnapshotFrom<StorageFailureMachine>;
export type View = RunnerView<Snap>;

const FAMILY = processFamily(storageFailureMachine, {
  success: ['recovered'],
  titles: { recovered: 'Recovered', failed: 'Cluster down', refused: 'Refused' },
  ready: (v) => ({
    title: 'Ready',
    text: readyText(v as unknown as AvailView, 'storage'),
    tone: 'normal',
  }),
});
export const { CHART, succeeded, narration, log } = FAMILY;
export const STEPS = stepsOf(CHART.nodes);
export {
  clusterScene,
  clusterSummary,
  inventory,
  results,
  stepDetail,
} from '../availability/selectors';
