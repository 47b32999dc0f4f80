/**
 * Classic live migration, Windows Server 2008 R2 (CATALOG 4.2, seed 002): the poster's six steps.
 * Pre-copy rounds are one state re-entered once per round. Durations come from the model's plan.
 *
 * Outcome rules:
 *  - A fault before the storage handoff completes (steps 1 to 4) rolls back: the destination's
 *    shell is removed and the VM keeps running on the source (resumed, if it was paused for the
 *    final copy). Losing the source host is the exception: the VM is gone with it, and failover
 *    clustering restarts it on the surviving node from its disk.
 *  - After the handoff (steps 5 and 6) there is no way back: the only copy of the running VM is on
 *    the destination. Cancel is refused; a cut network or a failed source no longer matters; a failed
 *    destination takes the VM down and the cluster restarts it on the source.
 *  - A node that loses its path to the Cluster Shared Volume keeps working through redirected I/O
 *    (the coordinator node does its disk I/O over the network); only when no node can reach the
 *    volume does the VM stop, paused until storage returns.
 */
import { assign, setup } from 'xstate';
import type { LiveMigrationInput } from '../model/inputs';
import {
  type LiveMigrationParams,
  type LiveMigrationPlan,
  planLiveMigration,
} from '../model/liveMigration';
import { checkRequirements } from '../model/requirements';
import { LM_NETWORK } from '../model/scenarios';
import {
  removeInstance,
  setHostUp,
  setInstance,
  setNetworkUp,
  setStorageController,
  setStoragePath,
  vmNetworkPort,
  type World,
} from '../model/world';
import { loseStoragePath, storageReachableFrom, switchLearnsVm } from '../model/worldOps';
import { afterSwitchFaults, cancelRefused, IDLE_CUT, IDLE_DESTINATION_DOWN } from './faults';
import { faultTable, forEach } from './faultTable';
import {
  addLog,
  endRun,
  hostName,
  initialRun,
  MOVE_GUARDS,
  noteFault,
  outcomeStates,
  type RunEvent,
  type RunOutcome,
  type RunState,
  refusal,
  startOrRefuse,
  storageName,
  vmName,
} from './kernel';
import { precopyStates } from './precopyStates';
import { nextStep, type StepMeta } from './step';

export type { LiveMigrationInput } from '../model/inputs';
/** Where the VM is executing, for the invariant checks and the inventory. */
export { vmHost } from './moveHelpers';

export type Outcome = RunOutcome<'migrated'>;

export interface LiveMigrationContext extends RunState<Outcome> {
  params: LiveMigrationParams;
  seed: number;
  plan: LiveMigrationPlan;
  world: World;
  vm: string;
  source: string;
  destination: string;
  /** Index into plan.precopy.rounds of the round under way; -1 before the copy. */
  round: number;
  /** Storage control has passed to the destination. */
  handedOff: boolean;
}

export type LiveMigrationEvent = RunEvent;

type Ctx = LiveMigrationContext;

/** Undo a migration that has not handed storage off: drop the shell, run the VM on the source. */
function rollBack(c: Ctx): World {
  let w = removeInstance(c.world, c.vm, c.destination);
  if (w.hosts[c.source]?.up)
    w = setInstance(w, c.vm, c.source, storageReachable(w, c) ? 'running' : 'paused');
  return setStorageController(w, c.vm, c.source);
}

/** Some node can still reach the VM's volume (directly; others then go through it). */
function storageReachable(w: World, c: Ctx): boolean {
  return storageReachableFrom(w, c.vm);
}

function vmStorageId(c: Ctx): string | undefined {
  return c.world.vms[c.vm]?.disks[0]?.storage;
}

const BEFORE_HANDOFF = 'before the storage handoff';

/** The host a storage fault hits. */
function faultHost(c: Ctx, type: string): string {
  return type === 'FAIL_SOURCE_STORAGE' ? c.source : c.destination;
}

/** That host is up and has its path to the VM's volume. */
function pathUp(c: Ctx, host: string): boolean {
  const id = vmStorageId(c);
  return (
    id !== undefined &&
    c.world.storage[id]?.pathUp[host] === true &&
    c.world.hosts[host]?.up === true
  );
}

type Update = (c: Ctx, e: LiveMigrationEvent) => Partial<Ctx>;

const cutNetworkRollback: Update = (context, event) => {
  const c = { ...context, world: setNetworkUp(context.world, LM_NETWORK, false) };
  const text = `Failed: the live migration network was cut ${BEFORE_HANDOFF}; ${vmName(c.world, c.vm)} keeps running on ${hostName(c.world, c.source)} and the shell on ${hostName(c.world, c.destination)} is removed`;
  return {
    world: rollBack(c),
    ...endRun(context, event.t, 'failed', 'Live migration network cut', text),
  };
};

