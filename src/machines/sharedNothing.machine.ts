/**
 * Shared-nothing live migration (CATALOG 4.5, seed 001): the poster's five steps on two stand-alone
 * hosts. Durations come from planSharedNothing (disk copy, mirrored copy, pre-copy rounds).
 *
 * Outcome rules:
 *  - Before the switch (steps 1 to 4, until the VM resumes on the destination) every fault rolls
 *    back: the VM keeps running on the source with its source disk intact (every guest write is
 *    on it), and the partial destination copy and the shell are discarded. A failed source host
 *    takes the VM down with it (no cluster restarts it); a failed source disk pauses it on the
 *    source until the disk returns. Either way its source files stay where they were.
 *  - After the switch the VM runs on the destination only: Cancel is refused; a cut network or a
 *    failed source no longer matters to the VM (source files a dead source cannot delete stay
 *    behind); a failed destination host or disk takes the VM down (paused for a disk).
 *  - The source files are deleted only in step 5, once the VM runs on the destination.
 */
import { and, assign, setup } from 'xstate';
import type { Requirement } from '../model/requirements';
import { LM_NETWORK } from '../model/scenarios';
import {
  planSharedNothing,
  type SharedNothingChoice,
  type SharedNothingParams,
  type SharedNothingPlan,
  sharedNothingRequirements,
} from '../model/sharedNothing';
import { type Placement, setStorageOnline, setVmDiskStorage } from '../model/vmFiles';
import {
  removeInstance,
  setHostUp,
  setInstance,
  setNetworkUp,
  setStorageController,
  type World,
} from '../model/world';
import { switchLearnsVm } from '../model/worldOps';
import {
  addLog,
  endRun,
  hostName,
  MOVE_GUARDS,
  noteInfo,
  noteNetworkCut,
  type RunEvent,
  type RunOutcome,
  refusal,
  vmName,
} from './kernel';
import { diskMoveStates, stepState } from './migrationSteps';
import { type DiskMoveState, discardAt, initialDiskMove, keepIfDeleting } from './moveHelpers';
import { precopyStates } from './precopyStates';
import { nextStep, type StepMeta } from './step';

export type { DestinationCopy } from './moveHelpers';
export { vmHost } from './moveHelpers';

export interface SharedNothingInput {
  params: SharedNothingParams;
  seed: number;
  world: World;
  vm: string;
  source: string;
  destination: string;
  choice: SharedNothingChoice;
  sourcePlacement: Placement;
  destinationPlacement: Placement;
}

export type SharedNothingOutcome = RunOutcome<'migrated'>;

/** The source files. */
export type SourceFiles = 'in-use' | 'mirrored' | 'kept' | 'deleting' | 'deleted' | 'left-behind';

/** The VM runs on the destination once `switched` (no way back). */
export interface SharedNothingContext
  extends SharedNothingInput,
    DiskMoveState<SharedNothingOutcome, SourceFiles> {
  plan: SharedNothingPlan;
  /** Index into plan.lm.precopy.rounds of the memory round under way; -1 before. */
  round: number;
}

export type SharedNothingEvent = RunEvent;

type Ctx = SharedNothingContext;

const moveStorage = (c: Ctx) => c.choice !== 'vm-only';

function requirements(c: Ctx): Requirement[] {
  return sharedNothingRequirements(c.world, c.vm, c.source, c.destination, c.choice);
}

/** The storage a fault on "source storage" or "destination storage" hits. */
function faultStorage(c: Ctx, which: 'source' | 'destination'): string {
  return which === 'source' ? c.sourcePlacement.vhd.storage : c.destinationPlacement.vhd.storage;
}

/** Whether the VM can reach its (current) disk. */
function diskReachable(w: World, c: Ctx): boolean {
  const id = w.vms[c.vm]?.disks[0]?.storage;
  return id !== undefined && w.storage[id]?.online === true;
}

/** Undo a move before the switch: drop the shell and the partial copy; the VM stays on the source. */
function rollBack(c: Ctx, w0: World, t: number): Partial<Ctx> {
  let w = removeInstance(w0, c.vm, c.destination);
  if (w.hosts[c.source]?.up)
    w = setInstance(w, c.vm, c.source, diskReachable(w, c) ? 'running' : 'paused');
  w = setStorageController(w, c.vm, c.source);
  // Before the start (step clock never advanced) there is no destination copy to discard.
  const started = c.step.seq > 0;
  return {
    world: w,
    destinationCopy: moveStorage(c) && started ? 'discarded' : 'none',
    sourceFiles: moveStorage(c) ? 'kept' : 'in-use',
    discarded: discardAt(c, t),
  };
}

