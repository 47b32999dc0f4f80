/**
 * Everything the panel's views show, derived from the runner's view of the machine. Pure functions:
 * the picture and its text equivalents (steps, status, results, inventory, log) come from the same
 * snapshot, so they always agree.
 */

import type { SnapshotFrom } from 'xstate';
import type { LiveMigration2008r2Machine } from '../../machines/liveMigration2008r2.machine';
import { liveMigration2008r2Machine } from '../../machines/liveMigration2008r2.machine';
import type { StepMeta } from '../../machines/step';
import { formatDuration, formatMemory, formatRate } from '../../model/format';
import { type GridMoment, type GridState, gridAt } from '../../model/pageGrid';
import { MODEL_CONSTANTS } from '../../model/parameters';
import { copiedSoFar } from '../../model/precopy';
import { MiB } from '../../model/units';
import { activeInstance, instancesOf, type World } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import { processBasics } from '../kit/family';
import { STATUS_TEXT } from '../kit/inventory';
import { liveMigrationFigures, precopyMoment, roundsSoFar } from '../kit/precopy';
import { currentStepMeta, MIGRATION_OUTCOME_TITLES, runNarration } from '../kit/steps';

export type Snap = SnapshotFrom<LiveMigration2008r2Machine>;
export type View = RunnerView<Snap>;

export const { CHART, STEPS, succeeded } = processBasics(liveMigration2008r2Machine, 'migrated');

export const currentMeta: (s: Snap) => StepMeta | undefined = currentStepMeta;

/** Round under way (or interrupted) and how far through it, for the page grid and the figures. */
const inCopy = (s: Snap) =>
  s.matches({ migrating: 'copyingMemory' }) ||
  s.matches({ migrating: 'copyingDirtyPages' }) ||
  s.matches({ migrating: 'stopAndCopy' });

export function copyMoment(v: View): GridMoment {
  const c = v.snapshot.context;
  return precopyMoment(v, inCopy, c.plan.precopy.rounds.length, c.handedOff);
}

export function grid(v: View): GridState {
  const c = v.snapshot.context;
  return gridAt(
    {
      plan: c.plan.precopy,
      memoryBytes: c.params.memoryMiB * MiB,
      wwsBytes: c.params.wwsMiB * MiB,
      seed: c.seed,
    },
    copyMoment(v),
  );
}

export function gridLabel(v: View, g: GridState): string {
  const m = copyMoment(v);
  const total = g.pending + g.copied + g.dirty;
  const pct = (n: number) => `${Math.round((n / total) * 100)}%`;
  const where =
    m.round < 0
      ? 'before the copy'
      : m.round >= v.snapshot.context.plan.precopy.rounds.length
        ? 'after the copy'
        : `during round ${m.round + 1}`;
  return `VM memory ${where}: ${pct(g.copied)} copied and unchanged, ${pct(g.dirty)} dirtied since copied, ${pct(g.pending)} not yet sent.`;
}

// ---- narration ---------------------------------------------------------------------------------

export function narration(v: View): {
  title: string;
  text: string;
  tone: 'normal' | 'ok' | 'failed';
} {
  const c = v.snapshot.context;
  return runNarration(v.snapshot, c.outcome, MIGRATION_OUTCOME_TITLES, 'migrated', () => ({
    title: 'Ready to migrate',
    text: `${c.world.vms[c.vm]?.name ?? 'The VM'} runs on ${c.world.hosts[c.source]?.name}. Press Play or Start live migration to move it to ${c.world.hosts[c.destination]?.name} while it keeps running.`,
    tone: 'normal',
  }));
}

export function stepDetail(v: View): string | undefined {
  const s = v.snapshot;
  const c = s.context;
  const round = c.plan.precopy.rounds[c.round];
  const total = c.plan.precopy.rounds.length;
  if (!round || c.handedOff) return undefined;
  if (s.matches({ migrating: 'copyingMemory' }) || s.matches({ migrating: 'copyingDirtyPages' })) {
    return `Round ${c.round + 1} of ${total}: ${formatMemory(round.bytes)} in ${formatDuration(round.durationS)}`;
  }
  if (s.matches({ migrating: 'stopAndCopy' })) {
    return `Round ${total} of ${total} (VM paused): ${formatMemory(round.bytes)} in ${formatDuration(round.durationS)}`;
  }
  return undefined;
}

// ---- results -----------------------------------------------------------------------------------

