/** Self-check questions of the Cluster Shared Volumes panel (see kit/quiz.ts). */
import type { CsvMachine as M } from '../../machines/csv.machine';
import { figureBytes } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';
import { results, volumeView } from './selectors';

const nodeOptions = (v: Parameters<typeof volumeView>[0]) =>
  volumeView(v).nodes.map((n) => ({ value: n.name, label: n.name }));

export const questions: readonly Question<M>[] = [
  {
    id: 'next-coordinator',
    at: { state: 'running.direct' },
    kind: 'choice',
    prompt: ({ view }) =>
      `The coordinator node, ${volumeView(view).coordinator}, fails now. Which node becomes the coordinator of ${volumeView(view).name}?`,
    options: ({ view }) => nodeOptions(view),
    answer: ({ endAfter }) => volumeView(endAfter('FAIL_COORDINATOR')).coordinator,
    explain: () =>
      `After the step "Detect the failure", the other nodes queue their I/O while the volume is re-routed: the coordinator is chosen automatically, the first node still up with a path to the disk (event 5120). Then "I/O continues", and the failed node's VMs restart elsewhere.`,
  },
  {
    id: 'lost-path',
    at: { t: 20 },
    kind: 'choice',
    prompt: ({ view }) => {
      const target = volumeView(view).nodes.find((n) => n.id === view.snapshot.context.target);
      return `${target?.name ?? 'A node'} loses its own path to the disk now. What happens to its VMs' I/O?`;
    },
    options: [
      { value: 'redirected', label: 'It goes on, redirected over the cluster network' },
      { value: 'paused', label: 'It stops until the path is back' },
      { value: 'down', label: 'The VMs restart on another node' },
    ],
    answer: ({ view, endAfter }) => {
      const target = view.snapshot.context.target;
      const node = volumeView(endAfter('FAIL_NODE_PATH')).nodes.find((n) => n.id === target);
      return node?.mode === 'redirected' ? 'redirected' : node?.mode === 'down' ? 'down' : 'paused';
    },
    explain: ({ view }) =>
      `The step "Queue I/O while the volume is re-routed" switches that node to redirected I/O: it sends its reads and writes over the cluster network to the coordinator, ${volumeView(view).coordinator}, which has a path (event 5121). Its VMs keep running, limited by the ${view.snapshot.context.params.linkGbps} Gbit/s network.`,
  },
  {
    id: 'data-written',
    at: { t: 40 },
    kind: 'number',
    unit: 'GB',
    decimals: 1,
    tolerance: { rel: 0.2 },
    prompt: ({ view }) => {
      const p = view.snapshot.context.params;
      return `${p.vms} VMs each write ${p.diskWriteMiBps} MiB/s to the volume for the whole run of ${view.snapshot.context.endAt} s. How much data is written in all, in GB (within 20%)?`;
    },
    answer: ({ end }) => figureBytes(results(end()), 'Data written') / 1e9,
    explain: () =>
      `In the step "Every node reads and writes directly" each VM writes straight to the shared disk, so the volume takes every node's writes at once: the rate times the VMs times the time, less any time a VM was paused or restarting.`,
  },
];
