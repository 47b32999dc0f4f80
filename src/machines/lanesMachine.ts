/**
 * The run of a batch of live migrations (cluster queue, SMB concurrent moves), written once for the
 * machines over the lanes of concurrentLanes.ts: the run's context and events, its milestone clock,
 * the ways it ends, and the guards and actions every batch machine takes alike (its states are
 * lanesStates.ts). A machine gives only what is its own (`LanesMachineWays`): its requirements,
 * what a failed host means to it (a cluster restarts the VMs elsewhere, a stand-alone host leaves
 * them off) and its words.
 */
import { assign } from 'xstate';
import {
  type ConcurrentParams,
  type ConcurrentPlan,
  planConcurrent,
} from '../model/concurrentMigration';
import type { Requirement } from '../model/requirements';
import { LM_NETWORK } from '../model/scenarios';
import { setNetworkUp, type World } from '../model/world';
import {
  applyMilestone,
  cancellable,
  endLanes,
  type LaneStatus,
  type LanesContext,
} from './concurrentLanes';
import {
  addLog,
  hostName,
  initialRun,
  MOVE_GUARDS,
  noteFault,
  noteInfo,
  noteNetworkCut,
  type RunEvent,
  type RunOutcome,
  type RunState,
  refusalText,
  endRun as runEnd,
  refusal as runRefusal,
} from './kernel';
import { nextStep, type StepClock } from './step';

/** How a batch run ended. */
export type LanesOutcome = RunOutcome<'migrated'>;

/** The events of a batch run: start, the runner's STEP_DONE, the move faults and cancel. */
export type LanesEvent = RunEvent;

/** The lanes of a machine run by the SimRunner to an outcome. */
export interface LanesRunContext extends LanesContext, RunState<LanesOutcome> {
  /** Sim time the start was pressed, s; null before. */
  startT: number | null;
  /** Sim time the run ended, s; null while it goes on. */
  endT: number | null;
}

/** The run's context before the start: every lane still to be planned in. */
export function initialLanesRun(
  input: { world: World; vms: string[]; source: string; destination: string },
  plan: ConcurrentPlan,
): LanesRunContext {
  return {
    plan,
    world: input.world,
    vms: input.vms,
    source: input.source,
    destination: input.destination,
    milestone: -1,
    lanes: {},
    startT: null,
    endT: null,
    ...initialRun(),
  };
}

/** Every selected VM waiting to start. */
export function queuedLanes(vms: readonly string[]): Record<string, LaneStatus> {
  return Object.fromEntries(vms.map((vm) => [vm, 'queued' as LaneStatus]));
}

/** The failed requirements of all the selected VMs, each named once. */
export function failedRequirementsOf(
  vms: readonly string[],
  check: (vm: string) => Requirement[],
): Requirement[] {
  const seen = new Set<string>();
  const out: Requirement[] = [];
  for (const vm of vms) {
    for (const r of check(vm)) {
      if (!r.ok && !seen.has(r.id)) {
        seen.add(r.id);
        out.push(r);
      }
    }
  }
  return out;
}

/** The start refused: no VM selected, or the requirements that failed. */
export function refusal(c: LanesRunContext, t: number, failed: Requirement[]) {
  const text = c.vms.length === 0 ? 'Refused: no VM is selected.' : refusalText(failed);
  return { ...runRefusal(c, failed, t, text), endT: t };
}

/** Durations come from the plan: the time to the next milestone. */
export function milestoneIntervalS(c: LanesContext, index: number): number {
  const m = c.plan.milestones;
  return (m[index + 1] ?? m[index] ?? 0) - (m[index] ?? 0);
}

/** A timed state lasts until the next milestone. */
export function timeInterval(c: LanesRunContext): { step: StepClock } {
  return { step: nextStep(c.step, milestoneIntervalS(c, c.milestone)) };
}

/** The next milestone reached. */
export function advanceLanes(c: LanesContext, t: number): Partial<LanesContext> {
  return applyMilestone(c, c.milestone + 1, t);
}

