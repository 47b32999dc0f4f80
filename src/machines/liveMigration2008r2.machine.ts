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
import { and, assign, setup } from 'xstate';
import {
  type LiveMigrationParams,
  type LiveMigrationPlan,
  planLiveMigration,
} from '../model/liveMigration';
import { checkRequirements } from '../model/requirements';
import { LM_NETWORK } from '../model/scenarios';
import {
  learnMac,
  removeInstance,
  setHostUp,
  setInstance,
  setNetworkUp,
  setStorageController,
  setStoragePath,
  vmNetworkPort,
  type World,
} from '../model/world';
import { storageReachableFrom } from './liveMigration2008r2.invariants';
import {
  addLog,
  endRun,
  hostName,
  type MoveEvent,
  type MoveOutcome,
  refusal,
  vmName,
} from './moveHelpers';
import { type LogEntry, nextStep, type StepClock, type StepMeta } from './step';

/** Where the VM is executing, for the invariant checks and the inventory. */
export { vmHost } from './moveHelpers';

export interface LiveMigrationInput {
  params: LiveMigrationParams;
  /** The run's random seed (which pages the guest dirties). */
  seed: number;
  world: World;
  vm: string;
  source: string;
  destination: string;
}

export type Outcome = MoveOutcome<'migrated'>;

export interface LiveMigrationContext {
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
  outcome: Outcome | null;
  step: StepClock;
  log: LogEntry[];
}

export type LiveMigrationEvent = MoveEvent;

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

