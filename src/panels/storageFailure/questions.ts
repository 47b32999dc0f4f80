/** Self-check questions of the storage failure detection panel (see kit/quiz.ts). */
import type { StorageFailureMachine as M } from '../../machines/storageFailure.machine';
import { contextOf, resultsOf, targetName } from '../availability/questionKit';
import { figureCount, figureSeconds, toOneDecimal } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';

export const questions: readonly Question<M>[] = [
  {
    id: 'others',
    at: { state: 'running.steady' },
    kind: 'choice',
    prompt: ({ view }) =>
      `${targetName(view)}'s disk stops answering. What happens to the other VMs on its node?`,
    options: [
      { value: 'untouched', label: 'Nothing: they keep running' },
      { value: 'restarted', label: 'They restart on another node too' },
      { value: 'paused', label: 'They pause until the disk is back' },
    ],
    answer: ({ end }) => {
      const r = resultsOf(end());
      return figureCount(r, 'VMs restarted') <= 1 ? 'untouched' : 'restarted';
    },
    explain: () =>
      `A lost disk is one VM's problem: in step 2 the cluster's health check notices that VM cannot reach its storage and acts on it alone; the node and its other VMs are healthy.`,
  },
  {
    id: 'detected-after',
    at: { state: 'running.detecting' },
    ...toOneDecimal('s', { abs: 0.05 }),
    prompt: ({ view }) =>
      `How many seconds after its disk fails does the cluster declare ${targetName(view)} unhealthy?`,
    answer: ({ end }) => figureSeconds(resultsOf(end()), 'Detected after'),
    explain: ({ view }) =>
      `Step 2 takes the health check's time (${contextOf(view).spec.healthDetectS} s, our assumption for how soon a lost disk is noticed): no heartbeats are involved, the node itself is fine, and the VM stays paused meanwhile.`,
  },
  {
    id: 'downtime',
    at: { state: 'running.restarting' },
    ...toOneDecimal('s', { rel: 0.1 }),
    prompt: ({ view }) =>
      `It boots in ${contextOf(view).spec.params.vmBootS} s. How long is ${targetName(view)} down in all, in seconds (within 10%)?`,
    answer: ({ end }) => figureSeconds(resultsOf(end()), 'Downtime'),
    explain: ({ view }) =>
      `The detection of step 2 (${contextOf(view).spec.healthDetectS} s) and step 3's restart on another node, from its disk on the share, with a cold boot of ${contextOf(view).spec.params.vmBootS} s. The memory state is lost; nothing else moves.`,
  },
];
