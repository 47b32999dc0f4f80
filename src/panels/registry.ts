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
];

export function findPanel(route: string): PanelEntry | undefined {
  return PANELS.find((p) => p.route === route);
}
