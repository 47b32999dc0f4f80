/** Self-check questions of the shared-nothing live migration panel (see kit/quiz.ts). */
import type { SharedNothingMachine as M } from '../../machines/sharedNothing.machine';
import { formatDuration, formatRate } from '../../model/format';
import { nameIn } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';

export const questions: readonly Question<M>[] = [
  {
    id: 'copy-time',
    at: { state: 'moving.connecting' },
    kind: 'number',
    unit: 's',
    tolerance: { rel: 0.15 },
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `Step 2 copies the ${c.params.diskGiB} GiB VHD over the ${c.params.linkGbps} Gbit/s live migration network. How many seconds does that first full copy take (within 15%)?`;
    },
    answer: ({ view }) => view.snapshot.context.plan.disk?.fullCopyS ?? 0,
    explain: ({ view }) => {
      const c = view.snapshot.context;
      return `${formatDuration(c.plan.disk?.fullCopyS ?? 0)}: the whole disk at about ${formatRate(c.plan.copyBytesPerS)}, the rate the network leaves for the copy. In step 2 the VM keeps running from its source VHD meanwhile; the memory moves only in step 4, after the disks match.`;
    },
  },
  {
    id: 'writes-during-copy',
    at: { state: 'moving.copyingDisk' },
    kind: 'choice',
    prompt: ({ view }) =>
      `${nameIn(view.snapshot.context.world, view.snapshot.context.vm)} writes to its disk during step 2. Where do those writes go?`,
    options: [
      { value: 'source', label: 'To the source VHD only' },
      { value: 'both', label: 'To both VHDs' },
      { value: 'destination', label: 'To the destination VHD only' },
    ],
    answer: ({ view }) => (view.snapshot.context.sourceFiles === 'mirrored' ? 'both' : 'source'),
    explain: () =>
      `In step 2 reads and writes still go to the source VHD while the copy runs; a block written after it was copied is copied again. From step 3, once the first full copy is done, writes are mirrored to both disks while the outstanding changes are copied.`,
  },
  {
    id: 'source-deleted',
    at: { state: 'moving.switching' },
    kind: 'choice',
    prompt: ({ view }) =>
      `When are the source files on ${nameIn(view.snapshot.context.world, view.snapshot.context.source)} deleted?`,
    options: [
      { value: 'after-copy', label: 'As soon as the disk copy is done' },
      { value: 'after-switch', label: 'Once the VM runs on the destination' },
      { value: 'never', label: 'Never: they stay behind' },
    ],
    answer: ({ view, end }) => {
      if (view.snapshot.context.sourceFiles === 'deleted') return 'after-copy';
      return end().snapshot.context.sourceFiles === 'deleted' ? 'after-switch' : 'never';
    },
    explain: ({ view }) =>
      `Step 5 deletes them only after step 4 has switched ${nameIn(view.snapshot.context.world, view.snapshot.context.vm)} to the destination: until the switch a fault rolls the move back onto the source files, so they must stay intact.`,
  },
];
