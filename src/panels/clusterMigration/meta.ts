import { PRECOPY_PARAMS } from '../../model/parameters';
import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/mobility/cluster',
  title: 'Live migration in a failover cluster (several at once)',
  section: 'VM mobility',
  catalog: '4.3',
  summary:
    'Select several VMs and migrate them together: the host runs a limited number at a time, the rest wait in the cluster queue, and the migrations share the network.',
  scenarioParams: ['vms', ...PRECOPY_PARAMS],
  startLabel: 'Start live migration',
  talkingPoints: [
    'In a 2012 failover cluster you can select several VMs and migrate them together.',
    'Each host runs a limited number at a time; the others wait in a queue, which exists only inside a cluster.',
    'Migrations running together share the network, so each one takes longer and needs more passes.',
  ],
  moments: {
    idle: { status: 'Ready to migrate' },
    midStep: { forward: 2, step: 'Migrate up to the limit' },
    failed: { forward: 2, inject: 'Cut migration network', status: 'Migration failed' },
    done: { end: true, status: 'Migrated' },
  },
};
