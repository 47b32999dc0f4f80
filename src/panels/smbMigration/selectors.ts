/**
 * Everything the SMB panel shows, derived from the runner's view of the machine. Pure: the
 * picture, the lanes and their text equivalents come from the same snapshot, so they agree.
 */
import type { SnapshotFrom } from 'xstate';
import { type SmbMigrationMachine, smbMigrationMachine } from '../../machines/smbMigration.machine';
import { formatBytes, formatDuration, formatRate } from '../../model/format';
import { activeInstance } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow, ResultFigure, ResultsVerdict } from '../../views/controls';
import type { LaneRow } from '../../views/scene/LanesChart';
import {
  hostLabel as hostName,
  type LaneView,
  laneFigures,
  laneInventory,
  laneRowsOf,
  lanesFamily,
  lanesVerdict,
  laneViews,
} from '../kit/lanes';

export type View = RunnerView<SnapshotFrom<SmbMigrationMachine>>;

/** `runTime`: sim seconds since the start (0 before), frozen when the run ended. */
export const { CHART, STEPS, succeeded, narration, runTime, linkRate, networkUp } = lanesFamily(
  smbMigrationMachine,
  ({ snapshot: { context: c } }) => {
    const names = c.vms.map((vm) => c.world.vms[vm]?.name ?? vm).join(' and ');
    return `${names || 'No VM'} run${c.vms.length === 1 ? 's' : ''} on ${hostName(c.world, c.source)} with every file on ${c.world.storage[c.setup.share]?.name}. Press Play or Start live migration to move only the running state to ${hostName(c.world, c.destination)}.`;
  },
);

/** The lanes from the start (all start together); a migrated VM's lane says so. */
export function lanes(v: View): LaneView[] {
  const c = v.snapshot.context;
  return laneViews(c, c.startT === null ? null : runTime(v), {
    before: 'selected',
    ends: {
      migrated: 'migrated',
      rolledBack: 'rolled back, on the source',
      cancelled: 'not started',
      lost: 'off',
    },
    handoff: 'moving the SMB connection',
  });
}

export function laneRows(v: View): LaneRow[] {
  const c = v.snapshot.context;
  const cut = c.endT !== null && c.outcome?.kind !== 'migrated' && c.startT !== null;
  return laneRowsOf(lanes(v), cut ? runTime(v) : null, false);
}

// ---- step detail ---------------------------------------------------------------------------------

export function stepDetail(v: View): string | undefined {
  if (!v.snapshot.matches('migrating')) return undefined;
  return lanes(v)
    .map((l) => `${l.name}: ${l.text}`)
    .join('; ');
}

// ---- results -----------------------------------------------------------------------------------

export function results(v: View): { figures: ResultFigure[]; verdict?: ResultsVerdict } {
  const c = v.snapshot.context;
  const figures: ResultFigure[] = [
    { label: 'Total time', value: formatDuration(runTime(v)) },
    ...laneFigures(
      lanes(v),
      c.startT !== null && c.outcome?.kind !== 'refused',
      `the longest pause of one VM (target ${formatDuration(c.params.downtimeMs / 1000)})`,
    ),
    {
      label: 'Disk data moved',
      value: formatBytes(0),
      hint: `the VHDs stay on ${c.world.storage[c.setup.share]?.name}; only their SMB connection moves`,
    },
    {
      label: 'Link',
      value: formatRate(linkRate(v)),
      hint: `shared by ${c.vms.length} migration${c.vms.length === 1 ? '' : 's'} running together`,
    },
  ];
  const verdict = lanesVerdict(
    c,
    (slow) =>
      `${slow} of ${c.plan.lanes.length} migrations did not converge; the longest pause was ${formatDuration(c.plan.maxDowntimeS)}, above the ${formatDuration(c.params.downtimeMs / 1000)} target.`,
    () =>
      `Migrated with a longest pause of ${formatDuration(c.plan.maxDowntimeS)}; no disk data crossed the network.`,
  );
  return verdict ? { figures, verdict } : { figures };
}

// ---- inventory -----------------------------------------------------------------------------------

/** Where the VM's VHD is (always the share) and which host holds the SMB connection to it. */
export function vhdText(v: View, vm: string): string {
  const c = v.snapshot.context;
  const w = c.world;
  const file = c.setup.files.find((f) => f.vm === vm && f.kind === 'vhd');
  const holder = w.vms[vm]?.storageController;
  const st = w.storage[c.setup.share];
  const lost = holder && st && !st.pathUp[holder];
  const open = activeInstance(w, vm) ? `SMB connection from ${hostName(w, holder)}` : 'not open';
  return `${file?.path ?? st?.name ?? '—'} (${open}${lost ? ', path lost' : ''})`;
}

export function inventory(v: View): InventoryRow[] {
  return laneInventory(v.snapshot.context, (vm) => vhdText(v, vm.id));
}
