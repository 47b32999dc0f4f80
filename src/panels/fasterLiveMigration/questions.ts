/** Self-check questions of the faster live migration panel (see kit/quiz.ts). */
import type { FasterLiveMigrationMachine as M } from '../../machines/fasterLiveMigration.machine';
import { figureBytes, figureCount, figureSeconds } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';
import { type ComparisonRow, comparison } from './selectors';

type View = Parameters<typeof comparison>[0];

/** One comparison cell as a Results-like figure. */
const cell = (row: ComparisonRow, label: keyof ComparisonRow['cells']) => ({
  figures: [{ label, value: row.cells[label] }],
});

const options = (v: View) =>
  v.snapshot.context.lanes.map((lane) => ({ value: lane.kind, label: lane.label }));

/** The option whose figure is the smallest (or largest) at the end of the run. */
function extreme(v: View, pick: (row: ComparisonRow) => number, largest = false): ComparisonRow {
  const rows = comparison(v).filter((r) => r.note !== 'refused');
  return rows.reduce((best, r) =>
    (largest ? pick(r) > pick(best) : pick(r) < pick(best)) ? r : best,
  );
}

export const questions: readonly Question<M>[] = [
  {
    id: 'fastest',
    at: { state: 'running' },
    kind: 'choice',
    prompt: ({ view }) => {
      const p = view.snapshot.context.params;
      return `The same VM moves four ways over ${p.nics} adapters of ${p.linkGbps} Gbit/s. Which option finishes first?`;
    },
    options: ({ view }) => options(view),
    answer: ({ end }) =>
      extreme(end(), (r) => figureSeconds(cell(r, 'Total time'), 'Total time')).kind,
    explain: ({ end }) => {
      const r = extreme(end(), (x) => figureSeconds(cell(x, 'Total time'), 'Total time'));
      return `It finishes in ${r.cells['Total time']}. Every option runs the same steps; what differs is how fast steps 2 and 3 copy memory: compression trades spare CPU for fewer bytes, SMB Multichannel adds the adapters together, SMB Direct (RDMA) copies at line rate with almost no CPU. The poster's guidance: compression below 10 Gbit/s, SMB Direct or Multichannel above.`;
    },
  },
  {
    id: 'most-cpu',
    at: { t: 1 },
    kind: 'choice',
    prompt: () => 'Which option uses the most CPU on the hosts?',
    options: ({ view }) => options(view),
    answer: ({ end }) =>
      extreme(end(), (r) => figureCount(cell(r, 'CPU used'), 'CPU used'), true).kind,
    explain: ({ end }) => {
      const r = extreme(end(), (x) => figureCount(cell(x, 'CPU used'), 'CPU used'), true);
      return `${r.cells['CPU used']}. In steps 2 and 3 compression spends the hosts' spare cores compressing every page before it is sent; SMB Direct hands the copy to the RDMA adapters and uses almost none.`;
    },
  },
  {
    id: 'fewest-bytes',
    at: { t: 2 },
    kind: 'choice',
    prompt: () => 'Which option sends the fewest bytes over the wire?',
    options: ({ view }) => options(view),
    answer: ({ end }) => extreme(end(), (r) => figureBytes(cell(r, 'Data sent'), 'Data sent')).kind,
    explain: ({ view, end }) => {
      const r = extreme(end(), (x) => figureBytes(cell(x, 'Data sent'), 'Data sent'));
      return `${r.cells['Data sent']}. Steps 2 and 3 send the same pages in every option, but compression shrinks each by the ratio the guest's memory allows (${view.snapshot.context.params.compressionRatio}:1 here) and, being quicker on a slow link, leaves less time for pages to be dirtied again.`;
    },
  },
];
