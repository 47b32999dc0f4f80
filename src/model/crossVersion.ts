/**
 * Cross-version live migration and in-place upgrade (CATALOG 4.8, seed 000): small clouds of
 * Windows Server 2012 and 2012 R2 hosts, the version rule of live migration, the plan of a rolling
 * upgrade host by host, and the timing of an in-place upgrade through a saved state.
 *
 * The VMs' files sit on an SMB 3 share every host reaches, so a live migration moves only the
 * running state (memory and device state, planned by the shared pre-copy model).
 */

import { compareNames } from './format';
import {
  type LiveMigrationParams,
  type LiveMigrationPlan,
  planLiveMigration,
} from './liveMigration';
import { checkRequirements, type Requirement } from './requirements';
import { hyperVHost, LM_NETWORK, migrationNetworks } from './scenarios';
import { MiB } from './units';
import type { Host, OsVersion, Vm, World } from './world';

export type CrossVersionScenario = 'live' | 'reverse' | 'rolling' | 'inPlace';

export const SCENARIO_LABELS: Record<CrossVersionScenario, string> = {
  live: 'Live migrate 2012 \u2192 2012 R2',
  reverse: 'Try 2012 R2 \u2192 2012',
  rolling: 'Rolling upgrade of a small cloud',
  inPlace: 'In-place upgrade (save, upgrade, restore)',
};

export const OS_LABELS: Record<OsVersion, string> = {
  '2008R2': 'Windows Server 2008 R2',
  '2012': 'Windows Server 2012',
  '2012R2': 'Windows Server 2012 R2',
};

const OS_ORDER: Record<OsVersion, number> = { '2008R2': 0, '2012': 1, '2012R2': 2 };

/** The product's assumptions for the steps no URL parameter sizes. */
export const CROSS_VERSION_CONSTANTS = {
  /** Time to upgrade a host's operating system in place, reboots included, s. */
  hostUpgradeS: 600,
  /** Rate at which a VM's memory is written to its saved-state file on the share, bytes/s. */
  saveBytesPerS: 400e6,
  /** Rate at which a saved state is read back, bytes/s. */
  restoreBytesPerS: 600e6,
  /** Saving or restoring device state and stopping or starting the VM's worker process, s. */
  saveOverheadS: 0.5,
} as const;

export const SHARE_ID = 'smb-1';

/** Live migration runs only from an older Windows Server version to the same or a newer one. */
export function newerDestination(world: World, source: string, destination: string): Requirement {
  const src = world.hosts[source];
  const dst = world.hosts[destination];
  const label =
    'Live migration goes only from an older Windows Server version to the same or a newer one';
  if (!src || !dst) return { id: 'newerDestination', label, ok: false, problem: 'Unknown host' };
  return OS_ORDER[dst.os] >= OS_ORDER[src.os]
    ? { id: 'newerDestination', label, ok: true }
    : {
        id: 'newerDestination',
        label,
        ok: false,
        problem: `${src.name} runs ${OS_LABELS[src.os]} and ${dst.name} the older ${OS_LABELS[dst.os]}`,
      };
}

/** Every requirement of a cross-version move: a live migration with SMB storage, plus the version rule. */
export function crossVersionRequirements(
  world: World,
  vm: string,
  source: string,
  destination: string,
): Requirement[] {
  return [
    ...checkRequirements(world, { kind: 'smb', vm, source, destination }),
    newerDestination(world, source, destination),
  ];
}

export function setHostOs(world: World, hostId: string, os: OsVersion): World {
  const host = world.hosts[hostId];
  if (!host) return world;
  return { ...world, hosts: { ...world.hosts, [hostId]: { ...host, os } } };
}

function host(id: string, name: string, os: OsVersion, index: number, linkGbps: number): Host {
  return hyperVHost(
    { id, name, os, cpuVendor: 'Intel', failoverClustering: false },
    index * 10 + 1,
    [{ id: `${id}-lm`, gbps: linkGbps, rdma: false, network: LM_NETWORK }],
  );
}

function vm(id: string, name: string, memoryMiB: number, i: number): Vm {
  return {
    id,
    name,
    mac: `00-15-5D-00-00-${(16 + i).toString(16).toUpperCase()}`,
    memoryBytes: memoryMiB * MiB,
    disks: [{ id: `${id}-disk`, kind: 'vhdx', storage: SHARE_ID, sizeBytes: 40 * 1024 * MiB }],
    storageController: '',
  };
}

export interface CloudOptions {
  memoryMiB: number;
  linkGbps: number;
}

