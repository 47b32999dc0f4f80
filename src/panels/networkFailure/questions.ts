/** Self-check questions of the network failure detection panel (see kit/quiz.ts). */
import type { NetworkFailureMachine as M } from '../../machines/networkFailure.machine';
import { formatDuration } from '../../model/format';
import { contextOf, resultsOf, targetName } from '../availability/questionKit';
import { figureCount, figureSeconds } from '../kit/questionHelpers';
import type { Question } from '../kit/quiz';

/** The node the fault's VM runs on, by name. */
function nodeOf(v: { snapshot: unknown }): string {
  const c = contextOf(v);
  const vm = c.spec.vms[c.target];
  return (vm ? c.spec.nodes[vm.home]?.name : undefined) ?? 'its node';
}

export const questions: readonly Question<M>[] = [
  {
    id: 'what-happens',
    at: { state: 'running.steady' },
    kind: 'choice',
    prompt: (c) =>
      `${nodeOf(c.view)}'s cable to the VM network is pulled. What happens to its VMs with a protected network?`,
    options: [
      { value: 'migrated', label: 'They are live-migrated to nodes that have the network' },
      { value: 'restarted', label: 'They are restarted on other nodes' },
      { value: 'stay', label: 'They stay, unreachable, until the cable is back' },
    ],
    answer: ({ end }) => {
      const r = resultsOf(end());
      if (figureCount(r, 'VMs live-migrated') > 0) return 'migrated';
      return figureCount(r, 'VMs restarted') > 0 ? 'restarted' : 'stay';
    },
    explain: () =>
      `The node is still up and its VMs keep running, only unreachable; after step 2 detects the lost network, step 3 live-migrates the VMs whose adapter is on a protected network to nodes that have it: no restart, only the short pause of a live migration.`,
  },
  {
    id: 'migrated',
    at: { state: 'running.detecting' },
    kind: 'number',
    unit: 'VMs',
    prompt: (c) => `How many VMs will be live-migrated off ${nodeOf(c.view)}?`,
    answer: ({ end }) => figureCount(resultsOf(end()), 'VMs live-migrated'),
    explain: ({ view }) =>
      `The VMs on ${nodeOf(view)} whose network adapter has "protected network" on (${targetName(view)} among them). Step 3 moves them two at a time; a VM with the setting off is left where it is.`,
  },
  {
    id: 'pause',
    at: { state: 'running.migrating' },
    kind: 'choice',
    prompt: () => 'How long is the longest pause any of those VMs sees?',
    options: [
      { value: 'ms', label: 'Well under a second' },
      { value: 'boot', label: 'About a boot: tens of seconds' },
      { value: 'minutes', label: 'Minutes' },
    ],
    answer: ({ end }) => {
      const s = figureSeconds(resultsOf(end()), 'Downtime');
      return s < 1 ? 'ms' : s < 120 ? 'boot' : 'minutes';
    },
    explain: ({ end }) =>
      `The longest pause is ${formatDuration(figureSeconds(resultsOf(end()), 'Downtime'))}. Step 3 is a live migration, so the pause is only its final stop-and-copy (from the pre-copy model over the live migration network); the VMs were unreachable, not down, while the cable was out.`,
  },
];
