/** Self-check questions of the live migration with SMB shared storage panel (see kit/quiz.ts). */
import type { SmbMigrationMachine as M } from '../../machines/smbMigration.machine';
import { figureBytes, hostChoices, nameIn, whereRuns } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';
import { results } from './selectors';

export const questions: readonly Question<M>[] = [
  {
    id: 'what-moves',
    at: { state: 'migrating.connecting' },
    kind: 'choice',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `Which of the VMs' data crosses the network to ${nameIn(c.world, c.destination)} in this move?`;
    },
    options: [
      { value: 'state', label: 'Only their memory and device state' },
      { value: 'disks', label: 'Their memory, device state and VHD files' },
    ],
    answer: ({ end }) => (figureBytes(results(end()), 'Disk data moved') > 0 ? 'disks' : 'state'),
    explain: ({ view }) =>
      `Steps 2 and 3 copy the running state; step 4 moves only the SMB connection (the open handle to each VHD) to the destination. Every VM file is on the SMB 3 share ${view.snapshot.context.world.storage[view.snapshot.context.setup.share]?.name ?? ''}, which both hosts reach, so the VHDs never move: "Disk data moved" stays 0 B.`,
  },
  {
    id: 'destination-storage',
    at: { state: 'migrating.copyingMemory' },
    kind: 'choice',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `${nameIn(c.world, c.destination)} loses its path to the file share now, in step 2. Where does ${nameIn(c.world, c.vms[0] ?? '')} run afterwards?`;
    },
    options: ({ view }) => {
      const c = view.snapshot.context;
      return hostChoices(c.world, [c.source, c.destination]);
    },
    answer: ({ view, endAfter }) =>
      whereRuns(
        endAfter('FAIL_DESTINATION_STORAGE').snapshot.context.world,
        view.snapshot.context.vms[0] ?? '',
      ),
    explain: ({ view }) => {
      const c = view.snapshot.context;
      return `Step 2 is before step 4, the SMB handoff: ${nameIn(c.world, c.destination)} could not open the VHDs, so the move is abandoned and the VMs keep running on ${nameIn(c.world, c.source)}, which still holds their SMB connection (every host must reach the share: a requirement of SMB live migration).`;
    },
  },
  {
    id: 'handle-holder',
    at: { state: 'migrating.smbHandoff' },
    kind: 'choice',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `After step 4, which host holds the SMB connection to ${nameIn(c.world, c.vms[0] ?? '')}'s VHD?`;
    },
    options: ({ view }) => {
      const c = view.snapshot.context;
      return [c.source, c.destination].map((h) => ({ value: h, label: nameIn(c.world, h) }));
    },
    answer: ({ view, end }) => {
      const vm = view.snapshot.context.vms[0] ?? '';
      return end().snapshot.context.world.vms[vm]?.storageController ?? '';
    },
    explain: ({ view }) =>
      `Step 4 hands the open handle over: from step 5 the VM runs on ${nameIn(view.snapshot.context.world, view.snapshot.context.destination)} and reads and writes its VHD over SMB 3, while the file stays where it was on the share.`,
  },
];
