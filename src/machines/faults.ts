/**
 * The "Inject fault" menus, with the accessible names of CONTRACT.md: the faults every move
 * supports, and each cluster run's (the model's fault each one injects beside it). And what every
 * move does the same way with some of them: the fault table rows of the faults that end nothing.
 */
import type { CsvFault } from '../model/csv';
import type { GuestFault } from '../model/sharedVhdx';
import type { World } from '../model/world';
import { noteHostDown, noteInfo, noteNetworkCut } from './kernel';
import type { LogEntry } from './step';

/** The faults a move supports. */
export const MOVE_FAULTS = [
  { type: 'CUT_NETWORK', label: 'Cut migration network' },
  { type: 'FAIL_SOURCE_HOST', label: 'Fail source host' },
  { type: 'FAIL_DESTINATION_HOST', label: 'Fail destination host' },
  { type: 'FAIL_SOURCE_STORAGE', label: 'Fail source storage' },
  { type: 'FAIL_DESTINATION_STORAGE', label: 'Fail destination storage' },
  { type: 'CANCEL', label: 'Cancel' },
] as const;

export type MoveFaultType = (typeof MOVE_FAULTS)[number]['type'];

export interface FaultOption {
  type: string;
  label: string;
}

/** A fault of a cluster run's menu, and the model's fault it injects. */
export interface ClusterFaultOption<F> extends FaultOption {
  fault: F;
}

/** The Cluster Shared Volume panel's faults (machines/csv.machine.ts). */
export const CSV_FAULTS = [
  { type: 'FAIL_COORDINATOR', label: 'Fail coordinator node', fault: 'coordinator' },
  { type: 'FAIL_NODE_PATH', label: 'Fail node storage path', fault: 'path' },
  { type: 'FAIL_NODE', label: 'Fail node', fault: 'node' },
] as const satisfies readonly ClusterFaultOption<CsvFault>[];

/** The shared VHDX panel's faults (machines/sharedVhdx.machine.ts). */
export const SHARED_VHDX_FAULTS = [
  { type: 'FAIL_GUEST_NODE', label: 'Fail guest node', fault: 'guestNode' },
  { type: 'FAIL_HOST', label: 'Fail host', fault: 'host' },
  { type: 'FAIL_FILE_SERVER_NODE', label: 'Fail file server node', fault: 'fileServer' },
] as const satisfies readonly ClusterFaultOption<GuestFault>[];

// ---- what every move does with some of them ----------------------------------------------------

/** What the rows below read and write of a move's context. */
interface MoveNote {
  world: World;
  log: LogEntry[];
  source: string;
  destination: string;
}

type At = { t: number };

/**
 * Rows of a move's fault table (`faultTable`) for faults that end nothing, with the kernel's
 * `MOVE_GUARDS`. Before the start: the network cut, or the destination failed, is noted (the start
 * then checks its requirements).
 */
export const IDLE_CUT = {
  guard: 'networkUp',
  action: 'idleCut',
  update: (c: MoveNote, e: At) => noteNetworkCut(c, e.t),
} as const;

export const IDLE_DESTINATION_DOWN = {
  guard: 'destinationUp',
  action: 'idleDestinationDown',
  update: (c: MoveNote, e: At) => noteHostDown(c, e.t, c.destination),
} as const;

/** Once the VM runs on the destination: a cut network (`why` it no longer matters), a failed source. */
export function afterSwitchFaults(why: string) {
  return {
    CUT_NETWORK: {
      guard: 'networkUp',
      action: 'harmlessCut',
      update: (c: MoveNote, e: At) => noteNetworkCut(c, e.t, why),
    },
    FAIL_SOURCE_HOST: {
      guard: 'sourceUp',
      action: 'harmlessSourceDown',
      update: (c: MoveNote, e: At) => noteHostDown(c, e.t, c.source, 'the VM has already left it'),
    },
  } as const;
}

/** CANCEL refused where the move cannot go back (`why`, in the log); nothing else changes. */
export function cancelRefused<C extends { log: LogEntry[] }>(why: (c: C) => string) {
  return { action: 'cancelRefused', update: (c: C, e: At) => noteInfo(c, e.t, why(c)) } as const;
}
