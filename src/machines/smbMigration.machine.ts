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
import type { LaneStage } from '../model/concurrentMigration';
import type { SmbMigrationInput } from '../model/inputs';
import { checkSmbRequirements, type SmbSetup } from '../model/smbScenario';
import {
  removeInstance,
  setHostUp,
  setInstance,
  setStorageController,
  setStoragePath,
  type World,
} from '../model/world';
import { pauseHandlesOn } from '../model/worldOps';
import {
  applyMilestone,
  type LaneStatus,
  type LanesContext,
  placeLane,
  stagesAt,
} from './concurrentLanes';
import { hostName, noteFault, storageName, vmName } from './kernel';
import {
  endRun,
  type LanesEvent,
  type LanesMachineContext,
  lanesRun,
  queuedLanes,
} from './lanesMachine';
import { lanesMachineStates, lanesSteps } from './lanesStates';
import type { StepMeta } from './step';

export type { SmbMigrationInput } from '../model/inputs';

export interface SmbMigrationContext extends LanesMachineContext {
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

function shareName(c: Ctx): string {
  return storageName(c.world, c.setup.share, 'the share');
}

/** What becomes of one lane when a host loses its path to the share: null leaves it as it is. */
type LaneFate = (
  w: World,
  vm: string,
  status: LaneStatus | undefined,
) => { world: World; status: LaneStatus; note: string } | null;

/** `host` lost its path to the share under way: every lane meets its fate, the run fails. */
function pathLostUnderWay(
  c: Ctx,
  t: number,
  host: string,
  fate: LaneFate,
  text: (w: World, notes: string) => string,
  settle: (w: World) => World = (w) => w,
) {
  let w = setStoragePath(c.world, c.setup.share, host, false);
  const lanes = { ...c.lanes };
  const notes: string[] = [];
  for (const vm of c.vms) {
    const r = fate(w, vm, lanes[vm]);
    if (!r) continue;
    w = r.world;
    lanes[vm] = r.status;
    notes.push(r.note);
  }
  w = settle(w);
  return {
    world: w,
    lanes,
    ...endRun(
      c,
      t,
      'failed',
      `${hostName(w, host)} lost its path to ${shareName(c)}`,
      text(w, notes.join('; ')),
    ),
  };
}

/** Stand-alone hosts: no failover cluster restarts the VMs of a host that goes down. */
const RUN = lanesRun<Ctx>({
  requirements: (c, vm) =>
    checkSmbRequirements(c.world, c.setup, { vm, source: c.source, destination: c.destination }),
  hostDown: (c, host) => setHostUp(c.world, host, false),
  restart: false,
  sourceDownMore: '',
  noWayBack:
    'every migration has handed its SMB connection to the destination, so there is no way back',
  migrated: (c) => {
    const names = c.vms.map((vm) => vmName(c.world, vm)).join(', ');
    return `Migrated: ${names} run${c.vms.length === 1 ? 's' : ''} on ${hostName(c.world, c.destination)}, which now holds the SMB connection to ${c.vms.length === 1 ? 'its' : 'their'} VHD; the VHD${c.vms.length === 1 ? '' : 's'} never left ${shareName(c)}.`;
  },
  sourceDownFirst: (c) => ({
    world: setHostUp(c.world, c.source, false),
    lanes: Object.fromEntries(c.vms.map((vm) => [vm, 'lost' as LaneStatus])),
    text: `Failed before the start: ${hostName(c.world, c.source)} went down and its VMs with it; with no failover cluster they stay off, their files intact on ${shareName(c)}`,
  }),
});

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
    ...RUN.guards,
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
    ...RUN.actions,
    begin: assign(({ context, event }) => ({
      startT: event.t,
      lanes: queuedLanes(context.vms),
      ...applyMilestone({ ...context, lanes: queuedLanes(context.vms) }, 0, event.t),
    })),
    failSourcePath: assign(({ context: c, event }) =>
      pathLostUnderWay(
        c,
        event.t,
        c.source,
        (w, vm, status) => {
          const name = vmName(w, vm);
          if (status === 'migrating') {
            const back = setStorageController(removeInstance(w, vm, c.destination), vm, c.source);
            return {
              world: back,
              status: 'rolledBack',
              note: `${name} stays on ${hostName(w, c.source)}, paused until the path returns`,
            };
          }
          if (status === 'switchedOver') {
            return {
              world: placeLane(w, vm, 'done', c.source, c.destination),
              status: 'migrated',
              note: `${name} already holds its handle on ${hostName(w, c.destination)} and runs there`,
            };
          }
          return null;
        },
        (w, notes) =>
          `Failed: ${hostName(w, c.source)} lost its SMB connection to ${shareName(c)}, so the VMs whose handle is still there cannot reach their VHD: ${notes}.`,
        (w) => pauseHandlesOn(w, c.source),
      ),
    ),
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
    failDestinationPath: assign(({ context: c, event }) =>
      pathLostUnderWay(
        c,
        event.t,
        c.destination,
        (w, vm, status) => {
          const name = vmName(w, vm);
          if (status === 'migrating') {
            const w1 = removeInstance(w, vm, c.destination);
            return {
              world: setStorageController(setInstance(w1, vm, c.source, 'running'), vm, c.source),
              status: 'rolledBack',
              note: `${name} keeps running on ${hostName(w, c.source)}`,
            };
          }
          if (status === 'switchedOver' || status === 'migrated') {
            const done = placeLane(w, vm, 'done', c.source, c.destination);
            return {
              world: setInstance(done, vm, c.destination, 'paused'),
              status: 'migrated',
              note: `${name} is paused on ${hostName(w, c.destination)} until the path returns`,
            };
          }
          return null;
        },
        (w, notes) =>
          `Failed: ${hostName(w, c.destination)} cannot reach ${shareName(c)}, so it cannot open the VHDs: ${notes}.`,
      ),
    ),
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
  context: ({ input }) => ({ ...RUN.context(input, null), setup: input.setup }),
  initial: 'idle',
  states: lanesMachineStates({
    under: 'migrating',
    begin: 'begin',
    storage: {
      idle: {
        FAIL_SOURCE_STORAGE: { guard: 'sourcePathUp', actions: 'idleSourcePath' },
        FAIL_DESTINATION_STORAGE: { guard: 'destinationPathUp', actions: 'idleDestinationPath' },
      },
      underWay: {
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
    },
    initial: 'connecting',
    steps: lanesSteps('smbMigration', [
      {
        state: 'connecting',
        until: 'next_connecting',
        meta: {
          step: 1,
          title: 'Connect and create the VM shell',
          narration:
            'Each source-destination pair opens a connection over the live migration network and sends the VM\u2019s configuration; the destination builds an empty VM from it. The VM\u2019s files stay where they are, on the file server\u2019s SMB 3 share.',
          source: '001',
        },
      },
      {
        state: 'copyingMemory',
        until: 'next_copying',
        meta: {
          step: 2,
          title: 'Copy the memory, round after round',
          narration:
            'Only the running state moves: the memory crosses the network while the VM keeps running and keeps using its VHD on the share through the source\u2019s SMB connection. Pages changed meanwhile are sent again in the next round. Migrations running together share the network.',
          source: '001',
        },
      },
      {
        state: 'stopAndCopy',
        until: 'next_stopAndCopy',
        meta: {
          step: 3,
          title: 'Pause and send the last pages',
          narration:
            'The VM pauses on the source; the last changed pages and the processor and device state go across. This pause is the migration\u2019s downtime.',
          source: '001',
        },
      },
      {
        state: 'smbHandoff',
        until: 'next_handoff',
        meta: {
          step: 4,
          title: 'Move the SMB connection to the destination',
          narration:
            'The source closes its open handle to the VHD on the share and the destination opens it: the SMB connection moves, the VHD does not. Until this completes, a failure sends the VM back to the source.',
          source: '001',
        },
      },
      {
        state: 'resuming',
        until: 'next_resuming',
        meta: {
          step: 5,
          title: 'Run the VM on the destination',
          narration:
            'The VM resumes on the destination, reading and writing the same VHD on the share through the destination\u2019s SMB connection. From here on there is no way back.',
          source: '001',
        },
      },
      {
        state: 'updatingSwitch',
        meta: {
          step: 6,
          title: 'Tell the physical switch',
          narration:
            'The switch learns the VM\u2019s MAC address behind the destination\u2019s port, so the VM\u2019s network traffic follows it.',
          source: '001',
        },
      },
    ]),
  }),
});

export type SmbMigrationMachine = typeof smbMigrationMachine;
