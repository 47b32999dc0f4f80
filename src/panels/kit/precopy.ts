/**
 * Where a live migration's memory pre-copy is at the runner's moment (for grids and figures), and
 * the figures of a live migration so far.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { formatBytes, formatCpu, formatDuration } from '../../model/format';
import type { GridMoment } from '../../model/pageGrid';
import type { EffectiveLink } from '../../model/transports';
import type { RunnerView } from '../../sim/runner';
import type { ResultFigure } from '../../views/controls';

type PrecopySnapshot = AnyMachineSnapshot & {
  context: {
    round: number;
    step: { durationS: number | null };
    outcome: { kind: string } | null;
  };
};

/**
 * The round under way (or the one a fault or cancel interrupted) and how far through it.
 * `inCopy`: the snapshot is in a copy round; `rounds`: the plan's rounds; `pastCopy`: the VM has
 * moved on (handed off, switched), so the copy is complete.
 */
export function precopyMoment<S extends PrecopySnapshot>(
  v: RunnerView<S>,
  inCopy: (s: S) => boolean,
  rounds: number,
  pastCopy: boolean,
): GridMoment {
  const c = v.snapshot.context;
  if (inCopy(v.snapshot)) return { round: c.round, fraction: v.stepFraction };
  if (v.done && c.outcome?.kind !== 'migrated' && v.previous && inCopy(v.previous.snapshot)) {
    const p = v.previous.snapshot;
    const d = p.context.step.durationS ?? 0;
    return { round: p.context.round, fraction: d > 0 ? (v.now - v.previous.stepStartedAt) / d : 1 };
  }
  if (c.round >= rounds || pastCopy || c.outcome?.kind === 'migrated')
    return { round: rounds, fraction: 0 };
  // Before the copy (round -1), or connecting/failed outside a copy: as of the current round's start.
  return { round: c.round, fraction: 0 };
}

/** Memory rounds begun by `m` of the plan's `rounds` (none before the start). */
export function roundsSoFar(m: GridMoment, rounds: number, started: boolean): number {
  if (!started) return 0;
  return m.round >= rounds ? rounds : Math.max(0, m.round + 1);
}

/**
 * A live migration's figures so far: its time, the VM's pause against the target, the memory
 * rounds, the bytes sent over `link` (memory, and whatever else `sentHint` names) and the CPU
 * that sending took.
 */
export function liveMigrationFigures(o: {
  totalS: number;
  pausedS: number;
  downtimeMs: number;
  rounds: number;
  /** Guest bytes sent so far (memory, configuration, a disk). */
  sentBytes: number;
  sentHint?: string;
  link: Pick<EffectiveLink, 'memoryBytesPerS' | 'wireBytesPerMemoryByte' | 'cpuCores'>;
}): ResultFigure[] {
  const { link } = o;
  return [
    { label: 'Total time', value: formatDuration(o.totalS) },
    {
      label: 'Downtime',
      value: formatDuration(o.pausedS),
      hint: `target ${formatDuration(o.downtimeMs / 1000)}`,
    },
    {
      label: 'Rounds',
      value: `${o.rounds}`,
      hint: 'memory copy passes, the final stop-and-copy included',
    },
    {
      label: 'Data sent',
      value: formatBytes(o.sentBytes * link.wireBytesPerMemoryByte),
      ...(o.sentHint ? { hint: o.sentHint } : {}),
    },
    { label: 'CPU used', value: formatCpu((o.sentBytes / link.memoryBytesPerS) * link.cpuCores) },
  ];
}