export interface Figure {
  label: string;
  value: string;
  hint?: string;
}

function pauseSoFar(v: View): number {
  const s = v.snapshot;
  const c = s.context;
  const final = c.plan.precopy.rounds[c.plan.precopy.rounds.length - 1];
  if (c.outcome?.kind === 'migrated') return c.plan.precopy.downtimeS;
  if (s.matches({ migrating: 'stopAndCopy' })) return v.now - v.stepStartedAt;
  if (s.matches({ migrating: 'storageHandoff' }))
    return (final?.durationS ?? 0) + (v.now - v.stepStartedAt);
  if (s.matches('switchedOver')) {
    const resume = s.matches({ switchedOver: 'resuming' })
      ? Math.min(v.now - v.stepStartedAt, c.plan.resumeS)
      : c.plan.resumeS;
    return (final?.durationS ?? 0) + c.plan.storageHandoffS + resume;
  }
  return 0;
}

export function results(v: View): {
  figures: Figure[];
  verdict?: { tone: 'ok' | 'warn' | 'failed'; text: string };
} {
  const c = v.snapshot.context;
  const plan = c.plan;
  const pre = plan.precopy;
  const m = copyMoment(v);
  const started = v.started && c.outcome?.kind !== 'refused';
  const copied = !started
    ? 0
    : m.round >= pre.rounds.length
      ? pre.bytesCopied
      : copiedSoFar(pre, m.round, m.fraction);
  const connecting = v.snapshot.matches({ migrating: 'connecting' });
  const config = !started ? 0 : MODEL_CONSTANTS.configBytes * (connecting ? v.stepFraction : 1);
  const figures: Figure[] = [
    ...liveMigrationFigures({
      totalS: started ? v.now : 0,
      pausedS: pauseSoFar(v),
      downtimeMs: c.params.downtimeMs,
      rounds: roundsSoFar(m, pre.rounds.length, started),
      sentBytes: copied + config,
      link: plan.link,
    }),
    {
      label: 'Link',
      value: `${formatRate(plan.link.memoryBytesPerS * plan.link.wireBytesPerMemoryByte)} (${plan.link.label})`,
    },
  ];
  const reachedStop = m.round >= pre.precopyRounds || c.outcome?.kind === 'migrated';
  let verdict: { tone: 'ok' | 'warn' | 'failed'; text: string } | undefined;
  if (c.outcome && c.outcome.kind !== 'migrated') {
    verdict = { tone: 'failed', text: c.outcome.text };
  } else if (reachedStop && !pre.converged) {
    const why =
      pre.stopReason === 'not-shrinking'
        ? 'the guest dirties memory as fast as the link copies it, so the rounds stopped shrinking'
        : `the pass limit of ${c.params.maxRounds} was reached`;
    verdict = {
      tone: 'warn',
      text: `Did not converge: ${why}. The pause is ${formatDuration(pre.downtimeS)}, above the ${formatDuration(c.params.downtimeMs / 1000)} target.`,
    };
  } else if (c.outcome?.kind === 'migrated') {
    verdict = {
      tone: 'ok',
      text: `Converged in ${pre.rounds.length} rounds; the VM was paused for ${formatDuration(pre.downtimeS)}.`,
    };
  }
  return verdict ? { figures, verdict } : { figures };
}

// ---- inventory -----------------------------------------------------------------------------------

export function inventory(v: View): { vm: string; state: string; host: string; storage: string }[] {
  const c = v.snapshot.context;
  const w: World = c.world;
  return Object.values(w.vms).map((vm) => {
    const active = activeInstance(w, vm.id);
    const shell = instancesOf(w, vm.id).find((i) => i.status === 'shell');
    const disk = vm.disks[0];
    const st = disk ? w.storage[disk.storage] : undefined;
    const controller = w.hosts[vm.storageController]?.name ?? vm.storageController;
    const redirected = st && !st.pathUp[vm.storageController];
    let state = active ? STATUS_TEXT[active.status] : 'Off';
    if (active && shell) state += ` (migrating to ${w.hosts[shell.host]?.name})`;
    return {
      vm: vm.name,
      state,
      host: active ? (w.hosts[active.host]?.name ?? active.host) : '—',
      storage: `${st?.name ?? '—'}${disk?.kind === 'passthrough' ? ' pass-through disk' : ''}, controlled by ${controller}${redirected ? ' (redirected I/O)' : ''}`,
    };
  });
}