export const liveMigration2008r2Machine = setup({
  types: {
    context: {} as LiveMigrationContext,
    events: {} as LiveMigrationEvent,
    input: {} as LiveMigrationInput,
    meta: {} as StepMeta,
  },
  guards: {
    requirementsMet: ({ context }) =>
      checkRequirements(context.world, {
        kind: 'classic-2008r2',
        vm: context.vm,
        source: context.source,
        destination: context.destination,
      }).every((r) => r.ok),
    moreDirtyRounds: ({ context }) => context.round + 1 < context.plan.precopy.precopyRounds,
    networkUp: ({ context }) => context.world.networks[LM_NETWORK]?.up === true,
    destinationUp: ({ context }) => context.world.hosts[context.destination]?.up === true,
    sourceUp: ({ context }) => context.world.hosts[context.source]?.up === true,
    pathUp: ({ context, event }) => {
      const id = vmStorageId(context);
      const host = event.type === 'FAIL_SOURCE_STORAGE' ? context.source : context.destination;
      return (
        id !== undefined &&
        context.world.storage[id]?.pathUp[host] === true &&
        context.world.hosts[host]?.up === true
      );
    },
    storageLostEverywhere: ({ context, event }) => {
      const id = vmStorageId(context);
      if (!id) return false;
      const host = event.type === 'FAIL_SOURCE_STORAGE' ? context.source : context.destination;
      const w = setStoragePath(context.world, id, host, false);
      return !storageReachable(w, context);
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
        `Connected ${hostName(context, context.source)} to ${hostName(context, context.destination)}; configuration sent, VM shell created`,
      ),
    })),
    enterFullCopy: assign(({ context, event }) => {
      const round = context.plan.precopy.rounds[0];
      return {
        round: 0,
        step: nextStep(context.step, round?.durationS ?? 0),
        log: addLog(context.log, event.t, 'step', 'Round 1: copying all memory (the working set)'),
      };
    }),
    enterDirtyRound: assign(({ context, event }) => {
      const index = context.round + 1;
      const round = context.plan.precopy.rounds[index];
      return {
        round: index,
        step: nextStep(context.step, round?.durationS ?? 0),
        log: addLog(
          context.log,
          event.t,
          'step',
          `Round ${index + 1}: copying the pages dirtied during round ${index}`,
        ),
      };
    }),
    enterStopAndCopy: assign(({ context, event }) => {
      const index = context.plan.precopy.rounds.length - 1;
      const round = context.plan.precopy.rounds[index];
      const reason = {
        'downtime-target': 'the rest fits the downtime target',
        'pass-limit': 'the pass limit is reached',
        'not-shrinking': 'the rounds stopped shrinking',
      }[context.plan.precopy.stopReason];
      return {
        round: index,
        world: setInstance(context.world, context.vm, context.source, 'paused'),
        step: nextStep(context.step, round?.durationS ?? 0),
        log: addLog(
          context.log,
          event.t,
          'step',
          `VM paused (${reason}); sending the last pages with register and device state`,
        ),
      };
    }),
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
          `${vmName(context)} is running on ${hostName(context, context.destination)}`,
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
      const vm = context.world.vms[context.vm];
      const port = vmNetworkPort(context.world, context.destination);
      const w = vm && port !== undefined ? learnMac(context.world, vm.mac, port) : context.world;
      const text = `Migrated: ${vmName(context)} runs on ${hostName(context, context.destination)}; the switch sends its traffic to port ${port ?? '?'}`;
      return {
        world: w,
        ...endRun(context, event.t, 'migrated', null, text),
      };
    }),
    // ---- faults ---------------------------------------------------------------------------
    cutNetworkRollback: assign(({ context, event }) => {
      const c = { ...context, world: setNetworkUp(context.world, LM_NETWORK, false) };
      const text = `Failed: the live migration network was cut ${BEFORE_HANDOFF}; ${vmName(c)} keeps running on ${hostName(c, c.source)} and the shell on ${hostName(c, c.destination)} is removed`;
      return {
        world: rollBack(c),
        ...endRun(context, event.t, 'failed', 'Live migration network cut', text),
      };
    }),
    destinationFailedRollback: assign(({ context, event }) => {
      const c = { ...context, world: setHostUp(context.world, context.destination, false) };
      const text = `Failed: ${hostName(c, c.destination)} went down ${BEFORE_HANDOFF}; ${vmName(c)} keeps running on ${hostName(c, c.source)}`;
      return {
        world: rollBack(c),
        ...endRun(context, event.t, 'failed', `${hostName(c, c.destination)} failed`, text),
      };
    }),
    cancelRollback: assign(({ context, event }) => {
      const text = `Cancelled ${BEFORE_HANDOFF}: ${vmName(context)} keeps running on ${hostName(context, context.source)} and the shell on ${hostName(context, context.destination)} is removed`;
      return {
        world: rollBack(context),
        ...endRun(context, event.t, 'cancelled', 'Cancel requested', text),
      };
    }),
    sourceFailedFailover: assign(({ context, event }) => {
      // The running VM dies with its host. Failover clustering restarts it on the surviving node
      // from its disk (an unplanned failover: a restart, not a live migration).
      let w = setHostUp(context.world, context.source, false);
      w = removeInstance(w, context.vm, context.destination);
      w = setStorageController(w, context.vm, context.destination);
      const survivor = w.hosts[context.destination]?.up === true;
      if (survivor) w = setInstance(w, context.vm, context.destination, 'running');
      const text = survivor
        ? `Failed: ${hostName(context, context.source)} went down with the VM on it; failover clustering restarted ${vmName(context)} on ${hostName(context, context.destination)} from its disk (its memory state is lost)`
        : `Failed: ${hostName(context, context.source)} went down with the VM on it and no node is left to restart ${vmName(context)}`;
      return {
        world: w,
        ...endRun(context, event.t, 'failed', `${hostName(context, context.source)} failed`, text),
      };
    }),
    destinationFailedAfterHandoff: assign(({ context, event }) => {
      let w = setHostUp(context.world, context.destination, false);
      w = setStorageController(w, context.vm, context.source);
      if (w.hosts[context.source]?.up) w = setInstance(w, context.vm, context.source, 'running');
      const text = `Failed after the handoff: ${hostName(context, context.destination)} went down with the only running copy of ${vmName(context)}; failover clustering restarted it on ${hostName(context, context.source)} from its disk (its memory state is lost)`;
      return {
        world: w,
        ...endRun(
          context,
          event.t,
          'failed',
          `${hostName(context, context.destination)} failed`,
          text,
        ),
      };
    }),
    cutNetworkHarmless: assign(({ context, event }) => ({
      world: setNetworkUp(context.world, LM_NETWORK, false),
      log: addLog(
        context.log,
        event.t,
        'fault',
        'Live migration network cut: the VM already runs on the destination, so the migration no longer needs it',
      ),
    })),
    sourceFailedHarmless: assign(({ context, event }) => ({
      world: setHostUp(context.world, context.source, false),
      log: addLog(
        context.log,
        event.t,
        'fault',
        `${hostName(context, context.source)} failed: the VM has already left it`,
      ),
    })),
    cancelRefused: assign(({ context, event }) => ({
      log: addLog(
        context.log,
        event.t,
        'info',
        'Cancel refused: storage control has passed to the destination, so there is no way back',
      ),
    })),
    storagePathLost: assign(({ context, event }) => {
      const host = event.type === 'FAIL_SOURCE_STORAGE' ? context.source : context.destination;
      const id = vmStorageId(context);
      if (!id) return {};
      let w = setStoragePath(context.world, id, host, false);
      const st = w.storage[id];
      let coordinatorNote = '';
      if (st && st.coordinator === host) {
        const other = Object.keys(st.pathUp).find((h) => st.pathUp[h] && w.hosts[h]?.up);
        if (other) {
          w = { ...w, storage: { ...w.storage, [id]: { ...st, coordinator: other } } };
          coordinatorNote = `; ${hostName(context, other)} becomes the coordinator`;
        }
      }
      return {
        world: w,
        log: addLog(
          context.log,
          event.t,
          'fault',
          `${hostName(context, host)} lost its path to ${st?.name ?? 'the volume'}: its disk I/O is redirected over the network through the coordinator node${coordinatorNote}`,
        ),
      };
    }),
    storageLostFail: assign(({ context, event }) => {
      const host = event.type === 'FAIL_SOURCE_STORAGE' ? context.source : context.destination;
      const id = vmStorageId(context);
      const c = {
        ...context,
        world: id ? setStoragePath(context.world, id, host, false) : context.world,
      };
      const world = c.handedOff ? setInstance(c.world, c.vm, c.destination, 'paused') : rollBack(c);
      const where = c.handedOff ? c.destination : c.source;
      const text = `Failed: no node can reach the VM's volume any more; ${vmName(c)} is paused on ${hostName(c, where)} until storage returns`;
      return {
        world,
        ...endRun(
          context,
          event.t,
          'failed',
          `${hostName(c, host)} lost its path to the volume`,
          text,
        ),
      };
    }),
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
    outcome: null,
    step: { durationS: null, seq: 0 },
    log: [],
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        START: [
          { guard: 'requirementsMet', target: 'migrating' },
          { target: 'refused', actions: 'refuse' },
        ],
        // Faults before a start change the world; the requirement check then names what broke.
        CUT_NETWORK: {
          guard: 'networkUp',
          actions: assign(({ context, event }) => ({
            world: setNetworkUp(context.world, LM_NETWORK, false),
            log: addLog(context.log, event.t, 'fault', 'Live migration network cut'),
          })),
        },
        FAIL_DESTINATION_HOST: {
          guard: 'destinationUp',
          actions: assign(({ context, event }) => ({
            world: setHostUp(context.world, context.destination, false),
            log: addLog(
              context.log,
              event.t,
              'fault',
              `${hostName(context, context.destination)} failed`,
            ),
          })),
        },
        FAIL_SOURCE_HOST: { target: 'failed', actions: 'sourceFailedFailover' },
        FAIL_SOURCE_STORAGE: [
          {
            guard: and(['pathUp', 'storageLostEverywhere']),
            target: 'failed',
            actions: 'storageLostFail',
          },
          { guard: 'pathUp', actions: 'storagePathLost' },
        ],
        FAIL_DESTINATION_STORAGE: [
          {
            guard: and(['pathUp', 'storageLostEverywhere']),
            target: 'failed',
            actions: 'storageLostFail',
          },
          { guard: 'pathUp', actions: 'storagePathLost' },
        ],
      },
    },
    migrating: {
      // Steps 1 to 4: everything here can still be rolled back.
      initial: 'connecting',
      on: {
        CUT_NETWORK: { target: 'failed', actions: 'cutNetworkRollback' },
        FAIL_DESTINATION_HOST: { target: 'failed', actions: 'destinationFailedRollback' },
        FAIL_SOURCE_HOST: { target: 'failed', actions: 'sourceFailedFailover' },
        CANCEL: { target: 'cancelled', actions: 'cancelRollback' },
        FAIL_SOURCE_STORAGE: [
          {
            guard: and(['pathUp', 'storageLostEverywhere']),
            target: 'failed',
            actions: 'storageLostFail',
          },
          { guard: 'pathUp', actions: 'storagePathLost' },
        ],
        FAIL_DESTINATION_STORAGE: [
          {
            guard: and(['pathUp', 'storageLostEverywhere']),
            target: 'failed',
            actions: 'storageLostFail',
          },
          { guard: 'pathUp', actions: 'storagePathLost' },
        ],
      },
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
        copyingMemory: {
          entry: 'enterFullCopy',
          meta: {
            step: 2,
            title: 'Copy the memory',
            narration:
              'Every page of the VM\u2019s memory crosses the live migration network while the VM keeps running on the source. The guest goes on writing, so some pages change after they were sent.',
            source: '002',
          },
          on: {
            STEP_DONE: [
              { guard: 'moreDirtyRounds', target: 'copyingDirtyPages' },
              { target: 'stopAndCopy' },
            ],
          },
        },
        copyingDirtyPages: {
          entry: 'enterDirtyRound',
          meta: {
            step: 3,
            title: 'Copy the changed pages again',
            narration:
              'Only the pages the guest changed during the last round are sent again. Each round is shorter than the one before, as long as the network outpaces the guest\u2019s writes.',
            source: '002',
          },
          on: {
            STEP_DONE: [
              { guard: 'moreDirtyRounds', target: 'copyingDirtyPages', reenter: true },
              { target: 'stopAndCopy' },
            ],
          },
        },
        stopAndCopy: {
          entry: 'enterStopAndCopy',
          meta: {
            step: 3,
            title: 'Pause and send the last pages',
            narration:
              'The VM is paused on the source. The few pages still different go across, together with the processor registers and device state. This pause is the migration\u2019s only downtime.',
            source: '002',
          },
          on: { STEP_DONE: 'storageHandoff' },
        },
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
      on: {
        CUT_NETWORK: { guard: 'networkUp', actions: 'cutNetworkHarmless' },
        FAIL_SOURCE_HOST: { guard: 'sourceUp', actions: 'sourceFailedHarmless' },
        FAIL_DESTINATION_HOST: { target: 'failed', actions: 'destinationFailedAfterHandoff' },
        CANCEL: { actions: 'cancelRefused' },
        FAIL_SOURCE_STORAGE: [
          {
            guard: and(['pathUp', 'storageLostEverywhere']),
            target: 'failed',
            actions: 'storageLostFail',
          },
          { guard: 'pathUp', actions: 'storagePathLost' },
        ],
        FAIL_DESTINATION_STORAGE: [
          {
            guard: and(['pathUp', 'storageLostEverywhere']),
            target: 'failed',
            actions: 'storageLostFail',
          },
          { guard: 'pathUp', actions: 'storagePathLost' },
        ],
      },
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
    migrated: { type: 'final' },
    failed: { type: 'final' },
    cancelled: { type: 'final' },
    refused: { type: 'final' },
  },
});

export type LiveMigration2008r2Machine = typeof liveMigration2008r2Machine;
