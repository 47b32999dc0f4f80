/**
 * A failover-cluster run as one reusable machine (the Cluster Shared Volume and the shared VHDX
 * machines): idle until START, then a run of fixed length in which a fault at any moment starts a
 * recovery, in steps:
 *   2 `detecting`: the failure is detected (its lines are logged when the detection ends);
 *   3 `switching`: what waited on the failure is re-made (a new coordinator, redirected I/O, the
 *     service on another guest node, an SMB reconnection);
 *   4 `restarting`: the failed node's VMs boot on a surviving node;
 *   5 `steady`: the run carries on to its end;
 * and `completed` when its time is up, or `failed` when a fault ends it. A step the model says
 * nothing waits on is skipped; the end of the run cuts any step short; a fault during a recovery
 * starts it again at step 2. A fault the model refuses here is logged and changes nothing.
 *
 * Each machine gives its id, its step meta, its fault menu, its model (what a fault does, what
 * waits on the switch step, how long it takes and what it leaves), its figures (`settle`) and what
 * its log says at each moment (`ClusterRunTexts`); `clusterRun` gives the states, the step clock,
 * the guards and the actions, as `setup` implementations and a machine config:
 * `setup(RUN.setup).createMachine(RUN.config)`. The restarts are the failover cluster's
 * (model/failoverCluster.ts) in both.
 */
import { assign, type MachineContext } from 'xstate';
import {
  bootBegins,
  bootDone,
  needsBoot,
  type Restarting,
  restartHosts,
  type SwitchStep,
} from '../model/failoverCluster';
import type { ClusterFaultOption } from './faults';
import {
  addLog,
  endRun,
  hostName,
  initialRun,
  noteInfo,
  outcomeStates,
  type RunOutcome,
  type RunState,
  vmName,
} from './kernel';
import { type LogEntry, nextStep, type StepClock, type StepMeta, type TimedEvent } from './step';

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
export interface ClusterRunContext<P, Cl extends Restarting, T>
  extends RunState<RunOutcome<'completed'>>,
    RecoveryContext {
  params: P;
  cluster: Cl;
  tally: T;
}

/** The events of a cluster run whose fault menu is `L`. */
export type ClusterRunEvent<L extends readonly { type: string }[]> = TimedEvent<
  'START' | 'STEP_DONE' | L[number]['type']
>;

/** What a fault does (the model's): the cluster after it, its detection, any end of the run. */
export interface ClusterFaultResult<Cl> {
  cluster: Cl;
  detectS: number;
  end: string | null;
}

/** What the log says at each moment of a run (`F`: the model's faults, `R`: what one does). */
export interface ClusterRunTexts<C extends AnyClusterContext, F, R> {
  /** The run starts. */
  begin: (c: C) => string;
  /** A fault the run survives: what happens now, and what is logged once it is detected. */
  hit: (c: C, r: R, fault: F) => string[];
  detected: (c: C, r: R, fault: F) => string[];
  /** A fault that ends the run: the fault, then the failure. */
  failed: (c: C, r: R, fault: F) => { fault: string; text: string };
  /** Step 3 begins, and its end (`next`: the cluster after it). */
  switching: (c: C) => string[];
  switched: (c: C, next: C['cluster']) => string;
  /** Step 4 begins ("vm on node, ..."), and the VMs (by name) have booted. */
  restart: (where: string) => string;
  booted: (vms: string[]) => string;
  /** The run's time is up. */
  complete: (c: C) => string;
}

type AnyClusterContext = ClusterRunContext<unknown, Restarting, unknown>;

/** What a machine gives `clusterRun`, beside its id, its steps and its faults. */
export interface ClusterRunSpec<C extends AnyClusterContext, I, F, R> {
  /** The run's length and a restarted VM's cold boot, s. */
  timing: { runS: number; vmBootS: number };
  /** The cluster before the start, and any field of the machine's own context. */
  cluster: (input: I) => C['cluster'];
  context?: (input: I) => Partial<C>;
  /** The figures at the start of a run at `t`, and brought up to `t` as the cluster changes. */
  startTally: (t: number) => C['tally'];
  settle: (c: C, t: number, next: C['cluster']) => Pick<C, 'cluster' | 'tally'>;
  /** The figures once `n` restarted VMs run again (none: unchanged). */
  countBoots?: (tally: C['tally'], n: number) => C['tally'];
  /** Why the fault cannot happen here, or null (none: every fault can). */
  refusal?: (cl: C['cluster'], fault: F) => string | null;
  /** Whether the fault can hit now, and what it does (asked only when it can). */
  canInject: (cl: C['cluster'], fault: F, c: C) => boolean;
  inject: (cl: C['cluster'], fault: F, c: C) => R;
  /** The model's switch step: what waits on it, how long it takes, what it leaves. */
  switching: SwitchStep<C['cluster']>;
  say: ClusterRunTexts<C, F, R>;
}

