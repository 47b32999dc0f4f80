/**
 * Storage Quality of Service, Windows Server 2012 R2 (CATALOG 2.4, seed 000; the CATALOG's
 * "Numbers and rules for storage" from Microsoft's documentation).
 *
 * The rules (the documentation's):
 *  - IOPS are normalized in 8 KB units: an I/O of 8 KB or less counts 1, a larger one its size
 *    divided by 8 KB, rounded up (64 KB = 8, 1 MB = 128). The host counts normalized IOPS per
 *    virtual disk, and the limits are in the same units.
 *  - A disk's maximum throttles it: the host admits at most that many normalized IOPS to the
 *    volume and delays the rest. A maximum of 0 is no limit.
 *  - A disk's minimum reserves nothing in 2012 R2: it only raises an alert when the disk gets
 *    less (WMI Msvm_StorageAlert 32930 "out of policy", 32931 "back in policy"). 0 = no minimum.
 *
 * How the volume shares itself out is our model, not Microsoft's (each choice is named below):
 * the volume serves at most `capacity` normalized IOPS, and when the disks ask for more it serves
 * each in proportion to what it asks (a busy queue serves whoever fills it most, which is why a
 * noisy neighbour takes most of the volume). Pure functions; no React, no XState.
 */
import { hyperVHost, migrationNetworks } from './scenarios';
import type { World } from './world';

/** The size an I/O is counted in (the documentation's), KiB. */
export const NORMALIZED_IO_KIB = 8;

/** How many normalized I/Os one I/O of `ioSizeKiB` counts for: 1 up to 8 KB, else ceil(size / 8 KB). */
export function normalizedCount(ioSizeKiB: number): number {
  return Math.max(1, Math.ceil(ioSizeKiB / NORMALIZED_IO_KIB));
}

/** The figures of the Storage QoS scenario that are not URL parameters. */
export const QOS_CONSTANTS = {
  /**
   * What the shared volume serves at most, normalized IOPS (our assumption: a small array's
   * volume, about 80 MB/s of 8 KB I/O).
   */
  volumeCapacity: 10_000,
  /**
   * How long one I/O takes on the volume when nothing holds it back, ms (our assumption). A
   * throttled disk's I/O waits longer: see `throttleDelayMs`.
   */
  serviceMs: 2,
  /** "Burst noisy VM": the noisy VM suddenly issues this many times its I/O (our assumption). */
  burstFactor: 2,
  /**
   * How long each step holds the picture, s (our assumption: the pace of the story; the host
   * counts and throttles continuously, so nothing in the figures depends on it).
   */
  stepS: { issuing: 4, normalizing: 4, capping: 4, sharing: 4 },
} as const;

/** One VM's disk: its workload (I/O size, IOPS it issues) and its QoS limits. */
export interface DiskSpec {
  vm: string;
  ioSizeKiB: number;
  /** I/Os per second the VM issues, of `ioSizeKiB` each (not normalized). */
  offeredIops: number;
  /** Normalized IOPS; 0 = no limit. */
  maxIops: number;
  /** Normalized IOPS; 0 = no minimum. */
  minIops: number;
}

export type DiskStatus = 'OK' | 'Throttled' | 'Below minimum';

/** What one disk asks for and gets, in normalized IOPS. */
export interface DiskShare {
  vm: string;
  ioSizeKiB: number;
  offeredIops: number;
  /** Normalized I/Os per I/O. */
  perIo: number;
  /** Normalized IOPS it asks for (before the start: will ask for). */
  offered: number;
  /** It issues I/O now (not before the start, not when it asks for none). */
  issuing: boolean;
  /** What the host lets through to the volume (its maximum applied). */
  admitted: number;
  /** What the volume serves. */
  served: number;
  /** What the host holds back (delays) because of the maximum. */
  throttled: number;
  maxIops: number;
  minIops: number;
  status: DiskStatus;
  /** Extra wait of each I/O the host holds back, ms (0 when not throttled). */
  delayMs: number;
}

