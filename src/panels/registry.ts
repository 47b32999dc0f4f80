/**
 * Every built panel, in poster order: one line per panel, its `meta`. The overview, the router,
 * the URL validation, the generated e2e specs and the bench read this list.
 */

import { meta as clusterMigration } from './clusterMigration/meta';
import { meta as crossVersion } from './crossVersion/meta';
import { meta as csv } from './csv/meta';
import { meta as diskTypes } from './diskTypes/meta';
import { meta as fasterLiveMigration } from './fasterLiveMigration/meta';
import { type PanelMeta, panelParams } from './kit/definition';
import { meta as liveMigration2008r2 } from './liveMigration2008r2/meta';
import { meta as networkFailure } from './networkFailure/meta';
import { meta as nodeFailure } from './nodeFailure/meta';
import { meta as onlineResize } from './onlineResize/meta';
import { meta as sharedNothing } from './sharedNothing/meta';
import { meta as sharedVhdx } from './sharedVhdx/meta';
import { meta as smbMigration } from './smbMigration/meta';
import { meta as snapshots } from './snapshots/meta';
import { meta as storageFailure } from './storageFailure/meta';
import { meta as storageMigration } from './storageMigration/meta';
import { meta as storageQos } from './storageQos/meta';
import type { PanelEntry, PanelModule } from './types';

type Loader = () => Promise<{ default: PanelModule }>;

/** Each panel's meta and how to load the rest of it (its own chunk). */
const BUILT: readonly [PanelMeta, Loader][] = [
  [diskTypes, () => import('./diskTypes')],
  [csv, () => import('./csv')],
  [sharedVhdx, () => import('./sharedVhdx')],
  [storageQos, () => import('./storageQos')],
  [onlineResize, () => import('./onlineResize')],
  [snapshots, () => import('./snapshots')],
  [liveMigration2008r2, () => import('./liveMigration2008r2')],
  [clusterMigration, () => import('./clusterMigration')],
  [smbMigration, () => import('./smbMigration')],
  [sharedNothing, () => import('./sharedNothing')],
  [storageMigration, () => import('./storageMigration')],
  [fasterLiveMigration, () => import('./fasterLiveMigration')],
  [crossVersion, () => import('./crossVersion')],
  [nodeFailure, () => import('./nodeFailure')],
  [storageFailure, () => import('./storageFailure')],
  [networkFailure, () => import('./networkFailure')],
];

export const METAS: readonly PanelMeta[] = BUILT.map(([m]) => m);

export const PANELS: readonly PanelEntry[] = BUILT.map(([m, load]) => ({
  route: m.route,
  title: m.title,
  section: m.section,
  catalog: m.catalog,
  summary: m.summary,
  params: panelParams(m),
  ...(m.ranges ? { ranges: m.ranges } : {}),
  load: () => load().then((x) => x.default),
}));

export function findPanel(route: string): PanelEntry | undefined {
  return PANELS.find((p) => p.route === route);
}
