/**
 * Live migration with SMB shared storage (CATALOG 4.4 and 4.1, seed 001).
 *
 * Every VM file stays on an SMB 3 share of a file server. Only the running state (memory, device
 * state) crosses the live migration network; at the handoff the SMB connection (the open handle to
 * the VHD) moves from the source host to the destination; the VHD never moves. Several VMs may
 * migrate at once (no queue: queuing exists only inside a failover cluster); they share the network
 * (model/concurrentMigration.ts: re-planned whenever the number sending changes).
 *
 * The machine is walkable by the SimRunner: each timed state lasts until the next milestone (the
 * nearest moment any migration changes phase). The state is the step of the least advanced
 * migration, so with one VM it is exactly that VM's step.
 *
 * Faults (storage faults are a host's path to the file server, whose share stays up):
 *  - cut network / cancel: migrations before their handoff roll back (the VMs keep running on the
 *    source with their handles); those past it complete. Cancel is refused once all are past it.
 *  - fail source host: the VMs still on it go down with it; with no failover cluster they stay off,
 *    their files intact on the share. Those past the handoff complete.
 *  - fail destination host: migrations before the handoff roll back; VMs already on it go down (off).
 *  - fail source storage (the source's path to the share): the VMs whose handle is still on the source
 *    lose their disk and are paused there until the path returns; the migrations under way stop.
 *  - fail destination storage (the destination's path to the share): migrations before the handoff
 *    roll back (the destination could not open the VHD); VMs already on the destination are paused.
 */
import { assign, setup } from 'xstate';
import {
  type ConcurrentParams,
  type LaneStage,
  planConcurrent,
} from '../model/concurrentMigration';
import type { Requirement } from '../model/requirements';
import { checkSmbRequirements, type SmbSetup } from '../model/smbScenario';
import {
  activeInstance,
  removeInstance,
  setHostUp,
  setInstance,
  setStorageController,
  setStoragePath,
  type World,
} from '../model/world';
import {
  advanceLanes,
  applyMilestone,
  cancelRefused,
  cancelRun,
  cutNetworkRun,
  endRun,
  endRunWithLanes,
  failedRequirementsOf,
  finishLanes,
  hostName,
  idleCutNetwork,
  initialLanesRun,
  LANES_GUARDS,
  type LaneStatus,
  type LanesContext,
  type LanesEvent,
  type LanesOutcome,
  type LanesRunContext,
  noteFault,
  placeLane,
  queuedLanes,
  refusal,
  stagesAt,
  timeInterval,
  vmName,
} from './concurrentLanes';
import type { StepMeta } from './step';

export interface SmbMigrationInput {
  params: ConcurrentParams;
  seed: number;
  world: World;
  setup: SmbSetup;
  /** The selected VMs, all started together. */
  vms: string[];
  source: string;
  destination: string;
}

export type SmbOutcome = LanesOutcome;

export interface SmbMigrationContext extends LanesRunContext {
  params: ConcurrentParams;
  seed: number;
  setup: SmbSetup;
}

export type SmbMigrationEvent = LanesEvent;

type Ctx = SmbMigrationContext;

/** The machine's steps, in the order a migration goes through them. */
export const SMB_STAGE_STATES = [
  ['connecting', 'connecting'],
  ['copying', 'copyingMemory'],
  ['stopAndCopy', 'stopAndCopy'],
  ['handoff', 'smbHandoff'],
  ['resuming', 'resuming'],
  ['switchUpdate', 'updatingSwitch'],
] as const;
const ORDER: readonly LaneStage[] = [
  'queued',
  'connecting',
  'copying',
  'stopAndCopy',
  'handoff',
  'resuming',
  'switchUpdate',
  'done',
];

/** The least advanced stage of the batch at milestone `index` (what the machine's state shows). */
export function leadStage(c: LanesContext, index: number): LaneStage {
  const stages = Object.values(stagesAt(c, index));
  return stages.reduce<LaneStage>(
    (min, s) => (ORDER.indexOf(s) < ORDER.indexOf(min) ? s : min),
    'done',
  );
}

function failedRequirements(c: Ctx): Requirement[] {
  return failedRequirementsOf(c.vms, (vm) =>
    checkSmbRequirements(c.world, c.setup, { vm, source: c.source, destination: c.destination }),
  );
}

function shareName(c: Ctx): string {
  return c.world.storage[c.setup.share]?.name ?? 'the share';
}

/** Pause every VM whose disk handle is on `host` (its path to the share failed). */
function pauseHandlesOn(w0: World, host: string): World {
  let w = w0;
  for (const vm of Object.values(w.vms)) {
    const act = activeInstance(w, vm.id);
    if (act && act.host === host && vm.storageController === host)
      w = setInstance(w, vm.id, host, 'paused');
  }
  return w;
}