/**
 * The moments of the story:
 *  - `idle`: no I/O issued yet;
 *  - `uncapped`: every disk issues its I/O, no maximum in force (the "before");
 *  - `capping`: the maximums are in force, the others still at the share they had (the capacity
 *    freed reaches them next: our presentation of the guests' queues draining);
 *  - `capped`: the maximums in force and the volume shared again (the "after");
 *  - `stopped`: the volume has failed; nothing is served.
 */
export type QosPhase = 'idle' | 'uncapped' | 'capping' | 'capped' | 'stopped';

export interface QosFigures {
  disks: DiskShare[];
  capacity: number;
  /** Normalized IOPS the volume serves in all. */
  served: number;
  /** Normalized IOPS the host holds back in all. */
  throttled: number;
  /** VMs whose disks are below their minimum now. */
  alerts: string[];
  /** The longest extra wait of a throttled disk's I/O, ms. */
  delayMs: number;
}

/** floor(a * b / c) for non-negative integers, exact (a float quotient may round up to an integer). */
function floorMulDiv(a: number, b: number, c: number): number {
  const p = a * b;
  let q = Math.floor(p / c);
  while (q > 0 && q * c > p) q -= 1;
  return q;
}

/**
 * The status of a disk: below its minimum (it issues I/O and is served less than a minimum above
 * 0), else throttled (its maximum holds I/O back), else OK. A disk that issues nothing raises no
 * alert.
 */
export function diskStatus(d: {
  issuing: boolean;
  served: number;
  throttled: number;
  minIops: number;
}): DiskStatus {
  if (d.issuing && d.minIops > 0 && d.served < d.minIops) return 'Below minimum';
  if (d.throttled > 0) return 'Throttled';
  return 'OK';
}

/**
 * The extra wait of a throttled disk's I/O, ms. The guest keeps the same number of I/Os
 * outstanding (Little's law: outstanding = IOPS x latency), so cutting its rate from `offered` to
 * `admitted` stretches each I/O's time by offered / admitted: the host holds each one
 * `serviceMs x (offered / admitted - 1)` longer (our model).
 */
export function throttleDelayMs(offered: number, admitted: number): number {
  if (admitted <= 0 || offered <= admitted) return 0;
  return QOS_CONSTANTS.serviceMs * (offered / admitted - 1);
}

/**
 * Each disk's share of a volume of `capacity` normalized IOPS. With `caps`, each disk's maximum
 * (above 0) is in force: the host admits at most that much and delays the rest. The volume
 * serves what is admitted in full when it can, else each disk in proportion to what it asks
 * (rounded down, so the sum never exceeds the capacity).
 */
export function shareVolume(
  disks: readonly DiskSpec[],
  capacity: number,
  caps: boolean,
): DiskShare[] {
  const asked = disks.map((d) => {
    const perIo = normalizedCount(d.ioSizeKiB);
    const offered = d.offeredIops * perIo;
    const admitted = caps && d.maxIops > 0 ? Math.min(offered, d.maxIops) : offered;
    return { d, perIo, offered, admitted };
  });
  const demand = asked.reduce((a, x) => a + x.admitted, 0);
  return asked.map(({ d, perIo, offered, admitted }) => {
    const served = demand <= capacity ? admitted : floorMulDiv(admitted, capacity, demand);
    const throttled = offered - admitted;
    const issuing = offered > 0;
    const share = { issuing, served, throttled, minIops: d.minIops };
    return {
      vm: d.vm,
      ioSizeKiB: d.ioSizeKiB,
      offeredIops: d.offeredIops,
      perIo,
      offered,
      issuing,
      admitted,
      served,
      throttled,
      maxIops: d.maxIops,
      minIops: d.minIops,
      status: diskStatus(share),
      delayMs: throttleDelayMs(offered, admitted),
    };
  });
}

/** A disk's share with its served figure (and so its status) replaced. */
function withServed(s: DiskShare, served: number): DiskShare {
  return { ...s, served, status: diskStatus({ ...s, served }) };
}

