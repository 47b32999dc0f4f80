import { PRECOPY_PARAMS } from '../../model/parameters';
import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/mobility/smb',
  title: 'Live migration with SMB shared storage',
  section: 'VM mobility',
  catalog: '4.4',
  summary:
    'VM files stay on an SMB 3 file share: only the running state moves, the SMB connection to the VHD moves to the destination, the VHD never moves.',
  scenarioParams: PRECOPY_PARAMS,
  startLabel: 'Start live migration',
  talkingPoints: [
    'With SMB 3 shared storage, VMs can move between hosts without a cluster.',
    'The VM files stay on the file share: only the memory, the device state and the SMB connection to the VHD move.',
    'Every host needs access to the share; several migrations can run at once.',
  ],
  moments: {
    idle: { status: 'Ready to migrate' },
    midStep: { forward: 3, step: 'Copy the memory' },
    failed: { forward: 2, inject: 'Cut migration network', status: 'Migration failed' },
    done: { end: true, status: 'Migrated' },
  },
};
