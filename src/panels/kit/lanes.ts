/**
 * Views of a batch of live migrations run side by side (machines/concurrentLanes.ts): the lanes,
 * their words, the figures they add up to and the verdict. Shared by the panels whose machine
 * runs lanes (cluster queue, SMB concurrent moves). Pure functions of the machine's context.
 */
import type { LaneStatus, LanesOutcome, LanesRunContext } from '../../machines/concurrentLanes';
import type {
  ConcurrentPlan,
  LaneMoment,
  LanePhaseKind,
  LanePlan,
} from '../../model/concurrentMigration';
import { formatBytes, formatCpu, formatDuration } from '../../model/format';
import type { World } from '../../model/world';
import type { ResultFigure, ResultsVerdict } from '../../views/controls';
import type { LaneRow } from '../../views/scene/LanesChart';

export interface LaneView {
  vm: string;
  name: string;
  plan: LanePlan;
  status: LaneStatus;
  moment: LaneMoment;
  /** What the lane is doing, in words. */
  text: string;
}

/** The narration's title for each ending of a batch run. */
export const LANES_OUTCOME_TITLES: Record<LanesOutcome['kind'], string> = {
  migrated: 'Migrated',
  failed: 'Migration failed',
  cancelled: 'Migration cancelled',
  refused: 'Migration refused',
};

/** A host's name as the views show it ('—' for none). */
export const hostLabel = (w: World, id: string | undefined): string =>
  id ? (w.hosts[id]?.name ?? id) : '—';

/** Sim seconds since the start was pressed, frozen when the run ended (0 before, or refused). */
export function runTimeOf(c: LanesRunContext, now: number): number {
  if (c.startT === null || c.outcome?.kind === 'refused') return 0;
  return Math.max(0, (c.endT ?? now) - c.startT);
}

/** A lane under way in words: its phase, its round of the plan's, how far through. */
export function phaseText(
  words: Record<LanePhaseKind, string>,
  plan: LanePlan,
  moment: LaneMoment,
): string {
  const ph = moment.phase;
  const round =
    ph?.round !== undefined ? ` (round ${ph.round + 1} of ${plan.precopy.rounds.length})` : '';
  return `${words[moment.stage as LanePhaseKind] ?? moment.stage}${round}, ${Math.round(moment.fraction * 100)}%`;
}

/** The figures every batch shows, summed over its lanes so far (zero before the start). */
export function laneFigures(
  ls: readonly LaneView[],
  started: boolean,
  downtimeHint: string,
): ResultFigure[] {
  const sum = (f: (m: LaneMoment) => number) =>
    started ? ls.reduce((s, l) => s + f(l.moment), 0) : 0;
  const longest = started ? Math.max(0, ...ls.map((l) => l.moment.pausedS)) : 0;
  return [
    { label: 'Downtime', value: formatDuration(longest), hint: downtimeHint },
    {
      label: 'Rounds',
      value: `${sum((m) => m.rounds)}`,
      hint: 'memory copy passes of all the VMs, their final stop-and-copy included',
    },
    { label: 'Data sent', value: formatBytes(sum((m) => m.wireBytes)) },
    { label: 'CPU used', value: formatCpu(sum((m) => m.cpuCoreSeconds)) },
  ];
}

/**
 * The verdict of a batch: the outcome's text if it did not migrate; once migrated, a warning
 * naming the lanes that did not converge (`slow`), else `ok`.
 */
export function lanesVerdict(
  c: { outcome: LanesOutcome | null; plan: ConcurrentPlan },
  slow: (count: number) => string,
  ok: () => string,
): ResultsVerdict | undefined {
  if (c.outcome && c.outcome.kind !== 'migrated') return { tone: 'failed', text: c.outcome.text };
  if (c.outcome?.kind !== 'migrated') return undefined;
  const count = c.plan.lanes.filter((l) => !l.precopy.converged).length;
  return count > 0 ? { tone: 'warn', text: slow(count) } : { tone: 'ok', text: ok() };
}

/** The whole live migration network's payload rate (one migration alone gets all of it). */
export function fullLinkRate(plan: ConcurrentPlan): number {
  return plan.fullLink.memoryBytesPerS * plan.fullLink.wireBytesPerMemoryByte;
}

/** Migrations under way that are sending (configuration or memory) on the network now. */
export function sendingCount(ls: readonly LaneView[]): number {
  return ls.filter(
    (l) =>
      l.status === 'migrating' && ['connecting', 'copying', 'stopAndCopy'].includes(l.moment.stage),
  ).length;
}

/** How full a VM's shell on the destination is: memory sent over the lane's total. */
export function shellFill(lane: LaneView | undefined): number {
  const total = lane?.plan.precopy.bytesCopied ?? 0;
  return total > 0 ? Math.min(1, (lane?.moment.memoryBytes ?? 0) / total) : 0;
}

/** Lanes that a fault or cancel cut short (the chart marks where). */
const CUT_SHORT: readonly LaneStatus[] = ['rolledBack', 'cancelled', 'restarted', 'lost'];

/**
 * The lanes chart's rows: a lane's wait in the queue (if any), then its phases (each copy round
 * labelled with `roundLabels`); a lane cut short by the run's end is marked at `cutAtS`
 * (null: the run did not end cut short).
 */
export function laneRowsOf(
  ls: readonly LaneView[],
  cutAtS: number | null,
  roundLabels: boolean,
): LaneRow[] {
  return ls.map((l) => ({
    key: l.vm,
    name: l.name,
    text: l.text,
    segments: [
      ...(l.plan.startS > 0 ? [{ kind: 'queued' as const, startS: 0, endS: l.plan.startS }] : []),
      ...l.plan.phases.map((p) => ({
        kind: p.kind,
        startS: p.startS,
        endS: p.endS,
        ...(roundLabels && p.round !== undefined ? { label: `round ${p.round + 1}` } : {}),
      })),
    ],
    ...(cutAtS !== null && CUT_SHORT.includes(l.status) ? { cutAtS } : {}),
  }));
}
