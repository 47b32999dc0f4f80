import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/storage/disk-types',
  title: 'Virtual disk types',
  section: 'Storage',
  catalog: '2.1',
  summary:
    'Create a fixed-size, dynamically expanding, differencing or pass-through disk, or a VHDX, on the IDE or SCSI controller; write and delete data and watch its size on the host; compact, expand, add a differencing disk and merge it.',
  scenarioParams: ['diskGiB'],
  ranges: {
    diskGiB: { description: 'size of the disk Create disk makes (a VHD stops at 2040 GB)' },
  },
  startLabel: 'Create disk',
  talkingPoints: [
    'Five ways to give a VM a disk: fixed, dynamically expanding, differencing, pass-through, and VHDX in 2012 R2.',
    'Fixed takes its whole size up front and is a little faster; dynamic grows as the guest writes and can be compacted.',
    'A VHD stops at 2040 GB, a VHDX at 64 TB; a pass-through disk has no such limit but no snapshots or differencing either.',
  ],
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 2, step: 'Its space is allocated' },
    failed: { forward: 1, inject: 'Fail storage', status: 'Storage failed' },
    done: { press: ['Create disk'], end: true, status: 'Disk created' },
  },
};
