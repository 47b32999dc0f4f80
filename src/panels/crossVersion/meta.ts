import { PRECOPY_PARAMS } from '../../model/parameters';
import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/mobility/cross-version',
  title: 'Cross-version live migration and in-place upgrade',
  section: 'VM mobility',
  catalog: '4.8',
  summary:
    'Live migrate a VM from Windows Server 2012 to 2012 R2 with no downtime (never the other way), upgrade a small cloud host by host, or save, upgrade and restore in place.',
  scenarioParams: PRECOPY_PARAMS,
  startLabel: 'Start live migration',
  talkingPoints: [
    'A VM can be live migrated from Windows Server 2012 to 2012 R2, never the other way.',
    'That makes a rolling upgrade possible: empty a host, upgrade it, move the VMs back, with no downtime.',
    'An in-place upgrade instead saves the VMs’ state, upgrades the host and restores them.',
  ],
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 2, step: 'Copy the memory' },
    failed: { forward: 2, inject: 'Cut migration network', status: 'Failed' },
    done: { end: true, status: 'Migrated' },
  },
};
