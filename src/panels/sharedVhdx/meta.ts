import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/storage/shared-vhdx',
  title: 'Shared virtual hard disk (guest clusters)',
  section: 'Storage',
  catalog: '2.3',
  summary:
    'Two VMs on two hosts share one VHDX as a guest cluster\u2019s storage, on a CSV or a Scale-Out File Server. Fail a guest node, a host or a file server node and see the clustered service carry on, and which path its I/O takes.',
  scenarioParams: ['diskWriteMiBps', 'linkGbps'],
  startLabel: 'Start clustered service',
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 1, step: 'The service runs on one guest node' },
    failed: {
      forward: 1,
      inject: 'Fail guest node',
      status: 'Detect the failure',
      step: 'Detect the failure',
    },
    done: { end: true, status: 'Run complete' },
  },
};
