/**
 * Shared virtual hard disk for guest clusters (CATALOG 2.3; seed 000): a run of fixed length
 * (`SHARED_VHDX_CONSTANTS.runS`) in which a clustered service (SQL Server) runs on one of two guest
 * nodes that share one VHDX, and the faults the seed says the design protects against, at any
 * moment: the guest node running the service fails, the Hyper-V host under it fails, the file
 * server node it reaches the VHDX through fails (Scale-Out File Server only; on a CSV the fault is
 * refused with the reason). Each fault starts a recovery, step by step:
 *   2 the failure is detected (guest or host cluster heartbeats; the SMB witness);
 *   3 the service starts on the surviving guest node, and/or the storage path is re-made
 *     (SMB transparent failover to the other file server node, a new CSV coordinator);
 *   4 the host cluster restarts the VM of a failed host on the surviving host (cold boot); it
 *     rejoins the guest cluster as a standby (a service waiting for it then starts: step 3 again);
 *   5 the service runs on to the end of the run.
 * A fault during a recovery starts it again from step 2 with everything still pending. The run
 * fails when no guest node is left to run the service or the VHDX cannot be reached.
 *
 * The guest cluster's state and what each fault does are the model's (model/sharedVhdx.ts); the
 * states and the step clock are the cluster run's that the CSV machine has too
 * (./clusterRecovery.ts).
 */
import { assign, setup } from 'xstate';
import { nodeDownDetectionS } from '../model/csv';
import {
  bootBegins,
  bootDone,
  canInject,
  faultRefusal,
  type GuestCluster,
  type GuestFault,
  type GuestFaultResult,
  type GuestTally,
  guestCluster,
  guestTallyAt,
  injectGuestFault,
  ioPath,
  needsBoot,
  needsSwitch,
  SERVICE_NAME,
  SHARED_STORAGE,
  SHARED_VHDX,
  SHARED_VHDX_CONSTANTS,
  type SharedVhdxInput,
  type SharedVhdxParams,
  serviceCanStart,
  startGuestTally,
  switchDone,
  switchS,
} from '../model/sharedVhdx';
import type { World } from '../model/world';
import {
  type ClusterRunContext,
  clusterRunStates,
  faultFails,
  faultSurvived,
  initialRecovery,
  logLines,
  runBegins,
  timed,
} from './clusterRecovery';
import { faultTable, forEach } from './faultTable';
import { addLog, endRun, hostName, noteInfo, type RunOutcome, storageName, vmName } from './kernel';
import type { StepMeta, TimedEvent } from './step';

/** The faults of the shared VHDX panel, with their CONTRACT names ("Inject fault" menu). */
export const SHARED_VHDX_FAULTS = [
  { type: 'FAIL_GUEST_NODE', label: 'Fail guest node' },
  { type: 'FAIL_HOST', label: 'Fail host' },
  { type: 'FAIL_FILE_SERVER_NODE', label: 'Fail file server node' },
] as const;

export type SharedVhdxFaultType = (typeof SHARED_VHDX_FAULTS)[number]['type'];

const FAULT_OF: Record<SharedVhdxFaultType, GuestFault> = {
  FAIL_GUEST_NODE: 'guestNode',
  FAIL_HOST: 'host',
  FAIL_FILE_SERVER_NODE: 'fileServer',
};

export type SharedVhdxEvent = TimedEvent<'START' | 'STEP_DONE' | SharedVhdxFaultType>;

export type SharedVhdxOutcome = RunOutcome<'completed'>;

export type SharedVhdxContext = ClusterRunContext<SharedVhdxParams, GuestCluster, GuestTally>;

type Ctx = SharedVhdxContext;
type Update = (c: Ctx, e: SharedVhdxEvent) => Partial<Ctx>;

const FAILED = '#sharedVhdx.failed';
const COMPLETED = '#sharedVhdx.completed';
const DETECTING = '#sharedVhdx.running.detecting';

const w = (c: Ctx): World => c.cluster.world;
const name = (world: World, id: string | null) =>
  id ? (world.hosts[id]?.name ?? world.vms[id]?.name ?? id) : 'nowhere';
const pathText = (g: GuestCluster) => ioPath(g).join(' \u2192 ');

/** The cluster changes at `t`: the figures are brought up to `t` first. */
function settle(c: Ctx, t: number, next: GuestCluster): Pick<Ctx, 'cluster' | 'tally'> {
  const tally = guestTallyAt(c.tally, c.cluster, c.params, t);
  const moved =
    c.cluster.service.phase === 'failingOver' && next.service.phase === 'running' ? 1 : 0;
  return { cluster: next, tally: { ...tally, failovers: tally.failovers + moved } };
}

const faultOf = (e: SharedVhdxEvent) => FAULT_OF[e.type as SharedVhdxFaultType];

// ---- faults ----------------------------------------------------------------------------------------

