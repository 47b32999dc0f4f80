/** Where a live migration's memory pre-copy is at the runner's moment (for grids and figures). */
import type { AnyMachineSnapshot } from 'xstate';
import type { GridMoment } from '../../model/pageGrid';
import type { RunnerView } from '../../sim/runner';

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
