/**
 * Pieces the move machines share (live migration, shared-nothing, storage migration): log entries,
 * names for the narration, refusals and endings, and the state of a disk copy with mirrored writes
 * (what a fault before the switch discards). Pure functions of a machine's context.
 */
import { abortCopyAt, type DiskCopyPlan } from '../model/diskCopy';
import type { Requirement } from '../model/requirements';
import { activeInstance, type World } from '../model/world';
import type { MoveFaultType } from './faults';
import { type LogEntry, nextStep, type StepClock } from './step';

/** One event of each type, each stamped with the sim time it happens at. */
export type TimedEvent<K extends string> = K extends string ? { type: K; t: number } : never;

/** The events of a two-host move: start, the step clock, and the CONTRACT faults. */
export type MoveEvent = TimedEvent<'START' | 'STEP_DONE' | MoveFaultType>;

type Ended<K extends string> = K extends string ? { kind: K; text: string } : never;

/** How a move ended: `Ok` when it succeeded; a refusal names the failed requirements. */
export type MoveOutcome<Ok extends string> =
  | Ended<Ok | 'failed' | 'cancelled'>
  | { kind: 'refused'; text: string; failed: Requirement[] };

/** The log with one more entry. */
export function addLog(
  entries: readonly LogEntry[],
  t: number,
  kind: LogEntry['kind'],
  text: string,
): LogEntry[] {
  return [...entries, { t, kind, text }];
}

export const hostName = (c: { world: World }, id: string): string => c.world.hosts[id]?.name ?? id;
export const vmName = (c: { world: World; vm: string }): string => c.world.vms[c.vm]?.name ?? c.vm;

/** Where the VM is executing, for the invariant checks and the inventory. */
export function vmHost(c: { world: World; vm: string }): string | undefined {
  return activeInstance(c.world, c.vm)?.host;
}

interface RunLog {
  step: StepClock;
  log: LogEntry[];
}

/** A refused start: the outcome names every failed requirement. */
export function refusal(c: RunLog, failed: Requirement[], t: number) {
  const text = `Refused: ${failed.map((r) => `${r.label}. ${r.problem ?? ''}`).join(' ')}`.trim();
  return {
    outcome: { kind: 'refused' as const, text, failed },
    step: nextStep(c.step, null),
    log: addLog(c.log, t, 'outcome', text),
  };
}

/** The end of a run: the fault that ended it (if any), then its outcome, in the log. */
export function endRun<K extends string>(
  c: RunLog,
  t: number,
  kind: K,
  fault: string | null,
  text: string,
): { outcome: { kind: K; text: string }; step: StepClock; log: LogEntry[] } {
  const log = fault ? addLog(c.log, t, 'fault', fault) : c.log;
  return {
    outcome: { kind, text },
    step: nextStep(c.step, null),
    log: addLog(log, t, 'outcome', text),
  };
}

// ---- a disk copy with mirrored writes ------------------------------------------------------------

/** The destination copy of the VM's files. */
export type DestinationCopy = 'none' | 'copying' | 'mirrored' | 'in-use' | 'discarded';

/** What a fault before the switch discarded of the destination copy. */
export interface DiscardedCopy {
  atS: number;
  blocks: number;
  bytes: number;
}

/** The run state of a move that copies a disk (shared-nothing and storage migration). */
export interface DiskMoveState<O, S extends string> {
  /** Sim time the disk copy started (step 2), null before. */
  copyStartT: number | null;
  destinationCopy: DestinationCopy;
  sourceFiles: S;
  /** The VM uses the destination files (no way back). */
  switched: boolean;
  /** What a fault before the switch discarded. */
  discarded: DiscardedCopy | null;
  outcome: O | null;
  step: StepClock;
  log: LogEntry[];
}

/** A disk move's state before the start. */
export function initialDiskMove(): DiskMoveState<never, 'in-use'> {
  return {
    copyStartT: null,
    destinationCopy: 'none',
    sourceFiles: 'in-use',
    switched: false,
    discarded: null,
    outcome: null,
    step: { durationS: null, seq: 0 },
    log: [],
  };
}

/** The partial destination copy a stop at `t` discards (nothing when no disk is copied). */
export function discardAt(
  c: { plan: { disk: DiskCopyPlan | null }; copyStartT: number | null },
  t: number,
): DiscardedCopy | null {
  if (!c.plan.disk || c.copyStartT === null) return null;
  const atS = Math.max(0, t - c.copyStartT);
  const a = abortCopyAt(c.plan.disk, atS);
  return { atS, blocks: a.discardedBlocks, bytes: a.discardedBytes };
}

/** Source files being deleted when the VM is lost after the switch are kept (not deleted). */
export function keepIfDeleting<S extends string>(s: S): S | 'kept' {
  return s === 'deleting' ? 'kept' : s;
}