/** The recovery's steps (after the machine's first), in order. */
const RECOVERY_STEPS = ['detecting', 'switching', 'restarting', 'steady'] as const;

type RecoveryStep = (typeof RECOVERY_STEPS)[number];

/** Times go up to the run's end within this much (sums of steps are not exact). */
const EPS = 1e-9;

/** The log with one entry of `kind` at `t` per line, in order. */
function logLines(
  log: LogEntry[],
  t: number,
  kind: LogEntry['kind'],
  lines: readonly string[],
): LogEntry[] {
  return lines.reduce((l, text) => addLog(l, t, kind, text), log);
}

/** A timed step begins at `t`: it lasts `d` seconds, cut short at the end of the run. */
function timed(
  c: Pick<RecoveryContext, 'step' | 'endAt'>,
  t: number,
  d: number,
): Pick<RecoveryContext, 'since' | 'step'> {
  return { since: t, step: nextStep(c.step, Math.max(0, Math.min(d, c.endAt - t))) };
}

/** Rows `[guard, state]` as the transitions that run `A` on the way. */
type GuardedRows<N, A> = {
  [K in keyof N]: N[K] extends readonly [infer G, infer T]
    ? { guard: G; target: T; actions: A }
    : never;
};

/**
 * The machine of a cluster run for context `C` and input `I` (its events: START, STEP_DONE and the
 * faults of its menu): `setup` implementations (its types, guards and actions) and the config
 * (idle until START runs 'begin'; the steps; the two endings).
 */
