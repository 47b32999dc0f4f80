/**
 * Everything the SMB panel shows, derived from the runner's view of the machine. Pure: the
 * picture, the lanes and their text equivalents come from the same snapshot, so they agree.
 */
import type { SnapshotFrom } from 'xstate';
import type { LaneStatus } from '../../machines/concurrentLanes';
import { type SmbMigrationMachine, smbMigrationMachine } from '../../machines/smbMigration.machine';
import { type LanePhaseKind, laneAt } from '../../model/concurrentMigration';
import { formatBytes, formatDuration, formatRate } from '../../model/format';
import { LM_NETWORK } from '../../model/scenarios';
import { activeInstance, instancesOf } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow, ResultFigure, ResultsVerdict } from '../../views/controls';
import type { LaneRow } from '../../views/scene/LanesChart';
import { processBasics } from '../kit/family';
import {
  fullLinkRate,
  hostLabel as hostName,
  LANES_OUTCOME_TITLES,
  type LaneView,
  laneFigures,
  laneRowsOf,
  lanesVerdict,
  phaseText,
  runTimeOf,
} from '../kit/lanes';
import type { NarrationText } from '../kit/RunPanel';
import { runNarration } from '../kit/steps';

export type { LaneView } from '../kit/lanes';

export type Snap = SnapshotFrom<SmbMigrationMachine>;
export type View = RunnerView<Snap>;

export const { CHART, STEPS, succeeded } = processBasics(smbMigrationMachine, 'migrated');

/** Sim seconds since the start (0 before), frozen when the run ended. */
export function runTime(v: View): number {
  return runTimeOf(v.snapshot.context, v.now);
}

const PHASE_TEXT: Record<LanePhaseKind, string> = {
  connecting: 'connecting',
  copying: 'copying memory',
  stopAndCopy: 'paused for the final copy',
  handoff: 'moving the SMB connection',
  resuming: 'resuming on the destination',
  switchUpdate: 'telling the switch',
};

const END_TEXT: Partial<Record<LaneStatus, string>> = {
  rolledBack: 'rolled back, on the source',
  cancelled: 'not started',
  lost: 'off',
};

export function lanes(v: View): LaneView[] {
  const c = v.snapshot.context;
  const started = c.startT !== null;
  const t = runTime(v);
  return c.plan.lanes.map((plan) => {
    const status: LaneStatus = c.lanes[plan.vm] ?? 'queued';
    const moment = laneAt(plan, started ? t : -1);
    const end = END_TEXT[status];
    let text: string;
    if (end) text = end;
    else if (!started) text = 'selected';
    else if (moment.stage === 'done' || status === 'migrated') text = 'migrated';
    else text = phaseText(PHASE_TEXT, plan, moment);
    return { vm: plan.vm, name: c.world.vms[plan.vm]?.name ?? plan.vm, plan, status, moment, text };
  });
}

export function laneRows(v: View): LaneRow[] {
  const c = v.snapshot.context;
  const cut = c.endT !== null && c.outcome?.kind !== 'migrated' && c.startT !== null;
  return laneRowsOf(lanes(v), cut ? runTime(v) : null, false);
}

// ---- narration ---------------------------------------------------------------------------------

export function narration(v: View): NarrationText {
  const c = v.snapshot.context;
  return runNarration(v.snapshot, c.outcome, LANES_OUTCOME_TITLES, 'migrated', () => {
    const names = c.vms.map((vm) => c.world.vms[vm]?.name ?? vm).join(' and ');
    return {
      title: 'Ready to migrate',
      text: `${names || 'No VM'} run${c.vms.length === 1 ? 's' : ''} on ${hostName(c.world, c.source)} with every file on ${c.world.storage[c.setup.share]?.name}. Press Play or Start live migration to move only the running state to ${hostName(c.world, c.destination)}.`,
      tone: 'normal',
    };
  });
}

export function stepDetail(v: View): string | undefined {
  if (!v.snapshot.matches('migrating')) return undefined;
  return lanes(v)
    .map((l) => `${l.name}: ${l.text}`)
    .join('; ');
}

// ---- results -----------------------------------------------------------------------------------

/** The whole live migration network's payload rate (one migration alone gets all of it). */
export function linkRate(v: View): number {
  return fullLinkRate(v.snapshot.context.plan);
}

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

export function vmState(v: View, vm: string): string {
  const c = v.snapshot.context;
  const w = c.world;
  const active = activeInstance(w, vm);
  const shell = instancesOf(w, vm).find((i) => i.status === 'shell');
  if (c.lanes[vm] === 'migrating' && shell)
    return `Migrating to ${hostName(w, shell.host)}${active?.status === 'paused' ? ' (paused)' : ''}`;
  if (!active) return 'Off';
  if (active.status === 'paused') return 'Paused';
  return 'Running';
}

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
  const c = v.snapshot.context;
  const w = c.world;
  return Object.values(w.vms).map((vm) => {
    const active = activeInstance(w, vm.id);
    return {
      vm: vm.name,
      state: vmState(v, vm.id),
      host: active ? hostName(w, active.host) : '—',
      storage: vhdText(v, vm.id),
    };
  });
}

export function networkUp(v: View): boolean {
  return v.snapshot.context.world.networks[LM_NETWORK]?.up === true;
}
