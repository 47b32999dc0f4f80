/**
 * Everything the cluster panel shows, derived from the runner's view of the machine. Pure: the
 * picture, the lanes and their text equivalents come from the same snapshot, so they agree.
 */
import type { SnapshotFrom } from 'xstate';
import {
  type ClusterMigrationMachine,
  clusterMigrationMachine,
} from '../../machines/clusterMigration.machine';
import { formatDuration, formatRate } from '../../model/format';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow, ResultFigure, ResultsVerdict } from '../../views/controls';
import {
  hostLabel as hostName,
  type LaneView,
  laneFigures,
  laneInventory,
  lanesFamily,
  lanesVerdict,
  laneViews,
  laneVmState,
} from '../kit/lanes';

export type View = RunnerView<SnapshotFrom<ClusterMigrationMachine>>;

/** Sim seconds since the batch started (0 before), frozen when the run ended. */
export function batchTime(v: View): number {
  const c = v.snapshot.context;
  if (c.batchT === null) return 0;
  const now = c.endT ?? v.now;
  return Math.max(0, now - c.batchT);
}

/** `runTime`: sim seconds since the start was pressed (the queueing included), frozen at the end. */
export const { CHART, STEPS, succeeded, narration, runTime, linkRate, networkUp } = lanesFamily(
  clusterMigrationMachine,
  ({ snapshot: { context: c } }) =>
    `${c.vms.length} VM${c.vms.length === 1 ? '' : 's'} selected on ${hostName(c.world, c.source)}. Press Play or Start live migration to move them to ${hostName(c.world, c.destination)}, at most ${c.limit} at a time.`,
);

/** The lanes from the batch's start (the queue set up); a lane migrated says where it is. */
export function lanes(v: View): LaneView[] {
  const c = v.snapshot.context;
  return laneViews(c, c.batchT === null ? null : batchTime(v), {
    before: v.started ? 'queued' : 'selected',
    ends: {
      rolledBack: 'rolled back, running on the source',
      cancelled: 'not started (removed from the queue)',
      restarted: 'restarted by the cluster',
      lost: 'down',
    },
    handoff: 'handing over',
  });
}

// ---- step detail ---------------------------------------------------------------------------------

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

/** The network's payload rate in use now (the shares of the migrations sending). */
export function linkInUse(v: View): number {
  return lanes(v)
    .filter((l) => l.status === 'migrating')
    .reduce((s, l) => s + (l.moment.phase?.rate ?? 0) * l.plan.link.wireBytesPerMemoryByte, 0);
}

// ---- inventory -----------------------------------------------------------------------------------

export function vmState(v: View, vm: string): string {
  return laneVmState(v.snapshot.context, vm);
}

export function inventory(v: View): InventoryRow[] {
  const w = v.snapshot.context.world;
  return laneInventory(v.snapshot.context, (vm) => {
    const disk = vm.disks[0];
    const st = disk ? w.storage[disk.storage] : undefined;
    const redirected = st && !st.pathUp[vm.storageController];
    return `${st?.name ?? '—'}, controlled by ${hostName(w, vm.storageController)}${redirected ? ' (redirected I/O)' : ''}`;
  });
}
