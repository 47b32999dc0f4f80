import { availMeta } from '../availability/availMeta';

export const meta = availMeta('network-failure', {
  title: 'Network failure detection',
  summary:
    'A node\u2019s cable to the VM network is pulled: its VMs run on, unreachable, until the cluster live-migrates them to nodes that have the network. No restart, a pause of milliseconds.',
  scenarioParams: ['nodes', 'vms'],
  talkingPoints: [
    'A VM network adapter can be marked as on a protected network.',
    'If a node loses that network, its VMs still run but cannot be reached; the cluster live-migrates them to nodes that have it.',
    'The VMs see only the short pause of a live migration, not a restart.',
  ],
  running: 'VMs run on the VM network',
  fault: 'Unplug VM network cable',
  leadsTo: 'Detect the lost network',
});