function faultLines(c: Ctx, r: GuestFaultResult, fault: GuestFault): string[] {
  const before = w(c);
  const after = r.cluster.world;
  const hit = name(before, r.hit);
  const lines: string[] = [];
  if (fault === 'guestNode') lines.push(`${hit} failed: its guest operating system stopped`);
  if (fault === 'host') {
    const vms = before.instances.filter((i) => i.host === r.hit).map((i) => vmName(before, i.vm));
    lines.push(`${hit} failed with ${vms.join(' and ') || 'no VMs'}`);
    if (r.newCoordinator)
      lines.push(
        `${hit} was the coordinator of ${storageName(before, SHARED_STORAGE)}: ${hostName(after, r.newCoordinator)} takes it over (I/O queued meanwhile, event 5120)`,
      );
  }
  if (fault === 'fileServer') {
    lines.push(`File server node ${hit} failed`);
    for (const x of r.reconnected)
      lines.push(
        `The SMB 3 client on ${hostName(after, x.host)} is told by the witness and moves to ${hostName(after, x.to)} (transparent failover): ${SERVICE_NAME}'s I/O pauses, its handles stay open`,
      );
  }
  if (r.movedTo)
    lines.push(
      `The guest cluster will start ${SERVICE_NAME} on ${vmName(after, r.movedTo)}, which already sees ${SHARED_VHDX}`,
    );
  return lines;
}

function detectedLines(c: Ctx, r: GuestFaultResult, fault: GuestFault): string[] {
  const hit = name(w(c), r.hit);
  if (fault === 'guestNode')
    return [
      `The guest cluster declares ${hit} down after ${nodeDownDetectionS()} s of missed heartbeats`,
    ];
  if (fault === 'host')
    return [
      `Event 1135: the host cluster removes ${hit} after ${nodeDownDetectionS()} s of missed heartbeats; the guest cluster declares its guest node down`,
    ];
  return [];
}

/** A fault the run survives: the cluster changes now; the recovery starts at step 2. */
const faultHits: Update = (c, e) => {
  const fault = faultOf(e);
  const r = injectGuestFault(c.cluster, fault);
  return {
    ...settle(c, e.t, r.cluster),
    ...faultSurvived(c, e.t, r.detectS, faultLines(c, r, fault), detectedLines(c, r, fault)),
  };
};

/** A fault that ends the run: no guest node left for the service, or no way to the VHDX. */
const faultEnds: Update = (c, e) => {
  const fault = faultOf(e);
  const r = injectGuestFault(c.cluster, fault);
  const hit = name(w(c), r.hit);
  const text =
    r.end === 'noStorage'
      ? `Failed: ${hit} failed and no ${c.cluster.storage === 'sofs' ? 'file server node is left' : 'host with a path to the volume is left'}: ${SHARED_VHDX} cannot be reached and ${SERVICE_NAME} stops`
      : `Failed: ${hit} failed and no guest node is left that can run ${SERVICE_NAME} (a failed guest stays down; a VM needs a host that is up)`;
  return { ...settle(c, e.t, r.cluster), ...faultFails(c, e.t, `${hit} failed`, text) };
};

/** A fault that cannot happen here: refused with the reason; nothing else changes. */
const faultRefused: Update = (c, e) =>
  noteInfo(c, e.t, `Refused: ${faultRefusal(c.cluster, faultOf(e)) ?? ''}`);

const FAULTS = faultTable<Ctx, SharedVhdxEvent>()({
  running: forEach(
    ['FAIL_GUEST_NODE', 'FAIL_HOST', 'FAIL_FILE_SERVER_NODE'],
    [
      { guard: 'faultRefused', action: 'faultRefused', update: faultRefused },
      { guard: 'faultEndsRun', target: FAILED, action: 'faultEnds', update: faultEnds },
      { guard: 'canFault', target: DETECTING, action: 'faultHits', update: faultHits },
    ],
  ),
});

// ---- the machine -----------------------------------------------------------------------------------

const complete: Update = (c, e) => {
  const g = c.cluster;
  const where =
    g.service.phase === 'failingOver'
      ? `${SERVICE_NAME} was still starting on ${name(g.world, g.service.node)}`
      : `${SERVICE_NAME} runs on ${name(g.world, g.service.node)}: ${pathText(g)}`;
  const text = `Run complete: ${SHARED_VHDX_CONSTANTS.runS} s. ${where}`;
  return { ...settle(c, e.t, g), ...endRun(c, e.t, 'completed', null, text) };
};

export function sharedVhdxContext(input: SharedVhdxInput): SharedVhdxContext {
  return {
    params: input.params,
    cluster: guestCluster(input),
    tally: startGuestTally(0),
    ...initialRecovery(SHARED_VHDX_CONSTANTS.runS),
  };
}