const STAGE_GUARDS = Object.fromEntries(
  SMB_STAGE_STATES.map(([stage]) => [
    `next_${stage}`,
    ({ context }: { context: Ctx }) => leadStage(context, context.milestone + 1) === stage,
  ]),
) as Record<`next_${(typeof SMB_STAGE_STATES)[number][0]}`, (a: { context: Ctx }) => boolean>;

export const smbMigrationMachine = setup({
  types: {
    context: {} as SmbMigrationContext,
    events: {} as SmbMigrationEvent,
    input: {} as SmbMigrationInput,
    meta: {} as StepMeta,
  },
  guards: {
    ...STAGE_GUARDS,
    ...LANES_GUARDS,
    requirementsMet: ({ context }) =>
      context.vms.length > 0 && failedRequirements(context).length === 0,
    sourcePathUp: ({ context }) =>
      context.world.storage[context.setup.share]?.pathUp[context.source] === true,
    destinationPathUp: ({ context }) =>
      context.world.storage[context.setup.share]?.pathUp[context.destination] === true,
    anyMigrating: ({ context }) => context.vms.some((vm) => context.lanes[vm] === 'migrating'),
    anyMigratingOrOnDestination: ({ context }) =>
      context.vms.some((vm) =>
        ['migrating', 'switchedOver', 'migrated'].includes(context.lanes[vm] ?? ''),
      ),
  },
  actions: {
    refuse: assign(({ context, event }) => refusal(context, event.t, failedRequirements(context))),
    begin: assign(({ context, event }) => ({
      startT: event.t,
      lanes: queuedLanes(context.vms),
      ...applyMilestone({ ...context, lanes: queuedLanes(context.vms) }, 0, event.t),
    })),
    advance: assign(({ context, event }) => advanceLanes(context, event.t)),
    timeInterval: assign(({ context }) => timeInterval(context)),
    finish: assign(({ context, event }) =>
      finishLanes(context, event.t, (c) => {
        const names = c.vms.map((vm) => vmName(c.world, vm)).join(', ');
        return `Migrated: ${names} run${c.vms.length === 1 ? 's' : ''} on ${hostName(c.world, c.destination)}, which now holds the SMB connection to ${c.vms.length === 1 ? 'its' : 'their'} VHD; the VHD${c.vms.length === 1 ? '' : 's'} never left ${shareName(c)}.`;
      }),
    ),
    // ---- faults ---------------------------------------------------------------------------
    cutNetwork: assign(({ context, event }) => cutNetworkRun(context, event.t)),
    cancel: assign(({ context, event }) => cancelRun(context, event.t)),
    cancelRefused: assign(({ context, event }) =>
      cancelRefused(
        context,
        event.t,
        'every migration has handed its SMB connection to the destination, so there is no way back',
      ),
    ),
    failSource: assign(({ context, event }) =>
      endRunWithLanes(
        context,
        event.t,
        'failed',
        `${hostName(context.world, context.source)} failed`,
        `Failed: ${hostName(context.world, context.source)} went down with the VMs still on it`,
        setHostUp(context.world, context.source, false),
        { restartFrom: context.source, restart: false },
      ),
    ),
    failDestination: assign(({ context, event }) =>
      endRunWithLanes(
        context,
        event.t,
        'failed',
        `${hostName(context.world, context.destination)} failed`,
        `Failed: ${hostName(context.world, context.destination)} went down`,
        setHostUp(context.world, context.destination, false),
        { restartFrom: context.destination, restart: false },
      ),
    ),
    failSourcePath: assign(({ context, event }) => {
      const c = context;
      let w = setStoragePath(c.world, c.setup.share, c.source, false);
      const lanes = { ...c.lanes };
      const notes: string[] = [];
      for (const vm of c.vms) {
        const name = vmName(w, vm);
        if (lanes[vm] === 'migrating') {
          w = removeInstance(w, vm, c.destination);
          w = setStorageController(w, vm, c.source);
          lanes[vm] = 'rolledBack';
          notes.push(`${name} stays on ${hostName(w, c.source)}, paused until the path returns`);
        } else if (lanes[vm] === 'switchedOver') {
          w = placeLane(w, vm, 'done', c.source, c.destination);
          lanes[vm] = 'migrated';
          notes.push(
            `${name} already holds its handle on ${hostName(w, c.destination)} and runs there`,
          );
        }
      }
      w = pauseHandlesOn(w, c.source);
      return {
        world: w,
        lanes,
        ...endRun(
          c,
          event.t,
          'failed',
          `${hostName(w, c.source)} lost its path to ${shareName(c)}`,
          `Failed: ${hostName(w, c.source)} lost its SMB connection to ${shareName(c)}, so the VMs whose handle is still there cannot reach their VHD: ${notes.join('; ')}.`,
        ),
      };
    }),
    sourcePathHarmless: assign(({ context, event }) => {
      const w = pauseHandlesOn(
        setStoragePath(context.world, context.setup.share, context.source, false),
        context.source,
      );
      return noteFault(
        context,
        event.t,
        w,
        `${hostName(w, context.source)} lost its path to ${shareName(context)}; the migrated VMs hold their handles on ${hostName(w, context.destination)}, so they are not affected`,
      );
    }),
    failDestinationPath: assign(({ context, event }) => {
      const c = context;
      let w = setStoragePath(c.world, c.setup.share, c.destination, false);
      const lanes = { ...c.lanes };
      const notes: string[] = [];
      for (const vm of c.vms) {
        const name = vmName(w, vm);
        if (lanes[vm] === 'migrating') {
          w = removeInstance(w, vm, c.destination);
          w = setStorageController(setInstance(w, vm, c.source, 'running'), vm, c.source);
          lanes[vm] = 'rolledBack';
          notes.push(`${name} keeps running on ${hostName(w, c.source)}`);
        } else if (lanes[vm] === 'switchedOver' || lanes[vm] === 'migrated') {
          w = placeLane(w, vm, 'done', c.source, c.destination);
          w = setInstance(w, vm, c.destination, 'paused');
          lanes[vm] = 'migrated';
          notes.push(`${name} is paused on ${hostName(w, c.destination)} until the path returns`);
        }
      }
      return {
        world: w,
        lanes,
        ...endRun(
          c,
          event.t,
          'failed',
          `${hostName(w, c.destination)} lost its path to ${shareName(c)}`,
          `Failed: ${hostName(w, c.destination)} cannot reach ${shareName(c)}, so it cannot open the VHDs: ${notes.join('; ')}.`,
        ),
      };
    }),
    idleCut: assign(({ context, event }) => idleCutNetwork(context, event.t)),
    idleFailDestination: assign(({ context, event }) =>
      noteFault(
        context,
        event.t,
        setHostUp(context.world, context.destination, false),
        `${hostName(context.world, context.destination)} failed`,
      ),
    ),
    idleFailSource: assign(({ context, event }) => {
      const text = `Failed before the start: ${hostName(context.world, context.source)} went down and its VMs with it; with no failover cluster they stay off, their files intact on ${shareName(context)}`;
      return {
        world: setHostUp(context.world, context.source, false),
        lanes: Object.fromEntries(context.vms.map((vm) => [vm, 'lost' as LaneStatus])),
        ...endRun(
          context,
          event.t,
          'failed',
          `${hostName(context.world, context.source)} failed`,
          text,
        ),
      };
    }),
    idleSourcePath: assign(({ context, event }) =>
      noteFault(
        context,
        event.t,
        pauseHandlesOn(
          setStoragePath(context.world, context.setup.share, context.source, false),
          context.source,
        ),
        `${hostName(context.world, context.source)} lost its path to ${shareName(context)}: its VMs are paused until it returns`,
      ),
    ),
    idleDestinationPath: assign(({ context, event }) =>
      noteFault(
        context,
        event.t,
        setStoragePath(context.world, context.setup.share, context.destination, false),
        `${hostName(context.world, context.destination)} lost its path to ${shareName(context)}`,
      ),
    ),
  },
}).createMachine({
  id: 'smbMigration',
  context: ({ input }) => ({
    params: input.params,
    seed: input.seed,
    setup: input.setup,
    ...initialLanesRun(input, planConcurrent(input.params, input.vms, null, input.seed)),
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        START: [
          { guard: 'requirementsMet', target: 'migrating', actions: 'begin' },
          { target: 'refused', actions: 'refuse' },
        ],
        CUT_NETWORK: { guard: 'networkUp', actions: 'idleCut' },
        FAIL_DESTINATION_HOST: { guard: 'destinationUp', actions: 'idleFailDestination' },
        FAIL_SOURCE_HOST: { target: 'failed', actions: 'idleFailSource' },
        FAIL_SOURCE_STORAGE: { guard: 'sourcePathUp', actions: 'idleSourcePath' },
        FAIL_DESTINATION_STORAGE: { guard: 'destinationPathUp', actions: 'idleDestinationPath' },
      },
    },
    migrating: {
      initial: 'connecting',
      on: {
        CUT_NETWORK: { target: 'failed', actions: 'cutNetwork' },
        FAIL_SOURCE_HOST: { target: 'failed', actions: 'failSource' },
        FAIL_DESTINATION_HOST: { target: 'failed', actions: 'failDestination' },
        CANCEL: [
          { guard: 'cancellable', target: 'cancelled', actions: 'cancel' },
          { actions: 'cancelRefused' },
        ],
        FAIL_SOURCE_STORAGE: [
          { guard: 'anyMigrating', target: 'failed', actions: 'failSourcePath' },
          { guard: 'sourcePathUp', actions: 'sourcePathHarmless' },
        ],
        FAIL_DESTINATION_STORAGE: {
          guard: 'destinationPathUp',
          target: 'failed',
          actions: 'failDestinationPath',
        },
      },
      states: {
        connecting: {
          entry: 'timeInterval',
          meta: {
            step: 1,
            title: 'Connect and create the VM shell',
            narration:
              'Each source-destination pair opens a connection over the live migration network and sends the VM\u2019s configuration; the destination builds an empty VM from it. The VM\u2019s files stay where they are, on the file server\u2019s SMB 3 share.',
            source: '001',
          },
          on: {
            STEP_DONE: [
              { guard: 'lastMilestoneNext', target: '#smbMigration.migrated', actions: 'finish' },
              { guard: 'next_connecting', target: 'connecting', reenter: true, actions: 'advance' },
              { target: 'copyingMemory', actions: 'advance' },
            ],
          },
        },
        copyingMemory: {
          entry: 'timeInterval',
          meta: {
            step: 2,
            title: 'Copy the memory, round after round',
            narration:
              'Only the running state moves: the memory crosses the network while the VM keeps running and keeps using its VHD on the share through the source\u2019s SMB connection. Pages changed meanwhile are sent again in the next round. Migrations running together share the network.',
            source: '001',
          },
          on: {
            STEP_DONE: [
              { guard: 'lastMilestoneNext', target: '#smbMigration.migrated', actions: 'finish' },
              {
                guard: 'next_copying',
                target: 'copyingMemory',
                reenter: true,
                actions: 'advance',
              },
              { target: 'stopAndCopy', actions: 'advance' },
            ],
          },
        },
        stopAndCopy: {
          entry: 'timeInterval',
          meta: {
            step: 3,
            title: 'Pause and send the last pages',
            narration:
              'The VM pauses on the source; the last changed pages and the processor and device state go across. This pause is the migration\u2019s downtime.',
            source: '001',
          },
          on: {
            STEP_DONE: [
              { guard: 'lastMilestoneNext', target: '#smbMigration.migrated', actions: 'finish' },
              {
                guard: 'next_stopAndCopy',
                target: 'stopAndCopy',
                reenter: true,
                actions: 'advance',
              },
              { target: 'smbHandoff', actions: 'advance' },
            ],
          },
        },
        smbHandoff: {
          entry: 'timeInterval',
          meta: {
            step: 4,
            title: 'Move the SMB connection to the destination',
            narration:
              'The source closes its open handle to the VHD on the share and the destination opens it: the SMB connection moves, the VHD does not. Until this completes, a failure sends the VM back to the source.',
            source: '001',
          },
          on: {
            STEP_DONE: [
              { guard: 'lastMilestoneNext', target: '#smbMigration.migrated', actions: 'finish' },
              { guard: 'next_handoff', target: 'smbHandoff', reenter: true, actions: 'advance' },
              { target: 'resuming', actions: 'advance' },
            ],
          },
        },
        resuming: {
          entry: 'timeInterval',
          meta: {
            step: 5,
            title: 'Run the VM on the destination',
            narration:
              'The VM resumes on the destination, reading and writing the same VHD on the share through the destination\u2019s SMB connection. From here on there is no way back.',
            source: '001',
          },
          on: {
            STEP_DONE: [
              { guard: 'lastMilestoneNext', target: '#smbMigration.migrated', actions: 'finish' },
              { guard: 'next_resuming', target: 'resuming', reenter: true, actions: 'advance' },
              { target: 'updatingSwitch', actions: 'advance' },
            ],
          },
        },
        updatingSwitch: {
          entry: 'timeInterval',
          meta: {
            step: 6,
            title: 'Tell the physical switch',
            narration:
              'The switch learns the VM\u2019s MAC address behind the destination\u2019s port, so the VM\u2019s network traffic follows it.',
            source: '001',
          },
          on: {
            STEP_DONE: [
              { guard: 'lastMilestoneNext', target: '#smbMigration.migrated', actions: 'finish' },
              { target: 'updatingSwitch', reenter: true, actions: 'advance' },
            ],
          },
        },
      },
    },
    migrated: { type: 'final' },
    failed: { type: 'final' },
    cancelled: { type: 'final' },
    refused: { type: 'final' },
  },
});

export type SmbMigrationMachine = typeof smbMigrationMachine;
