/**
 * World changes shared by the machines that run several live migrations at once (cluster queue,
 * SMB concurrent moves). Each selected VM is a lane of the plan (model/concurrentMigration.ts);
 * at every milestone a lane's stage decides where the VM executes:
 *  - queued, connecting, copying: running on the source (a shell on the destination once started);
 *  - stop-and-copy, handoff: paused on the source, the shell on the destination;
 *  - resuming, switch update: running on the destination, gone from the source;
 *  - done: running on the destination, the switch sends its traffic there.
 * Pure functions of plain data.
 */

import { assign } from 'xstate';
import { restartPlacement } from '../model/clusterScenario';
import type { ConcurrentPlan, LaneStage } from '../model/concurrentMigration';
import { laneAt } from '../model/concurrentMigration';
import type { Requirement } from '../model/requirements';
import { LM_NETWORK } from '../model/scenarios';
import {
  removeInstance,
  setInstance,
  setNetworkUp,
  setStorageController,
  type World,
} from '../model/world';
import { restartOn, switchLearnsVm } from '../model/worldOps';
import {
  addLog,
  hostName,
  initialRun,
  MOVE_GUARDS,
  noteInfo,
  noteNetworkCut,
  type RunEvent,
  type RunOutcome,
  type RunState,
  refusalText,
  endRun as runEnd,
  refusal as runRefusal,
  vmName,
} from './kernel';
import { type LogEntry, nextStep, type StepClock } from './step';

export { addLog, hostName, noteFault, vmName } from './kernel';

/** What became of a VM of the batch. */
export type LaneStatus =
  | 'queued'
  | 'migrating'
  | 'switchedOver'
  | 'migrated'
  | 'rolledBack'
  | 'cancelled'
  | 'restarted'
  | 'lost';

export const ACTIVE_LANE: readonly LaneStatus[] = ['queued', 'migrating', 'switchedOver'];

export interface LanesContext {
  plan: ConcurrentPlan;
  world: World;
  vms: string[];
  source: string;
  destination: string;
  /** Index into plan.milestones of the interval under way; -1 before the batch starts. */
  milestone: number;
  lanes: Record<string, LaneStatus>;
  log: LogEntry[];
}

export function statusOfStage(stage: LaneStage): LaneStatus {
  switch (stage) {
    case 'queued':
      return 'queued';
    case 'resuming':
    case 'switchUpdate':
      return 'switchedOver';
    case 'done':
      return 'migrated';
    default:
      return 'migrating';
  }
}

export function stagesAt(c: LanesContext, index: number): Record<string, LaneStage> {
  const t = c.plan.milestones[index] ?? 0;
  return Object.fromEntries(c.plan.lanes.map((l) => [l.vm, laneAt(l, t).stage]));
}

/** Put one VM where its stage says. */
export function placeLane(
  w: World,
  vm: string,
  stage: LaneStage,
  source: string,
  destination: string,
): World {
  switch (stage) {
    case 'queued':
      return w;
    case 'connecting':
    case 'copying':
      return setInstance(setInstance(w, vm, source, 'running'), vm, destination, 'shell');
    case 'stopAndCopy':
    case 'handoff':
      return setInstance(setInstance(w, vm, source, 'paused'), vm, destination, 'shell');
    case 'resuming':
    case 'switchUpdate': {
      const moved = setStorageController(removeInstance(w, vm, source), vm, destination);
      return setInstance(moved, vm, destination, 'running');
    }
    case 'done': {
      let x = setStorageController(removeInstance(w, vm, source), vm, destination);
      x = setInstance(x, vm, destination, 'running');
      return switchLearnsVm(x, vm, destination);
    }
  }
}

const STAGE_LOG: Partial<Record<LaneStage, (vm: string, dst: string) => string>> = {
  connecting: (vm, dst) => `${vm}: live migration to ${dst} started`,
  stopAndCopy: (vm) => `${vm}: paused for the final copy`,
  resuming: (vm, dst) => `${vm} runs on ${dst}`,
  done: (vm, dst) => `${vm}: migrated; the switch sends its traffic to ${dst}`,
};

/** Move every lane still under way to its stage at milestone `index`, logging the changes. */
export function applyMilestone(c: LanesContext, index: number, t: number): Partial<LanesContext> {
  const stages = stagesAt(c, index);
  const before = c.milestone >= 0 ? stagesAt(c, c.milestone) : {};
  let w = c.world;
  let log = c.log;
  const lanes = { ...c.lanes };
  for (const lane of c.plan.lanes) {
    if (!ACTIVE_LANE.includes(lanes[lane.vm] ?? 'queued')) continue;
    const stage = stages[lane.vm] ?? 'queued';
    w = placeLane(w, lane.vm, stage, c.source, c.destination);
    lanes[lane.vm] = statusOfStage(stage);
    const prev = before[lane.vm] ?? 'queued';
    const say = STAGE_LOG[stage];
    if (stage !== prev && say) {
      const share =
        stage === 'connecting' && lane.sharers > 1
          ? ` (sharing the network with ${lane.sharers - 1} other${lane.sharers > 2 ? 's' : ''})`
          : '';
      log = [
        ...log,
        {
          t,
          kind: 'step',
          text: `${say(vmName(w, lane.vm), hostName(w, c.destination))}${share}`,
        },
      ];
    }
  }
  return { world: w, lanes, milestone: index, log };
}

/** A CSV whose coordinator node went down gets a new coordinator (a world operation of the model). */
export { moveCoordinatorsOff } from '../model/worldOps';

