import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/storage/online-resize',
  title: 'Online virtual hard disk resizing',
  section: 'Storage',
  catalog: '2.5',
  summary:
    'Expand or shrink a VM\u2019s VHDX while it runs and extend the guest\u2019s volume into the new space: only a SCSI-attached VHDX, and never below the minimum size its volume sets.',
  scenarioParams: ['diskGiB'],
  ranges: { diskGiB: { description: 'starting size of the VM\u2019s VHDX' } },
  startLabel: 'Expand',
  talkingPoints: [
    'In 2012 R2 a VHDX can grow or shrink while its VM runs, as long as it sits on a SCSI controller.',
    'After expanding, the guest sees unallocated space; extending the volume is a separate step inside the guest.',
    'Shrinking stops at the space the volume still uses: the minimum size.',
  ],
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 1, step: 'The VHDX grows while the VM runs' },
    failed: { forward: 1, inject: 'Fail storage', status: 'Storage failed' },
    done: { press: ['Expand'], end: true, status: 'Expanded' },
  },
};
