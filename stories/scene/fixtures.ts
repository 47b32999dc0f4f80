// Hand-built fixture data for the scene stories: a 2 GiB VM moved over a 1 Gbit/s live migration
// network (about 0.9 Gbit/s of memory after protocol overhead), rounds shrinking
// 2 GiB -> 256 MiB -> 48 MiB -> 9 MiB (the last one sent while the VM is paused).
import type {
  MigrationSceneProps,
  RoundsChartRound,
  StatechartEdge,
  StatechartNode,
} from '../../src/views/scene';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
/** 0.9 Gbit/s of memory, bytes per second. */
export const RATE = 0.9e9 / 8;

const round = (index: number, kind: RoundsChartRound['kind'], bytes: number) => ({
  index,
  kind,
  bytes,
  durationS: bytes / RATE,
});

export const CONVERGING_ROUNDS: RoundsChartRound[] = [
  round(0, 'full', 2 * GiB),
  round(1, 'dirty', 256 * MiB),
  round(2, 'dirty', 48 * MiB),
  round(3, 'final', 9 * MiB),
];

/** A guest that dirties memory about as fast as the link sends it: the rounds stop shrinking. */
export const STUCK_ROUNDS: RoundsChartRound[] = [
  round(0, 'full', 2 * GiB),
  round(1, 'dirty', 940 * MiB),
  round(2, 'dirty', 910 * MiB),
  round(3, 'dirty', 905 * MiB),
  round(4, 'dirty', 912 * MiB),
  round(5, 'final', 908 * MiB),
];

// ---- MigrationScene --------------------------------------------------------------------------------

export const HOSTS: MigrationSceneProps['hosts'] = [
  { id: 'host-a', name: 'HV-A', role: 'source', up: true, os: 'Windows Server 2008 R2' },
  { id: 'host-b', name: 'HV-B', role: 'destination', up: true, os: 'Windows Server 2008 R2' },
];

export const VM_MAC = '00-15-5D-01-02-03';

export const IDLE_SCENE: MigrationSceneProps = {
  summary: 'SQL01 is running on HV-A; CSV1 is controlled by HV-A.',
  hosts: HOSTS,
  vm: { name: 'SQL01', host: 'host-a', status: 'running', shellOn: null, shellFill: 0 },
  link: {
    label: 'Live migration network',
    up: true,
    active: false,
    utilisation: 0,
    rateText: 'idle',
    direction: 'none',
    phase: 0,
  },
  storage: {
    name: 'CSV1',
    controllerHost: 'host-a',
    coordinatorHost: 'host-a',
    paths: { 'host-a': true, 'host-b': true },
    online: true,
  },
  switchTable: [{ mac: VM_MAC, port: 1, hostName: 'HV-A', changed: false }],
  animate: true,
};

const COPYING_LINK = {
  label: 'Live migration network',
  up: true,
  active: true,
  utilisation: 0.9,
  rateText: '0.9 Gbit/s',
  direction: 'forward',
  phase: 7.3,
} as const;

export const MID_ROUND_SCENE: MigrationSceneProps = {
  ...IDLE_SCENE,
  summary:
    'SQL01 is running on HV-A; a shell on HV-B holds 40% of its memory; memory is crossing the network at 0.9 Gbit/s; CSV1 is controlled by HV-A.',
  vm: { name: 'SQL01', host: 'host-a', status: 'running', shellOn: 'host-b', shellFill: 0.4 },
  link: COPYING_LINK,
};

export const PAUSED_SCENE: MigrationSceneProps = {
  ...IDLE_SCENE,
  summary:
    'SQL01 is paused on HV-A; a shell on HV-B holds 99% of its memory; memory is crossing the network at 0.9 Gbit/s; CSV1 is controlled by HV-A.',
  vm: { name: 'SQL01', host: 'host-a', status: 'paused', shellOn: 'host-b', shellFill: 0.99 },
  link: { ...COPYING_LINK, phase: 21.6 },
};

export const NETWORK_CUT_SCENE: MigrationSceneProps = {
  ...IDLE_SCENE,
  summary:
    'SQL01 is running on HV-A; the live migration network is cut; CSV1 is controlled by HV-A.',
  link: { ...IDLE_SCENE.link, up: false, rateText: 'idle' },
};

export const DESTINATION_FAILED_SCENE: MigrationSceneProps = {
  ...IDLE_SCENE,
  summary:
    'SQL01 is running on HV-A; HV-B is down, so the migration failed; CSV1 is controlled by HV-A.',
  hosts: [
    { id: 'host-a', name: 'HV-A', role: 'source', up: true, os: 'Windows Server 2008 R2' },
    { id: 'host-b', name: 'HV-B', role: 'destination', up: false, os: 'Windows Server 2008 R2' },
  ],
  storage: { ...IDLE_SCENE.storage, paths: { 'host-a': true, 'host-b': false } },
};

export const DONE_SCENE: MigrationSceneProps = {
  ...IDLE_SCENE,
  summary:
    'SQL01 is running on HV-B; CSV1 is controlled by HV-B; the physical switch now sends its traffic to port 11.',
  vm: { name: 'SQL01', host: 'host-b', status: 'running', shellOn: null, shellFill: 0 },
  storage: { ...IDLE_SCENE.storage, controllerHost: 'host-b' },
  switchTable: [{ mac: VM_MAC, port: 11, hostName: 'HV-B', changed: true }],
};

// ---- MemoryGrid ----------------------------------------------------------------------------------

export const GRID_CELLS = 1024;
export const GRID_COLUMNS = 32;