const destinationFailedRollback: Update = (context, event) => {
  const c = { ...context, world: setHostUp(context.world, context.destination, false) };
  const text = `Failed: ${hostName(c.world, c.destination)} went down ${BEFORE_HANDOFF}; ${vmName(c.world, c.vm)} keeps running on ${hostName(c.world, c.source)}`;
  return {
    world: rollBack(c),
    ...endRun(context, event.t, 'failed', `${hostName(c.world, c.destination)} failed`, text),
  };
};

const cancelRollback: Update = (context, event) => {
  const text = `Cancelled ${BEFORE_HANDOFF}: ${vmName(context.world, context.vm)} keeps running on ${hostName(context.world, context.source)} and the shell on ${hostName(context.world, context.destination)} is removed`;
  return {
    world: rollBack(context),
    ...endRun(context, event.t, 'cancelled', 'Cancel requested', text),
  };
};

const sourceFailedFailover: Update = (context, event) => {
  // The running VM dies with its host. Failover clustering restarts it on the surviving node
  // from its disk (an unplanned failover: a restart, not a live migration).
  let w = setHostUp(context.world, context.source, false);
  w = removeInstance(w, context.vm, context.destination);
  w = setStorageController(w, context.vm, context.destination);
  const survivor = w.hosts[context.destination]?.up === true;
  if (survivor) w = setInstance(w, context.vm, context.destination, 'running');
  const source = hostName(context.world, context.source);
  const text = survivor
    ? `Failed: ${source} went down with the VM on it; failover clustering restarted ${vmName(context.world, context.vm)} on ${hostName(context.world, context.destination)} from its disk (its memory state is lost)`
    : `Failed: ${source} went down with the VM on it and no node is left to restart ${vmName(context.world, context.vm)}`;
  return { world: w, ...endRun(context, event.t, 'failed', `${source} failed`, text) };
};

const destinationFailedAfterHandoff: Update = (context, event) => {
  let w = setHostUp(context.world, context.destination, false);
  w = setStorageController(w, context.vm, context.source);
  if (w.hosts[context.source]?.up) w = setInstance(w, context.vm, context.source, 'running');
  const destination = hostName(context.world, context.destination);
  const text = `Failed after the handoff: ${destination} went down with the only running copy of ${vmName(context.world, context.vm)}; failover clustering restarted it on ${hostName(context.world, context.source)} from its disk (its memory state is lost)`;
  return { world: w, ...endRun(context, event.t, 'failed', `${destination} failed`, text) };
};

const storagePathLost: Update = (context, event) => {
  const host = faultHost(context, event.type);
  const id = vmStorageId(context);
  if (!id) return {};
  const { world: w, newCoordinator } = loseStoragePath(context.world, id, host);
  const coordinatorNote = newCoordinator
    ? `; ${hostName(context.world, newCoordinator)} becomes the coordinator`
    : '';
  return noteFault(
    context,
    event.t,
    w,
    `${hostName(context.world, host)} lost its path to ${storageName(w, id, 'the volume')}: its disk I/O is redirected over the network through the coordinator node${coordinatorNote}`,
  );
};

const storageLostFail: Update = (context, event) => {
  const host = faultHost(context, event.type);
  const id = vmStorageId(context);
  const c = {
    ...context,
    world: id ? setStoragePath(context.world, id, host, false) : context.world,
  };
  const world = c.handedOff ? setInstance(c.world, c.vm, c.destination, 'paused') : rollBack(c);
  const where = c.handedOff ? c.destination : c.source;
  const text = `Failed: no node can reach the VM's volume any more; ${vmName(c.world, c.vm)} is paused on ${hostName(c.world, where)} until storage returns`;
  return {
    world,
    ...endRun(
      context,
      event.t,
      'failed',
      `${hostName(c.world, host)} lost its path to the volume`,
      text,
    ),
  };
};

/** A node losing its path to the CSV: redirected I/O, unless no node can reach it any more. */
const STORAGE_FAULTS = forEach(['FAIL_SOURCE_STORAGE', 'FAIL_DESTINATION_STORAGE'], [
  {
    guard: 'pathLostEverywhere',
    target: '#liveMigration2008r2.failed',
    action: 'storageLostFail',
    update: storageLostFail,
  },
  { guard: 'pathUp', action: 'storagePathLost', update: storagePathLost },
] as const);