export function clusterRun<C extends AnyClusterContext, I extends { params: C['params'] }>() {
  return <
    const Id extends string,
    const S extends Record<RecoveryStep, StepMeta> & Record<string, StepMeta>,
    const L extends readonly ClusterFaultOption<unknown>[],
    R extends ClusterFaultResult<C['cluster']>,
  >(
    /** The machine's id (its endings are `#<id>.completed` and `#<id>.failed`). */
    id: Id,
    /** Each step's meta: the first step's (the run with nothing wrong), then the recovery's. */
    meta: S,
    faults: L,
    f: ClusterRunSpec<C, I, L[number]['fault'], R>,
  ) => {
    type E = ClusterRunEvent<L>;
    type F = L[number]['fault'];
    type First = Exclude<keyof S, RecoveryStep> & string;
    const { say, settle } = f;
    const { needsSwitch, switchS, switchDone } = f.switching;
    const { runS, vmBootS } = f.timing;
    const firstStep = Object.keys(meta).find(
      (k) => !(RECOVERY_STEPS as readonly string[]).includes(k),
    ) as First;
    const completed = `#${id}.completed`;
    const faultOf = (e: E) => faults.find((x) => x.type === e.type)?.fault as F;
    const act = (update: (c: C, e: E) => Partial<RecoveryContext> | Partial<C>) =>
      assign<C, E, undefined, E, never>(
        ({ context, event }) => update(context, event) as Partial<C>,
      );
    const actions = {
      begin: act((c, e) => ({
        tally: f.startTally(e.t),
        endAt: e.t + runS,
        log: addLog(c.log, e.t, 'step', say.begin(c)),
      })),
      enterFirst: act((c, e) => timed(c, e.t, runS)),
      // A fault the run survives: the cluster changes now; the recovery starts at step 2, and
      // what is logged on detection waits (with what earlier faults left) until it ends.
      faultHits: act((c, e) => {
        const fault = faultOf(e);
        const r = f.inject(c.cluster, fault, c);
        return {
          ...settle(c, e.t, r.cluster),
          log: logLines(c.log, e.t, 'fault', say.hit(c, r, fault)),
          detectS: r.detectS,
          onDetected: [...c.onDetected, ...say.detected(c, r, fault)],
        };
      }),
      // A fault that ends the run: the fault is logged, then the failure; nothing is pending.
      faultEnds: act((c, e) => {
        const fault = faultOf(e);
        const r = f.inject(c.cluster, fault, c);
        const end = say.failed(c, r, fault);
        return {
          ...settle(c, e.t, r.cluster),
          onDetected: [],
          ...endRun(c, e.t, 'failed', end.fault, end.text),
        };
      }),
      faultRefused: act((c, e) =>
        noteInfo(c, e.t, `Refused: ${f.refusal?.(c.cluster, faultOf(e)) ?? ''}`),
      ),
      enterDetecting: act((c, e) => timed(c, e.t, c.detectS)),
      detected: act((c, e) => ({
        log: logLines(c.log, e.t, 'step', c.onDetected),
        onDetected: [],
      })),
      enterSwitching: act((c, e) => ({
        ...timed(c, e.t, switchS(c.cluster)),
        log: logLines(c.log, e.t, 'step', say.switching(c)),
      })),
      switched: act((c, e) => {
        const next = switchDone(c.cluster);
        return { ...settle(c, e.t, next), log: addLog(c.log, e.t, 'step', say.switched(c, next)) };
      }),
      enterRestarting: act((c, e) => {
        const next = bootBegins(c.cluster);
        const where = restartHosts(next).map(
          (x) => `${vmName(next.world, x.vm)} on ${hostName(next.world, x.host)}`,
        );
        return {
          ...settle(c, e.t, next),
          ...timed(c, e.t, vmBootS),
          log: addLog(c.log, e.t, 'step', say.restart(where.join(', '))),
        };
      }),
      booted: act((c, e) => {
        const vms = Object.keys(c.cluster.restarts);
        const s = settle(c, e.t, bootDone(c.cluster));
        return {
          ...s,
          tally: f.countBoots ? f.countBoots(s.tally, vms.length) : s.tally,
          log: addLog(c.log, e.t, 'step', say.booted(vms.map((v) => vmName(c.cluster.world, v)))),
        };
      }),
      enterSteady: act((c, e) => timed(c, e.t, c.endAt - e.t)),
      complete: act((c, e) => ({
        ...settle(c, e.t, c.cluster),
        ...endRun(c, e.t, 'completed', null, say.complete(c)),
      })),
    };
    type Args = { context: C; event: E };
    const guards = {
      faultRefused: ({ context, event }: Args) =>
        (f.refusal?.(context.cluster, faultOf(event)) ?? null) !== null,
      canFault: ({ context, event }: Args) => f.canInject(context.cluster, faultOf(event), context),
      faultEndsRun: ({ context, event }: Args) =>
        f.canInject(context.cluster, faultOf(event), context) &&
        f.inject(context.cluster, faultOf(event), context).end !== null,
      timeUp: ({ context, event }: Args) => event.t >= context.endAt - EPS,
      switchPending: ({ context }: Args) => needsSwitch(context.cluster),
      bootPending: ({ context }: Args) => needsBoot(context.cluster),
      // Once the restarted VMs run, something may wait on the switch step again (a service
      // waiting for its node to boot).
      switchAfterBoot: ({ context }: Args) => needsSwitch(bootDone(context.cluster)),
    };
    // Every fault, at any moment of the run: refused here, ending the run, or starting a recovery.
    const faultRows = [
      ...(f.refusal ? [{ guard: 'faultRefused', actions: 'faultRefused' } as const] : []),
      { guard: 'faultEndsRun', target: `#${id}.failed`, actions: 'faultEnds' } as const,
      { guard: 'canFault', target: `#${id}.running.detecting`, actions: 'faultHits' } as const,
    ];
    const onFault = Object.fromEntries(faults.map((x) => [x.type, faultRows])) as {
      [K in E['type']]?: typeof faultRows;
    };
    /** The step lasts to the end of the run, where the run completes. */
    const toTheEnd = { STEP_DONE: { target: completed, actions: 'complete' } } as const;
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
          { guard: 'timeUp', target: completed, actions: 'complete' },
          ...(next.map(([guard, target]) => ({ guard, target, actions })) as GuardedRows<N, Ac>),
          { target: 'steady', actions },
        ],
      }) as const;
    const first = { entry: 'enterFirst', meta: meta[firstStep], on: toTheEnd } as const;
    const steps = {
      detecting: {
        entry: 'enterDetecting',
        meta: meta.detecting,
        on: done('detected', ['switchPending', 'switching'], ['bootPending', 'restarting']),
      },
      switching: {
        entry: 'enterSwitching',
        meta: meta.switching,
        on: done('switched', ['bootPending', 'restarting']),
      },
      restarting: {
        entry: 'enterRestarting',
        meta: meta.restarting,
        on: done('booted', ['switchAfterBoot', 'switching']),
      },
      steady: { entry: 'enterSteady', meta: meta.steady, on: toTheEnd },
    } as const;
    const states = {
      idle: { on: { START: { target: 'running', actions: 'begin' } } },
      running: {
        initial: firstStep,
        on: onFault,
        states: { [firstStep]: first, ...steps } as Record<First, typeof first> & typeof steps,
      },
      ...outcomeStates('completed', 'failed'),
    } as const;
    const types = {
      context: {} as C,
      events: {} as E,
      input: {} as I,
      meta: {} as StepMeta,
    };
    const context = ({ input }: { input: I }) =>
      ({
        params: input.params,
        ...f.context?.(input),
        cluster: f.cluster(input),
        tally: f.startTally(0),
        endAt: runS,
        since: 0,
        detectS: 0,
        onDetected: [],
        ...initialRun(),
      }) as unknown as C;
    return {
      setup: { types, guards, actions },
      config: { id, context, initial: 'idle', states } as const,
    };
  };
}
