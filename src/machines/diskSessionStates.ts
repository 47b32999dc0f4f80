/**
 * The state config the disk session machines share around their processes (see `diskSession.ts`):
 * `ready`'s answer to an action, a process state the storage can fail in, the state that waits
 * for the storage to come back, and a timed step. Each machine's `setup` names the guards and
 * actions used here: `allowed`, `refuse`, `storageFails` and `storageBack`.
 */
import type { StepMeta } from './step';

/**
 * An action pressed in `ready`: its process starts at `target` with `begin` when the model allows
 * it (the `allowed` guard), else it is refused; with `refuseIf`, only while that guard holds (an
 * action on a disk the VM does not have yet is not refused: its button is disabled).
 */
export function actOrRefuse<
  const T extends string,
  const A extends string,
  const G extends string = never,
>(target: T, begin: A, refuseIf?: G) {
  return [
    { guard: 'allowed', target, actions: begin } as const,
    refuseIf === undefined
      ? ({ actions: 'refuse' } as const)
      : ({ guard: refuseIf, actions: 'refuse' } as const),
  ] as const;
}

/** A process: its steps, from `initial`; the storage can fail during any of them. */
export function sessionProcess<const I extends string, const S>(initial: I, states: S) {
  return {
    initial,
    on: { FAIL_STORAGE: { target: 'storageLost', actions: 'storageFails' } },
    states,
  } as const;
}

/** Where a failed process leaves the session: the step clock's end brings the storage back. */
export function storageLostState() {
  return { on: { STEP_DONE: { target: 'ready', actions: 'storageBack' } } } as const;
}

/** A timed step of a process: `entry` starts it, `meta` narrates it, its end (STEP_DONE) takes `done`. */
export function stepState<const E extends string, const D>(entry: E, done: D, meta: StepMeta) {
  return { entry, meta, on: { STEP_DONE: done } };
}
