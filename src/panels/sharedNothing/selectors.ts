/**
 * Everything the shared-nothing panel shows, derived from the runner's view of the machine. Pure:
 * the picture and its text equivalents come from the same snapshot and the same model.
 */
import type { SnapshotFrom } from 'xstate';
import {
  type SharedNothingMachine,
  sharedNothingMachine,
} from '../../machines/sharedNothing.machine';
import { formatDuration, formatMemory } from '../../model/format';
import { MODEL_CONSTANTS } from '../../model/parameters';
import { copiedSoFar } from '../../model/precopy';
import { instancesOf } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import { diskCopyFigures, diskMoveInventory, diskMoveVerdict, disks } from '../kit/diskCopy';
import { processBasics } from '../kit/family';
import { liveMigrationFigures, precopyMoment, roundsSoFar } from '../kit/precopy';
import { MIGRATION_OUTCOME_TITLES, runNarration } from '../kit/steps';

export type Snap = SnapshotFrom<SharedNothingMachine>;
export type View = RunnerView<Snap>;

export const { CHART, STEPS, succeeded } = processBasics(sharedNothingMachine, 'migrated');

// ---- moments -------------------------------------------------------------------------------------

const MEMORY_STATES = ['copyingMemory', 'copyingDirtyPages', 'stopAndCopy'] as const;
const inMemoryCopy = (s: Snap) => MEMORY_STATES.some((k) => s.matches({ moving: k }));

/** Memory round under way (or interrupted) and how far through it. */
export function memoryMoment(v: View): { round: number; fraction: number } {
  const c = v.snapshot.context;
  return precopyMoment(v, inMemoryCopy, c.plan.lm.precopy.rounds.length, c.switched);
}

/** Guest memory and configuration sent so far, bytes. */
function memorySent(v: View): number {
  const c = v.snapshot.context;
  const config = MODEL_CONSTANTS.configBytes;
  const inShell =
    v.snapshot.matches({ moving: 'creatingShell' }) ||
    (v.done && v.previous?.snapshot.matches({ moving: 'creatingShell' }) === true);
  if (inShell) {
    const frac = v.snapshot.matches({ moving: 'creatingShell' })
      ? v.stepFraction
      : Math.min(1, (v.now - (v.previous?.stepStartedAt ?? v.now)) / c.plan.lm.setupS);
    return config * frac;
  }
  const m = memoryMoment(v);
  if (m.round < 0) return 0;
  const pre = c.plan.lm.precopy;
  return (
    config +
    (m.round >= pre.rounds.length ? pre.bytesCopied : copiedSoFar(pre, m.round, m.fraction))
  );
}

function pauseSoFar(v: View): number {
  const s = v.snapshot;
  const c = s.context;
  const pre = c.plan.lm.precopy;
  const final = pre.rounds[pre.rounds.length - 1]?.durationS ?? 0;
  if (c.outcome?.kind === 'migrated' || s.matches({ switchedOver: 'deletingSource' }))
    return pre.downtimeS;
  if (s.matches({ moving: 'stopAndCopy' })) return v.now - v.stepStartedAt;
  if (s.matches({ moving: 'switching' })) return final + (v.now - v.stepStartedAt);
  if (s.matches({ switchedOver: 'resuming' }))
    return final + c.plan.lm.storageHandoffS + Math.min(v.now - v.stepStartedAt, c.plan.lm.resumeS);
  return 0;
}

// ---- narration -----------------------------------------------------------------------------------

export function narration(v: View): {
  title: string;
  text: string;
  tone: 'normal' | 'ok' | 'failed';
} {
  const c = v.snapshot.context;
  return runNarration(v.snapshot, c.outcome, MIGRATION_OUTCOME_TITLES, 'migrated', () => {
    const vm = c.world.vms[c.vm]?.name ?? 'The VM';
    return {
      title: 'Ready to migrate',
      text: `${vm} runs on ${c.world.hosts[c.source]?.name}, a stand-alone host. Press Play or Start live migration to move it${c.choice === 'vm-only' ? '' : ' and its storage'} to ${c.world.hosts[c.destination]?.name} while it keeps running.`,
      tone: 'normal',
    };
  });
}