/** The faults, per phase: before the start, before the storage handoff, after it. */
const FAULTS = faultTable<Ctx, LiveMigrationEvent>()({
  idle: {
    CUT_NETWORK: IDLE_CUT,
    FAIL_DESTINATION_HOST: IDLE_DESTINATION_DOWN,
    FAIL_SOURCE_HOST: {
      target: '#liveMigration2008r2.failed',
      action: 'sourceFailedFailover',
      update: sourceFailedFailover,
    },
    ...STORAGE_FAULTS,
  },
  beforeHandoff: {
    // Steps 1 to 4: everything here can still be rolled back.
    CUT_NETWORK: {
      target: '#liveMigration2008r2.failed',
      action: 'cutNetworkRollback',
      update: cutNetworkRollback,
    },
    FAIL_DESTINATION_HOST: {
      target: '#liveMigration2008r2.failed',
      action: 'destinationFailedRollback',
      update: destinationFailedRollback,
    },
    FAIL_SOURCE_HOST: {
      target: '#liveMigration2008r2.failed',
      action: 'sourceFailedFailover',
      update: sourceFailedFailover,
    },
    CANCEL: {
      target: '#liveMigration2008r2.cancelled',
      action: 'cancelRollback',
      update: cancelRollback,
    },
    ...STORAGE_FAULTS,
  },
  afterHandoff: {
    // Steps 5 and 6: the running VM lives on the destination only.
    ...afterSwitchFaults(
      'the VM already runs on the destination, so the migration no longer needs it',
    ),
    FAIL_DESTINATION_HOST: {
      target: '#liveMigration2008r2.failed',
      action: 'destinationFailedAfterHandoff',
      update: destinationFailedAfterHandoff,
    },
    CANCEL: cancelRefused(
      () =>
        'Cancel refused: storage control has passed to the destination, so there is no way back',
    ),
    ...STORAGE_FAULTS,
  },
});

/** Steps 2 and 3: the full copy, the dirty rounds, the pause for the last pages. */
const PRECOPY = precopyStates<Ctx, LiveMigrationEvent>()({
  plan: (c) => c.plan.precopy,
  meta: {
    full: {
      step: 2,
      title: 'Copy the memory',
      narration:
        'Every page of the VM\u2019s memory crosses the live migration network while the VM keeps running on the source. The guest goes on writing, so some pages change after they were sent.',
      source: '002',
    },
    dirty: {
      step: 3,
      title: 'Copy the changed pages again',
      narration:
        'Only the pages the guest changed during the last round are sent again. Each round is shorter than the one before, as long as the network outpaces the guest\u2019s writes.',
      source: '002',
    },
    stop: {
      step: 3,
      title: 'Pause and send the last pages',
      narration:
        'The VM is paused on the source. The few pages still different go across, together with the processor registers and device state. This pause is the migration\u2019s only downtime.',
      source: '002',
    },
  },
  say: {
    full: 'Round 1: copying all memory (the working set)',
    dirty: (index) => `Round ${index + 1}: copying the pages dirtied during round ${index}`,
    stop: (c) =>
      `VM paused (${STOP_REASON[c.plan.precopy.stopReason]}); sending the last pages with register and device state`,
  },
  next: 'storageHandoff',
});

const STOP_REASON = {
  'downtime-target': 'the rest fits the downtime target',
  'pass-limit': 'the pass limit is reached',
  'not-shrinking': 'the rounds stopped shrinking',
} as const;

