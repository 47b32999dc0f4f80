/**
 * The user-changeable numbers (CATALOG "Numbers", CONTRACT "Query parameters"): name, unit, range
 * and default. The URL codec validates against these; the parameter controls are drawn from them.
 */
export type NumericParamName =
  | 'memoryMiB'
  | 'dirtyMiBps'
  | 'wwsMiB'
  | 'linkGbps'
  | 'nics'
  | 'compressionRatio'
  | 'spareCores'
  | 'downtimeMs'
  | 'maxRounds'
  | 'diskGiB'
  | 'diskWriteMiBps'
  | 'vms'
  | 'ioSizeKiB'
  | 'maxIops'
  | 'minIops'
  | 'nodes'
  | 'heartbeatDelayMs'
  | 'heartbeatThreshold'
  | 'vmBootS'
  | 'seed'
  | 'speed'
  | 't';

export interface NumericParamSpec {
  name: NumericParamName;
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  default: number;
  description: string;
}

function spec(s: NumericParamSpec): NumericParamSpec {
  return s;
}

export const NUMERIC_PARAMS: Record<NumericParamName, NumericParamSpec> = {
  memoryMiB: spec({
    name: 'memoryMiB',
    label: 'VM memory',
    unit: 'MiB',
    min: 512,
    max: 1048576,
    step: 512,
    integer: true,
    default: 2048,
    description: 'memory of the VM being moved',
  }),
  dirtyMiBps: spec({
    name: 'dirtyMiBps',
    label: 'Dirty rate',
    unit: 'MiB/s',
    min: 0,
    max: 20000,
    step: 1,
    integer: false,
    default: 20,
    description: 'rate at which the guest dirties distinct memory',
  }),
  wwsMiB: spec({
    name: 'wwsMiB',
    label: 'Writable working set',
    unit: 'MiB',
    min: 0,
    max: 1048576,
    step: 16,
    integer: false,
    default: 256,
    description: 'the dirtied set saturates at this size',
  }),
  linkGbps: spec({
    name: 'linkGbps',
    label: 'Link speed',
    unit: 'Gbit/s',
    min: 0.1,
    max: 100,
    step: 0.1,
    integer: false,
    default: 1,
    description: 'speed of each live migration network adapter',
  }),
  nics: spec({
    name: 'nics',
    label: 'Adapters',
    unit: 'count',
    min: 1,
    max: 8,
    step: 1,
    integer: true,
    default: 2,
    description: 'number of live migration network adapters',
  }),
  compressionRatio: spec({
    name: 'compressionRatio',
    label: 'Compression ratio',
    unit: 'ratio',
    min: 1,
    max: 10,
    step: 0.1,
    integer: false,
    default: 2,
    description: 'how well guest memory compresses',
  }),
  spareCores: spec({
    name: 'spareCores',
    label: 'Spare cores',
    unit: 'count',
    min: 0,
    max: 128,
    step: 1,
    integer: true,
    default: 4,
    description: 'host cores free for compression',
  }),
  downtimeMs: spec({
    name: 'downtimeMs',
    label: 'Downtime target',
    unit: 'ms',
    min: 10,
    max: 60000,
    step: 10,
    integer: false,
    default: 300,
    description: 'downtime target for the final stop-and-copy',
  }),
  maxRounds: spec({
    name: 'maxRounds',
    label: 'Pass limit',
    unit: 'count',
    min: 1,
    max: 30,
    step: 1,
    integer: true,
    default: 10,
    description: 'maximum pre-copy passes',
  }),
  diskGiB: spec({
    name: 'diskGiB',
    label: 'Disk size',
    unit: 'GiB',
    min: 1,
    max: 65536,
    step: 1,
    integer: false,
    default: 40,
    description: 'size of the virtual disk being moved',
  }),
  diskWriteMiBps: spec({
    name: 'diskWriteMiBps',
    label: 'Disk write rate',
    unit: 'MiB/s',
    min: 0,
    max: 2000,
    step: 1,
    integer: false,
    default: 10,
    description: 'guest write rate to that disk',
  }),
  vms: spec({
    name: 'vms',
    label: 'VMs',
    unit: 'count',
    min: 1,
    max: 16,
    step: 1,
    integer: true,
    default: 4,
    description: 'number of VMs started together (cluster panel)',
  }),
  ioSizeKiB: spec({
    name: 'ioSizeKiB',
    label: 'I/O size',
    unit: 'KiB',
    min: 1,
    max: 1024,
    step: 1,
    integer: true,
    default: 64,
    description: 'size of each I/O the noisy VM issues (Storage QoS panel)',
  }),
  maxIops: spec({
    name: 'maxIops',
    label: 'Noisy VM maximum',
    unit: 'normalized IOPS',
    min: 0,
    max: 1000000,
    step: 100,
    integer: true,
    default: 4000,
    description: 'maximum of the noisy VM\u2019s disk; 0 = no limit',
  }),
  minIops: spec({
    name: 'minIops',
    label: 'Minimum of the others',
    unit: 'normalized IOPS',
    min: 0,
    max: 1000000,
    step: 100,
    integer: true,
    default: 800,
    description: 'minimum of the other VMs\u2019 disks (an alert below it); 0 = no limit',
  }),
  nodes: spec({
    name: 'nodes',
    label: 'Cluster nodes',
    unit: 'count',
    min: 2,
    max: 64,
    step: 1,
    integer: true,
    default: 4,
    description: 'nodes of the failover cluster (availability panels)',
  }),
  heartbeatDelayMs: spec({
    name: 'heartbeatDelayMs',
    label: 'Heartbeat delay',
    unit: 'ms',
    min: 250,
    max: 2000,
    step: 50,
    integer: true,
    default: 1000,
    description: 'time between two cluster heartbeats (SameSubnetDelay)',
  }),
  heartbeatThreshold: spec({
    name: 'heartbeatThreshold',
    label: 'Missed heartbeats',
    unit: 'count',
    min: 3,
    max: 120,
    step: 1,
    integer: true,
    default: 10,
    description: 'missed heartbeats before a node is declared down (SameSubnetThreshold)',
  }),
  vmBootS: spec({
    name: 'vmBootS',
    label: 'VM boot time',
    unit: 's',
    min: 5,
    max: 600,
    step: 1,
    integer: false,
    default: 20,
    description: 'time for a restarted VM to boot',
  }),
  seed: spec({
    name: 'seed',
    label: 'Seed',
    unit: 'integer',
    min: 0,
    max: 4294967295,
    step: 1,
    integer: true,
    default: 1,
    description: 'random seed; the same seed gives the same run',
  }),
  speed: spec({
    name: 'speed',
    label: 'Speed',
    unit: 'x',
    min: 0.25,
    max: 64,
    step: 0.25,
    integer: false,
    default: 1,
    description: 'playback speed multiplier',
  }),
  t: spec({
    name: 't',
    label: 'Time',
    unit: 's',
    min: 0,
    max: 1e6,
    step: 0.01,
    integer: false,
    default: 0,
    description: 'moment to open at, in sim seconds',
  }),
};

