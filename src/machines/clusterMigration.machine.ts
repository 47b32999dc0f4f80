/**
 * Live migration of several VMs in a Windows Server 2012 failover cluster (CATALOG 4.3, seed 001).
 *
 * The administrator selects several VMs and starts them together. The source host runs at most
 * `limit` live migrations at a time; the rest wait in the cluster's queue and start as slots free
 * (queuing exists only inside a failover cluster). The migrations under way share the live
 * migration network; each one is re-planned whenever the number sending changes
 * (model/concurrentMigration.ts, ShareMode 'replanned').
 *
 * The machine is walkable by the SimRunner: the context holds every migration's plan, and each
 * timed state lasts until the next milestone (the nearest moment any lane changes phase). The state
 * says where the batch is: queueing, migrating with VMs still queued, or finishing the last ones.
 *
 * Faults apply to the migrations under way:
 *  - cut network: migrations before their handoff roll back (the VMs stay on the source); queued
 *    ones are not started; those past the handoff complete;
 *  - fail source host: the VMs still on it die with it and the cluster restarts them on other
 *    nodes; those past the handoff complete;
 *  - fail destination host: migrations before the handoff roll back, queued ones are not started,
 *    VMs already on the destination are restarted by the cluster elsewhere;
 *  - cancel: like a cut network but on purpose; refused once nothing is left to undo;
 *  - a node losing its path to the CSV: redirected I/O through the coordinator, nothing stops
 *    (two other nodes always keep a direct path).
 */
import { assign, setup } from 'xstate';
import { restartPlacement } from '../model/clusterScenario';
import { CONCURRENT_CONSTANTS } from '../model/concurrentMigration';
import type { ClusterMigrationInput } from '../model/inputs';
import { checkRequirements } from '../model/requirements';
import { activeInstance } from '../model/world';
import { clusterNodeDown, loseStoragePath, restartOn } from '../model/worldOps';
import { stagesAt } from './concurrentLanes';
import { addLog, hostName, MOVE_GUARDS, noteFault, storageName, vmName } from './kernel';
import { type LanesEvent, type LanesMachineContext, lanesRun, queuedLanes } from './lanesMachine';
import { lanesMachineStates, lanesSteps } from './lanesStates';
import { nextStep, type StepMeta } from './step';

export type { ClusterMigrationInput } from '../model/inputs';

export interface ClusterMigrationContext extends LanesMachineContext {
  limit: number;
  /** Sim time the batch started (the queue was set up), s; null before. */
  batchT: number | null;
}

export type ClusterMigrationEvent = LanesEvent;

type Ctx = ClusterMigrationContext;

function anyQueuedAt(c: Ctx, index: number): boolean {
  const stages = stagesAt(c, index);
  return c.vms.some((vm) => c.lanes[vm] === 'queued' && stages[vm] === 'queued');
}

function storageOf(c: Ctx): string | undefined {
  const first = c.vms[0] ?? Object.keys(c.world.vms)[0];
  return first ? c.world.vms[first]?.disks[0]?.storage : undefined;
}

function faultHost(c: Ctx, type: string): string {
  return type === 'FAIL_SOURCE_STORAGE' ? c.source : c.destination;
}

/** In a failover cluster: a node that goes down has its VMs restarted on the other nodes. */
const RUN = lanesRun<Ctx>({
  requirements: (c, vm) =>
    checkRequirements(c.world, {
      kind: 'cluster',
      vm,
      source: c.source,
      destination: c.destination,
    }),
  hostDown: (c, host) => clusterNodeDown(c.world, host),
  restart: true,
  sourceDownMore: '; failover clustering restarts them on other nodes',
  noWayBack: 'every migration left has handed its VM to the destination, so there is no way back',
  migrated: (c) =>
    `Migrated: ${c.vms.map((vm) => vmName(c.world, vm)).join(', ')} run${c.vms.length === 1 ? 's' : ''} on ${hostName(c.world, c.destination)}, at most ${c.limit} at a time.`,
  sourceDownFirst: (c) => {
    let w = clusterNodeDown(c.world, c.source);
    for (const vm of Object.keys(w.vms)) {
      if (activeInstance(w, vm)) continue;
      const to = restartPlacement(w, [c.source]);
      if (!to) continue;
      w = restartOn(w, vm, to);
    }
    return {
      world: w,
      text: `Failed before the start: ${hostName(c.world, c.source)} went down; failover clustering restarted its VMs on the other nodes, so there is nothing left to migrate`,
    };
  },
});

