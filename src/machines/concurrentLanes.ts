/**
 * World changes shared by the machines that run several live migrations at once (cluster queue,
 * SMB concurrent moves). Each selected VM is a lane of the plan (model/concurrentMigration.ts);
 * at every milestone a lane's stage decides where the VM executes:
 *  - queued, connecting, copying: running on the source (a shell on the destination once started);
 *  - stop-and-copy, handoff: paused on the source, the shell on the destination;
 *  - resuming, switch update: running on the destination, gone from the source;
 *  - done: running on the destination, the switch sends its traffic there.
 * Pure functions of plain data. The machines' run over these lanes (context, guards, actions) is
 * lanesMachine.ts, their states lanesStates.ts.
 */

import { restartPlacement } from '../model/clusterScenario';
import type { ConcurrentPlan, LaneStage } from '../model/concurrentMigration';
import { laneAt } from '../model/concurrentMigration';
import { removeInstance, setInstance, setStorageController, type World } from '../model/world';
import { restartOn, switchLearnsVm } from '../model/worldOps';
import { hostName, vmName } from './kernel';
import type { LogEntry } from './step';

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