function discardedText(d: Ctx['discarded']): string {
  return d && d.blocks > 0 ? `; the partial copy on the destination is discarded` : '';
}

const BEFORE = 'before the switch';

/** Step 4's memory copy: full copy, dirty rounds, the pause for the last pages. */
const PRECOPY = precopyStates<Ctx, SharedNothingEvent>()({
  plan: (c) => c.plan.lm.precopy,
  meta: {
    full: {
      step: 4,
      title: 'Copy the memory',
      narration:
        'All of the VM\u2019s memory crosses the network while it keeps running on the source.',
      source: '001',
    },
    dirty: {
      step: 4,
      title: 'Copy the changed pages again',
      narration: 'Only the pages the guest changed during the last round are sent again.',
      source: '001',
    },
    stop: {
      step: 4,
      title: 'Pause and send the last pages',
      narration:
        'The VM pauses briefly; the last pages and the device state go across. The guest writes nothing while paused.',
      source: '001',
    },
  },
  say: {
    full: 'Memory round 1: copying all memory',
    dirty: (i) => `Memory round ${i + 1}: copying the pages dirtied in round ${i}`,
    stop: () => 'VM paused; sending the last pages and device state',
  },
  next: 'switching',
});

/**
 * The faults before the start: a cut network or a failed destination only change the world
 * (nothing is under way); a failed source host takes the VM down with it.
 */
const BEFORE_START = {
  CUT_NETWORK: { guard: 'networkUp', actions: 'idleCutNetwork' },
  FAIL_DESTINATION_HOST: { guard: 'destinationUp', actions: 'idleDestinationDown' },
  FAIL_SOURCE_HOST: { target: 'failed', actions: 'sourceHostFailed' },
} as const;

