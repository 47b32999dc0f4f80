/**
 * A failover-cluster run as one reusable state fragment (the Cluster Shared Volume and the shared
 * VHDX machines): idle until START, then a run of fixed length in which a fault at any moment
 * starts a recovery, in steps:
 *   2 `detecting`: the failure is detected (its lines are logged when the detection ends);
 *   3 `switching`: what waited on the failure is re-made (a new coordinator, redirected I/O, the
 *     service on another guest node, an SMB reconnection);
 *   4 `restarting`: the failed node's VMs boot on a surviving node;
 *   5 `steady`: the run carries on to its end;
 * and `completed` when its time is up, or `failed` when a fault ends it. A step the model says
 * nothing waits on is skipped; the end of the run cuts any step short; a fault during a recovery
 * starts it again at step 2.
 *
 * Each machine gives its first step, its step meta, its fault transitions, what its model says waits
 * on each step, and the actions that narrate its own start, switch and restarts ('begin',
 * 'enterSwitching', 'switched', 'enterRestarting', 'booted'); the fragment gives the states, the
 * step clock, and the guards and actions every such run shares, to be spread into the machine's
 * `setup`. The helpers below are the context updates both machines' own actions make.
 */
import { type AnyEventObject, assign, type MachineContext } from 'xstate';
import {
  addLog,
  endRun,
  initialRun,
  outcomeStates,
  type RunOutcome,
  type RunState,
} from './kernel';
import { type LogEntry, nextStep, type StepClock, type StepMeta } from './step';

/** What the fragment reads and writes of a machine's context. */
export interface RecoveryContext extends MachineContext {
  /** Sim time the run ends, s (set at the start). */
  endAt: number;
  /** Sim time the current step began, s. */
  since: number;
  /** How long the detection under way takes, s. */
  detectS: number;
  /** Log lines for when the detection under way ends (a node declared down, say). */
  onDetected: string[];
  step: StepClock;
  log: LogEntry[];
}

/**
 * A cluster run's whole context: its figures (`params`), the cluster's state, what the run has
 * measured (`tally`), and the recovery's fields.
 */
export interface ClusterRunContext<P, Cl, T>
  extends RunState<RunOutcome<'completed'>>,
    RecoveryContext {
  params: P;
  cluster: Cl;
  tally: T;
}

/** A run of `runS` seconds before its start: nothing detected, nothing logged, no outcome. */
export function initialRecovery(
  runS: number,
): Pick<RecoveryContext, 'endAt' | 'since' | 'detectS' | 'onDetected'> & RunState<never> {
  return { endAt: runS, since: 0, detectS: 0, onDetected: [], ...initialRun() };
}

/** The log with one entry of `kind` at `t` per line, in order. */
export function logLines(
  log: LogEntry[],
  t: number,
  kind: LogEntry['kind'],
  lines: readonly string[],
): LogEntry[] {
  return lines.reduce((l, text) => addLog(l, t, kind, text), log);
}

/** A timed step begins at `t`: it lasts `d` seconds, cut short at the end of the run. */
export function timed(
  c: Pick<RecoveryContext, 'step' | 'endAt'>,
  t: number,
  d: number,
): Pick<RecoveryContext, 'since' | 'step'> {
  return { since: t, step: nextStep(c.step, Math.max(0, Math.min(d, c.endAt - t))) };
}

/** The run starts at `t`: it ends `runS` later; `text` says what starts. */
export function runBegins(c: Pick<RecoveryContext, 'log'>, t: number, runS: number, text: string) {
  return { endAt: t + runS, log: addLog(c.log, t, 'step', text) };
}

/**
 * A fault the run survives, at `t`: `lines` are logged now, `onDetected` when the detection under
 * way ends, which now takes `detectS` (the recovery starts again at step 2).
 */
export function faultSurvived(
  c: Pick<RecoveryContext, 'log' | 'onDetected'>,
  t: number,
  detectS: number,
  lines: readonly string[],
  onDetected: readonly string[],
): Pick<RecoveryContext, 'log' | 'detectS' | 'onDetected'> {
  return {
    log: logLines(c.log, t, 'fault', lines),
    detectS,
    onDetected: [...c.onDetected, ...onDetected],
  };
}

/** A fault that ends the run, at `t`: `fault` is logged, then the failure `text`; nothing is pending. */
export function faultFails(c: RunState<unknown>, t: number, fault: string, text: string) {
  return { onDetected: [] as string[], ...endRun(c, t, 'failed', fault, text) };
}

/** What a machine gives the fragment. */
export interface ClusterRunSteps<
  C extends RecoveryContext,
  E,
  First extends string,
  Entry extends string,
  Faults,
