import { availMeta } from '../availability/availMeta';

export const meta = availMeta('node-failure', {
  title: 'Node failure',
  summary:
    'A cluster node fails: the others miss its heartbeats, declare it down and restart its VMs on the surviving nodes, High priority first. Up to 64 nodes and 8,000 VMs.',
  scenarioParams: ['nodes', 'vms', 'heartbeatDelayMs', 'heartbeatThreshold', 'vmBootS'],
  talkingPoints: [
    'Cluster nodes check each other with heartbeats; a node that misses enough of them in a row is declared down.',
    'Its VMs then restart on the other nodes, by priority: High first, then Medium, then Low; No auto start stays off.',
    'A restart is a cold boot: the VMs’ memory state is lost.',
  ],
  running: 'Nodes exchange heartbeats',
  fault: 'Fail node',
  leadsTo: 'Heartbeats go unanswered',
});
