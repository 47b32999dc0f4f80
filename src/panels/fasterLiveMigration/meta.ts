import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/mobility/faster-live-migration',
  title: 'Faster live migration (Windows Server 2012 R2)',
  section: 'VM mobility',
  catalog: '4.7',
  summary:
    'The same VM migrated with TCP/IP, compression, SMB Multichannel and SMB Direct side by side: time, downtime, rounds, data and CPU for each, and where they cross over.',
  scenarioParams: [
    'linkGbps',
    'nics',
    'spareCores',
    'compressionRatio',
    'memoryMiB',
    'dirtyMiBps',
    'wwsMiB',
    'downtimeMs',
    'maxRounds',
  ],
  extraParams: ['rdma'],
  startLabel: 'Start live migrations',
  talkingPoints: [
    '2012 R2 offers three ways to move memory faster than plain TCP/IP.',
    'Compression spends spare CPU to send fewer bytes: the choice on networks below 10 Gbit/s.',
    'SMB Multichannel uses several adapters at once and SMB Direct lets RDMA adapters copy at line rate with hardly any CPU: the choice above 10 Gbit/s.',
  ],
  moments: {
    idle: { status: 'Ready to compare' },
    midStep: { forward: 6, step: 'Copy the memory' },
    failed: { forward: 6, inject: 'Cut migration network', status: 'not every option migrated' },
    done: { end: true, status: 'All four migrated' },
  },
};
