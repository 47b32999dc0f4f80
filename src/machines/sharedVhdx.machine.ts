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
import { type EventFromLogic, setup } from 'xstate';
import { nodeDownDetectionS } from '../model/csv';
import {
  canInject,
  faultRefusal,
  GUEST_SWITCH,
  type GuestCluster,
  type GuestFault,
  type GuestFaultResult,
  type GuestTally,
  guestCluster,
  guestTallyAt,
  injectGuestFault,
  ioPath,
  SERVICE_NAME,
  SHARED_STORAGE,
  SHARED_VHDX,
  SHARED_VHDX_CONSTANTS,
  type SharedVhdxInput,
  type SharedVhdxParams,
  serviceCanStart,
  startGuestTally,
} from '../model/sharedVhdx';
import type { World } from '../model/world';
import { type ClusterRunContext, type ClusterRunTexts, clusterRun } from './clusterRecovery';
import { SHARED_VHDX_FAULTS } from './faults';
import { hostName, storageName, vmName } from './kernel';

export { SHARED_VHDX_FAULTS } from './faults';

export type SharedVhdxContext = ClusterRunContext<SharedVhdxParams, GuestCluster, GuestTally>;

type Ctx = SharedVhdxContext;

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

// ---- what the log says -----------------------------------------------------------------------------

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

/** A fault that ends the run: no guest node left for the service, or no way to the VHDX. */
function failure(c: Ctx, r: GuestFaultResult) {
  const hit = name(w(c), r.hit);
  const text =
    r.end === 'noStorage'
      ? `Failed: ${hit} failed and no ${c.cluster.storage === 'sofs' ? 'file server node is left' : 'host with a path to the volume is left'}: ${SHARED_VHDX} cannot be reached and ${SERVICE_NAME} stops`
      : `Failed: ${hit} failed and no guest node is left that can run ${SERVICE_NAME} (a failed guest stays down; a VM needs a host that is up)`;
  return { fault: `${hit} failed`, text };
}

const SAY: ClusterRunTexts<Ctx, GuestFault, GuestFaultResult> = {
  begin: (c) =>
    `${SERVICE_NAME} starts on ${name(w(c), c.cluster.service.node)}: ${pathText(c.cluster)}`,
  hit: faultLines,
  detected: detectedLines,
  failed: failure,
  switching: ({ cluster: g }) => [
    ...(serviceCanStart(g) ? [`Starting ${SERVICE_NAME} on ${name(g.world, g.service.node)}`] : []),
    ...(g.reconnect && g.storage === 'sofs'
      ? ['SMB 3 reconnects to the surviving file server node']
      : []),
  ],
  switched: (_, next) =>
    next.service.phase === 'running'
      ? `${SERVICE_NAME} runs on ${name(next.world, next.service.node)}: ${pathText(next)}`
      : `${SERVICE_NAME} waits for ${name(next.world, next.service.node)} to boot`,
  restart: (where) => `The host cluster restarts ${where}`,
  booted: (vms) =>
    `${vms.join(', ')} ${vms.length === 1 ? 'has' : 'have'} booted and rejoined the guest cluster`,
  complete: ({ cluster: g }) => {
    const where =
      g.service.phase === 'failingOver'
        ? `${SERVICE_NAME} was still starting on ${name(g.world, g.service.node)}`
        : `${SERVICE_NAME} runs on ${name(g.world, g.service.node)}: ${pathText(g)}`;
    return `Run complete: ${SHARED_VHDX_CONSTANTS.runS} s. ${where}`;
  },
};

// ---- the machine -----------------------------------------------------------------------------------

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
} as const;

/**
 * The run, the same as the CSV machine's. The service may have moved to the guest node whose VM is
 * restarting: it starts once that VM has booted, in the switch step again. A fault the guest
 * cluster's storage rules out (a file server node on a CSV) is refused with the reason.
 */
const RUN = clusterRun<Ctx, SharedVhdxInput>()('sharedVhdx', STEPS, SHARED_VHDX_FAULTS, {
  cluster: guestCluster,
  timing: SHARED_VHDX_CONSTANTS,
  startTally: startGuestTally,
  settle,
  refusal: faultRefusal,
  canInject,
  inject: injectGuestFault,
  switching: GUEST_SWITCH,
  say: SAY,
});

export const sharedVhdxMachine = setup(RUN.setup).createMachine(RUN.config);

export type SharedVhdxMachine = typeof sharedVhdxMachine;
export type SharedVhdxEvent = EventFromLogic<SharedVhdxMachine>;
