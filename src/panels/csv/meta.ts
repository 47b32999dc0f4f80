import { faultAfterStepOne, type PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/storage/csv',
  title: 'Cluster Shared Volumes',
  section: 'Storage',
  catalog: '2.2',
  summary:
    'Every cluster node reads and writes one volume at once; one coordinator node owns it. Fail the coordinator, a node or a node\u2019s path to the disk and watch I/O queue, redirect over the network, and VMs restart elsewhere.',
  scenarioParams: ['vms', 'diskWriteMiBps', 'linkGbps'],
  startLabel: 'Start I/O',
  talkingPoints: [
    'A Cluster Shared Volume lets every node read and write the same volume at once, each straight to the disk.',
    'One node, chosen automatically, coordinates the volume; when it fails another takes over and I/O carries on.',
    'A node that loses its own path keeps going through redirected I/O over the cluster network; VMs on the volume fail over independently.',
  ],
  moments: faultAfterStepOne({
    running: 'Every node reads and writes directly',
    fault: 'Fail coordinator node',
    leadsTo: 'Detect the failure',
    done: 'I/O complete',
  }),
};
