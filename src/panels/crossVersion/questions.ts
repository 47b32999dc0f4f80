/** Self-check questions of the cross-version live migration panel (see kit/quiz.ts). */
import type { CrossVersionLiveMachine } from '../../machines/crossVersion';
import { newerDestination } from '../../model/crossVersion';
import { hostChoices, nameIn, whereRuns, YES_NO, yesNo } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';

/** Asked in the live scenario (the default); the other scenarios run other machines. */
type M = CrossVersionLiveMachine;

export const questions: readonly Question<M>[] = [
  {
    id: 'rounds',
    at: { state: 'live.connecting' },
    kind: 'number',
    unit: 'passes',
    prompt: ({ view }) => {
      const p = view.snapshot.context.params;
      return `${p.memoryMiB} MiB of memory, dirtied at ${p.dirtyMiBps} MiB/s, cross a ${p.linkGbps} Gbit/s link from Windows Server 2012 to 2012 R2. How many copy passes, the final one included?`;
    },
    answer: ({ view }) => view.snapshot.context.live.precopy.rounds.length,
    explain: ({ view }) =>
      `A cross-version move is an ordinary live migration (steps 2 and 3 copy memory round after round until the rest fits the ${view.snapshot.context.params.downtimeMs} ms downtime target): the versions change nothing in the pre-copy.`,
  },
  {
    id: 'destination-fails',
    at: { state: 'live.copyingMemory' },
    kind: 'choice',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `${nameIn(c.world, c.destination)} fails now, during step 2. Where does ${nameIn(c.world, c.vm)} run afterwards?`;
    },
    options: ({ view }) => {
      const c = view.snapshot.context;
      return hostChoices(c.world, [c.source, c.destination]);
    },
    answer: ({ view, endAfter }) =>
      whereRuns(endAfter('FAIL_DESTINATION_HOST').snapshot.context.world, view.snapshot.context.vm),
    explain: ({ view }) =>
      `Before the switch (step 4) the VM still runs on the source, so a failed destination only ends the move: the shell on ${nameIn(view.snapshot.context.world, view.snapshot.context.destination)} is gone and nothing is lost.`,
  },
  {
    id: 'way-back',
    at: { state: 'switched.resuming' },
    kind: 'choice',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `Once ${nameIn(c.world, c.vm)} runs on ${nameIn(c.world, c.destination)}, could it be live-migrated back to ${nameIn(c.world, c.source)}?`;
    },
    options: YES_NO,
    answer: ({ view }) => {
      const c = view.snapshot.context;
      return yesNo(newerDestination(c.world, c.destination, c.source).ok);
    },
    explain: ({ view }) => {
      const c = view.snapshot.context;
      const rule = newerDestination(c.world, c.destination, c.source);
      return `${rule.label}${rule.problem ? `: ${rule.problem}` : ''}. Step 4 leaves it running on the newer version, and no live migration takes it back.`;
    },
  },
];
