import { faultAfterStepOne, type PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/storage/shared-vhdx',
  title: 'Shared virtual hard disk (guest clusters)',
  section: 'Storage',
  catalog: '2.3',
  summary:
    'Two VMs on two hosts share one VHDX as a guest cluster\u2019s storage, on a CSV or a Scale-Out File Server. Fail a guest node, a host or a file server node and see the clustered service carry on, and which path its I/O takes.',
  scenarioParams: ['diskWriteMiBps', 'linkGbps'],
  startLabel: 'Start clustered service',
  talkingPoints: [
    'In 2012 R2 a guest cluster can use a shared VHDX as its shared disk, on a CSV or a Scale-Out File Server.',
    'A failed guest node, host or file server node is survived: the service moves to a node that already sees the disk, or its SMB connection moves.',
    'The VMs using it can still be live migrated, saved and restored.',
  ],
  moments: faultAfterStepOne({
    running: 'The service runs on one guest node',
    fault: 'Fail guest node',
    leadsTo: 'Detect the failure',
    done: 'Run complete',
  }),
};
