/** Self-check questions of the node failure panel (see kit/quiz.ts). */
import type { NodeFailureMachine as M } from '../../machines/nodeFailure.machine';
import { formatDuration } from '../../model/format';
import { contextOf, resultsOf, targetName } from '../availability/questionKit';
import { figureCount, figureSeconds, toOneDecimal } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';

export const questions: readonly Question<M>[] = [
  {
    id: 'detected-after',
    at: { state: 'running.heartbeats' },
    ...toOneDecimal('s', { abs: 0.05 }),
    prompt: ({ view }) => {
      const p = contextOf(view).spec.params;
      return `Nodes send heartbeats every ${p.heartbeatDelayMs} ms; a node is declared down after ${p.heartbeatThreshold} missed in a row. ${targetName(view)} fails: how many seconds later is it declared down?`;
    },
    answer: ({ end }) => figureSeconds(resultsOf(end()), 'Detected after'),
    explain: ({ view }) => {
      const p = contextOf(view).spec.params;
      return `In step 2, "Heartbeats go unanswered", the other nodes wait for ${p.heartbeatThreshold} missed heartbeats ${p.heartbeatDelayMs} ms apart (the threshold times the delay) before they declare the node down; only then do the restarts of step 3 begin.`;
    },
  },
  {
    id: 'restarted',
    at: { state: 'running.detecting' },
    kind: 'number',
    unit: 'VMs',
    prompt: ({ view }) =>
      `How many of ${targetName(view)}'s VMs will the cluster restart on the surviving nodes?`,
    answer: ({ end }) => figureCount(resultsOf(end()), 'VMs restarted'),
    explain: ({ end }) => {
      const off = figureCount(resultsOf(end()), 'VMs left off');
      return `Step 3 restarts the failed node's VMs in waves, High priority first, then Medium, then Low, each on the node with the most free memory that holds it. ${off} left off: a VM set to No auto start stays off, and so does one no surviving node has room for.`;
    },
  },
  {
    id: 'downtime',
    at: { state: 'running.restarting' },
    ...toOneDecimal('s', { rel: 0.1 }),
    prompt: ({ view }) =>
      `Each restarted VM takes ${contextOf(view).spec.params.vmBootS} s to boot. How long, in seconds, is the last VM to come back down in all (within 10%)?`,
    answer: ({ end }) => figureSeconds(resultsOf(end()), 'Downtime'),
    explain: ({ view, end }) => {
      const p = contextOf(view).spec.params;
      return `${formatDuration(figureSeconds(resultsOf(end()), 'Detected after'))} to detect the failure, then its wave of step 3. Restarted VMs boot in priority waves of ${p.vmBootS} s each: a Low priority VM waits for the High and Medium waves before its own boot, so its outage is the longest.`;
    },
  },
];
