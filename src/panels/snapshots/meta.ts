import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/snapshots',
  title: 'Snapshots (checkpoints)',
  section: 'Snapshots',
  catalog: '3',
  summary:
    'Take a snapshot in the poster’s seven steps, write to the disk, apply or delete one, and watch the AVHD files: deleted at once, kept, or merged into their parent when the VM shuts down.',
  scenarioParams: ['memoryMiB', 'dirtyMiBps', 'diskGiB'],
  // The VM's disk is a VHD: at most 2040 GB (the 2008 R2 poster's limit).
  ranges: { diskGiB: { max: 2040, description: 'size of the VM’s virtual disk (a VHD)' } },
  startLabel: 'Take snapshot',
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 4, step: 'pointed at the new AVHD' },
    failed: { forward: 3, inject: 'Fail storage', status: 'Snapshot failed' },
    done: { end: true, status: 'Snapshot 1 taken' },
  },
};
