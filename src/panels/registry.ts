/** Every built panel, in poster order. The overview and the router read this list. */
import type { PanelEntry } from './types';

export const PANELS: readonly PanelEntry[] = [
  {
    route: '/mobility/live-migration-2008r2',
    title: 'Live migration (Windows Server 2008 R2)',
    section: 'VM mobility',
    catalog: '4.2',
    summary:
      'Move a running VM between two cluster nodes in six steps: memory copied round by round, a short pause, storage handed over, the switch told.',
    params: [
      'memoryMiB',
      'dirtyMiBps',
      'wwsMiB',
      'linkGbps',
      'downtimeMs',
      'maxRounds',
      'seed',
      'speed',
      't',
    ],
    load: () => import('./liveMigration2008r2').then((m) => m.default),
  },
  {
    route: '/mobility/cluster',
    title: 'Live migration in a failover cluster (several at once)',
    section: 'VM mobility',
    catalog: '4.3',
    summary:
      'Select several VMs and migrate them together: the host runs a limited number at a time, the rest wait in the cluster queue, and the migrations share the network.',
    params: [
      'vms',
      'memoryMiB',
      'dirtyMiBps',
      'wwsMiB',
      'linkGbps',
      'downtimeMs',
      'maxRounds',
      'seed',
      'speed',
      't',
    ],
    load: () => import('./clusterMigration').then((m) => m.default),
  },
  {
    route: '/mobility/smb',
    title: 'Live migration with SMB shared storage',
    section: 'VM mobility',
    catalog: '4.4',
    summary:
      'VM files stay on an SMB 3 file share: only the running state moves, the SMB connection to the VHD moves to the destination, the VHD never moves.',
    params: [
      'memoryMiB',
      'dirtyMiBps',
      'wwsMiB',
      'linkGbps',
      'downtimeMs',
      'maxRounds',
      'seed',
      'speed',
      't',
    ],
    load: () => import('./smbMigration').then((m) => m.default),
  },
  {
    route: '/mobility/shared-nothing',
    title: 'Shared-nothing live migration',
    section: 'VM mobility',
    catalog: '4.5',
    summary:
      'Move a running VM and its disk between two stand-alone hosts: the disk is copied while the VM runs, writes are mirrored to both disks, then the memory moves and the source files are deleted.',
    params: [
      'diskGiB',
      'diskWriteMiBps',
      'linkGbps',
      'memoryMiB',
      'dirtyMiBps',
      'wwsMiB',
      'downtimeMs',
      'maxRounds',
      'seed',
      'speed',
      't',
    ],
    load: () => import('./sharedNothing').then((m) => m.default),
  },
  {
    route: '/mobility/storage-migration',
    title: 'Storage migration',
    section: 'VM mobility',
    catalog: '4.6',
    summary:
      "Move a VM's storage while it runs (or while it is off): the VHD is copied, writes are mirrored to both copies, the VM switches to the new VHD and the old one is deleted. The VM never leaves its host.",
    params: ['diskGiB', 'diskWriteMiBps', 'linkGbps', 'seed', 'speed', 't'],
    load: () => import('./storageMigration').then((m) => m.default),
  },
  {
    route: '/mobility/faster-live-migration',
    title: 'Faster live migration (Windows Server 2012 R2)',
    section: 'VM mobility',
    catalog: '4.7',
    summary:
      'The same VM migrated with TCP/IP, compression, SMB Multichannel and SMB Direct side by side: time, downtime, rounds, data and CPU for each, and where they cross over.',
    params: [
      'linkGbps',
      'nics',
      'spareCores',
      'compressionRatio',
      'memoryMiB',
      'dirtyMiBps',
      'wwsMiB',
      'downtimeMs',
      'maxRounds',
      'rdma',
      'seed',
      'speed',
      't',
    ],
    load: () => import('./fasterLiveMigration').then((m) => m.default),
  },
  {
    route: '/mobility/cross-version',
    title: 'Cross-version live migration and in-place upgrade',
    section: 'VM mobility',
    catalog: '4.8',
    summary:
      'Live migrate a VM from Windows Server 2012 to 2012 R2 with no downtime (never the other way), upgrade a small cloud host by host, or save, upgrade and restore in place.',
    params: [
      'memoryMiB',
      'dirtyMiBps',
      'wwsMiB',
      'linkGbps',
      'downtimeMs',
      'maxRounds',
      'seed',
      'speed',
      't',
    ],
    load: () => import('./crossVersion').then((m) => m.default),
  },
];

export function findPanel(route: string): PanelEntry | undefined {
  return PANELS.find((p) => p.route === route);
}
