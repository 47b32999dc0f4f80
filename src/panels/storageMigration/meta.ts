import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/mobility/storage-migration',
  title: 'Storage migration',
  section: 'VM mobility',
  catalog: '4.6',
  summary:
    "Move a VM's storage while it runs (or while it is off): the VHD is copied, writes are mirrored to both copies, the VM switches to the new VHD and the old one is deleted. The VM never leaves its host.",
  scenarioParams: ['diskGiB', 'diskWriteMiBps', 'linkGbps'],
  startLabel: 'Start storage migration',
  talkingPoints: [
    'Storage migration moves a VM’s files while it keeps running on the same host.',
    'The disk is copied, writes are mirrored to both copies, then the VM switches to the new disk and the old one is deleted.',
    'No memory moves and the VM does not pause.',
  ],
  moments: {
    idle: { status: 'Ready to move storage' },
    midStep: { forward: 2, step: 'Copy the contents to the destination VHD' },
    failed: { forward: 2, inject: 'Cancel', status: 'cancelled' },
    done: { end: true, status: 'Moved' },
  },
};