export const sharedNothingMachine = setup({
  types: {
    context: {} as SharedNothingContext,
    events: {} as SharedNothingEvent,
    input: {} as SharedNothingInput,
    meta: {} as StepMeta,
  },
  guards: {
    ...PRECOPY.guards,
    requirementsMet: ({ context }) => requirements(context).every((r) => r.ok),
    movesStorage: ({ context }) => moveStorage(context),
    ...MOVE_GUARDS,
    sourceStorageOnline: ({ context }) =>
      context.world.storage[faultStorage(context, 'source')]?.online === true,
    destinationStorageOnline: ({ context }) =>
      context.world.storage[faultStorage(context, 'destination')]?.online === true,
  },
  actions: {
    ...PRECOPY.actions,
    refuse: assign(({ context, event }) =>
      refusal(
        context,
        requirements(context).filter((r) => !r.ok),
        event.t,
      ),
    ),
    enterConnecting: assign(({ context: c, event }) => ({
      step: nextStep(c.step, c.plan.setupS),
      log: addLog(
        c.log,
        event.t,
        'step',
        moveStorage(c)
          ? `Connected ${hostName(c.world, c.source)} to ${hostName(c.world, c.destination)}; destination folders and an empty VHD created. Reads and writes go to the source VHD`
          : `Connected ${hostName(c.world, c.source)} to ${hostName(c.world, c.destination)}; the VM's disks stay on shared storage`,
      ),
    })),
    enterCopyingDisk: assign(({ context: c, event }) => ({
      copyStartT: event.t,
      destinationCopy: 'copying' as const,
      step: nextStep(c.step, c.plan.disk?.fullCopyS ?? 0),
      log: addLog(
        c.log,
        event.t,
        'step',
        'Copying the disk over the network; the VM keeps using the source',
      ),
    })),
    enterMirroring: assign(({ context: c, event }) => ({
      destinationCopy: 'mirrored' as const,
      sourceFiles: 'mirrored' as const,
      step: nextStep(c.step, c.plan.disk ? c.plan.disk.syncS - c.plan.disk.fullCopyS : 0),
      log: addLog(
        c.log,
        event.t,
        'step',
        `First full copy done; writes now go to both disks while ${c.plan.disk?.outstandingBlocks ?? 0} changed blocks are copied`,
      ),
    })),
    enterCreatingShell: assign(({ context: c, event }) => ({
      world: setInstance(c.world, c.vm, c.destination, 'shell'),
      step: nextStep(c.step, c.plan.lm.setupS),
      log: addLog(
        c.log,
        event.t,
        'step',
        moveStorage(c)
          ? 'The disks match; live migration of memory and state begins (writes stay mirrored)'
          : 'Live migration of memory and state begins',
      ),
    })),
    enterSwitching: assign(({ context: c, event }) => ({
      round: c.plan.lm.precopy.rounds.length,
      step: nextStep(c.step, c.plan.lm.storageHandoffS),
      log: addLog(
        c.log,
        event.t,
        'step',
        moveStorage(c)
          ? 'Mirroring stops; the VM is switched to the destination VHD'
          : 'The SMB connection to the VM files moves to the destination',
      ),
    })),
    enterResuming: assign(({ context: c, event }) => {
      let w = removeInstance(c.world, c.vm, c.source);
      w = setStorageController(w, c.vm, c.destination);
      if (moveStorage(c)) w = setVmDiskStorage(w, c.vm, c.destinationPlacement.vhd.storage);
      w = setInstance(w, c.vm, c.destination, diskReachable(w, c) ? 'running' : 'paused');
      w = switchLearnsVm(w, c.vm, c.destination);
      return {
        world: w,
        switched: true,
        destinationCopy: moveStorage(c) ? ('in-use' as const) : ('none' as const),
        step: nextStep(c.step, c.plan.lm.resumeS),
        log: addLog(
          c.log,
          event.t,
          'step',
          `${vmName(c.world, c.vm)} is running on ${hostName(c.world, c.destination)}`,
        ),
      };
    }),
    enterDeleting: assign(({ context: c, event }) => ({
      sourceFiles: moveStorage(c) ? ('deleting' as const) : ('in-use' as const),
      step: nextStep(c.step, c.plan.deleteS),
      log: addLog(
        c.log,
        event.t,
        'step',
        moveStorage(c)
          ? `Deleting the source files on ${hostName(c.world, c.source)}`
          : 'Nothing to delete: the VM files stay on the share',
      ),
    })),
    finish: assign(({ context: c, event }) => {
      const text = moveStorage(c)
        ? `Migrated: ${vmName(c.world, c.vm)} runs on ${hostName(c.world, c.destination)} from its own disks; the source files on ${hostName(c.world, c.source)} are deleted`
        : `Migrated: ${vmName(c.world, c.vm)} runs on ${hostName(c.world, c.destination)}; its disks stayed on the share`;
      return {
        sourceFiles: moveStorage(c) ? ('deleted' as const) : ('in-use' as const),
        ...endRun(c, event.t, 'migrated', null, text),
      };
    }),
    // ---- faults before the switch --------------------------------------------------------------
    cutNetworkRollback: assign(({ context: c, event }) => {
      const r = rollBack(c, setNetworkUp(c.world, LM_NETWORK, false), event.t);
      const text = `Failed: the live migration network was cut ${BEFORE}; ${vmName(c.world, c.vm)} keeps running on ${hostName(c.world, c.source)} with its source disk intact${discardedText(r.discarded ?? null)}`;
      return { ...r, ...endRun(c, event.t, 'failed', 'Live migration network cut', text) };
    }),
    destinationFailedRollback: assign(({ context: c, event }) => {
      const r = rollBack(c, setHostUp(c.world, c.destination, false), event.t);
      const text = `Failed: ${hostName(c.world, c.destination)} went down ${BEFORE}; ${vmName(c.world, c.vm)} keeps running on ${hostName(c.world, c.source)} with its source disk intact${discardedText(r.discarded ?? null)}`;
      return {
        ...r,
        ...endRun(c, event.t, 'failed', `${hostName(c.world, c.destination)} failed`, text),
      };
    }),
    destinationStorageRollback: assign(({ context: c, event }) => {
      const id = faultStorage(c, 'destination');
      const r = rollBack(c, setStorageOnline(c.world, id, false), event.t);
      const where = c.world.storage[id]?.name ?? id;
      const text = moveStorage(c)
        ? `Failed: ${where} failed ${BEFORE}; mirroring stops and ${vmName(c.world, c.vm)} keeps running on ${hostName(c.world, c.source)} with its source disk intact${discardedText(r.discarded ?? null)}`
        : `Failed: ${where}, which holds the VM's disks, failed; ${vmName(c.world, c.vm)} is paused on ${hostName(c.world, c.source)} until it returns`;
      return { ...r, ...endRun(c, event.t, 'failed', `${where} failed`, text) };
    }),
    sourceStorageRollback: assign(({ context: c, event }) => {
      const id = faultStorage(c, 'source');
      const r = rollBack(c, setStorageOnline(c.world, id, false), event.t);
      const where = c.world.storage[id]?.name ?? id;
      const text = `Failed: ${where} failed ${BEFORE}; ${vmName(c.world, c.vm)} cannot reach its disk and is paused on ${hostName(c.world, c.source)} until it returns (its files there are kept)${discardedText(r.discarded ?? null)}`;
      return { ...r, ...endRun(c, event.t, 'failed', `${where} failed`, text) };
    }),
    sourceHostFailed: assign(({ context: c, event }) => {
      const r = rollBack(c, setHostUp(c.world, c.source, false), event.t);
      const text = `Failed: ${hostName(c.world, c.source)} went down with ${vmName(c.world, c.vm)} on it ${BEFORE}; with no cluster nothing restarts it. Its source files are kept on ${hostName(c.world, c.source)}${discardedText(r.discarded ?? null)}`;
      return {
        ...r,
        ...endRun(c, event.t, 'failed', `${hostName(c.world, c.source)} failed`, text),
      };
    }),
    cancelRollback: assign(({ context: c, event }) => {
      const r = rollBack(c, c.world, event.t);
      const text = `Cancelled ${BEFORE}: ${vmName(c.world, c.vm)} keeps running on ${hostName(c.world, c.source)} with its source disk intact${discardedText(r.discarded ?? null)}`;
      return { ...r, ...endRun(c, event.t, 'cancelled', 'Cancel requested', text) };
    }),
    // ---- faults after the switch ---------------------------------------------------------------
    cutNetworkHarmless: assign(({ context: c, event }) =>
      noteNetworkCut(c, event.t, 'the VM already runs on the destination'),
    ),
    cancelRefused: assign(({ context: c, event }) =>
      noteInfo(c, event.t, 'Cancel refused: the VM already runs on the destination'),
    ),
    sourceLostAfterSwitch: assign(({ context: c, event }) => {
      const host = event.type === 'FAIL_SOURCE_HOST';
      const id = faultStorage(c, 'source');
      const w = host ? setHostUp(c.world, c.source, false) : setStorageOnline(c.world, id, false);
      const what = host
        ? `${hostName(c.world, c.source)} failed`
        : `${c.world.storage[id]?.name ?? id} failed`;
      const text = moveStorage(c)
        ? `Migrated: ${vmName(c.world, c.vm)} runs on ${hostName(c.world, c.destination)}; ${what} before the source files were deleted, so they stay behind until it returns`
        : `Migrated: ${vmName(c.world, c.vm)} runs on ${hostName(c.world, c.destination)}; ${what}, which no longer matters to it`;
      return {
        world: w,
        sourceFiles: moveStorage(c) ? ('left-behind' as const) : c.sourceFiles,
        ...endRun(c, event.t, 'migrated', what, text),
      };
    }),
    destinationHostAfterSwitch: assign(({ context: c, event }) => {
      const w = setHostUp(c.world, c.destination, false);
      const text = `Failed after the switch: ${hostName(c.world, c.destination)} went down with the only running copy of ${vmName(c.world, c.vm)}; with no cluster nothing restarts it (its files on ${hostName(c.world, c.destination)} are intact)`;
      return {
        world: w,
        sourceFiles: keepIfDeleting(c.sourceFiles),
        ...endRun(c, event.t, 'failed', `${hostName(c.world, c.destination)} failed`, text),
      };
    }),
    destinationStorageAfterSwitch: assign(({ context: c, event }) => {
      const id = faultStorage(c, 'destination');
      let w = setStorageOnline(c.world, id, false);
      w = setInstance(w, c.vm, c.destination, 'paused');
      const where = c.world.storage[id]?.name ?? id;
      const text = `Failed after the switch: ${where} failed; ${vmName(c.world, c.vm)} is paused on ${hostName(c.world, c.destination)} until its disk returns`;
      return {
        world: w,
        sourceFiles: keepIfDeleting(c.sourceFiles),
        ...endRun(c, event.t, 'failed', `${where} failed`, text),
      };
    }),
    // ---- before the start ----------------------------------------------------------------------
    idleCutNetwork: assign(({ context: c, event }) => ({
      world: setNetworkUp(c.world, LM_NETWORK, false),
      log: addLog(c.log, event.t, 'fault', 'Live migration network cut'),
    })),
    idleDestinationDown: assign(({ context: c, event }) => ({
      world: setHostUp(c.world, c.destination, false),
      log: addLog(c.log, event.t, 'fault', `${hostName(c.world, c.destination)} failed`),
    })),
  },
}).createMachine({
  id: 'sharedNothing',
  context: ({ input }) => ({
    ...input,
    ...initialDiskMove(),
    plan: planSharedNothing(input.params, input.seed, input.choice !== 'vm-only'),
    round: -1,
  }),
  initial: 'idle',
  states: diskMoveStates('migrated', {
    idle: BEFORE_START,
    moving: {
      // Steps 1 to 4 until the VM resumes on the destination: everything can be rolled back.
      initial: 'connecting',
      on: {
        CUT_NETWORK: { target: 'failed', actions: 'cutNetworkRollback' },
        FAIL_DESTINATION_HOST: { target: 'failed', actions: 'destinationFailedRollback' },
        FAIL_SOURCE_HOST: { target: 'failed', actions: 'sourceHostFailed' },
        FAIL_SOURCE_STORAGE: {
          guard: 'sourceStorageOnline',
          target: 'failed',
          actions: 'sourceStorageRollback',
        },
        FAIL_DESTINATION_STORAGE: {
          guard: 'destinationStorageOnline',
          target: 'failed',
          actions: 'destinationStorageRollback',
        },
        CANCEL: { target: 'cancelled', actions: 'cancelRollback' },
      },
      states: {
        connecting: stepState(
          'enterConnecting',
          [{ guard: 'movesStorage', target: 'copyingDisk' }, { target: 'creatingShell' }],
          {
            step: 1,
            title: 'Reads and writes go to the source VHD',
            narration:
              'The source host connects to the destination and creates the destination folders and an empty virtual hard disk there. The VM keeps running on the source and all its disk reads and writes go to the source VHD.',
            source: '001',
          },
        ),
        copyingDisk: stepState('enterCopyingDisk', 'mirroring', {
          step: 2,
          title: 'Copy the disk over the network',
          narration:
            'The disk is copied block by block over the network to the destination VHD while the VM keeps using the source. Guest writes still land on the source only, so blocks it changes after they were sent are outstanding.',
          source: '001',
        }),
        mirroring: stepState('enterMirroring', 'creatingShell', {
          step: 3,
          title: 'Mirror writes while the changes are copied',
          narration:
            'The first full copy is done. From now on every guest write goes to both disks, so nothing new falls behind, while the blocks that changed during the full copy are sent again. A copy that arrives after a newer mirrored write to its block is dropped.',
          source: '001',
        }),
        creatingShell: stepState('enterCreatingShell', 'copyingMemory', {
          step: 4,
          title: 'Live-migrate memory and state',
          narration:
            'Both disks match. Now the running state moves as in any live migration: a VM shell is created on the destination, then the memory is copied round by round while writes to the disk stay mirrored.',
          source: '001',
        }),
        ...PRECOPY.states,
        switching: stepState('enterSwitching', '#sharedNothing.switchedOver.resuming', {
          step: 4,
          title: 'Switch to the destination VHD',
          narration:
            'Mirroring stops and the VM is attached to the destination VHD. Until the VM resumes on the destination, a failure sends it back to the source and its source disk.',
          source: '001',
        }),
      },
    },
    switchedOver: {
      initial: 'resuming',
      on: {
        CUT_NETWORK: { guard: 'networkUp', actions: 'cutNetworkHarmless' },
        CANCEL: { actions: 'cancelRefused' },
        FAIL_SOURCE_HOST: {
          guard: 'sourceUp',
          target: 'migrated',
          actions: 'sourceLostAfterSwitch',
        },
        FAIL_SOURCE_STORAGE: [
          {
            guard: and(['sourceStorageOnline', 'movesStorage']),
            target: 'migrated',
            actions: 'sourceLostAfterSwitch',
          },
          // Only the VM moved: source and destination share the one storage holding its disks.
          {
            guard: 'sourceStorageOnline',
            target: 'failed',
            actions: 'destinationStorageAfterSwitch',
          },
        ],
        FAIL_DESTINATION_HOST: { target: 'failed', actions: 'destinationHostAfterSwitch' },
        FAIL_DESTINATION_STORAGE: {
          guard: 'destinationStorageOnline',
          target: 'failed',
          actions: 'destinationStorageAfterSwitch',
        },
      },
      states: {
        resuming: stepState('enterResuming', 'deletingSource', {
          step: 4,
          title: 'Run the VM on the destination',
          narration:
            'The VM resumes on the destination, on its destination disk. From here on there is no way back to the source.',
          source: '001',
        }),
        deletingSource: stepState(
          'enterDeleting',
          { target: '#sharedNothing.migrated', actions: 'finish' },
          {
            step: 5,
            title: 'Delete the source files',
            narration:
              'Only now that the VM runs on the destination are its files on the source host deleted.',
            source: '001',
          },
        ),
      },
    },
  }),
});

export type SharedNothingMachine = typeof sharedNothingMachine;
