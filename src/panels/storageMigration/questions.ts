/** Self-check questions of the storage migration panel (see kit/quiz.ts). */
import type { StorageMigrationMachine as M } from '../../machines/storageMigration.machine';
import { formatDuration, formatRate } from '../../model/format';
import { figureSeconds, nameIn } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';
import { results } from './selectors';

export const questions: readonly Question<M>[] = [
  {
    id: 'pause',
    at: { state: 'moving.preparing' },
    kind: 'choice',
    prompt: ({ view }) =>
      `How long is ${nameIn(view.snapshot.context.world, view.snapshot.context.vm)} paused by this move of its storage?`,
    options: [
      { value: 'none', label: 'Not at all' },
      { value: 'brief', label: 'Under a second, like a live migration' },
      { value: 'long', label: 'For the whole copy' },
    ],
    answer: ({ end }) => {
      const s = figureSeconds(results(end()), 'Downtime');
      return s === 0 ? 'none' : s < 1 ? 'brief' : 'long';
    },
    explain: ({ view }) =>
      `Storage migration moves only the VM's files: step 2 copies the VHD while the VM runs, step 3 mirrors its writes to both copies and step 4 switches to the destination VHD. The VM never leaves ${nameIn(view.snapshot.context.world, view.snapshot.context.host)} and its memory does not move.`,
  },
  {
    id: 'copy-time',
    at: { state: 'moving.copying' },
    kind: 'number',
    unit: 's',
    tolerance: { rel: 0.15 },
    prompt: ({ view }) =>
      `Step 2 copies the ${view.snapshot.context.params.diskGiB} GiB VHD. How many seconds does the first full copy take (within 15%)?`,
    answer: ({ view }) => view.snapshot.context.plan.disk?.fullCopyS ?? 0,
    explain: ({ view }) => {
      const c = view.snapshot.context;
      return `${formatDuration(c.plan.disk?.fullCopyS ?? 0)}: the whole disk at about ${formatRate(c.plan.copyBytesPerS)}, our assumed copy speed between the volumes. Step 2 copies while the VM keeps using the source VHD; step 3 then mirrors its writes to both while the blocks it changed meanwhile are copied again.`;
    },
  },
  {
    id: 'cancel',
    at: { state: 'moving.mirroring' },
    kind: 'choice',
    prompt: ({ view }) =>
      `The move is cancelled now, during step 3. Which VHD does ${nameIn(view.snapshot.context.world, view.snapshot.context.vm)} use afterwards?`,
    options: [
      { value: 'source', label: 'The source VHD' },
      { value: 'destination', label: 'The destination copy' },
    ],
    answer: ({ view, endAfter }) => {
      const before = view.snapshot.context;
      const after = endAfter('CANCEL').snapshot.context;
      const now = after.world.vms[before.vm]?.disks[0]?.storage;
      return now === before.sourcePlacement.vhd.storage ? 'source' : 'destination';
    },
    explain: () =>
      `Before step 4, the switch, the source VHD is the VM's disk and the copy is only a copy: a cancel or a fault stops the mirroring, discards the partial copy and keeps the source. After the switch the source is deleted in step 5.`,
  },
];
