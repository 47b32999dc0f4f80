/** Self-check questions of the online VHD resizing panel (see kit/quiz.ts). */
import type { OnlineResizeMachine as M } from '../../machines/onlineResize.machine';
import { checkOnlineResize } from '../../model/vdisk';
import { figureCount, nameIn, YES_NO, yesNo } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';
import { results } from './selectors';

type View = Parameters<typeof results>[0];
const GiB = 2 ** 30;
const disk = (v: View) => v.snapshot.context.files[v.snapshot.context.diskId];
/** "C:" */
const drive = (v: View) => v.snapshot.context.guest.drive.replace(/:?$/, ':');

export const questions: readonly Question<M>[] = [
  {
    id: 'unallocated',
    at: { state: 'expanding.growing' },
    kind: 'number',
    unit: 'GB',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      const r = c.resize;
      return `${nameIn(c.world, c.vm)}'s VHDX grows from ${r ? r.from / GiB : '?'} to ${r ? r.to / GiB : '?'} GiB while it runs. How much space will the guest then see as unallocated, in GB?`;
    },
    answer: ({ end }) => figureCount(results(end()), 'Unallocated'),
    explain: ({ view }) =>
      `Step 1 grows the file while the VM runs; in step 2 the guest rescans its disk and finds the new space after volume ${drive(view)} unallocated. The volume keeps its size until "Extend volume" grows it into that space.`,
  },
  {
    id: 'ide',
    at: { state: 'expanding.rescanning' },
    kind: 'choice',
    prompt: () =>
      'Would the same expand have worked with the VHDX on the IDE controller, the VM running?',
    options: YES_NO,
    answer: ({ view }) => {
      const f = disk(view);
      return yesNo(f ? checkOnlineResize(f, 'IDE').ok : false);
    },
    explain: ({ view }) => {
      const f = disk(view);
      const r = f ? checkOnlineResize(f, 'IDE') : null;
      return `${r && !r.ok ? `${r.reason}.` : ''} Steps 1 and 2 run only for a VHDX on a SCSI controller (Windows Server 2012 R2); a disk on the IDE controller, or a VHD, is resized with the VM off.`;
    },
  },
  {
    id: 'minimum',
    at: { state: 'expanding.rescanning' },
    kind: 'number',
    unit: 'GB',
    prompt: () =>
      'After this expand, what is the smallest size the VHDX could be shrunk to while the VM runs, in GB?',
    answer: ({ end }) => figureCount(results(end()), 'Minimum size'),
    explain: ({ view }) =>
      `A shrink stops at the minimum size: the end of volume ${drive(view)}'s partition, since the guest still uses that space (the step "The minimum size is checked" refuses anything smaller; the guest would shrink its volume first). Expanding added only unallocated space after it.`,
  },
];