export function stepDetail(v: View): string | undefined {
  const s = v.snapshot;
  const c = s.context;
  const d = disks(v);
  const plan = c.plan.disk;
  if (s.matches({ moving: 'copyingDisk' }) && d && plan) {
    return `Full copy: ${plan.blocks - d.blocksLeft} of ${plan.blocks} blocks sent; ${d.writes} guest writes on the source so far`;
  }
  if (s.matches({ moving: 'mirroring' }) && d && plan) {
    return `Outstanding changes: ${d.blocksLeft} of ${plan.recopiedBlocks} blocks left to send; ${d.writesMirrored} writes mirrored`;
  }
  const pre = c.plan.lm.precopy;
  const round = pre.rounds[c.round];
  if (round && inMemoryCopy(s)) {
    const paused = s.matches({ moving: 'stopAndCopy' }) ? ' (VM paused)' : '';
    return `Memory round ${c.round + 1} of ${pre.rounds.length}${paused}: ${formatMemory(round.bytes)} in ${formatDuration(round.durationS)}`;
  }
  return undefined;
}

// ---- results -------------------------------------------------------------------------------------

export interface Figure {
  label: string;
  value: string;
  hint?: string;
}

export function results(v: View): {
  figures: Figure[];
  verdict?: { tone: 'ok' | 'warn' | 'failed'; text: string };
} {
  const c = v.snapshot.context;
  const plan = c.plan;
  const pre = plan.lm.precopy;
  const started = v.started && c.outcome?.kind !== 'refused';
  const d = started ? disks(v) : null;
  const diskBytes = d ? d.bytesCopied + d.bytesMirrored : 0;
  const mem = started ? memorySent(v) : 0;
  const figures: Figure[] = [
    ...liveMigrationFigures({
      totalS: started ? v.now : 0,
      pausedS: pauseSoFar(v),
      downtimeMs: c.params.downtimeMs,
      rounds: roundsSoFar(memoryMoment(v), pre.rounds.length, started),
      sentBytes: diskBytes + mem,
      sentHint: 'disk and memory',
      link: plan.lm.link,
    }),
    ...diskCopyFigures(v, started, {
      copiedHint: (disk) => `disk of ${formatMemory(disk.input.diskBytes)}`,
      firstPass: 'full copy',
    }),
  ];
  const verdict = diskMoveVerdict(c, 'migrated', () => {
    const disk = plan.disk;
    const diskText = disk
      ? `The disks matched block for block after ${disk.passes} copy passes (${disk.outstandingBlocks} outstanding blocks, ${disk.staleCopiesDiscarded} stale copies dropped, ${disk.writesMirrored} writes mirrored). `
      : '';
    const converged = pre.converged
      ? ''
      : ' The memory copy did not converge, so the pause exceeded the target.';
    return {
      tone: pre.converged ? 'ok' : 'warn',
      text: `${diskText}Memory moved in ${pre.rounds.length} rounds; the VM was paused for ${formatDuration(pre.downtimeS)}.${converged}`,
    };
  });
  return verdict ? { figures, verdict } : { figures };
}

// ---- inventory -----------------------------------------------------------------------------------

export function inventory(v: View): { vm: string; state: string; host: string; storage: string }[] {
  const c = v.snapshot.context;
  const w = c.world;
  const dest = c.destinationPlacement.vhd;
  return diskMoveInventory(v, dest.storage, ({ active, state, destName }) => {
    const shell = instancesOf(w, c.vm).find((i) => i.status === 'shell');
    return {
      state: active && shell ? `${state} (migrating to ${w.hosts[shell.host]?.name})` : state,
      host: active ? (w.hosts[active.host]?.name ?? active.host) : '—',
      mirrored: `; writes mirrored to ${dest.path} on ${destName}`,
    };
  });
}