/** The figures of every disk at a moment of the story (see `QosPhase`). */
export function qosFigures(
  disks: readonly DiskSpec[],
  capacity: number,
  phase: QosPhase,
): QosFigures {
  let shares: DiskShare[];
  if (phase === 'idle' || phase === 'stopped') {
    // Nothing reaches the volume: before the start no I/O is issued; once the volume has failed
    // the I/O the VMs issue fails (nothing is admitted, so nothing is throttled either).
    shares = shareVolume(disks, capacity, false).map((s) => {
      const out = { ...s, issuing: phase === 'stopped' && s.offered > 0, admitted: 0, served: 0 };
      return { ...out, throttled: 0, delayMs: 0, status: diskStatus({ ...out, throttled: 0 }) };
    });
  } else if (phase === 'uncapped') {
    shares = shareVolume(disks, capacity, false);
  } else if (phase === 'capped') {
    shares = shareVolume(disks, capacity, true);
  } else {
    // The maximums hold at once; the others keep the share they had until the next step.
    const before = shareVolume(disks, capacity, false);
    shares = shareVolume(disks, capacity, true).map((s, i) =>
      withServed(s, Math.min(s.served, before[i]?.served ?? 0)),
    );
  }
  return {
    disks: shares,
    capacity,
    served: shares.reduce((a, s) => a + s.served, 0),
    throttled: shares.reduce((a, s) => a + s.throttled, 0),
    alerts: shares.filter((s) => s.status === 'Below minimum').map((s) => s.vm),
    delayMs: shares.reduce((a, s) => Math.max(a, s.delayMs), 0),
  };
}

// ---- the scenario --------------------------------------------------------------------------------

export const QOS_HOST = 'hv-1';
export const QOS_VOLUME = 'vol-1';

/**
 * The VMs on the shared volume and what they issue (our assumption): a database at 8 KB, a web
 * server at 4 KB, an application server at 16 KB, and the noisy neighbour, a reporting VM reading
 * in large blocks (its I/O size is the URL's `ioSizeKiB`).
 */
export const QOS_WORKLOADS = [
  { id: 'vm-sql', name: 'SQL01', ioSizeKiB: 8, offeredIops: 1200, noisy: false },
  { id: 'vm-web', name: 'WEB01', ioSizeKiB: 4, offeredIops: 1000, noisy: false },
  { id: 'vm-app', name: 'APP01', ioSizeKiB: 16, offeredIops: 600, noisy: false },
  { id: 'vm-rpt', name: 'RPT01', ioSizeKiB: null, offeredIops: 2000, noisy: true },
] as const;

export const QOS_NOISY_VM = 'vm-rpt';

/** The URL's figures of the scenario. */
export interface QosParams {
  ioSizeKiB: number;
  /** The noisy VM's maximum, normalized IOPS; 0 = no limit. */
  maxIops: number;
  /** The other VMs' minimum, normalized IOPS; 0 = no minimum. */
  minIops: number;
}

/** Per-VM settings that differ from the URL's (the panel's number inputs). */
export interface QosOverrides {
  offered?: Readonly<Record<string, number>>;
  max?: Readonly<Record<string, number>>;
  min?: Readonly<Record<string, number>>;
}

/** One Windows Server 2012 R2 host running the four VMs, each with one VHDX on the shared volume. */
export function qosWorld(): World {
  const host = hyperVHost(
    { id: QOS_HOST, name: 'HV-1', os: '2012R2', cpuVendor: 'Intel', failoverClustering: false },
    1,
    [],
  );
  const vms: World['vms'] = {};
  QOS_WORKLOADS.forEach((w, i) => {
    vms[w.id] = {
      id: w.id,
      name: w.name,
      mac: `00-15-5D-00-0A-${String(i + 1).padStart(2, '0')}`,
      memoryBytes: 4 * 1024 ** 3,
      disks: [
        { id: `${w.id}-disk0`, kind: 'vhdx', storage: QOS_VOLUME, sizeBytes: 100 * 1024 ** 3 },
      ],
      storageController: QOS_HOST,
    };
  });
  return {
    hosts: { [host.id]: host },
    networks: migrationNetworks(),
    storage: {
      [QOS_VOLUME]: {
        id: QOS_VOLUME,
        name: 'VMVOL1',
        kind: 'local',
        coordinator: null,
        pathUp: { [QOS_HOST]: true },
        online: true,
      },
    },
    vms,
    instances: QOS_WORKLOADS.map((w) => ({ vm: w.id, host: QOS_HOST, status: 'running' as const })),
    physicalSwitch: { name: 'Physical switch', macTable: {} },
  };
}