export const liveMigration2008r2Machine = setup({
  types: {
    context: {} as LiveMigrationContext,
    events: {} as LiveMigrationEvent,
    input: {} as LiveMigrationInput,
    meta: {} as StepMeta,
  },
  guards: {
    ...PRECOPY.guards,
    requirementsMet: ({ context }) =>
      checkRequirements(context.world, {
        kind: 'classic-2008r2',
        vm: context.vm,
        source: context.source,
        destination: context.destination,
      }).every((r) => r.ok),
    ...MOVE_GUARDS,
    pathUp: ({ context, event }) => pathUp(context, faultHost(context, event.type)),
    pathLostEverywhere: ({ context, event }) => {
      const host = faultHost(context, event.type);
      const id = vmStorageId(context);
      return (
        id !== undefined &&
        pathUp(context, host) &&
        !storageReachable(setStoragePath(context.world, id, host, false), context)
      );
    },
  },
  actions: {
    refuse: assign(({ context, event }) => {
      const failed = checkRequirements(context.world, {
        kind: 'classic-2008r2',
        vm: context.vm,
        source: context.source,
        destination: context.destination,
      }).filter((r) => !r.ok);
      return refusal(context, failed, event.t);
    }),
    enterConnecting: assign(({ context, event }) => ({
      world: setInstance(context.world, context.vm, context.destination, 'shell'),
      step: nextStep(context.step, context.plan.setupS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `Connected ${hostName(context.world, context.source)} to ${hostName(context.world, context.destination)}; configuration sent, VM shell created`,
      ),
    })),
    enterHandoff: assign(({ context, event }) => ({
      round: context.plan.precopy.rounds.length,
      step: nextStep(context.step, context.plan.storageHandoffS),
      log: addLog(
        context.log,
        event.t,
        'step',
        'Moving control of the VM storage to the destination',
      ),
    })),
    enterResuming: assign(({ context, event }) => {
      let w = setStorageController(context.world, context.vm, context.destination);
      w = removeInstance(w, context.vm, context.source);
      w = setInstance(
        w,
        context.vm,
        context.destination,
        storageReachable(w, context) ? 'running' : 'paused',
      );
      return {
        world: w,
        handedOff: true,
        step: nextStep(context.step, context.plan.resumeS),
        log: addLog(
          context.log,
          event.t,
          'step',
          `${vmName(context.world, context.vm)} is running on ${hostName(context.world, context.destination)}`,
        ),
      };
    }),
    enterSwitchUpdate: assign(({ context, event }) => ({
      step: nextStep(context.step, context.plan.switchUpdateS),
      log: addLog(
        context.log,
        event.t,
        'step',
        'Telling the physical switch that the VM has moved',
      ),
    })),
    finish: assign(({ context, event }) => {
      const port = vmNetworkPort(context.world, context.destination);
      const w = switchLearnsVm(context.world, context.vm, context.destination);
      const text = `Migrated: ${vmName(context.world, context.vm)} runs on ${hostName(context.world, context.destination)}; the switch sends its traffic to port ${port ?? '?'}`;
      return {
        world: w,
        ...endRun(context, event.t, 'migrated', null, text),
      };
    }),
    ...PRECOPY.actions,
    ...FAULTS.actions,
  },
}).createMachine({
  id: 'liveMigration2008r2',
  context: ({ input }) => ({
    params: input.params,
    seed: input.seed,
    plan: planLiveMigration(input.params),
    world: input.world,
    vm: input.vm,
    source: input.source,
    destination: input.destination,
    round: -1,
    handedOff: false,
    ...initialRun(),
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        START: startOrRefuse('migrating'),
        // Faults before a start change the world; the requirement check then names what broke.
        ...FAULTS.on.idle,
      },
    },
    migrating: {
      // Steps 1 to 4: everything here can still be rolled back.
      initial: 'connecting',
      on: FAULTS.on.beforeHandoff,
      states: {
        connecting: {
          entry: 'enterConnecting',
          meta: {
            step: 1,
            title: 'Connect and create the VM shell',
            narration:
              'The source opens a connection to the destination and sends the VM\u2019s configuration. The destination builds an empty VM from it: a shell that will receive the memory.',
            source: '002',
          },
          on: { STEP_DONE: 'copyingMemory' },
        },
        ...PRECOPY.states,
        storageHandoff: {
          entry: 'enterHandoff',
          meta: {
            step: 4,
            title: 'Hand the storage to the destination',
            narration:
              'Control of the VM\u2019s storage (its VHD files on the Cluster Shared Volume, or a pass-through disk) passes from the source to the destination. Until this completes, a failure sends the VM back to the source.',
            source: '002',
          },
          on: { STEP_DONE: '#liveMigration2008r2.switchedOver.resuming' },
        },
      },
    },
    switchedOver: {
      // Steps 5 and 6: the running VM lives on the destination only.
      initial: 'resuming',
      on: FAULTS.on.afterHandoff,
      states: {
        resuming: {
          entry: 'enterResuming',
          meta: {
            step: 5,
            title: 'Run the VM on the destination',
            narration:
              'The destination now holds the VM\u2019s memory and its storage, and the VM resumes there. From here on there is no way back to the source.',
            source: '002',
          },
          on: { STEP_DONE: 'updatingSwitch' },
        },
        updatingSwitch: {
          entry: 'enterSwitchUpdate',
          meta: {
            step: 6,
            title: 'Tell the physical switch',
            narration:
              'The physical switch learns that the VM\u2019s MAC address now sits behind the destination\u2019s port and updates its MAC table, so the VM\u2019s network traffic follows it.',
            source: '002',
          },
          on: { STEP_DONE: { target: '#liveMigration2008r2.migrated', actions: 'finish' } },
        },
      },
    },
    ...outcomeStates('migrated', 'failed', 'cancelled', 'refused'),
  },
});

export type LiveMigration2008r2Machine = typeof liveMigration2008r2Machine;
