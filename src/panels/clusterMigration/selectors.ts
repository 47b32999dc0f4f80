/**
 * Everything the cluster panel shows, derived from the runner's view of the machine. Pure: the
 * picture, the lanes and their text equivalents come from the same snapshot, so they agree.
 */
import type { SnapshotFrom } from 'xstate';
import {
  type ClusterMigrationMachine,
  clusterMigrationMachine,
} from '../../machines/clusterMigration.machine';
import type { LaneStatus } from '../../machines/concurrentLanes';
import { type LanePhaseKind, laneAt } from '../../model/concurrentMigration';
import { formatDuration, formatRate } from '../../model/format';
import { LM_NETWORK } from '../../model/scenarios';
import { activeInstance, instancesOf } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow, ResultFigure, ResultsVerdict } from '../../views/controls';
import { processBasics } from '../kit/family';
import {
  fullLinkRate,
  hostLabel as hostName,
  LANES_OUTCOME_TITLES,
  type LaneView,
  laneFigures,
  lanesVerdict,
  phaseText,
  runTimeOf,
} from '../kit/lanes';
import type { NarrationText } from '../kit/RunPanel';
import { runNarration } from '../kit/steps';

export type { LaneView } from '../kit/lanes';

export type Snap = SnapshotFrom<ClusterMigrationMachine>;
export type View = RunnerView<Snap>;

export const { CHART, STEPS, succeeded } = processBasics(clusterMigrationMachine, 'migrated');

/** Sim seconds since the batch started (0 before), frozen when the run ended. */
export function batchTime(v: View): number {
  const c = v.snapshot.context;
  if (c.batchT === null) return 0;
  const now = c.endT ?? v.now;
  return Math.max(0, now - c.batchT);
}

/** Sim seconds since the start was pressed (the queueing included), frozen at the end. */
export function runTime(v: View): number {
  return runTimeOf(v.snapshot.context, v.now);
}

const PHASE_TEXT: Record<LanePhaseKind, string> = {
  connecting: 'connecting',
  copying: 'copying memory',
  stopAndCopy: 'paused for the final copy',
  handoff: 'handing over',
  resuming: 'resuming on the destination',
  switchUpdate: 'telling the switch',
};

const END_TEXT: Partial<Record<LaneStatus, string>> = {
  migrated: 'migrated',
  rolledBack: 'rolled back, running on the source',
  cancelled: 'not started (removed from the queue)',
  restarted: 'restarted by the cluster',
  lost: 'down',
};

export function lanes(v: View): LaneView[] {
  const c = v.snapshot.context;
  const started = c.batchT !== null;
  const tb = batchTime(v);
  return c.plan.lanes.map((plan) => {
    const status: LaneStatus = c.lanes[plan.vm] ?? 'queued';
    const moment = started ? laneAt(plan, tb) : { ...laneAt(plan, -1), stage: 'queued' as const };
    const end = END_TEXT[status];
    let text: string;
    if (end && status !== 'migrated') text = end;
    else if (!started) text = v.started ? 'queued' : 'selected';
    else if (moment.stage === 'queued') text = `queued, starts at ${formatDuration(plan.startS)}`;
    else if (moment.stage === 'done') text = 'migrated';
    else text = phaseText(PHASE_TEXT, plan, moment);
    return { vm: plan.vm, name: c.world.vms[plan.vm]?.name ?? plan.vm, plan, status, moment, text };
  });
}

// ---- narration ---------------------------------------------------------------------------------

export function narration(v: View): NarrationText {
  const c = v.snapshot.context;
  return runNarration(v.snapshot, c.outcome, LANES_OUTCOME_TITLES, 'migrated', () => ({
    title: 'Ready to migrate',
    text: `${c.vms.length} VM${c.vms.length === 1 ? '' : 's'} selected on ${hostName(c.world, c.source)}. Press Play or Start live migration to move them to ${hostName(c.world, c.destination)}, at most ${c.limit} at a time.`,
    tone: 'normal',
  }));
}

