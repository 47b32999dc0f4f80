/** Self-check questions of the virtual disk types panel (see kit/quiz.ts). */
import type { ContextFrom } from 'xstate';
import type { DiskTypesMachine as M } from '../../machines/diskTypes.machine';
import { compactDisk, DISK_TYPE_LABELS, leafOf } from '../../model/diskTypes';
import { formatBytes } from '../../model/format';
import { sizeOnHost } from '../../model/vdisk';
import { activeInstance } from '../../model/world';
import { nameIn, YES_NO, yesNo } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';

/** The disk being created: its type's name and size, from the run. */
function creating(c: { view: { snapshot: { context: ContextFrom<M> } } }) {
  const x = c.view.snapshot.context;
  const kind = x.creating?.kind ?? x.defaults.kind;
  return { label: DISK_TYPE_LABELS[kind], gib: x.diskBytes / 2 ** 30, vm: nameIn(x.world, x.vm) };
}

export const questions: readonly Question<M>[] = [
  {
    id: 'size-on-host',
    at: { state: 'creating.creatingFile' },
    kind: 'choice',
    prompt: (c) => {
      const d = creating(c);
      return `${d.vm} gets a new ${d.label} of ${d.gib} GiB. How much space will its file take on the host once it is created?`;
    },
    options: [
      { value: 'grows', label: 'Little: it grows as data is written' },
      { value: 'full', label: 'Its whole size, at once' },
    ],
    answer: ({ end }) => {
      const leaf = leafOf(end().snapshot.context.session);
      return leaf && sizeOnHost(leaf) >= leaf.virtualBytes ? 'full' : 'grows';
    },
    explain: ({ end }) => {
      const leaf = leafOf(end().snapshot.context.session);
      const size = leaf ? formatBytes(sizeOnHost(leaf)) : 'nothing';
      return `${size} on the host. Step 2 allocates the space: a fixed-size disk (and a pass-through disk) is fully allocated when it is created; a dynamically expanding or differencing disk holds only its header and grows block by block as the guest writes.`;
    },
  },
  {
    id: 'compact',
    at: { state: 'creating.allocating' },
    kind: 'choice',
    prompt: (c) => `Could this ${creating(c).label} be compacted later, giving unused space back?`,
    options: YES_NO,
    answer: ({ end }) => yesNo(compactDisk(end().snapshot.context.session).ok),
    explain: ({ end }) => {
      const r = compactDisk(end().snapshot.context.session);
      return `${r.ok ? 'It is dynamically expanding.' : `${r.reason}.`} "Compact disk" reclaims the unused blocks of a dynamically expanding disk only, the kind step 2 allocates block by block; a fixed-size disk already takes its whole size.`;
    },
  },
  {
    id: 'attach-running',
    at: { state: 'creating.attaching' },
    kind: 'choice',
    prompt: ({ view }) => {
      const x = view.snapshot.context;
      const controller = x.creating?.controller ?? x.defaults.controller;
      return `Step 3 attaches the disk to ${nameIn(x.world, x.vm)}'s ${controller} controller. Is ${nameIn(x.world, x.vm)} still running while that happens?`;
    },
    options: YES_NO,
    answer: ({ view }) => {
      const x = view.snapshot.context;
      return yesNo(activeInstance(x.world, x.vm)?.status === 'running');
    },
    explain: ({ view }) => {
      const x = view.snapshot.context;
      const controller = x.creating?.controller ?? x.defaults.controller;
      return `It is on the ${controller} controller. In step 3 a SCSI controller takes a new disk while the VM runs; a disk on the IDE controller is attached with the VM shut down.`;
    },
  },
];
