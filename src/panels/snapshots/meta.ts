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
  talkingPoints: [
    'Taking a snapshot is seven steps; the VM is paused only for the first few, and its memory is saved while it runs.',
    'Afterwards the VM writes to a new AVHD and the parent disk becomes read-only: reads walk the chain.',
    'Deleting a snapshot may keep its AVHD until a merge; on 2008 R2 merges wait until the VM is shut down.',
    'Applying a snapshot throws away the current state unless you take a snapshot first.',
  ],
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 4, step: 'pointed at the new AVHD' },
    failed: { forward: 3, inject: 'Fail storage', status: 'Snapshot failed' },
    done: { end: true, status: 'Snapshot 1 taken' },
  },
};
