/**
 * Views of a batch of live migrations run side by side (machines/concurrentLanes.ts): the lanes
 * family (`lanesFamily`: the steps, statechart and success test, the run time, the link), the
 * lanes and their words, the VMs' states, the figures they add up to and the verdict. Shared by
 * the panels whose machine runs lanes (cluster queue, SMB concurrent moves). Pure functions of the
 * machine's context.
 */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import type { LaneStatus } from '../../machines/concurrentLanes';
import type { LanesOutcome, LanesRunContext } from '../../machines/lanesMachine';
import {
  type ConcurrentPlan,
  type LaneMoment,
  type LanePhaseKind,
  type LanePlan,
  laneAt,
} from '../../model/concurrentMigration';
import { formatBytes, formatCpu, formatDuration } from '../../model/format';
import { LM_NETWORK } from '../../model/scenarios';
import { activeInstance, instancesOf, type Vm, type World } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow, ResultFigure, ResultsVerdict } from '../../views/controls';
import type { LaneRow } from '../../views/scene/LanesChart';
import { processBasics } from './family';
import type { NarrationText } from './RunPanel';
import { runNarration } from './steps';

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

/**
 * The lanes family of a batch machine: `processBasics` (its steps, statechart and success), the
 * narration ("Ready to migrate" and the `ready` text before the start, each step, the ending titled
 * by `LANES_OUTCOME_TITLES`), the run time (`runTimeOf`), the whole live migration network's
 * payload rate (one migration alone gets all of it) and whether that network is up.
 */
export function lanesFamily<M extends AnyStateMachine>(
  machine: M,
  ready: (v: RunnerView<SnapshotFrom<M>>) => string,
) {
  type V = RunnerView<SnapshotFrom<M>>;
  const ctx = (v: V) => (v.snapshot as unknown as { context: LanesRunContext }).context;
  return {
    ...processBasics(machine, 'migrated'),
    narration: (v: V): NarrationText =>
      runNarration(v.snapshot, ctx(v).outcome, LANES_OUTCOME_TITLES, 'migrated', () => ({
        title: 'Ready to migrate',
        text: ready(v),
        tone: 'normal',
      })),
    runTime: (v: V): number => runTimeOf(ctx(v), v.now),
    linkRate: (v: V): number => fullLinkRate(ctx(v).plan),
    networkUp: (v: V): boolean => ctx(v).world.networks[LM_NETWORK]?.up === true,
  };
}

/** What a lane under way is doing, by its phase (`handoff` is each panel's own: what moves then). */
const PHASE_WORDS: Omit<Record<LanePhaseKind, string>, 'handoff'> = {
  connecting: 'connecting',
  copying: 'copying memory',
  stopAndCopy: 'paused for the final copy',
  resuming: 'resuming on the destination',
  switchUpdate: 'telling the switch',
};

/** How a panel words its lanes. */
export interface LaneWords {
  /** What a lane says before the batch starts. */
  before: string;
  /** What became of a lane, by its status (a status not here: the lane says where it is). */
  ends: Partial<Record<LaneStatus, string>>;
  /** What a lane is doing in its handoff phase. */
  handoff: string;
}

/**
 * Every lane of the batch at `t`, sim seconds from the batch's start (null: not started), in
 * words: what became of it, else waiting in the queue, migrated, or its phase (`phaseText`).
 */
export function laneViews(c: LanesRunContext, t: number | null, words: LaneWords): LaneView[] {
  const phases = { ...PHASE_WORDS, handoff: words.handoff };
  return c.plan.lanes.map((plan) => {
    const status: LaneStatus = c.lanes[plan.vm] ?? 'queued';
    const moment = laneAt(plan, t ?? -1);
    const end = words.ends[status];
    const text =
      end ??
      (t === null
        ? words.before
        : moment.stage === 'queued'
          ? `queued, starts at ${formatDuration(plan.startS)}`
          : moment.stage === 'done'
            ? 'migrated'
            : phaseText(phases, plan, moment));
    return { vm: plan.vm, name: c.world.vms[plan.vm]?.name ?? plan.vm, plan, status, moment, text };
  });
}

/**
 * A VM's state in the inventory: queued (in a cluster's queue, before the run ended), migrating
 * (its shell on the destination), off, paused, running (restarted, by a cluster).
 */
export function laneVmState(c: LanesRunContext, vm: string): string {
  const w = c.world;
  const active = activeInstance(w, vm);
  const status = c.lanes[vm];
  if (status === 'queued' && c.outcome === null) return 'Queued';
  const shell = instancesOf(w, vm).find((i) => i.status === 'shell');
  if (status === 'migrating' && shell)
    return `Migrating to ${hostLabel(w, shell.host)}${active?.status === 'paused' ? ' (paused)' : ''}`;
  if (!active) return 'Off';
  if (active.status === 'paused') return 'Paused';
  if (status === 'restarted') return 'Running (restarted)';
  return 'Running';
}

/** The inventory of every VM in the world: its state, its host, and `storage` in words. */
export function laneInventory(c: LanesRunContext, storage: (vm: Vm) => string): InventoryRow[] {
  const w = c.world;
  return Object.values(w.vms).map((vm) => {
    const active = activeInstance(w, vm.id);
    return {
      vm: vm.name,
      state: laneVmState(c, vm.id),
      host: active ? hostLabel(w, active.host) : '—',
      storage: storage(vm),
    };
  });
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