export function queueCounts(v: View): { queued: number; running: number; done: number } {
  const ls = lanes(v);
  const running = ls.filter((l) => l.status === 'migrating' || l.status === 'switchedOver').length;
  return {
    queued: ls.filter((l) => l.status === 'queued').length,
    running,
    done: ls.filter((l) => l.status === 'migrated').length,
  };
}

export function stepDetail(v: View): string | undefined {
  if (!v.snapshot.matches('running')) return undefined;
  const q = queueCounts(v);
  return `${q.running} migrating (limit ${v.snapshot.context.limit}), ${q.queued} queued, ${q.done} done`;
}

// ---- results -----------------------------------------------------------------------------------

export function results(v: View): { figures: ResultFigure[]; verdict?: ResultsVerdict } {
  const c = v.snapshot.context;
  const q = queueCounts(v);
  const figures: ResultFigure[] = [
    {
      label: 'Total time',
      value: formatDuration(runTime(v)),
      hint: 'from the start, the queueing included, to the last VM migrated',
    },
    ...laneFigures(
      lanes(v),
      c.batchT !== null,
      `the longest pause of one VM (target ${formatDuration(c.params.downtimeMs / 1000)}); each VM pauses only for its own final copy`,
    ),
    {
      label: 'Queue',
      value: `${q.queued} waiting, ${q.running} migrating`,
      hint: `at most ${c.limit} live migrations at a time on ${hostName(c.world, c.source)}`,
    },
    {
      label: 'Link',
      value: formatRate(linkRate(v)),
      hint: 'split equally among the migrations sending at each moment',
    },
  ];
  const verdict = lanesVerdict(
    c,
    (slow) =>
      `${slow} of ${c.plan.lanes.length} migrations did not converge with their share of the network; the longest pause was ${formatDuration(c.plan.maxDowntimeS)}, above the ${formatDuration(c.params.downtimeMs / 1000)} target.`,
    () =>
      `All ${c.plan.lanes.length} VMs migrated, at most ${c.limit} at a time; the longest pause was ${formatDuration(c.plan.maxDowntimeS)}.`,
  );
  return verdict ? { figures, verdict } : { figures };
}

/** The whole live migration network's payload rate (one migration alone gets all of it). */
export function linkRate(v: View): number {
  return fullLinkRate(v.snapshot.context.plan);
}

/** The network's payload rate in use now (the shares of the migrations sending). */
export function linkInUse(v: View): number {
  return lanes(v)
    .filter((l) => l.status === 'migrating')
    .reduce((s, l) => s + (l.moment.phase?.rate ?? 0) * l.plan.link.wireBytesPerMemoryByte, 0);
}

// ---- inventory -----------------------------------------------------------------------------------

export function vmState(v: View, vm: string): string {
  const c = v.snapshot.context;
  const w = c.world;
  const active = activeInstance(w, vm);
  const status = c.lanes[vm];
  if (status === 'queued' && c.outcome === null) return 'Queued';
  const shell = instancesOf(w, vm).find((i) => i.status === 'shell');
  if (status === 'migrating' && shell)
    return `Migrating to ${hostName(w, shell.host)}${active?.status === 'paused' ? ' (paused)' : ''}`;
  if (!active) return 'Off';
  if (active.status === 'paused') return 'Paused';
  if (status === 'restarted') return 'Running (restarted)';
  return 'Running';
}

export function inventory(v: View): InventoryRow[] {
  const c = v.snapshot.context;
  const w = c.world;
  return Object.values(w.vms).map((vm) => {
    const active = activeInstance(w, vm.id);
    const disk = vm.disks[0];
    const st = disk ? w.storage[disk.storage] : undefined;
    const redirected = st && !st.pathUp[vm.storageController];
    return {
      vm: vm.name,
      state: vmState(v, vm.id),
      host: active ? hostName(w, active.host) : '—',
      storage: `${st?.name ?? '—'}, controlled by ${hostName(w, vm.storageController)}${redirected ? ' (redirected I/O)' : ''}`,
    };
  });
}

export function networkUp(v: View): boolean {
  return v.snapshot.context.world.networks[LM_NETWORK]?.up === true;
}