export const TRANSPORT_VALUES = ['tcp', 'compression', 'smb'] as const;

/** A panel's validated URL values (CONTRACT "Query parameters"); absent = the default. */
export interface ParamValues extends Partial<Record<NumericParamName, number>> {
  transport?: (typeof TRANSPORT_VALUES)[number];
  rdma?: boolean;
}

/** Every URL parameter name. */
export type ParamName = NumericParamName | 'transport' | 'rdma';

/** A URL value that was refused, with the message that names it and its range. */
export interface ParamError {
  name: ParamName;
  message: string;
}

/** The pre-copy figures every live migration reads from the URL. */
export const PRECOPY_PARAMS = [
  'memoryMiB',
  'dirtyMiBps',
  'wwsMiB',
  'linkGbps',
  'downtimeMs',
  'maxRounds',
] as const satisfies readonly NumericParamName[];

/** The playback parameters every process panel reads besides its scenario's. */
export const PLAYBACK_PARAMS = [
  'seed',
  'speed',
  't',
] as const satisfies readonly NumericParamName[];

/** A panel's scenario value from the URL: the value given, else the parameter's default. */
export function paramValue(values: ParamValues, name: NumericParamName): number {
  return values[name] ?? NUMERIC_PARAMS[name].default;
}

/**
 * A panel's own range or default for a shared parameter (CONTRACT: "a parameter's range may differ
 * per panel", e.g. `vms` is 1-16 on the cluster panel and up to 8,000 on the availability panels;
 * `diskGiB` stops at a VHD's 2040 GB on the snapshot panel).
 */
export type ParamRanges = Partial<
  Record<
    NumericParamName,
    Partial<Pick<NumericParamSpec, 'min' | 'max' | 'default' | 'description'>>
  >
>;

/** The spec of a parameter on a panel with these ranges. */
export function specOf(name: NumericParamName, ranges?: ParamRanges): NumericParamSpec {
  const own = ranges?.[name];
  return own ? { ...NUMERIC_PARAMS[name], ...own } : NUMERIC_PARAMS[name];
}

/** The values with every named parameter filled in (the panel's default where the URL gave none). */
export function withDefaults(
  values: ParamValues,
  names: readonly NumericParamName[],
  ranges?: ParamRanges,
): ParamValues {
  const out: ParamValues = { ...values };
  for (const n of names) out[n] ??= specOf(n, ranges).default;
  return out;
}

/** Fixed figures of the scenario that are not URL parameters (the product's assumptions). */
export const MODEL_CONSTANTS = {
  /** Configuration data sent in step 1, bytes. */
  configBytes: 256 * 1024,
  /** Time to create the VM shell on the destination, s. */
  shellCreateS: 0.4,
  /** Register and device state sent with the last pages, bytes. */
  deviceStateBytes: 2 * 1024 * 1024,
  /** Time to move control of the VM's storage to the destination, s. */
  storageHandoffS: 0.05,
  /** Time for the destination to start running the VM, s. */
  resumeS: 0.02,
  /** Time for the physical switch to learn the VM's MAC on the new port, s. */
  switchUpdateS: 0.1,
} as const;
