import { availMeta } from '../availability/availMeta';

export const meta = availMeta('storage-failure', {
  title: 'Storage failure detection',
  summary:
    'A VM\u2019s disk stops answering, even on an SMB 3 share the cluster does not manage: the VM pauses, the cluster detects it and restarts the VM on another node. No other VM is touched.',
  scenarioParams: ['nodes', 'vms', 'vmBootS'],
  talkingPoints: [
    'In 2012 R2 the cluster watches each VM’s storage, even on an SMB share it does not manage.',
    'A VM that loses its disk is restarted on another node; the other VMs are not touched.',
  ],
  running: 'VMs run from the file share',
  fault: 'Fail VM storage',
  leadsTo: 'Detect the storage failure',
});