/** Lanes that can still be undone: queued, or migrating before the handoff. */
export function cancellable(c: LanesContext): boolean {
  return c.vms.some((vm) => c.lanes[vm] === 'queued' || c.lanes[vm] === 'migrating');
}

export interface FaultResult {
  world: World;
  lanes: Record<string, LaneStatus>;
  /** Per VM, what happened, for the outcome text. */
  notes: string[];
}

/**
 * End every lane after a fault:
 *  - `rollBack`: migrating lanes drop the shell and keep running on the source;
 *  - queued lanes are not started (cancelled);
 *  - lanes past the handoff complete (the VM already runs on the destination);
 *  - `restartFrom`: VMs whose node died are restarted by the cluster on another node.
 */
export function endLanes(
  c: LanesContext,
  w0: World,
  opts: {
    restartFrom?: string;
    restartExclude?: readonly string[];
    /** false: no failover cluster, so VMs of the dead node stay off (default true). */
    restart?: boolean;
  },
): FaultResult {
  let w = w0;
  const lanes = { ...c.lanes };
  const notes: string[] = [];
  const dstName = hostName(w, c.destination);
  const srcName = hostName(w, c.source);
  for (const vm of c.vms) {
    const status = lanes[vm] ?? 'queued';
    const name = vmName(w, vm);
    if (status === 'migrating') {
      w = removeInstance(w, vm, c.destination);
      if (w.hosts[c.source]?.up) {
        w = setStorageController(setInstance(w, vm, c.source, 'running'), vm, c.source);
        lanes[vm] = 'rolledBack';
        notes.push(`${name} keeps running on ${srcName}`);
      }
    } else if (status === 'queued') {
      if (w.hosts[c.source]?.up) {
        lanes[vm] = 'cancelled';
        notes.push(`${name} was not started and stays on ${srcName}`);
      }
    } else if (status === 'switchedOver') {
      if (w.hosts[c.destination]?.up) {
        w = placeLane(w, vm, 'done', c.source, c.destination);
        lanes[vm] = 'migrated';
        notes.push(`${name} had already switched over and runs on ${dstName}`);
      }
    }
  }
  // VMs of a dead node (in the batch or not): the cluster restarts them elsewhere.
  if (opts.restartFrom) {
    const dead = opts.restartFrom;
    for (const vm of Object.keys(w.vms)) {
      const hasActive = w.instances.some(
        (i) => i.vm === vm && i.status !== 'shell' && i.status !== 'off',
      );
      if (hasActive) continue;
      w = removeInstance(w, vm, dead);
      const to =
        opts.restart === false
          ? undefined
          : restartPlacement(w, [dead, ...(opts.restartExclude ?? [])]);
      const name = vmName(w, vm);
      if (to) {
        w = restartOn(w, vm, to);
        if (c.vms.includes(vm)) {
          lanes[vm] = 'restarted';
          notes.push(`${name} was restarted on ${hostName(w, to)} (its memory state is lost)`);
        }
      } else if (c.vms.includes(vm)) {
        lanes[vm] = 'lost';
        notes.push(
          opts.restart === false
            ? `${name} is off (no failover cluster restarts it; its files are intact)`
            : `${name} is down: no node is left to restart it`,
        );
      }
    }
  }
  return { world: w, lanes, notes };
}

// ---- the run of a batch: what the machines over these lanes share -------------------------------

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

// ---- the batch machines' step transitions -------------------------------------------------------

/** The last milestone reached: the run is over (every lane done). */
function finishRow<const Id extends string>(id: Id) {
  return { guard: 'lastMilestoneNext', target: `#${id}.migrated`, actions: 'finish' } as const;
}

/**
 * A batch state's STEP_DONE: at the last milestone the run finishes; while `guard` holds at the next
 * milestone the state is re-entered (another interval of the same step); else the batch goes on to
 * `next`.
 */
export function stepUntil<
  const Id extends string,
  const Self extends string,
  const G extends string,
  const Next extends string,
>(id: Id, self: Self, guard: G, next: Next) {
  return [
    finishRow(id),
    { guard, target: self, reenter: true, actions: 'advance' },
    { target: next, actions: 'advance' },
  ] as const;
}

/** The batch's last step: re-entered at every milestone until the last one finishes the run. */
export function stepToEnd<const Id extends string, const Self extends string>(id: Id, self: Self) {
  return [finishRow(id), { target: self, reenter: true, actions: 'advance' }] as const;
}

/**
 * The host and network faults of a batch machine, before the start and under way (the actions by
 * these names are the machine's own: what a failed host means differs with or without a cluster).
 */
export const LANES_FAULTS_ON = {
  idle: {
    CUT_NETWORK: { guard: 'networkUp', actions: 'idleCut' },
    FAIL_DESTINATION_HOST: { guard: 'destinationUp', actions: 'idleFailDestination' },
    FAIL_SOURCE_HOST: { target: 'failed', actions: 'idleFailSource' },
  },
  underWay: {
    CUT_NETWORK: { target: 'failed', actions: 'cutNetwork' },
    FAIL_SOURCE_HOST: { target: 'failed', actions: 'failSource' },
    FAIL_DESTINATION_HOST: { target: 'failed', actions: 'failDestination' },
    CANCEL: [
      { guard: 'cancellable', target: 'cancelled', actions: 'cancel' },
      { actions: 'cancelRefused' },
    ],
  },
} as const;

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
