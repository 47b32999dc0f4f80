/** Self-check questions of the snapshots panel (see kit/quiz.ts). */
import type { SnapshotsMachine as M } from '../../machines/snapshots.machine';
import { formatBytes, formatDuration } from '../../model/format';
import { figureBytes, figureSeconds, nameIn } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';
import { results } from './selectors';

type View = Parameters<typeof results>[0];
const vmName = (v: View) => nameIn(v.snapshot.context.world, v.snapshot.context.vm);

export const questions: readonly Question<M>[] = [
  {
    id: 'pause',
    at: { state: 'taking.pausing' },
    kind: 'choice',
    prompt: ({ view }) => `How long is ${vmName(view)} paused while this snapshot is taken?`,
    options: [
      { value: 'brief', label: 'A moment: less than a second' },
      { value: 'memory', label: 'Until all its memory is saved' },
    ],
    answer: ({ end }) => (figureSeconds(results(end()), 'Pause') < 1 ? 'brief' : 'memory'),
    explain: ({ end }) =>
      `The pause is ${formatDuration(figureSeconds(results(end()), 'Pause'))}. Steps 1 to 5 run with the VM paused (a new AVHD, the configuration, pointing the VM at it); it resumes in step 5, and step 6 saves its memory while it runs: a page the guest is about to change is saved first (copy-on-write).`,
  },
  {
    id: 'writes-go',
    at: { state: 'taking.creatingAvhd' },
    kind: 'choice',
    prompt: ({ view }) => `Once the snapshot is taken, which file does ${vmName(view)} write to?`,
    options: ({ end }) => {
      const tree = end().snapshot.context.tree;
      return Object.values(tree.files)
        .filter((f) => f.state !== 'deleted')
        .map((f) => ({ value: f.id, label: f.name }));
    },
    answer: ({ end }) => end().snapshot.context.tree.now.file,
    explain: ({ end }) => {
      const tree = end().snapshot.context.tree;
      const base = tree.files[tree.base]?.name ?? 'the VHD';
      return `Step 2 creates a new AVHD (a differencing disk) and step 4 points the VM at it: from then on the guest's writes land in the AVHD, and ${base} becomes read-only, the snapshot's disk. Reads walk the chain from the AVHD to its parent.`;
    },
  },
  {
    id: 'memory-saved',
    at: { state: 'taking.savingMemory' },
    kind: 'number',
    unit: 'GB',
    decimals: 1,
    tolerance: { rel: 0.1 },
    prompt: ({ view }) =>
      `Step 6 saves ${vmName(view)}'s memory to disk while it runs. How much, in GB (within 10%)?`,
    answer: ({ end }) => figureBytes(results(end()), 'Memory saved') / 1e9,
    explain: ({ end }) =>
      `All of the VM's memory goes to the saved-state files in step 6, with the pages the guest wrote first saved by copy-on-write (${figureBytes(results(end()), 'Copy-on-write') > 0 ? formatBytes(figureBytes(results(end()), 'Copy-on-write')) : 'none'} here). Step 7 stores them with the configuration and the AVHD.`,
  },
];
