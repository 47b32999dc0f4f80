/**
 * Pieces the move machines share (live migration, shared-nothing, storage migration): the state of a
 * disk copy with mirrored writes (what a fault before the switch discards). The log, refusals,
 * endings and names come from the run kernel (./kernel), re-exported here. Pure functions.
 */
import { abortCopyAt, type DiskCopyPlan } from '../model/diskCopy';
import { activeInstance, type World } from '../model/world';
import { initialRun, type RunEvent, type RunOutcome, type RunState } from './kernel';

export {
  addLog,
  endRun,
  hostName,
  noteFault,
  refusal,
  storageName,
  type TimedEvent,
  vmName,
} from './kernel';

/** The events of a two-host move: start, the step clock, and the CONTRACT faults. */
export type MoveEvent = RunEvent;

/** How a move ended: `Ok` when it succeeded; a refusal names the failed requirements. */
export type MoveOutcome<Ok extends string> = RunOutcome<Ok>;

/** Where the VM is executing, for the invariant checks and the inventory. */
export function vmHost(c: { world: World; vm: string }): string | undefined {
  return activeInstance(c.world, c.vm)?.host;
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
export interface DiskMoveState<O, S extends string> extends RunState<O> {
  /** Sim time the disk copy started (step 2), null before. */
  copyStartT: number | null;
  destinationCopy: DestinationCopy;
  sourceFiles: S;
  /** The VM uses the destination files (no way back). */
  switched: boolean;
  /** What a fault before the switch discarded. */
  discarded: DiscardedCopy | null;
}

/** A disk move's state before the start. */
export function initialDiskMove(): DiskMoveState<never, 'in-use'> {
  return {
    copyStartT: null,
    destinationCopy: 'none',
    sourceFiles: 'in-use',
    switched: false,
    discarded: null,
    ...initialRun(),
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
