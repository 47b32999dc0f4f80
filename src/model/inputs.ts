/**
 * What a run starts from: the input of each process machine (its parameters, seed, world and the
 * move), and the builders that make one from the URL's parameters. Panels, stories and tests build
 * their runs here; the machines take these types as their input.
 */
import {
  CLUSTER_DESTINATION,
  CLUSTER_MIN_VMS,
  CLUSTER_SOURCE,
  clusterVmId,
  fourNodeCluster,
} from './clusterScenario';
import { CONCURRENT_CONSTANTS, type ConcurrentParams } from './concurrentMigration';
import { buildCloud, type CrossVersionScenario } from './crossVersion';
import { type ComparisonParams, OPTION_KINDS, type OptionKind } from './fasterLiveMigration';
import type { LiveMigrationParams } from './liveMigration';
import { NUMERIC_PARAMS } from './parameters';
import {
  DESTINATION,
  SOURCE,
  type TwoNodeClusterOptions,
  twoNodeCluster,
  VM_ID,
} from './scenarios';
import {
  SMB_DESTINATION,
  SMB_SOURCE,
  type SmbOptions,
  type SmbSetup,
  smbSetup,
  smbVmId,
  smbWorld,
} from './smbScenario';
import { GiB, MiB } from './units';
import type { CpuVendor, World } from './world';

// ---- one VM, two hosts ---------------------------------------------------------------------------

export interface LiveMigrationInput {
  params: LiveMigrationParams;
  /** The run's random seed (which pages the guest dirties). */
  seed: number;
  world: World;
  vm: string;
  source: string;
  destination: string;
}

// ---- cluster: several VMs, a queue ---------------------------------------------------------------

export interface ClusterMigrationInput {
  params: ConcurrentParams;
  seed: number;
  /** Simultaneous live migrations the source host allows. */
  limit: number;
  world: World;
  /** The selected VMs, in queue order. */
  vms: string[];
  source: string;
  destination: string;
}

/** One TCP/IP connection on one adapter, no compression; the figures at their URL defaults. */
export const ONE_TCP_CONNECTION: LiveMigrationParams = {
  transport: 'tcp',
  rdma: false,
  nics: 1,
  compressionRatio: 1,
  spareCores: 0,
  linkGbps: NUMERIC_PARAMS.linkGbps.default,
  memoryMiB: NUMERIC_PARAMS.memoryMiB.default,
  dirtyMiBps: NUMERIC_PARAMS.dirtyMiBps.default,
  wwsMiB: NUMERIC_PARAMS.wwsMiB.default,
  downtimeMs: NUMERIC_PARAMS.downtimeMs.default,
  maxRounds: NUMERIC_PARAMS.maxRounds.default,
};

export const clusterDefaultParams: ConcurrentParams = { ...ONE_TCP_CONNECTION };

export interface ClusterInputOptions {
  params?: Partial<ConcurrentParams>;
  /** VMs started together (the first ones listed), unless `selected` is given. */
  vms?: number;
  selected?: string[];
  limit?: number;
  seed?: number;
  destinationCpuVendor?: CpuVendor;
  destinationClustering?: boolean;
}

export function clusterInput(o: ClusterInputOptions = {}): ClusterMigrationInput {
  const params = { ...clusterDefaultParams, ...o.params };
  const count = o.vms ?? NUMERIC_PARAMS.vms.default;
  const selected = o.selected ?? Array.from({ length: count }, (_, i) => clusterVmId(i));
  return {
    params,
    seed: o.seed ?? NUMERIC_PARAMS.seed.default,
    limit: o.limit ?? CONCURRENT_CONSTANTS.defaultLimit,
    world: fourNodeCluster({
      os: '2012',
      vmCount: Math.max(CLUSTER_MIN_VMS, count, selected.length),
      memoryBytes: params.memoryMiB * MiB,
      linkGbps: params.linkGbps,
      nics: 1,
      rdma: false,
      destinationCpuVendor: o.destinationCpuVendor ?? 'Intel',
      destinationClustering: o.destinationClustering ?? true,
    }),
    vms: selected,
    source: CLUSTER_SOURCE,
    destination: CLUSTER_DESTINATION,
  };
}

// ---- SMB shared storage: several VMs at once ---------------------------------------------------

export interface SmbMigrationInput {
  params: ConcurrentParams;
  seed: number;
  world: World;
  setup: SmbSetup;
  /** The selected VMs, all started together. */
  vms: string[];
  source: string;
  destination: string;
}

export const smbDefaultParams = clusterDefaultParams;

/** SQL01 and WEB01 migrate together by default; APP01 stays. */
export const SMB_DEFAULT_SELECTION = [smbVmId(0), smbVmId(1)];

