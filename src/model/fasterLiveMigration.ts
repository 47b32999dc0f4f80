/**
 * Faster live migration, 2012 R2 (CATALOG 4.7, seeds 000 and 003): the same VM migrated with each
 * of the four options, planned with the shared pre-copy and transport models, and where the
 * figures cross over as the link speed changes.
 */
import {
  type LiveMigrationParams,
  type LiveMigrationPlan,
  planLiveMigration,
} from './liveMigration';
import type { Requirement } from './requirements';
import { TRANSPORT_LABELS, type TransportInput } from './transports';
import type { World } from './world';

/** The four options in the order the poster lists them after plain TCP/IP. */
export const OPTION_KINDS = ['tcp', 'compression', 'smb-multichannel', 'smb-direct'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

export const OPTION_LABELS: Record<OptionKind, string> = TRANSPORT_LABELS;

/** The poster's threshold between "constrained" and "not constrained" networks, Gbit/s. */
export const GUIDANCE_THRESHOLD_GBPS = 10;

export interface ComparisonParams {
  linkGbps: number;
  nics: number;
  spareCores: number;
  compressionRatio: number;
  memoryMiB: number;
  dirtyMiBps: number;
  wwsMiB: number;
  downtimeMs: number;
  maxRounds: number;
}

/** How an option is configured on the hosts (Set-VMHost -VirtualMachineMigrationPerformanceOption). */
export function transportOf(kind: OptionKind): Pick<TransportInput, 'transport' | 'rdma'> {
  switch (kind) {
    case 'tcp':
      return { transport: 'tcp', rdma: false };
    case 'compression':
      return { transport: 'compression', rdma: false };
    case 'smb-multichannel':
      return { transport: 'smb', rdma: false };
    case 'smb-direct':
      return { transport: 'smb', rdma: true };
  }
}

/** The live migration parameters of one option on the shared hardware. */
export function optionParams(p: ComparisonParams, kind: OptionKind): LiveMigrationParams {
  return { ...p, ...transportOf(kind) };
}

export function planOption(p: ComparisonParams, kind: OptionKind): LiveMigrationPlan {
  return planLiveMigration(optionParams(p, kind));
}

/** The option with the shortest total time (ties go to the earlier option). */
export function fastestOption(p: ComparisonParams, kinds: readonly OptionKind[] = OPTION_KINDS) {
  let best: OptionKind = kinds[0] ?? 'tcp';
  let bestS = Number.POSITIVE_INFINITY;
  for (const k of kinds) {
    const s = planOption(p, k).totalS;
    if (s < bestS) {
      best = k;
      bestS = s;
    }
  }
  return best;
}

/** The poster's guidance (000, 003) for a link speed, as one of the four options. */
export function guidanceFor(linkGbps: number, rdma: boolean): OptionKind {
  if (linkGbps < GUIDANCE_THRESHOLD_GBPS) return 'compression';
  return rdma ? 'smb-direct' : 'smb-multichannel';
}

/** `n` link speeds spread evenly on a log scale between lo and hi, both included. */
export function logSpeeds(lo: number, hi: number, n: number): number[] {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / Math.max(1, n - 1)));
}

export interface CurvePoint {
  linkGbps: number;
  totalS: number;
}

/** Total time of each option against the link speed, the other parameters unchanged. */
export function timeCurves(
  p: ComparisonParams,
  speeds: readonly number[],
): Record<OptionKind, CurvePoint[]> {
  return Object.fromEntries(
    OPTION_KINDS.map((k) => [
      k,
      speeds.map((linkGbps) => ({ linkGbps, totalS: planOption({ ...p, linkGbps }, k).totalS })),
    ]),
  ) as Record<OptionKind, CurvePoint[]>;
}

export interface Crossover {
  /** Link speed at which the fastest option changes, Gbit/s. */
  linkGbps: number;
  from: OptionKind;
  to: OptionKind;
}

/**
 * Where the fastest option changes as the link speed grows from lo to hi: sampled on a log scale,
 * each change located by bisection to within 0.1 %.
 */
export function crossovers(
  p: ComparisonParams,
  lo = 0.1,
  hi = 100,
  kinds: readonly OptionKind[] = OPTION_KINDS,
): Crossover[] {
  const best = (g: number) => fastestOption({ ...p, linkGbps: g }, kinds);
  const speeds = logSpeeds(lo, hi, 64);
  const out: Crossover[] = [];
  for (let i = 1; i < speeds.length; i += 1) {
    let a = speeds[i - 1] as number;
    let b = speeds[i] as number;
    const from = best(a);
    const to = best(b);
    if (from === to) continue;
    while (b / a > 1.001) {
      const m = Math.sqrt(a * b);
      if (best(m) === from) a = m;
      else b = m;
    }
    out.push({ linkGbps: b, from, to: best(b) });
  }
  return out;
}

/** SMB Direct needs RDMA-capable adapters on the live migration network of both hosts. */
export function rdmaRequirement(world: World, source: string, destination: string): Requirement {
  const lm = Object.values(world.networks).find((n) => n.purpose === 'live-migration');
  const lacking = [source, destination]
    .map((id) => world.hosts[id])
    .find((h) => h && !h.nics.some((n) => n.network === lm?.id && n.rdma));
  const label = 'SMB Direct needs RDMA-capable network adapters on both hosts';
  return lacking
    ? {
        id: 'rdmaAdapters',
        label,
        ok: false,
        problem: `${lacking.name} has no RDMA-capable adapter on the live migration network`,
      }
    : { id: 'rdmaAdapters', label, ok: true };
}