> {
  /** The machine's `completed` state by id ('#csv.completed'), where the end of the run goes. */
  completed: string;
  /** The first step (the run with nothing wrong): its state's name, entry action and meta. */
  first: { name: First; entry: Entry; meta: StepMeta };
  meta: Record<'detecting' | 'switching' | 'restarting' | 'steady', StepMeta>;
  /** The fault transitions while the run goes on (they lead to `detecting`, or end the run). */
  faults: Faults;
  /** Something waits on the switch step now (the model's). */
  switchPending: (c: C) => boolean;
  /** Some VM waits to restart now (the model's). */
  bootPending: (c: C) => boolean;
  /** Once the restarted VMs run, something waits on the switch step (a service waiting for its node). */
  switchAfterBoot: (c: C) => boolean;
  /** The run's end, its time up: the figures and the outcome. */
  complete: (c: C, e: E) => Partial<C>;
}

/** Times go up to the run's end within this much (sums of steps are not exact). */
const EPS = 1e-9;

/** The fragment's fields of `RecoveryContext`, as an update of the machine's own context. */
const update = <C extends RecoveryContext>(u: Partial<RecoveryContext>) => u as Partial<C>;

/** Rows `[guard, state]` as the transitions that run `A` on the way. */
type GuardedRows<N, A> = {
  [K in keyof N]: N[K] extends readonly [infer G, infer T]
    ? { guard: G; target: T; actions: A }
    : never;
};

/**
 * The states of a cluster run for context `C` and events `E` (idle until START runs 'begin'; the
 * steps; the two endings), with the guards and the actions of the steps every such run shares.
 */
export function clusterRunStates<
  C extends RecoveryContext,
  E extends AnyEventObject & { t: number },
>() {
  return <const First extends string, const Entry extends string, const Faults>(
    f: ClusterRunSteps<C, E, First, Entry, Faults>,
  ) => {
    type A = ReturnType<typeof assign<C, E, undefined, E, never>>;
    const actions: Record<'enterDetecting' | 'detected' | 'enterSteady' | 'complete', A> = {
      enterDetecting: assign<C, E, undefined, E, never>(({ context, event }) =>
        update<C>(timed(context, event.t, context.detectS)),
      ),
      detected: assign<C, E, undefined, E, never>(({ context, event }) =>
        update<C>({
          log: logLines(context.log, event.t, 'step', context.onDetected),
          onDetected: [],
        }),
      ),
      enterSteady: assign<C, E, undefined, E, never>(({ context, event }) =>
        update<C>(timed(context, event.t, context.endAt - event.t)),
      ),
      complete: assign<C, E, undefined, E, never>(({ context, event }) =>
        f.complete(context, event),
      ),
    };
    const guards = {
      timeUp: ({ context, event }: { context: C; event: E }) => event.t >= context.endAt - EPS,
      switchPending: ({ context }: { context: C }) => f.switchPending(context),
      bootPending: ({ context }: { context: C }) => f.bootPending(context),
      switchAfterBoot: ({ context }: { context: C }) => f.switchAfterBoot(context),
    };
    /** The step lasts to the end of the run, where the run completes. */
    const toTheEnd = { STEP_DONE: { target: f.completed, actions: 'complete' } } as const;
    /**
     * A recovery step is done: the run completes if its time is up; else, running `actions`, it
     * goes to the first of the later steps `next` whose guard holds, or on to `steady`.
     */
    const done = <const Ac extends string, const N extends readonly (readonly [string, string])[]>(
      actions: Ac,
      ...next: N
    ) =>
      ({
        STEP_DONE: [
          { guard: 'timeUp', target: f.completed, actions: 'complete' },
          ...(next.map(([guard, target]) => ({ guard, target, actions })) as GuardedRows<N, Ac>),
          { target: 'steady', actions },
        ],
      }) as const;
    const first = { entry: f.first.entry, meta: f.first.meta, on: toTheEnd };
    const steps = {
      detecting: {
        entry: 'enterDetecting',
        meta: f.meta.detecting,
        on: done('detected', ['switchPending', 'switching'], ['bootPending', 'restarting']),
      },
      switching: {
        entry: 'enterSwitching',
        meta: f.meta.switching,
        on: done('switched', ['bootPending', 'restarting']),
      },
      restarting: {
        entry: 'enterRestarting',
        meta: f.meta.restarting,
        on: done('booted', ['switchAfterBoot', 'switching']),
      },
      steady: { entry: 'enterSteady', meta: f.meta.steady, on: toTheEnd },
    } as const;
    const states = {
      idle: { on: { START: { target: 'running', actions: 'begin' } } },
      running: {
        initial: f.first.name,
        on: f.faults,
        states: { [f.first.name]: first, ...steps } as Record<First, typeof first> & typeof steps,
      },
      ...outcomeStates('completed', 'failed'),
    } as const;
    return { states, actions, guards };
  };
}