/** A node loses its path to the CSV: redirected I/O through the coordinator, nothing stops. */
const STORAGE_FAULT = {
  FAIL_SOURCE_STORAGE: { guard: 'pathUp', actions: 'storagePathLost' },
  FAIL_DESTINATION_STORAGE: { guard: 'pathUp', actions: 'storagePathLost' },
} as const;

export const clusterMigrationMachine = setup({
  types: {
    context: {} as ClusterMigrationContext,
    events: {} as ClusterMigrationEvent,
    input: {} as ClusterMigrationInput,
    meta: {} as StepMeta,
  },
  guards: {
    ...RUN.guards,
    queuedNext: ({ context }) => anyQueuedAt(context, context.milestone + 1),
    sourceUp: MOVE_GUARDS.sourceUp,
    pathUp: ({ context, event }) => {
      const id = storageOf(context);
      const host = faultHost(context, event.type);
      return id !== undefined && context.world.storage[id]?.pathUp[host] === true;
    },
  },
  actions: {
    ...RUN.actions,
    enterQueueing: assign(({ context, event }) => ({
      startT: event.t,
      lanes: queuedLanes(context.vms),
      step: nextStep(context.step, CONCURRENT_CONSTANTS.queueS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `${context.vms.length} VM${context.vms.length === 1 ? '' : 's'} queued for live migration to ${hostName(context.world, context.destination)}; ${hostName(context.world, context.source)} runs at most ${context.limit} at a time`,
      ),
    })),
    beginBatch: assign(({ event }) => ({ batchT: event.t })),
    storagePathLost: assign(({ context, event }) => {
      const host = faultHost(context, event.type);
      const id = storageOf(context);
      if (!id) return {};
      const { world: w, newCoordinator } = loseStoragePath(context.world, id, host);
      const note = newCoordinator ? `; ${hostName(w, newCoordinator)} becomes the coordinator` : '';
      return noteFault(
        context,
        event.t,
        w,
        `${hostName(w, host)} lost its path to ${storageName(w, id, 'the volume')}: its disk I/O is redirected over the network through the coordinator node, and the migrations go on${note}`,
      );
    }),
  },
}).createMachine({
  id: 'clusterMigration',
  context: ({ input }) => ({
    ...RUN.context(input, input.limit),
    limit: input.limit,
    batchT: null,
  }),
  initial: 'idle',
  states: lanesMachineStates({
    under: 'running',
    storage: { idle: STORAGE_FAULT, underWay: STORAGE_FAULT },
    initial: 'queueing',
    steps: {
      queueing: {
        entry: 'enterQueueing',
        meta: {
          step: 1,
          title: 'Queue the selected VMs',
          narration:
            'The administrator selects several VMs and starts their live migration at once. The cluster checks each move and lines them up: a host runs only a limited number of live migrations at a time, and inside a failover cluster the rest wait in a queue.',
          source: '001',
        },
        on: {
          STEP_DONE: [
            {
              guard: 'queuedNext',
              target: 'withQueue',
              actions: ['beginBatch', 'advance'],
            },
            { target: 'lastOnes', actions: ['beginBatch', 'advance'] },
          ],
        },
      },
      ...lanesSteps('clusterMigration', [
        {
          state: 'withQueue',
          until: 'queuedNext',
          meta: {
            step: 2,
            title: 'Migrate up to the limit, the rest wait',
            narration:
              'As many VMs as the limit allows migrate side by side, each copying its memory round after round while it keeps running. They share the live migration network, so each round takes longer than it would alone. When one finishes, the next VM in the queue starts.',
            source: '001',
          },
        },
        {
          state: 'lastOnes',
          meta: {
            step: 3,
            title: 'Finish the last migrations',
            narration:
              'The queue is empty. The last migrations pause their VMs for the final copy, hand them to the destination and tell the switch; each VM is paused only for its own final round.',
            source: '001',
          },
        },
      ]),
    },
  }),
});

export type ClusterMigrationMachine = typeof clusterMigrationMachine;