/** An integer hash (lowbias32), for a deterministic scatter of cells. */
function mix(i: number): number {
  let h = i + 0x9e3779b9;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Cells in a fixed pseudo-random order: cell i is "hit" when its rank is below k. */
const RANK = (() => {
  const order = Array.from({ length: GRID_CELLS }, (_, i) => i).sort((a, b) => mix(a) - mix(b));
  const rank = new Array<number>(GRID_CELLS);
  order.forEach((cell, r) => {
    rank[cell] = r;
  });
  return rank;
})();

function hit(i: number, k: number): boolean {
  return (RANK[i] ?? GRID_CELLS) < k;
}

export function gridBefore(): Uint8Array {
  return new Uint8Array(GRID_CELLS);
}

/** Round 1 (the full copy), 40% through: the first 40% sent, some of it already dirtied again. */
export function gridMidRound1(): Uint8Array {
  const cells = new Uint8Array(GRID_CELLS);
  const sent = Math.floor(0.4 * GRID_CELLS);
  for (let i = 0; i < sent; i += 1) cells[i] = hit(i, 128) ? 2 : 1;
  return cells;
}

/** Round 3: almost everything copied, a few cells dirtied since. */
export function gridMidRound3(): Uint8Array {
  const cells = new Uint8Array(GRID_CELLS).fill(1);
  for (let i = 0; i < GRID_CELLS; i += 1) if (hit(i, 24)) cells[i] = 2;
  return cells;
}

export function gridDone(): Uint8Array {
  return new Uint8Array(GRID_CELLS).fill(1);
}

export function gridLabel(cells: Uint8Array, where: string): string {
  let copied = 0;
  let dirty = 0;
  for (const c of cells) {
    if (c === 1) copied += 1;
    else if (c === 2) dirty += 1;
  }
  const pct = (n: number) => `${Math.round((n / cells.length) * 100)}%`;
  const pending = cells.length - copied - dirty;
  return `VM memory ${where}: ${pct(copied)} copied and unchanged, ${pct(dirty)} dirtied since copied, ${pct(pending)} not yet sent.`;
}

// ---- Statechart ------------------------------------------------------------------------------------

export const CHART_NODES: StatechartNode[] = [
  { id: 'idle', label: 'Idle', kind: 'normal' },
  {
    id: 'migrating.connecting',
    label: 'Connect and create the VM shell',
    step: 1,
    group: 'migrating',
    kind: 'normal',
  },
  {
    id: 'migrating.copyingMemory',
    label: 'Copy the memory',
    step: 2,
    group: 'migrating',
    kind: 'normal',
  },
  {
    id: 'migrating.copyingDirtyPages',
    label: 'Copy the changed pages again',
    step: 3,
    group: 'migrating',
    kind: 'normal',
  },
  {
    id: 'migrating.stopAndCopy',
    label: 'Pause and send the last pages',
    step: 3,
    group: 'migrating',
    kind: 'normal',
  },
  {
    id: 'migrating.storageHandoff',
    label: 'Hand the storage to the destination',
    step: 4,
    group: 'migrating',
    kind: 'normal',
  },
  {
    id: 'switchedOver.resuming',
    label: 'Run the VM on the destination',
    step: 5,
    group: 'switchedOver',
    kind: 'normal',
  },
  {
    id: 'switchedOver.updatingSwitch',
    label: 'Tell the physical switch',
    step: 6,
    group: 'switchedOver',
    kind: 'normal',
  },
  { id: 'migrated', label: 'Migrated', kind: 'final' },
  { id: 'failed', label: 'Failed', kind: 'failure' },
  { id: 'cancelled', label: 'Cancelled', kind: 'failure' },
  { id: 'refused', label: 'Refused', kind: 'failure' },
];

const MIGRATING = [
  'migrating.connecting',
  'migrating.copyingMemory',
  'migrating.copyingDirtyPages',
  'migrating.stopAndCopy',
  'migrating.storageHandoff',
];
const FAULTS =
  'cut network, fail destination host, fail source host, fail source storage, fail destination storage';

export const CHART_EDGES: StatechartEdge[] = [
  { from: 'idle', to: 'migrating.connecting', label: 'start' },
  { from: 'idle', to: 'refused', label: 'start' },
  { from: 'idle', to: 'failed', label: 'fail source host, fail source storage' },
  ...MIGRATING.map((from) => ({ from, to: 'failed', label: FAULTS })),
  ...MIGRATING.map((from) => ({ from, to: 'cancelled', label: 'cancel' })),
  { from: 'migrating.connecting', to: 'migrating.copyingMemory', label: 'done' },
  { from: 'migrating.copyingMemory', to: 'migrating.copyingDirtyPages', label: 'done' },
  { from: 'migrating.copyingMemory', to: 'migrating.stopAndCopy', label: 'done' },
  { from: 'migrating.copyingDirtyPages', to: 'migrating.copyingDirtyPages', label: 'done' },
  { from: 'migrating.copyingDirtyPages', to: 'migrating.stopAndCopy', label: 'done' },
  { from: 'migrating.stopAndCopy', to: 'migrating.storageHandoff', label: 'done' },
  { from: 'migrating.storageHandoff', to: 'switchedOver.resuming', label: 'done' },
  { from: 'switchedOver.resuming', to: 'failed', label: 'fail destination host' },
  { from: 'switchedOver.updatingSwitch', to: 'failed', label: 'fail destination host' },
  { from: 'switchedOver.resuming', to: 'switchedOver.updatingSwitch', label: 'done' },
  { from: 'switchedOver.updatingSwitch', to: 'migrated', label: 'done' },
];
