/**
 * Opening a run at a moment (a tour stop, a story): the buttons a user would press, in the same
 * order as the named moments (`Moment` in definition.ts) — actions by name, Step forward, Skip
 * to end, a fault by its menu name — applied to the runner before the panel is shown, so it
 * opens there, paused.
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { RunnerView, SimRunner } from '../../sim/runner';
import type { OpenMoment } from '../types';
import type { ActionDef, ActionPayload } from './definition';

type View = RunnerView<AnyMachineSnapshot>;

/** The event an action sends at this moment of the run (null: nothing to act on). */
export function eventAt(x: View, type: string, payload: ActionPayload | undefined) {
  const p = payload ? payload(x) : {};
  return p === null ? null : { ...p, type };
}

/** Whether the machine would take the event now (with the sim time every event carries). */
export function canTake(x: View, type: string, payload: ActionPayload | undefined): boolean {
  const e = eventAt(x, type, payload);
  return e !== null && x.snapshot.status !== 'done' && x.snapshot.can({ ...e, t: x.now });
}

/** The event a button of this name sends: an action, or one of its confirm dialog's choices. */
function pressEvent(actions: readonly ActionDef[], label: string, x: View) {
  for (const a of actions) {
    if (a.label === label && !a.confirm) return eventAt(x, a.type, a.payload);
    const choice = a.confirm?.choices.find((c) => c.label === label);
    if (choice) return eventAt(x, a.type, choice.payload);
  }
  return undefined;
}

/**
 * Apply the moment to the runner (left paused). Returns what could not be done, by name (an
 * unknown button or fault, one the run cannot take at that point); empty when all went through.
 */
export function openAt<M extends AnyStateMachine>(
  runner: SimRunner<M>,
  moment: OpenMoment,
  faults: readonly { type: string; label: string }[],
  actions: readonly ActionDef[] = [],
  startLabel?: string,
): string[] {
  const problems: string[] = [];
  const view = () => runner.getSnapshot() as unknown as View;
  for (const label of moment.press ?? []) {
    const e = pressEvent(actions, label, view());
    if (e === undefined && label === startLabel && !view().started) {
      runner.stepForward(); // the start button, from idle: the run's first step
    } else if (e && view().snapshot.can({ ...e, t: view().now })) {
      runner.inject(e);
    } else {
      problems.push(`cannot press "${label}" here`);
    }
  }
  for (let i = 0; i < (moment.forward ?? 0); i += 1) runner.stepForward();
  if (moment.end) runner.skipToEnd();
  if (moment.inject) {
    const fault = faults.find((f) => f.label === moment.inject);
    const x = view();
    if (!fault) problems.push(`no fault named "${moment.inject}"`);
    else if (x.done || !x.snapshot.can({ type: fault.type, t: x.now }))
      problems.push(`"${moment.inject}" cannot strike here`);
    else runner.inject(fault.type);
  }
  runner.pause();
  return problems;
}
