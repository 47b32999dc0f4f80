/** Self-check questions of the Storage QoS panel (see kit/quiz.ts). */
import type { StorageQosMachine as M } from '../../machines/storageQos.machine';
import { formatCount, NORMALIZED_IO_KIB, normalizedCount } from '../../model/storageQos';
import { nameIn, YES_NO, yesNo } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';
import { figures } from './selectors';

type View = Parameters<typeof figures>[0];

/** The noisy VM's disk as the run has it at the end (default: nothing else happens). */
const noisyAt = (v: View) => figures(v).disks.find((d) => d.vm === v.snapshot.context.noisy);
const noisySpec = (v: View) =>
  v.snapshot.context.disks.find((d) => d.vm === v.snapshot.context.noisy);
const noisyName = (v: View) => nameIn(v.snapshot.context.world, v.snapshot.context.noisy);

export const questions: readonly Question<M>[] = [
  {
    id: 'normalized',
    at: { state: 'running.issuing' },
    kind: 'number',
    unit: 'normalized I/Os',
    prompt: ({ view }) =>
      `${noisyName(view)} issues ${noisySpec(view)?.ioSizeKiB} KiB I/Os. How many normalized I/Os does the host count each one as?`,
    answer: ({ view }) => normalizedCount(noisySpec(view)?.ioSizeKiB ?? NORMALIZED_IO_KIB),
    explain: ({ view }) =>
      `In step 2 the host normalizes each disk's I/O in ${NORMALIZED_IO_KIB} KB units: an I/O of ${NORMALIZED_IO_KIB} KB or less counts as 1, a larger one as its size divided by ${NORMALIZED_IO_KIB} KB, rounded up (${noisySpec(view)?.ioSizeKiB} KiB / ${NORMALIZED_IO_KIB}).`,
  },
  {
    id: 'throttled',
    at: { state: 'running.normalizing' },
    kind: 'choice',
    prompt: ({ view }) =>
      `Step 3 applies ${noisyName(view)}'s maximum of ${formatCount(noisySpec(view)?.maxIops ?? 0)} normalized IOPS. Will the host hold some of its I/O back?`,
    options: YES_NO,
    answer: ({ end }) => yesNo((noisyAt(end())?.throttled ?? 0) > 0),
    explain: ({ view, end }) => {
      const d = noisyAt(end());
      return `It asks for ${formatCount(d?.offered ?? 0)} normalized IOPS; in step 3 a maximum (${formatCount(noisySpec(view)?.maxIops ?? 0)}, 0 = no limit) caps what the host lets through, and the rest waits on the host (${formatCount(d?.throttled ?? 0)} held back).`;
    },
  },
  {
    id: 'capped-share',
    at: { state: 'running.capping' },
    kind: 'number',
    unit: 'normalized IOPS',
    tolerance: { rel: 0.05 },
    prompt: ({ view }) =>
      `Once the maximum is in force, how many normalized IOPS does the volume serve ${noisyName(view)} (within 5%)?`,
    answer: ({ end }) => noisyAt(end())?.served ?? 0,
    explain: ({ end }) =>
      `Step 3 lets through at most the maximum; step 4 shares the volume again, so the others get the capacity freed and ${noisyName(end())} is served what the host admits (the volume serves at most ${formatCount(figures(end()).capacity)} normalized IOPS, in proportion to what each disk asks).`,
  },
];
