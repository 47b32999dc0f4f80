/**
 * Storage migration (CATALOG 4.6, seed 001): the poster's five steps. The VM's running state never
 * moves: it stays on its host throughout (running, or off). Durations come from
 * planStorageMigration (disk copy, mirrored copy).
 *
 * Outcome rules:
 *  - Before the switch (steps 1 to 4) every fault rolls back: the VM keeps using its source VHD,
 *    which holds every guest write, and the partial destination copy is discarded. A failed
 *    source disk pauses a running VM until the disk returns; a failed host takes the VM down.
 *  - After the switch (step 5) the VM uses the destination VHD: Cancel is refused; losing the
 *    source disk only leaves its files behind; losing the destination (its disk, the network to
 *    the share, or the host) stops the VM.
 *  - The source VHD is deleted only in step 5, after the VM has switched to the destination VHD.
 */
import { assign, setup } from 'xstate';
import {
  FILE_SHARE,
  planStorageMigration,
  STORAGE_NETWORK,
  type StorageMigrationParams,
  type StorageMigrationPlan,
  storageRequirements,
} from '../model/storageMigration';
import { type Placement, setStorageOnline, setVmDiskStorage } from '../model/vmFiles';
import { activeInstance, setHostUp, setInstance, setNetworkUp, type World } from '../model/world';
import {
  addLog,
  endRun,
  hostName,
  noteInfo,
  type RunOutcome,
  refusal,
  storageName,
  type TimedEvent,
  vmName,
} from './kernel';
import { diskMoveStates, stepState } from './migrationSteps';
import { type DiskMoveState, discardAt, initialDiskMove, keepIfDeleting } from './moveHelpers';
import { nextStep, type StepMeta } from './step';

export type { DestinationCopy } from './moveHelpers';

export interface StorageMigrationInput {
  params: StorageMigrationParams;
  seed: number;
  world: World;
  vm: string;
  host: string;
  sourcePlacement: Placement;
  destinationPlacement: Placement;
}

export type StorageOutcome = RunOutcome<'moved'>;

export type SourceFiles = 'in-use' | 'kept' | 'deleting' | 'deleted' | 'left-behind';

/** The VM uses the destination files once `switched`. */
export interface StorageMigrationContext
  extends StorageMigrationInput,
    DiskMoveState<StorageOutcome, SourceFiles> {
  plan: StorageMigrationPlan;
}

export type StorageMigrationEvent = TimedEvent<
  'START' | 'STEP_DONE' | (typeof STORAGE_FAULTS)[number]['type']
>;

/** This panel's faults: the move faults that apply to one host, plus the host itself. */
export const STORAGE_FAULTS = [
  { type: 'CUT_NETWORK', label: 'Cut storage network' },
  { type: 'FAIL_HOST', label: 'Fail host' },
  { type: 'FAIL_SOURCE_STORAGE', label: 'Fail source storage' },
  { type: 'FAIL_DESTINATION_STORAGE', label: 'Fail destination storage' },
  { type: 'CANCEL', label: 'Cancel' },
] as const;

type Ctx = StorageMigrationContext;

const running = (c: Ctx) => c.params.vmRunning;

/** The storage the moving files leave, and the one they go to. */
export function sourceStorageOf(c: Pick<Ctx, 'plan' | 'sourcePlacement'>): string {
  const first = c.plan.moving[0] ?? 'vhd';
  return c.sourcePlacement[first].storage;
}

export function destinationStorageOf(c: Pick<Ctx, 'plan' | 'destinationPlacement'>): string {
  const first = c.plan.moving[0] ?? 'vhd';
  return c.destinationPlacement[first].storage;
}

/** A location the move reaches over the storage network (the SMB share). */
function usesShare(c: Ctx): boolean {
  return c.plan.moving.some((m) => c.destinationPlacement[m].storage === FILE_SHARE);
}

/** The VM can reach the storage its disk is on. */
function diskReachable(w: World, c: Ctx): boolean {
  const id = w.vms[c.vm]?.disks[0]?.storage;
  if (id === undefined || w.storage[id]?.online !== true) return false;
  return id !== FILE_SHARE || w.networks[STORAGE_NETWORK]?.up === true;
}