/** The last milestone reached: every lane done, the outcome text from the finished context. */
export function finishLanes<C extends LanesRunContext>(c: C, t: number, say: (done: C) => string) {
  const next = applyMilestone(c, c.plan.milestones.length - 1, t);
  const text = say({ ...c, ...next });
  return {
    ...next,
    endT: t,
    outcome: { kind: 'migrated' as const, text },
    step: nextStep(c.step, null),
    log: addLog(next.log ?? c.log, t, 'outcome', text),
  };
}

/** The run ends now with `kind`: the fault and the outcome logged. */
export function endRun(
  c: LanesRunContext,
  t: number,
  kind: 'failed' | 'cancelled',
  fault: string,
  text: string,
) {
  return { endT: t, ...runEnd(c, t, kind, fault, text) };
}

/** A fault (or cancel) ends the run: every lane ended by `endLanes` on `world`. */
export function endRunWithLanes(
  c: LanesRunContext,
  t: number,
  kind: 'failed' | 'cancelled',
  fault: string,
  headline: string,
  world: World,
  opts: Parameters<typeof endLanes>[2],
) {
  const r = endLanes(c, world, opts);
  return {
    world: r.world,
    lanes: r.lanes,
    ...endRun(c, t, kind, fault, `${headline}: ${r.notes.join('; ')}.`),
  };
}

/** The live migration network cut under way: lanes before their handoff roll back. */
export function cutNetworkRun(c: LanesRunContext, t: number) {
  return endRunWithLanes(
    c,
    t,
    'failed',
    'Live migration network cut',
    'Failed: the live migration network was cut',
    setNetworkUp(c.world, LM_NETWORK, false),
    {},
  );
}

/** Cancel under way: like a cut network, on purpose. */
export function cancelRun(c: LanesRunContext, t: number) {
  return endRunWithLanes(c, t, 'cancelled', 'Cancel requested', 'Cancelled', c.world, {});
}

/** Cancel refused (nothing left to undo), saying why. */
export function cancelRefused(c: LanesContext, t: number, why: string) {
  return noteInfo(c, t, `Cancel refused: ${why}`);
}

/** A fault before the start: the live migration network cut. */
export function idleCutNetwork(c: LanesContext, t: number) {
  return noteNetworkCut(c, t);
}

/** Guards the batch machines share. */
export const LANES_GUARDS = {
  lastMilestoneNext: ({ context }: { context: LanesContext }) =>
    context.milestone + 1 >= context.plan.milestones.length - 1,
  networkUp: MOVE_GUARDS.networkUp,
  destinationUp: MOVE_GUARDS.destinationUp,
  cancellable: ({ context }: { context: LanesContext }) => cancellable(context),
};

/**
 * The actions every batch machine runs the same way: the milestone clock, and the network cut and
 * cancel that end every lane (before the start, a cut only changes the world).
 */
export function lanesActions<C extends LanesRunContext, E extends RunEvent>() {
  const act = (f: (c: C, t: number) => Partial<LanesRunContext>) =>
    assign<C, E, undefined, E, never>(({ context, event }) => f(context, event.t) as Partial<C>);
  return {
    advance: act(advanceLanes),
    timeInterval: act(timeInterval),
    cutNetwork: act(cutNetworkRun),
    cancel: act(cancelRun),
    idleCut: act(idleCutNetwork),
  };
}

/** `host` went down under way: the run fails, every lane ended by `endLanes` on `world`. */
export function hostFailedRun(
  c: LanesRunContext,
  t: number,
  host: string,
  headline: string,
  world: World,
  opts: Parameters<typeof endLanes>[2],
) {
  return endRunWithLanes(
    c,
    t,
    'failed',
    `${hostName(c.world, host)} failed`,
    headline,
    world,
    opts,
  );
}

// ---- a batch machine, from what is its own -------------------------------------------------------

