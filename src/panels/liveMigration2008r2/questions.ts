/** Self-check questions of the classic live migration panel (see kit/quiz.ts). */
import type { LiveMigration2008r2Machine as M } from '../../machines/liveMigration2008r2.machine';
import { formatDuration } from '../../model/format';
import { hostChoices, nameIn, whereRuns, YES_NO, yesNo } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';

export const questions: readonly Question<M>[] = [
  {
    id: 'rounds',
    at: { state: 'migrating.connecting' },
    kind: 'number',
    unit: 'passes',
    prompt: ({ view }) => {
      const p = view.snapshot.context.params;
      return `The guest dirties ${p.dirtyMiBps} MiB/s of its ${p.memoryMiB} MiB; the link runs at ${p.linkGbps} Gbit/s. How many memory copy passes will the move take, the final stop-and-copy included?`;
    },
    answer: ({ view }) => view.snapshot.context.plan.precopy.rounds.length,
    explain: ({ view }) => {
      const c = view.snapshot.context;
      const pre = c.plan.precopy;
      const stop = pre.converged
        ? `once what is left can be sent within the ${c.params.downtimeMs} ms downtime target`
        : pre.stopReason === 'not-shrinking'
          ? 'when the passes stop shrinking (the guest dirties memory as fast as the link copies it)'
          : `at the limit of ${c.params.maxRounds} passes`;
      return `Steps 2 and 3: the first pass sends all of memory, each later pass only the pages dirtied during the one before. The pre-copy rule stops ${stop}; then the VM pauses for the last pass. ${pre.rounds.length} passes in all.`;
    },
  },
  {
    id: 'cut-before-handoff',
    at: { state: 'migrating.copyingMemory' },
    kind: 'choice',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `The live migration network is cut now, during step 2. Where does ${nameIn(c.world, c.vm)} run afterwards?`;
    },
    options: ({ view }) => {
      const c = view.snapshot.context;
      return hostChoices(c.world, [c.source, c.destination]);
    },
    answer: ({ view, endAfter }) =>
      whereRuns(endAfter('CUT_NETWORK').snapshot.context.world, view.snapshot.context.vm),
    explain: ({ view }) => {
      const c = view.snapshot.context;
      return `Step 2 comes before step 4, the storage handoff: until the destination has control of the storage the source still owns the VM, so a fault rolls the move back and the shell on ${nameIn(c.world, c.destination)} is removed. Only after step 4 is there no way back.`;
    },
  },
  {
    id: 'downtime-target',
    at: { state: 'migrating.stopAndCopy' },
    kind: 'choice',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `Step 3's last pass has just paused ${nameIn(c.world, c.vm)}. Will the pause stay within the ${c.params.downtimeMs} ms downtime target?`;
    },
    options: YES_NO,
    answer: ({ view }) => {
      const c = view.snapshot.context;
      return yesNo(c.plan.precopy.downtimeS * 1000 <= c.params.downtimeMs + 1e-6);
    },
    explain: ({ view }) => {
      const c = view.snapshot.context;
      return `The pause is ${formatDuration(c.plan.precopy.downtimeS)}. In step 3 the VM is paused while the pages still dirty and its device state are sent. The pre-copy rule starts that last pass only once the rest fits the target, so a move that converged keeps to it; one stopped by the pass limit or by passes that no longer shrink does not.`;
    },
  },
];