/** Set the VM's status on its host after a change of storage (it never moves host). */
function settle(w: World, c: Ctx): World {
  if (!w.hosts[c.host]?.up || !running(c)) return w;
  return setInstance(w, c.vm, c.host, diskReachable(w, c) ? 'running' : 'paused');
}

function rollBack(c: Ctx, w: World, t: number): Partial<Ctx> {
  return {
    world: settle(w, c),
    destinationCopy: 'discarded',
    sourceFiles: 'kept',
    discarded: discardAt(c, t),
  };
}

function keeps(c: Ctx): string {
  return running(c)
    ? `${vmName(c.world, c.vm)} keeps running on ${hostName(c.world, c.host)} from its source VHD`
    : `${vmName(c.world, c.vm)} stays off, its files where they were`;
}

const BEFORE = 'before the switch';

export const storageMigrationMachine = setup({
  types: {
    context: {} as StorageMigrationContext,
    events: {} as StorageMigrationEvent,
    input: {} as StorageMigrationInput,
    meta: {} as StepMeta,
  },
  guards: {
    requirementsMet: ({ context: c }) =>
      storageRequirements(c.world, c.vm, c.host).every((r) => r.ok),
    movesVhd: ({ context: c }) => c.plan.disk !== null,
    networkMatters: ({ context: c }) =>
      usesShare(c) && c.world.networks[STORAGE_NETWORK]?.up === true,
    hostUp: ({ context: c }) => c.world.hosts[c.host]?.up === true,
    sourceOnline: ({ context: c }) => c.world.storage[sourceStorageOf(c)]?.online === true,
    destinationOnline: ({ context: c }) =>
      c.world.storage[destinationStorageOf(c)]?.online === true,
  },
  actions: {
    refuse: assign(({ context: c, event }) =>
      refusal(
        c,
        storageRequirements(c.world, c.vm, c.host).filter((r) => !r.ok),
        event.t,
      ),
    ),
    enterPreparing: assign(({ context: c, event }) => ({
      step: nextStep(c.step, c.plan.setupS),
      log: addLog(
        c.log,
        event.t,
        'step',
        `Destination folders created on ${storageName(c.world, destinationStorageOf(c))}; ${running(c) ? 'reads and writes go to the source VHD' : 'the VM is off'}`,
      ),
    })),
    enterCopying: assign(({ context: c, event }) => ({
      copyStartT: event.t,
      destinationCopy: 'copying' as const,
      step: nextStep(c.step, c.plan.disk?.fullCopyS ?? 0),
      log: addLog(c.log, event.t, 'step', 'Copying the VHD contents to the destination VHD'),
    })),
    enterMirroring: assign(({ context: c, event }) => ({
      destinationCopy: 'mirrored' as const,
      step: nextStep(c.step, c.plan.disk ? c.plan.disk.syncS - c.plan.disk.fullCopyS : 0),
      log: addLog(
        c.log,
        event.t,
        'step',
        running(c)
          ? `Initial copy done; writes mirrored to both VHDs while ${c.plan.disk?.outstandingBlocks ?? 0} changed blocks are copied`
          : 'Initial copy done; the VM is off, so there are no guest writes and no mirroring is needed',
      ),
    })),
    enterSwitching: assign(({ context: c, event }) => ({
      step: nextStep(c.step, c.plan.switchS),
      log: addLog(
        c.log,
        event.t,
        'step',
        `${vmName(c.world, c.vm)} switches to the destination files`,
      ),
    })),
    enterDeleting: assign(({ context: c, event }) => {
      let w = c.plan.disk
        ? setVmDiskStorage(c.world, c.vm, c.destinationPlacement.vhd.storage)
        : c.world;
      w = settle(w, c);
      return {
        world: w,
        switched: true,
        destinationCopy: 'in-use' as const,
        sourceFiles: 'deleting' as const,
        step: nextStep(c.step, c.plan.deleteS),
        log: addLog(
          c.log,
          event.t,
          'step',
          `${vmName(c.world, c.vm)} uses the destination files; deleting the source files`,
        ),
      };
    }),
    finish: assign(({ context: c, event }) => ({
      sourceFiles: 'deleted' as const,
      ...endRun(
        c,
        event.t,
        'moved',
        null,
        `Moved: ${vmName(c.world, c.vm)}'s storage is on ${storageName(c.world, destinationStorageOf(c))}; the source files are deleted. ${vmName(c.world, c.vm)} ${running(c) ? 'kept running' : 'stayed off'} on ${hostName(c.world, c.host)} throughout`,
      ),
    })),
    // ---- before the switch ---------------------------------------------------------------------
    cutNetworkRollback: assign(({ context: c, event }) => {
      const r = rollBack(c, setNetworkUp(c.world, STORAGE_NETWORK, false), event.t);
      const text = `Failed: the storage network to FS1 was cut ${BEFORE}; ${keeps(c)}; the partial copy is discarded`;
      return { ...r, ...endRun(c, event.t, 'failed', 'Storage network cut', text) };
    }),
    destinationRollback: assign(({ context: c, event }) => {
      const id = destinationStorageOf(c);
      const r = rollBack(c, setStorageOnline(c.world, id, false), event.t);
      const text = `Failed: ${storageName(c.world, id)} failed ${BEFORE}; mirroring stops; ${keeps(c)}; the partial copy is discarded`;
      return { ...r, ...endRun(c, event.t, 'failed', `${storageName(c.world, id)} failed`, text) };
    }),
    sourceRollback: assign(({ context: c, event }) => {
      const id = sourceStorageOf(c);
      const r = rollBack(c, setStorageOnline(c.world, id, false), event.t);
      const vm = running(c)
        ? `${vmName(c.world, c.vm)} cannot reach its disk and is paused on ${hostName(c.world, c.host)} until it returns`
        : `${vmName(c.world, c.vm)} stays off`;
      const text = `Failed: ${storageName(c.world, id)} failed ${BEFORE}; ${vm}; its source files are kept and the partial copy is discarded`;
      return { ...r, ...endRun(c, event.t, 'failed', `${storageName(c.world, id)} failed`, text) };
    }),
    hostRollback: assign(({ context: c, event }) => {
      const r = rollBack(c, setHostUp(c.world, c.host, false), event.t);
      const text = `Failed: ${hostName(c.world, c.host)} went down ${BEFORE}${running(c) ? ` with ${vmName(c.world, c.vm)} on it` : ''}; its source files are kept and the partial copy is discarded`;
      return { ...r, ...endRun(c, event.t, 'failed', `${hostName(c.world, c.host)} failed`, text) };
    }),
    cancelRollback: assign(({ context: c, event }) => {
      const r = rollBack(c, c.world, event.t);
      const text = `Cancelled ${BEFORE}: ${keeps(c)}; the partial copy is discarded`;
      return { ...r, ...endRun(c, event.t, 'cancelled', 'Cancel requested', text) };
    }),
    // ---- after the switch ----------------------------------------------------------------------
    cancelRefused: assign(({ context: c, event }) =>
      noteInfo(c, event.t, 'Cancel refused: the VM already uses the destination files'),
    ),
    sourceLostAfter: assign(({ context: c, event }) => {
      const id = sourceStorageOf(c);
      const text = `Moved: ${vmName(c.world, c.vm)} uses the destination files; ${storageName(c.world, id)} failed before the source files were deleted, so they stay behind until it returns`;
      return {
        world: setStorageOnline(c.world, id, false),
        sourceFiles: 'left-behind' as const,
        ...endRun(c, event.t, 'moved', `${storageName(c.world, id)} failed`, text),
      };
    }),
    destinationLostAfter: assign(({ context: c, event }) => {
      const net = event.type === 'CUT_NETWORK';
      const id = destinationStorageOf(c);
      const w0 = net
        ? setNetworkUp(c.world, STORAGE_NETWORK, false)
        : setStorageOnline(c.world, id, false);
      const what = net ? 'Storage network cut' : `${storageName(c.world, id)} failed`;
      const vm = !c.plan.disk
        ? `${vmName(c.world, c.vm)}'s moved files are unreachable until it returns`
        : running(c)
          ? `${vmName(c.world, c.vm)} cannot reach its destination disk and is paused on ${hostName(c.world, c.host)} until it returns`
          : `${vmName(c.world, c.vm)} cannot start until it returns`;
      return {
        world: settle(w0, c),
        sourceFiles: keepIfDeleting(c.sourceFiles),
        ...endRun(
          c,
          event.t,
          'failed',
          what,
          `Failed after the switch: ${what.toLowerCase()}; ${vm}`,
        ),
      };
    }),
    hostLostAfter: assign(({ context: c, event }) => ({
      world: setHostUp(c.world, c.host, false),
      sourceFiles: keepIfDeleting(c.sourceFiles),
      ...endRun(
        c,
        event.t,
        'failed',
        `${hostName(c.world, c.host)} failed`,
        `Failed after the switch: ${hostName(c.world, c.host)} went down${running(c) ? ` with ${vmName(c.world, c.vm)}` : ''}; its destination files are complete and the source files were not deleted`,
      ),
    })),
    // ---- idle -------------------------------------------------------------------------------------
    idleCut: assign(({ context: c, event }) => ({
      world: setNetworkUp(c.world, STORAGE_NETWORK, false),
      log: addLog(c.log, event.t, 'fault', 'Storage network cut'),
    })),
  },
}).createMachine({
  id: 'storageMigration',
  context: ({ input }) => ({
    ...input,
    ...initialDiskMove(),
    plan: planStorageMigration(input.params, input.seed),
  }),
  initial: 'idle',
  states: diskMoveStates('moved', {
    idle: {
      CUT_NETWORK: { guard: 'networkMatters', actions: 'idleCut' },
    },
    moving: {
      initial: 'preparing',
      on: {
        CUT_NETWORK: { guard: 'networkMatters', target: 'failed', actions: 'cutNetworkRollback' },
        FAIL_HOST: { guard: 'hostUp', target: 'failed', actions: 'hostRollback' },
        FAIL_SOURCE_STORAGE: { guard: 'sourceOnline', target: 'failed', actions: 'sourceRollback' },
        FAIL_DESTINATION_STORAGE: {
          guard: 'destinationOnline',
          target: 'failed',
          actions: 'destinationRollback',
        },
        CANCEL: { target: 'cancelled', actions: 'cancelRollback' },
      },
      states: {
        preparing: stepState(
          'enterPreparing',
          [{ guard: 'movesVhd', target: 'copying' }, { target: 'switching' }],
          {
            step: 1,
            title: 'I/O goes to the source VHD',
            narration:
              'The destination folders and an empty destination VHD are created. Throughout most of the move the VM\u2019s disk reads and writes go to the source VHD, as before.',
            source: '001',
          },
        ),
        copying: stepState('enterCopying', 'mirroring', {
          step: 2,
          title: 'Copy the contents to the destination VHD',
          narration:
            'The VHD\u2019s contents are copied block by block to the destination VHD while reads and writes still go to the source. Blocks the guest changes after they were copied fall behind.',
          source: '001',
        }),
        mirroring: stepState('enterMirroring', 'switching', {
          step: 3,
          title: 'Mirror writes while outstanding changes copy',
          narration:
            'After the initial copy, every write goes to both VHDs while the blocks that changed meanwhile are copied again. A VM that is off writes nothing, so there is nothing to mirror.',
          source: '001',
        }),
        switching: stepState('enterSwitching', '#storageMigration.switchedOver.deletingSource', {
          step: 4,
          title: 'Switch to the destination VHD',
          narration:
            'Both VHDs are in step, so the VM switches over to the destination VHD (and any other files moved). It stays on the same host: only its storage moves.',
          source: '001',
        }),
      },
    },
    switchedOver: {
      initial: 'deletingSource',
      on: {
        CANCEL: { actions: 'cancelRefused' },
        FAIL_SOURCE_STORAGE: { guard: 'sourceOnline', target: 'moved', actions: 'sourceLostAfter' },
        FAIL_DESTINATION_STORAGE: {
          guard: 'destinationOnline',
          target: 'failed',
          actions: 'destinationLostAfter',
        },
        CUT_NETWORK: { guard: 'networkMatters', target: 'failed', actions: 'destinationLostAfter' },
        FAIL_HOST: { guard: 'hostUp', target: 'failed', actions: 'hostLostAfter' },
      },
      states: {
        deletingSource: stepState(
          'enterDeleting',
          { target: '#storageMigration.moved', actions: 'finish' },
          {
            step: 5,
            title: 'Delete the source VHD',
            narration:
              'The VM runs from the destination files; the source VHD and files are deleted.',
            source: '001',
          },
        ),
      },
    },
  }),
});

export type StorageMigrationMachine = typeof storageMigrationMachine;

export function vmStatus(c: StorageMigrationContext): string {
  return activeInstance(c.world, c.vm)?.status ?? 'off';
}
