/** Self-check questions of the shared virtual hard disk panel (see kit/quiz.ts). */
import type { SharedVhdxMachine as M } from '../../machines/sharedVhdx.machine';
import { figureBytes, figureCount } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';
import { results, serviceView } from './selectors';

const NOWHERE = 'nowhere';

/** The guest nodes by name (the service's possible homes), then "Nowhere". */
function guestOptions(v: Parameters<typeof serviceView>[0]) {
  const g = v.snapshot.context.cluster;
  const names = Object.keys(g.world.vms).map((id) => g.world.vms[id]?.name ?? id);
  return [
    ...names.map((n) => ({ value: n, label: `On ${n}` })),
    { value: NOWHERE, label: 'Nowhere: the service stops' },
  ];
}

export const questions: readonly Question<M>[] = [
  {
    id: 'guest-node-fails',
    at: { state: 'running.serving' },
    kind: 'choice',
    prompt: ({ view }) =>
      `The guest node the service runs on, ${serviceView(view).node}, fails now. Where does the clustered service run afterwards?`,
    options: ({ view }) => guestOptions(view),
    answer: ({ endAfter }) => serviceView(endAfter('FAIL_GUEST_NODE')).node ?? NOWHERE,
    explain: () =>
      `After "Detect the failure", the step "Move the service, or reconnect its storage" starts it on the surviving guest node, which already sees the shared VHDX: a guest cluster's nodes all have the disk, so nothing has to be moved or copied.`,
  },
  {
    id: 'file-server-fails',
    at: { t: 20 },
    kind: 'choice',
    prompt: () =>
      'A node of the Scale-Out File Server that holds the shared VHDX fails now. What happens to the clustered service?',
    options: [
      { value: 'same', label: 'It pauses briefly and carries on, on the same guest node' },
      { value: 'moves', label: 'It moves to the other guest node' },
      { value: 'stops', label: 'It stops until the file server is back' },
    ],
    answer: ({ view, endAfter }) => {
      const after = serviceView(endAfter('FAIL_FILE_SERVER_NODE'));
      if (after.node === null) return 'stops';
      return after.node === serviceView(view).node ? 'same' : 'moves';
    },
    explain: () =>
      `The step "Move the service, or reconnect its storage" moves the SMB 3 connection to the other file server node (transparent failover): the service's I/O pauses while it reconnects, on the same guest node. On a CSV instead of a file server this fault does not exist.`,
  },
  {
    id: 'data-written',
    at: { t: 40 },
    kind: 'number',
    unit: 'MB',
    tolerance: { rel: 0.2 },
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `The service writes ${c.params.diskWriteMiBps} MiB/s to the shared VHDX for ${c.endAt} s. How much does it write in the run, in MB (within 20%)?`;
    },
    answer: ({ end }) => figureBytes(results(end()), 'Data written') / 1e6,
    explain: ({ end }) => {
      const r = results(end());
      return `${figureCount(r, 'Failovers')} failovers in this run. In the step "The service runs on one guest node" its writes go through the host and SMB 3 to the file server; a failover or a reconnect pauses them, so the total is the rate times the time it was running.`;
    },
  },
];
