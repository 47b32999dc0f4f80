import { PRECOPY_PARAMS } from '../../model/parameters';
import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/mobility/live-migration-2008r2',
  title: 'Live migration (Windows Server 2008 R2)',
  section: 'VM mobility',
  catalog: '4.2',
  summary:
    'Move a running VM between two cluster nodes in six steps: memory copied round by round, a short pause, storage handed over, the switch told.',
  scenarioParams: PRECOPY_PARAMS,
  startLabel: 'Start live migration',
  talkingPoints: [
    'The classic move: a running VM between two cluster nodes with no noticeable downtime.',
    'Memory is copied while the VM runs, then the pages it changed, round after round, until the rest is small enough to send during a short pause.',
    'Until storage control is handed over a fault just rolls the move back; after it there is no way back.',
  ],
  moments: {
    idle: { status: 'Ready to migrate' },
    midStep: { forward: 2, status: 'Step 2', step: 'Copy the memory' },
    failed: { forward: 2, inject: 'Cut migration network', status: 'Migration failed' },
    done: { end: true, status: 'Migrated' },
  },
};
