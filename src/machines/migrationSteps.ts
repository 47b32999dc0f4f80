/**
 * The states the one-VM move machines are made of (shared-nothing live migration, storage
 * migration): a timed step, and the disk move's states around its steps.
 */
import { outcomeStates, startOrRefuse } from './kernel';
import type { StepMeta } from './step';

/** A timed step: entered by `entry` (which sets its clock), its poster step, then on to `next`. */
export function stepState<const Entry extends string, const Next>(
  entry: Entry,
  next: Next,
  meta: StepMeta,
) {
  return { entry, meta, on: { STEP_DONE: next } };
}

/**
 * A disk move's states: `idle` (START into `moving` once the requirements are met, and the
 * machine's faults before the start), `moving` (until the VM uses the destination: every fault
 * rolls back), `switchedOver` (no way back) and the four endings, `success` first.
 */
export function diskMoveStates<
  const Success extends string,
  const Idle extends object,
  const Moving extends object,
  const Switched extends object,
>(success: Success, states: { idle: Idle; moving: Moving; switchedOver: Switched }) {
  return {
    idle: { on: { START: startOrRefuse('moving'), ...states.idle } },
    moving: states.moving,
    switchedOver: states.switchedOver,
    ...outcomeStates<Success | 'failed' | 'cancelled' | 'refused'>(
      success,
      'failed',
      'cancelled',
      'refused',
    ),
  };
}
