import { AVAIL_RANGES } from '../availability/ranges';
import { failedAt, type PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/availability/storage-failure',
  title: 'Storage failure detection',
  section: 'Availability',
  catalog: '5',
  summary:
    'A VM\u2019s disk stops answering, even on an SMB 3 share the cluster does not manage: the VM pauses, the cluster detects it and restarts the VM on another node. No other VM is touched.',
  scenarioParams: ['nodes', 'vms', 'vmBootS'],
  ranges: AVAIL_RANGES,
  startLabel: 'Start cluster',
  talkingPoints: [
    'In 2012 R2 the cluster watches each VM’s storage, even on an SMB share it does not manage.',
    'A VM that loses its disk is restarted on another node; the other VMs are not touched.',
  ],
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 1, step: 'VMs run from the file share' },
    failed: failedAt(1, 'Fail VM storage', 'Detect the storage failure'),
    done: { end: true, status: 'Recovered' },
  },
};
