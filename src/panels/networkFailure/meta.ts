import { AVAIL_RANGES } from '../availability/ranges';
import { failedAt, type PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/availability/network-failure',
  title: 'Network failure detection',
  section: 'Availability',
  catalog: '5',
  summary:
    'A node\u2019s cable to the VM network is pulled: its VMs run on, unreachable, until the cluster live-migrates them to nodes that have the network. No restart, a pause of milliseconds.',
  scenarioParams: ['nodes', 'vms'],
  ranges: AVAIL_RANGES,
  startLabel: 'Start cluster',
  talkingPoints: [
    'A VM network adapter can be marked as on a protected network.',
    'If a node loses that network, its VMs still run but cannot be reached; the cluster live-migrates them to nodes that have it.',
    'The VMs see only the short pause of a live migration, not a restart.',
  ],
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 1, step: 'VMs run on the VM network' },
    failed: failedAt(1, 'Unplug VM network cable', 'Detect the lost network'),
    done: { end: true, status: 'Recovered' },
  },
};
