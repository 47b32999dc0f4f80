/**
 * The run kernel: what every process machine does the same way, in one place.
 *  - the event log (`addLog`), a timed step's start (`enterStep`) and fault notes that end
 *    nothing (`noteFault`);
 *  - the refusal of a start, naming every failed requirement (`refusal`);
 *  - the end of a run: the fault that ended it (if any), then its outcome (`endRun`);
 *  - names of the world's things for the narration (`hostName`, `vmName`, `storageName`);
 *  - the events (`TimedEvent`, `RunEvent`) and outcomes (`RunOutcome`) of a run.
 * Pure functions of a machine's context; no XState here.
 */
import type { Requirement } from '../model/requirements';
import { LM_NETWORK } from '../model/scenarios';
import {
  type InstanceStatus,
  setHostUp,
  setInstance,
  setNetworkUp,
  setStoragePath,
  type World,
} from '../model/world';
import type { MoveFaultType } from './faults';
import { type LogEntry, nextStep, type StepClock, type TimedEvent } from './step';

export type { TimedEvent } from './step';

/** The events of a run: start, the step clock, and the CONTRACT faults (cancel included). */
export type RunEvent = TimedEvent<'START' | 'STEP_DONE' | MoveFaultType>;

type Ended<K extends string> = K extends string ? { kind: K; text: string } : never;

/** How a run ended: one of `Ok` when it succeeded; a refusal names the failed requirements. */
export type RunOutcome<Ok extends string> =
  | Ended<Ok | 'failed' | 'cancelled'>
  | { kind: 'refused'; text: string; failed: Requirement[] };

/** The part of a context the kernel writes: the step clock and the log. */
export interface RunLog {
  step: StepClock;
  log: LogEntry[];
}

/** What every run's context holds: its outcome once it has ended, the step clock and the log. */
export interface RunState<O> extends RunLog {
  outcome: O | null;
}

/** A run before its start: no outcome, the step clock at zero, an empty log. */
export function initialRun(): RunState<never> {
  return { outcome: null, step: { durationS: null, seq: 0 }, log: [] };
}

// ---- the log -------------------------------------------------------------------------------------

/** The log with one more entry. */
export function addLog(
  entries: readonly LogEntry[],
  t: number,
  kind: LogEntry['kind'],
  text: string,
): LogEntry[] {
  return [...entries, { t, kind, text }];
}

/** A timed step begins at `t`: the step clock runs `durationS`, and the log says what happens. */
export function enterStep(c: RunLog, t: number, durationS: number, text: string) {
  return { step: nextStep(c.step, durationS), log: addLog(c.log, t, 'step', text) };
}

/** A fault that ends nothing (before the start, or harmless): the world changes, the fault is logged. */
export function noteFault(c: { log: LogEntry[] }, t: number, world: World, text: string) {
  return { world, log: addLog(c.log, t, 'fault', text) };
}

/**
 * A host goes down and nothing ends (before the start, or a host the run no longer needs): the
 * fault `<host> failed` is logged, with `why` after a colon when given.
 */
export function noteHostDown(
  c: { world: World; log: LogEntry[] },
  t: number,
  host: string,
  why?: string,
) {
  const text = `${hostName(c.world, host)} failed${why ? `: ${why}` : ''}`;
  return noteFault(c, t, setHostUp(c.world, host, false), text);
}

/**
 * The live migration network is cut and nothing ends (before the start, or after the switch):
 * the fault is logged, with `why` after a colon when given.
 */
export function noteNetworkCut(c: { world: World; log: LogEntry[] }, t: number, why?: string) {
  const text = `Live migration network cut${why ? `: ${why}` : ''}`;
  return noteFault(c, t, setNetworkUp(c.world, LM_NETWORK, false), text);
}

/** A VM on one host with its disks on one volume (the session panels' setting). */
interface VmOnVolume {
  world: World;
  vm: string;
  host: string;
  volume: string;
}

/** The host loses its path to the VM's volume: the VM is left `status` (paused, or off). */
export function storageLost(c: VmOnVolume, status: InstanceStatus): World {
  return setInstance(setStoragePath(c.world, c.volume, c.host, false), c.vm, c.host, status);
}

/** The path to the volume is back and the VM runs again, logged; the step waits for the user. */
export function storageBack(c: VmOnVolume & { log: LogEntry[]; step: StepClock }, t: number) {
  return {
    world: setInstance(setStoragePath(c.world, c.volume, c.host, true), c.vm, c.host, 'running'),
    log: addLog(c.log, t, 'info', `The storage is back; ${vmName(c.world, c.vm)} runs again`),
    step: nextStep(c.step, null),
  };
}

/** A line in the log that changes nothing else (a cancel refused, say). */
export function noteInfo(c: { log: LogEntry[] }, t: number, text: string) {
  return { log: addLog(c.log, t, 'info', text) };
}

// ---- refusal and ending --------------------------------------------------------------------------

/** "Refused: <label>. <problem> ..." for every failed requirement. */
export function refusalText(failed: readonly Requirement[]): string {
  return `Refused: ${failed.map((r) => `${r.label}. ${r.problem ?? ''}`).join(' ')}`.trim();
}

/** A refused start: the outcome names every failed requirement (or says `text` instead). */
export function refusal(c: RunLog, failed: Requirement[], t: number, text = refusalText(failed)) {
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

// ---- names for the narration ---------------------------------------------------------------------

/** A host's name; its id when the world does not know it; 'nowhere' for no host. */
export function hostName(w: World, id: string | null | undefined): string {
  return id ? (w.hosts[id]?.name ?? id) : 'nowhere';
}

/** A VM's name; its id when the world does not know it. */
export function vmName(w: World, id: string): string {
  return w.vms[id]?.name ?? id;
}

/** A storage's name (a volume, a share, a disk); `fallback` (default: its id) when unknown. */
export function storageName(w: World, id: string | undefined, fallback?: string): string {
  const name = id === undefined ? undefined : w.storage[id]?.name;
  return name ?? fallback ?? id ?? 'the storage';
}

// ---- the machine's ending states ---------------------------------------------------------------

/** The final states a run ends in, one per outcome kind: `...outcomeStates('migrated', 'failed')`. */
export function outcomeStates<const K extends string>(
  ...kinds: K[]
): { [P in K]: { type: 'final' } } {
  return Object.fromEntries(kinds.map((k) => [k, { type: 'final' as const }])) as {
    [P in K]: { type: 'final' };
  };
}

// ---- guards and transitions every move shares ------------------------------------------------------

type MoveGuardArgs = { context: { world: World; source: string; destination: string } };

/** The live migration network and the two hosts of a move are up (a fault may still hit them). */
export const MOVE_GUARDS = {
  networkUp: ({ context }: MoveGuardArgs) => context.world.networks[LM_NETWORK]?.up === true,
  sourceUp: ({ context }: MoveGuardArgs) => context.world.hosts[context.source]?.up === true,
  destinationUp: ({ context }: MoveGuardArgs) =>
    context.world.hosts[context.destination]?.up === true,
};

/** START: the run begins at `target` when its requirements are met, else it is refused. */
export function startOrRefuse<const T extends string, const A extends string = never>(
  target: T,
  actions?: A,
) {
  return [
    actions === undefined
      ? ({ guard: 'requirementsMet', target } as const)
      : ({ guard: 'requirementsMet', target, actions } as const),
    { target: 'refused', actions: 'refuse' },
  ] as const;
}