/** The world of a scenario: hosts, the share, the networks and the VMs where they start. */
export function buildCloud(scenario: CrossVersionScenario, o: CloudOptions): World {
  const specs: [string, string, OsVersion][] =
    scenario === 'rolling'
      ? [
          ['hv-1', 'HV-1', '2012'],
          ['hv-2', 'HV-2', '2012'],
          ['hv-3', 'HV-3', '2012'],
          ['hv-4', 'HV-4', '2012R2'],
        ]
      : [
          ['hv-2012', 'HV-2012', '2012'],
          ['hv-r2', 'HV-R2', '2012R2'],
        ];
  const hosts = specs.map(([id, name, os], i) => host(id, name, os, i, o.linkGbps));
  const placements: [string, string, string][] =
    scenario === 'rolling'
      ? [
          ['vm-1', 'WEB01', 'hv-1'],
          ['vm-2', 'WEB02', 'hv-1'],
          ['vm-3', 'SQL01', 'hv-2'],
          ['vm-4', 'SQL02', 'hv-2'],
          ['vm-5', 'APP01', 'hv-3'],
          ['vm-6', 'APP02', 'hv-3'],
        ]
      : [['vm-1', 'SQL01', scenario === 'reverse' ? 'hv-r2' : 'hv-2012']];
  const vms = placements.map(([id, name, h], i) => ({
    ...vm(id, name, o.memoryMiB, i),
    storageController: h,
  }));
  const macTable = Object.fromEntries(
    vms.map((v) => [v.mac, hosts.find((h) => h.id === v.storageController)?.nics[0]?.port ?? 1]),
  );
  return {
    hosts: Object.fromEntries(hosts.map((h) => [h.id, h])),
    networks: migrationNetworks(),
    storage: {
      [SHARE_ID]: {
        id: SHARE_ID,
        name: '\\\\FS01\\VMs',
        kind: 'smb',
        coordinator: null,
        pathUp: Object.fromEntries(hosts.map((h) => [h.id, true])),
        online: true,
      },
    },
    vms: Object.fromEntries(vms.map((v) => [v.id, v])),
    instances: placements.map(([id, , h]) => ({ vm: id, host: h, status: 'running' as const })),
    physicalSwitch: { name: 'Physical switch', macTable },
  };
}

export type RollingAction =
  | { kind: 'migrate'; vm: string; from: string; to: string; plan: LiveMigrationPlan }
  | { kind: 'upgrade'; host: string; durationS: number };

export function actionDurationS(a: RollingAction): number {
  return a.kind === 'migrate' ? a.plan.totalS : a.durationS;
}

/**
 * A rolling upgrade host by host: for each older host in name order, live migrate each of its VMs
 * to the upgraded host holding the fewest VMs (ties: the first by name), then upgrade it.
 */
export function planRollingUpgrade(world: World, params: LiveMigrationParams): RollingAction[] {
  const hosts = Object.values(world.hosts).sort((a, b) => compareNames(a.name, b.name));
  const os = new Map(hosts.map((h) => [h.id, h.os]));
  const load = new Map(hosts.map((h) => [h.id, 0]));
  const where = new Map<string, string>();
  for (const i of world.instances) {
    if (i.status === 'running') {
      where.set(i.vm, i.host);
      load.set(i.host, (load.get(i.host) ?? 0) + 1);
    }
  }
  const plan = planLiveMigration(params);
  const actions: RollingAction[] = [];
  for (const h of hosts.filter((x) => x.os !== '2012R2')) {
    const vms = [...where.entries()]
      .filter(([, at]) => at === h.id)
      .map(([v]) => v)
      .sort();
    for (const v of vms) {
      const targets = hosts.filter((x) => os.get(x.id) === '2012R2');
      const to = targets.sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0))[0];
      if (!to) break;
      actions.push({ kind: 'migrate', vm: v, from: h.id, to: to.id, plan });
      where.set(v, to.id);
      load.set(h.id, (load.get(h.id) ?? 0) - 1);
      load.set(to.id, (load.get(to.id) ?? 0) + 1);
    }
    actions.push({ kind: 'upgrade', host: h.id, durationS: CROSS_VERSION_CONSTANTS.hostUpgradeS });
    os.set(h.id, '2012R2');
  }
  return actions;
}

export interface InPlacePlan {
  saveS: number;
  upgradeS: number;
  restoreS: number;
  /** The VM does not run from the start of the save to the end of the restore, s. */
  downtimeS: number;
  /** The saved-state file: the VM's memory plus device state, bytes. */
  savedBytes: number;
}

export function planInPlace(memoryMiB: number): InPlacePlan {
  const c = CROSS_VERSION_CONSTANTS;
  const savedBytes = memoryMiB * MiB;
  const saveS = savedBytes / c.saveBytesPerS + c.saveOverheadS;
  const restoreS = savedBytes / c.restoreBytesPerS + c.saveOverheadS;
  return {
    saveS,
    upgradeS: c.hostUpgradeS,
    restoreS,
    downtimeS: saveS + c.hostUpgradeS + restoreS,
    savedBytes,
  };
}