/** A batch machine's context: its lanes' run, and the parameters and seed they are planned from. */
export interface LanesMachineContext extends LanesRunContext {
  params: ConcurrentParams;
  seed: number;
}

/** What a batch machine does and says its own way. */
export interface LanesMachineWays<C extends LanesMachineContext> {
  /** One selected VM's requirements (the start is refused unless every VM meets them all). */
  requirements: (c: C, vm: string) => Requirement[];
  /** The world once `host` went down (with whatever goes down with it). */
  hostDown: (c: C, host: string) => World;
  /** A failover cluster restarts the VMs of a host that went down (else they stay off). */
  restart: boolean;
  /** Said after "Failed: <source> went down with the VMs still on it" ('' for nothing more). */
  sourceDownMore: string;
  /** Why cancel is refused once every migration left is past its handoff. */
  noWayBack: string;
  /** The outcome once every VM is migrated (from the finished context). */
  migrated: (c: C) => string;
  /**
   * The source goes down before the start: the world after it (the lanes' fate, if it changes
   * them) and the outcome text.
   */
  sourceDownFirst: (c: C) => { world: World; lanes?: Record<string, LaneStatus>; text: string };
}

/** What a batch machine is planned from. */
interface LanesMachineInput {
  params: ConcurrentParams;
  seed: number;
  world: World;
  vms: string[];
  source: string;
  destination: string;
}

/**
 * A batch machine's run, from its ways: its `context` before the start (every selected VM planned
 * in, at most `limit` at a time; null: all at once); its guards (the shared ones, and its
 * requirements met by a selection); its actions (`lanesActions`, the refusal, the finish, cancel
 * refused, and a host going down under way, which fails the run, or before the start).
 */
export function lanesRun<C extends LanesMachineContext>(ways: LanesMachineWays<C>) {
  const failedRequirements = (c: C) =>
    failedRequirementsOf(c.vms, (vm) => ways.requirements(c, vm));
  const act = (f: (c: C, t: number) => Partial<LanesRunContext>) =>
    assign<C, LanesEvent, undefined, LanesEvent, never>(
      ({ context, event }) => f(context, event.t) as Partial<C>,
    );
  const failed = (c: C, t: number, host: string, headline: string) =>
    hostFailedRun(c, t, host, headline, ways.hostDown(c, host), {
      restartFrom: host,
      restart: ways.restart,
    });
  const guards = {
    ...LANES_GUARDS,
    requirementsMet: ({ context }: { context: C }) =>
      context.vms.length > 0 && failedRequirements(context).length === 0,
  };
  const actions = {
    ...lanesActions<C, LanesEvent>(),
    refuse: act((c, t) => refusal(c, t, failedRequirements(c))),
    finish: act((c, t) => finishLanes(c, t, ways.migrated)),
    cancelRefused: act((c, t) => cancelRefused(c, t, ways.noWayBack)),
    failSource: act((c, t) =>
      failed(
        c,
        t,
        c.source,
        `Failed: ${hostName(c.world, c.source)} went down with the VMs still on it${ways.sourceDownMore}`,
      ),
    ),
    failDestination: act((c, t) =>
      failed(c, t, c.destination, `Failed: ${hostName(c.world, c.destination)} went down`),
    ),
    idleFailDestination: act((c, t) =>
      noteFault(
        c,
        t,
        ways.hostDown(c, c.destination),
        `${hostName(c.world, c.destination)} failed`,
      ),
    ),
    idleFailSource: act((c, t) => {
      const { world, lanes, text } = ways.sourceDownFirst(c);
      return {
        world,
        ...(lanes ? { lanes } : {}),
        ...endRun(c, t, 'failed', `${hostName(c.world, c.source)} failed`, text),
      };
    }),
  };
  const context = (input: LanesMachineInput, limit: number | null): LanesMachineContext => ({
    params: input.params,
    seed: input.seed,
    ...initialLanesRun(input, planConcurrent(input.params, input.vms, limit, input.seed)),
  });
  return { context, guards, actions };
}