/** Each VM's disk: its workload, the URL's limits (the noisy VM's maximum, the others' minimum), then the overrides. */
export function qosDisks(params: QosParams, o: QosOverrides = {}): DiskSpec[] {
  return QOS_WORKLOADS.map((w) => ({
    vm: w.id,
    ioSizeKiB: w.ioSizeKiB ?? params.ioSizeKiB,
    offeredIops: o.offered?.[w.id] ?? w.offeredIops,
    maxIops: w.noisy ? params.maxIops : (o.max?.[w.id] ?? 0),
    minIops: o.min?.[w.id] ?? (w.noisy ? 0 : params.minIops),
  }));
}

/** The Storage QoS machine's input. */
export interface QosInput {
  world: World;
  host: string;
  volume: string;
  /** The noisy neighbour. */
  noisy: string;
  /** What the volume serves at most, normalized IOPS. */
  capacity: number;
  disks: DiskSpec[];
}

export const QOS_DEFAULT_PARAMS: QosParams = { ioSizeKiB: 64, maxIops: 4000, minIops: 800 };

/** The input for these URL figures and per-VM overrides. */
export function qosInput(
  params: QosParams = QOS_DEFAULT_PARAMS,
  overrides: QosOverrides = {},
): QosInput {
  return {
    world: qosWorld(),
    host: QOS_HOST,
    volume: QOS_VOLUME,
    noisy: QOS_NOISY_VM,
    capacity: QOS_CONSTANTS.volumeCapacity,
    disks: qosDisks(params, overrides),
  };
}

/** The disks with the noisy VM bursting (issuing `burstFactor` times its I/O). */
export function withBurst(disks: readonly DiskSpec[], noisy: string): DiskSpec[] {
  return disks.map((d) =>
    d.vm === noisy ? { ...d, offeredIops: d.offeredIops * QOS_CONSTANTS.burstFactor } : d,
  );
}

/** The shared volume fails: it goes offline and every VM on it pauses (its I/O cannot complete). */
export function failVolume(w: World, volume: string): World {
  const st = w.storage[volume];
  if (!st) return w;
  const onIt = (vm: string) => w.vms[vm]?.disks.some((d) => d.storage === volume) ?? false;
  return {
    ...w,
    storage: { ...w.storage, [volume]: { ...st, online: false } },
    instances: w.instances.map((i) =>
      onIt(i.vm) && i.status === 'running' ? { ...i, status: 'paused' as const } : i,
    ),
  };
}

/** A count with thousands separators: 16000 -> "16,000". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An I/O size: "64 KB", "1 MB" (KiB as the Hyper-V documentation writes them). */
export function formatIoSize(kib: number): string {
  return kib >= 1024 && kib % 1024 === 0 ? `${kib / 1024} MB` : `${kib} KB`;
}

/** What the figures of a run depend on: its disks, whether the noisy VM bursts, and the moment. */
export interface QosRunState {
  disks: readonly DiskSpec[];
  noisy: string;
  capacity: number;
  burst: boolean;
  phase: QosPhase;
}

/** The figures of a run now (the noisy VM's burst applied). */
export function runFigures(s: QosRunState): QosFigures {
  return qosFigures(s.burst ? withBurst(s.disks, s.noisy) : s.disks, s.capacity, s.phase);
}
