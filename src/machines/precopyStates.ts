/**
 * The pre-copy rounds of a live migration as one reusable state fragment: the full copy of the
 * memory, the dirty rounds (one state re-entered once per round), and the stop-and-copy that
 * pauses the VM on its source. Each machine gives its own step meta, log texts and the state that
 * follows; the fragment gives the states, the entry actions and the `moreDirtyRounds` guard, to be
 * spread into the machine's `setup` and its state tree.
 */
import { type AnyEventObject, assign, type MachineContext } from 'xstate';
import type { PrecopyResult } from '../model/precopy';
import { setInstance, type World } from '../model/world';
import { addLog } from './kernel';
import { type LogEntry, nextStep, type StepClock, type StepMeta } from './step';

/** What the fragment reads and writes of a machine's context. */
export interface PrecopyContext extends MachineContext {
  world: World;
  vm: string;
  source: string;
  /** Index into the pre-copy rounds of the round under way; -1 before the copy. */
  round: number;
  step: StepClock;
  log: LogEntry[];
}

export interface PrecopyFragment<C extends PrecopyContext, Next extends string> {
  /** The machine's pre-copy plan. */
  plan: (c: C) => PrecopyResult;
  meta: { full: StepMeta; dirty: StepMeta; stop: StepMeta };
  /** The log line at the start of the full copy, of dirty round `index` (0-based), of the stop. */
  say: { full: string; dirty: (index: number) => string; stop: (c: C) => string };
  /** Added to the stop-and-copy's duration (a machine that hands storage off in the same pause). */
  stopExtraS?: (c: C) => number;
  /** Where the stop-and-copy goes when it is done. */
  next: Next;
}

/** The fields of `PrecopyContext` the fragment writes, as an update of the machine's own context. */
const update = <C extends PrecopyContext>(u: Partial<PrecopyContext>) => u as Partial<C>;

/** The rounds' states, their entry actions and guard, for a machine with context `C`. */
export function precopyStates<
  C extends PrecopyContext,
  E extends AnyEventObject & { t: number },
>() {
  return <Next extends string>(f: PrecopyFragment<C, Next>) => {
    const roundAt = (c: C, index: number) => f.plan(c).rounds[index]?.durationS ?? 0;
    type A = ReturnType<typeof assign<C, E, undefined, E, never>>;
    const actions: Record<'enterFullCopy' | 'enterDirtyRound' | 'enterStopAndCopy', A> = {
      enterFullCopy: assign<C, E, undefined, E, never>(({ context, event }) =>
        update<C>({
          round: 0,
          step: nextStep(context.step, roundAt(context, 0)),
          log: addLog(context.log, event.t, 'step', f.say.full),
        }),
      ),
      enterDirtyRound: assign<C, E, undefined, E, never>(({ context, event }) => {
        const index = context.round + 1;
        return update<C>({
          round: index,
          step: nextStep(context.step, roundAt(context, index)),
          log: addLog(context.log, event.t, 'step', f.say.dirty(index)),
        });
      }),
      enterStopAndCopy: assign<C, E, undefined, E, never>(({ context, event }) => {
        const index = f.plan(context).rounds.length - 1;
        return update<C>({
          round: index,
          world: setInstance(context.world, context.vm, context.source, 'paused'),
          step: nextStep(
            context.step,
            roundAt(context, index) + (f.stopExtraS ? f.stopExtraS(context) : 0),
          ),
          log: addLog(context.log, event.t, 'step', f.say.stop(context)),
        });
      }),
    };
    const guards = {
      moreDirtyRounds: ({ context }: { context: C }) =>
        context.round + 1 < f.plan(context).precopyRounds,
    };
    const afterRound = [
      { guard: 'moreDirtyRounds', target: 'copyingDirtyPages', reenter: true },
      { target: 'stopAndCopy' },
    ] as const;
    const states = {
      copyingMemory: {
        entry: 'enterFullCopy',
        meta: f.meta.full,
        on: { STEP_DONE: afterRound },
      },
      copyingDirtyPages: {
        entry: 'enterDirtyRound',
        meta: f.meta.dirty,
        on: { STEP_DONE: afterRound },
      },
      stopAndCopy: {
        entry: 'enterStopAndCopy',
        meta: f.meta.stop,
        on: { STEP_DONE: f.next },
      },
    } as const;
    return { states, actions, guards };
  };
}
