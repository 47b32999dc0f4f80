import { PRECOPY_PARAMS } from '../../model/parameters';
import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/mobility/shared-nothing',
  title: 'Shared-nothing live migration',
  section: 'VM mobility',
  catalog: '4.5',
  summary:
    'Move a running VM and its disk between two stand-alone hosts: the disk is copied while the VM runs, writes are mirrored to both disks, then the memory moves and the source files are deleted.',
  scenarioParams: ['diskGiB', 'diskWriteMiBps', ...PRECOPY_PARAMS],
  startLabel: 'Start live migration',
  talkingPoints: [
    'Shared nothing needs only an Ethernet connection between two hosts: no cluster, no shared storage.',
    'The disk is copied first while the VM runs; then writes go to both disks until they match.',
    'Then the memory moves as in any live migration, and the source files are deleted once the VM runs on the destination.',
  ],
  moments: {
    idle: { status: 'Ready to migrate' },
    midStep: { forward: 2, step: 'Copy the disk over the network' },
    failed: { forward: 2, inject: 'Cut migration network', status: 'Migration failed' },
    done: { end: true, status: 'Migrated' },
  },
};