const STEPS = {
  serving: {
    step: 1,
    title: 'The service runs on one guest node',
    narration:
      'Two VMs form a guest failover cluster. Both have the same VHDX attached as shared storage (SCSI persistent reservations decide who may write); the clustered service runs on one of them and writes through its host to the VHDX, on a Cluster Shared Volume or on a Scale-Out File Server over SMB 3.',
    source: '000',
  },
  detecting: {
    step: 2,
    title: 'Detect the failure',
    narration:
      'A failed guest node or host stops answering heartbeats: its cluster declares it down after 5 missed ones, one a second. An SMB client learns from the witness service that its file server node has gone. Until then the service\u2019s I/O waits.',
    source: '000',
  },
  switching: {
    step: 3,
    title: 'Move the service, or reconnect its storage',
    narration:
      'The guest cluster starts the service on the surviving guest node, which already has the shared VHDX attached: nothing is copied or re-attached. After a file server node failure the SMB 3 client reconnects to the surviving file server node (transparent failover) and the service carries on where it was.',
    source: '000',
  },
  restarting: {
    step: 4,
    title: 'Restart the failed VM on the other host',
    narration:
      'The host cluster restarts the VM of the failed host on the surviving host (a cold boot, not a live migration). It rejoins the guest cluster as a standby node; the two guest nodes now share one host until the other returns.',
    source: '000',
  },
  steady: {
    step: 5,
    title: 'The service runs on',
    narration:
      'The clustered service runs on its guest node, its I/O on the path shown, to the end of the run.',
    source: '000',
  },
} as const satisfies Record<string, StepMeta>;

/** The run's states (idle, the steps, the endings), the same as the CSV machine's. */
const RUN = clusterRunStates<Ctx, SharedVhdxEvent>()({
  completed: COMPLETED,
  first: { name: 'serving', entry: 'enterServing', meta: STEPS.serving },
  meta: STEPS,
  faults: FAULTS.on.running,
  switchPending: (c) => needsSwitch(c.cluster),
  bootPending: (c) => needsBoot(c.cluster),
  // The service may have moved to the guest node whose VM is restarting: it starts once that
  // VM has booted, in the switch step again.
  switchAfterBoot: (c) => needsSwitch(bootDone(c.cluster)),
  complete,
});

export const sharedVhdxMachine = setup({
  types: {
    context: {} as Ctx,
    events: {} as SharedVhdxEvent,
    input: {} as SharedVhdxInput,
    meta: {} as StepMeta,
  },
  guards: {
    faultRefused: ({ context, event }) => faultRefusal(context.cluster, faultOf(event)) !== null,
    canFault: ({ context, event }) => canInject(context.cluster, faultOf(event)),
    faultEndsRun: ({ context, event }) =>
      canInject(context.cluster, faultOf(event)) &&
      injectGuestFault(context.cluster, faultOf(event)).end !== null,
    ...RUN.guards,
  },
  actions: {
    ...FAULTS.actions,
    ...RUN.actions,
    begin: assign(({ context, event }) => ({
      tally: startGuestTally(event.t),
      ...runBegins(
        context,
        event.t,
        SHARED_VHDX_CONSTANTS.runS,
        `${SERVICE_NAME} starts on ${name(w(context), context.cluster.service.node)}: ${pathText(context.cluster)}`,
      ),
    })),
    enterServing: assign(({ context, event }) =>
      timed(context, event.t, SHARED_VHDX_CONSTANTS.runS),
    ),
    enterSwitching: assign(({ context, event }) => {
      const g = context.cluster;
      const lines = [
        ...(serviceCanStart(g)
          ? [`Starting ${SERVICE_NAME} on ${name(g.world, g.service.node)}`]
          : []),
        ...(g.reconnect && g.storage === 'sofs'
          ? ['SMB 3 reconnects to the surviving file server node']
          : []),
      ];
      return {
        ...timed(context, event.t, switchS(g)),
        log: logLines(context.log, event.t, 'step', lines),
      };
    }),
    switched: assign(({ context, event }) => {
      const next = switchDone(context.cluster);
      return {
        ...settle(context, event.t, next),
        log: addLog(
          context.log,
          event.t,
          'step',
          next.service.phase === 'running'
            ? `${SERVICE_NAME} runs on ${name(next.world, next.service.node)}: ${pathText(next)}`
            : `${SERVICE_NAME} waits for ${name(next.world, next.service.node)} to boot`,
        ),
      };
    }),
    enterRestarting: assign(({ context, event }) => {
      const next = bootBegins(context.cluster);
      const where = Object.keys(next.restarts).map(
        (vm) =>
          `${vmName(next.world, vm)} on ${hostName(next.world, next.world.instances.find((i) => i.vm === vm)?.host)}`,
      );
      return {
        ...settle(context, event.t, next),
        ...timed(context, event.t, SHARED_VHDX_CONSTANTS.vmBootS),
        log: addLog(context.log, event.t, 'step', `The host cluster restarts ${where.join(', ')}`),
      };
    }),
    booted: assign(({ context, event }) => {
      const vms = Object.keys(context.cluster.restarts).map((vm) => vmName(w(context), vm));
      return {
        ...settle(context, event.t, bootDone(context.cluster)),
        log: addLog(
          context.log,
          event.t,
          'step',
          `${vms.join(', ')} ${vms.length === 1 ? 'has' : 'have'} booted and rejoined the guest cluster`,
        ),
      };
    }),
  },
}).createMachine({
  id: 'sharedVhdx',
  context: ({ input }) => sharedVhdxContext(input),
  initial: 'idle',
  states: RUN.states,
});

export type SharedVhdxMachine = typeof sharedVhdxMachine;
