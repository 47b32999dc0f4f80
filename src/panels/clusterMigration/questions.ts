/** Self-check questions of the failover cluster live migration panel (see kit/quiz.ts). */
import type { ClusterMigrationMachine as M } from '../../machines/clusterMigration.machine';
import { planLiveMigration } from '../../model/liveMigration';
import { nameIn } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';

export const questions: readonly Question<M>[] = [
  {
    id: 'queue',
    at: { state: 'running.queueing' },
    kind: 'number',
    unit: 'VMs',
    prompt: ({ view }) => {
      const c = view.snapshot.context;
      return `${c.vms.length} VMs are started together; ${nameIn(c.world, c.source)} runs at most ${c.limit} live migrations at a time. How many VMs wait in the queue when the move begins?`;
    },
    answer: ({ view }) => {
      const c = view.snapshot.context;
      return Math.max(0, c.vms.length - c.limit);
    },
    explain: ({ view }) =>
      `Step 1 queues the selected VMs; step 2 migrates up to the limit of ${view.snapshot.context.limit} at a time per host and the rest wait for a free slot. Queuing exists only inside a failover cluster.`,
  },
  {
    id: 'shared-link',
    at: { state: 'running.withQueue' },
    kind: 'choice',
    prompt: () =>
      'The migrations running at the same time share one live migration network. Does each VM need more copy passes than it would moving alone?',
    options: [
      { value: 'more', label: 'More passes' },
      { value: 'same', label: 'The same number' },
      { value: 'fewer', label: 'Fewer passes' },
    ],
    answer: ({ view }) => {
      const c = view.snapshot.context;
      const alone = planLiveMigration(c.params).precopy.rounds.length;
      const each = c.plan.rounds / c.vms.length;
      return each > alone + 1e-9 ? 'more' : each < alone - 1e-9 ? 'fewer' : 'same';
    },
    explain: ({ view }) => {
      const c = view.snapshot.context;
      const alone = planLiveMigration(c.params).precopy.rounds.length;
      return `${(c.plan.rounds / c.vms.length).toFixed(1)} passes each on average, against ${alone} for one VM alone. In step 2 migrations sending at the same time share the link equally (re-planned whenever the number sending changes), so each copies more slowly and its guest dirties more pages meanwhile: the passes shrink less.`;
    },
  },
  {
    id: 'source-fails',
    at: { state: 'running.lastOnes' },
    kind: 'choice',
    prompt: ({ view }) =>
      `${nameIn(view.snapshot.context.world, view.snapshot.context.source)}, the source node, fails now while the last VMs are still migrating. What happens to them?`,
    options: [
      {
        value: 'restarted',
        label: 'The cluster restarts them on other nodes, their memory state lost',
      },
      { value: 'finish', label: 'They finish migrating to the destination' },
      { value: 'off', label: 'They stay off until the node is back' },
    ],
    answer: ({ view, endAfter }) => {
      const before = view.snapshot.context;
      const after = endAfter('FAIL_SOURCE_HOST').snapshot.context;
      const moving = before.vms.filter((vm) => before.lanes[vm] !== 'migrated');
      if (moving.some((vm) => after.lanes[vm] === 'restarted')) return 'restarted';
      return moving.every((vm) => after.lanes[vm] === 'migrated') ? 'finish' : 'off';
    },
    explain: () =>
      `In step 3 a VM still migrating runs on the source until its switch: a failed source takes its memory with it, and failover clustering restarts it on another node from its disk on the Cluster Shared Volume. The VMs that had already moved are not touched.`,
  },
];
