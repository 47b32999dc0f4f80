import { AVAIL_RANGES } from '../availability/ranges';
import { failedAt, type PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/availability/node-failure',
  title: 'Node failure',
  section: 'Availability',
  catalog: '5',
  summary:
    'A cluster node fails: the others miss its heartbeats, declare it down and restart its VMs on the surviving nodes, High priority first. Up to 64 nodes and 8,000 VMs.',
  scenarioParams: ['nodes', 'vms', 'heartbeatDelayMs', 'heartbeatThreshold', 'vmBootS'],
  ranges: AVAIL_RANGES,
  startLabel: 'Start cluster',
  talkingPoints: [
    'Cluster nodes check each other with heartbeats; a node that misses enough of them in a row is declared down.',
    'Its VMs then restart on the other nodes, by priority: High first, then Medium, then Low; No auto start stays off.',
    'A restart is a cold boot: the VMs’ memory state is lost.',
  ],
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 1, step: 'Nodes exchange heartbeats' },
    failed: failedAt(1, 'Fail node', 'Heartbeats go unanswered'),
    done: { end: true, status: 'Recovered' },
  },
};