export interface SmbInputOptions extends Partial<Omit<SmbOptions, 'memoryBytes' | 'linkGbps'>> {
  params?: Partial<SmbMigrationInput['params']>;
  selected?: string[];
  seed?: number;
}

export function smbInput(o: SmbInputOptions = {}): SmbMigrationInput {
  const params = { ...smbDefaultParams, ...o.params };
  const opts: SmbOptions = {
    memoryBytes: params.memoryMiB * MiB,
    linkGbps: params.linkGbps,
    destinationCpuVendor: o.destinationCpuVendor ?? 'Intel',
    localFile: o.localFile ?? null,
    grantDestination: o.grantDestination ?? true,
  };
  return {
    params,
    seed: o.seed ?? NUMERIC_PARAMS.seed.default,
    world: smbWorld(opts),
    setup: smbSetup(opts),
    vms: o.selected ?? SMB_DEFAULT_SELECTION,
    source: SMB_SOURCE,
    destination: SMB_DESTINATION,
  };
}

// ---- cross-version moves and upgrades ------------------------------------------------------------

/** The VM and hosts of the single move (live, reverse, in-place: source is the upgraded host). */
export interface CrossVersionInput extends LiveMigrationInput {
  scenario: CrossVersionScenario;
}

/** Cross-version moves use what both versions support: one TCP/IP connection. */
export const defaultCrossVersionParams: LiveMigrationParams = { ...ONE_TCP_CONNECTION };

const CROSS_VERSION_MOVES: Record<
  CrossVersionScenario,
  { vm: string; source: string; destination: string }
> = {
  live: { vm: 'vm-1', source: 'hv-2012', destination: 'hv-r2' },
  reverse: { vm: 'vm-1', source: 'hv-r2', destination: 'hv-2012' },
  inPlace: { vm: 'vm-1', source: 'hv-2012', destination: 'hv-2012' },
  rolling: { vm: 'vm-1', source: 'hv-1', destination: 'hv-4' },
};

export function crossVersionInput(
  scenario: CrossVersionScenario,
  params: Partial<LiveMigrationParams> = {},
  seed = 1,
): CrossVersionInput {
  const p = { ...defaultCrossVersionParams, ...params };
  return {
    scenario,
    params: p,
    seed,
    world: buildCloud(scenario, { memoryMiB: p.memoryMiB, linkGbps: p.linkGbps }),
    ...CROSS_VERSION_MOVES[scenario],
  };
}

// ---- faster live migration: the same move four ways ----------------------------------------------

export interface LaneSetup {
  kind: OptionKind;
  world: World;
}

export interface FasterLiveMigrationInput {
  params: ComparisonParams;
  seed: number;
  /** One world per option: the same VM on the same two hosts, set up for that option. */
  lanes: LaneSetup[];
  vm: string;
  source: string;
  destination: string;
}

export const defaultComparisonParams: ComparisonParams = {
  linkGbps: NUMERIC_PARAMS.linkGbps.default,
  nics: NUMERIC_PARAMS.nics.default,
  spareCores: NUMERIC_PARAMS.spareCores.default,
  compressionRatio: NUMERIC_PARAMS.compressionRatio.default,
  memoryMiB: NUMERIC_PARAMS.memoryMiB.default,
  dirtyMiBps: NUMERIC_PARAMS.dirtyMiBps.default,
  wwsMiB: NUMERIC_PARAMS.wwsMiB.default,
  downtimeMs: NUMERIC_PARAMS.downtimeMs.default,
  maxRounds: NUMERIC_PARAMS.maxRounds.default,
};

export interface HardwareOptions {
  /** The live migration adapters are RDMA-capable (needed by SMB Direct). */
  rdma: boolean;
  /** Knobs to break a requirement on purpose. */
  cluster?: Partial<TwoNodeClusterOptions>;
}

/** Four copies of one two-node 2012 R2 cluster (one per option), with the same VM on HV-A. */
export function fasterLiveMigrationInput(
  params: Partial<ComparisonParams> = {},
  hw: HardwareOptions = { rdma: true },
  seed = 1,
): FasterLiveMigrationInput {
  const p = { ...defaultComparisonParams, ...params };
  return {
    params: p,
    seed,
    lanes: OPTION_KINDS.map((kind) => ({
      kind,
      world: twoNodeCluster({
        os: '2012R2',
        memoryBytes: p.memoryMiB * MiB,
        diskBytes: 40 * GiB,
        linkGbps: p.linkGbps,
        nics: p.nics,
        rdma: hw.rdma,
        destinationCpuVendor: 'Intel',
        destinationClustering: true,
        diskKind: 'vhd',
        ...hw.cluster,
      }),
    })),
    vm: VM_ID,
    source: SOURCE,
    destination: DESTINATION,
  };
}
