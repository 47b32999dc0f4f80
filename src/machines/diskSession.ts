/**
 * What the disk session machines (virtual disk types, online resize) share. A session keeps its
 * VM in `ready` while the user acts on the VM's disk: an action the model allows runs as a
 * process of timed steps, one the model rules out is refused at once and changes nothing. The
 * host's storage can fail during any step: the process ends failed, the VM waits until the
 * storage is back, and the session is `ready` again. The machines differ in their actions, their
 * steps and what a failure leaves of the disk; this module and `diskSessionStates.ts` (the state
 * config around the processes) hold the rest, so the two keep behaving alike: here, the context
 * every session has and the storage failing and coming back.
 */
import type { InstanceStatus, World } from '../model/world';
import { endRun, initialRun, type RunState, storageBack, storageLost } from './kernel';
import { nextStep } from './step';

/** What every session's context holds beside its disk and its processes. */
export interface SessionContext<O> extends RunState<O> {
  world: World;
  vm: string;
  host: string;
  volume: string;
  /** The storage failed and is not back yet. */
  interrupted: boolean;
}

/** A session before its first action: the VM as the input has it, no process run yet. */
export function sessionStart(input: { world: World; vm: string; host: string; volume: string }) {
  return {
    ...initialRun(),
    world: input.world,
    vm: input.vm,
    host: input.host,
    volume: input.volume,
    process: null,
    before: null,
    interrupted: false,
  };
}

/**
 * The storage fails during a process at `t`: the VM is left `status` (paused, or off when it was
 * shut down for an edit), the process ends failed saying `text`, and the step clock runs
 * `outageS`, the time the storage takes to come back.
 */
export function storageFailed(
  c: SessionContext<unknown>,
  t: number,
  status: InstanceStatus,
  text: string,
  outageS: number,
) {
  return {
    world: storageLost(c, status),
    interrupted: true,
    ...endRun(c, t, 'failed', 'Storage failed', text),
    step: nextStep(c.step, outageS),
  };
}

/** The storage is back at `t`: the VM runs again and the session waits for the user. */
export function storageRestored(c: SessionContext<unknown>, t: number) {
  return { ...storageBack(c, t), interrupted: false };
}
