/**
 * Cluster Shared Volumes (CATALOG 2.2; seed 002 and the CATALOG's "Numbers and rules"): a run of
 * I/O of fixed length (`CSV_CONSTANTS.runS`) in which every node reads and writes one volume at
 * once, and the faults that can hit it at any moment: the coordinator node fails, one node loses
 * its own path to the disk, one node fails. Each fault starts a recovery, step by step:
 *   2 the failure is detected (missed heartbeats, or the node's I/O erroring out);
 *   3 I/O is queued while a new coordinator takes over and/or a node switches to redirected I/O;
 *   4 the VMs of a failed node restart on surviving nodes (cold boot);
 *   5 I/O continues to the end of the run.
 * A fault during a recovery starts it again from step 2 with everything still pending (a node
 * redirected through a coordinator that then fails waits for the new one). The run ends when its
 * time is up, or fails when no node is left up, or none that is up can reach the disk.
 *
 * The cluster's state and what each fault does are the model's (model/csv.ts); the states and the
 * step clock are the cluster run's that the shared VHDX machine has too (./clusterRecovery.ts). The
 * machine gives it the model, the figures and what the log says at each moment.
 */
import { type EventFromLogic, setup } from 'xstate';
import {
  CSV_CONSTANTS,
  CSV_SWITCH,
  CSV_VOLUME,
  type CsvCluster,
  type CsvFault,
  type CsvFaultResult,
  type CsvInput,
  type CsvParams,
  type CsvTally,
  canInject,
  coordinatorOf,
  csvCluster,
  injectCsvFault,
  nodeDownDetectionS,
  nodeModes,
  startTally,
  switchDone,
  tallyTo,
} from '../model/csv';
import type { World } from '../model/world';
import { type ClusterRunContext, type ClusterRunTexts, clusterRun } from './clusterRecovery';
import { CSV_FAULTS } from './faults';
import { hostName, storageName, vmName } from './kernel';

export { CSV_FAULTS } from './faults';

export interface CsvContext extends ClusterRunContext<CsvParams, CsvCluster, CsvTally> {
  /** The node the path and node faults hit. */
  target: string;
}

type Ctx = CsvContext;

const w = (c: Ctx): World => c.cluster.world;
const names = (world: World, ids: readonly string[]) =>
  ids.map((h) => hostName(world, h)).join(', ');
const volume = (c: Ctx) => storageName(w(c), CSV_VOLUME);

/** The cluster changes at `t`: the figures are brought up to `t` first. */
function settle(c: Ctx, t: number, next: CsvCluster): Pick<Ctx, 'cluster' | 'tally'> {
  return { cluster: next, tally: tallyTo(c.tally, c.cluster, next, c.params, t) };
}

/** Each node's I/O mode in words: "HV-1 direct, HV-2 redirected, ...". */
export function modesText(c: CsvCluster): string {
  const m = nodeModes(c);
  return Object.keys(m)
    .map((h) => `${hostName(c.world, h)} ${m[h]}`)
    .join(', ');
}

// ---- what the log says -----------------------------------------------------------------------------

/** What the log says of a fault the run survives. */
function faultLines(c: Ctx, r: CsvFaultResult, fault: CsvFault): string[] {
  const before = w(c);
  const after = r.cluster.world;
  const n = hostName(before, r.node);
  const vol = volume(c);
  const lines: string[] = [];
  if (fault === 'path') {
    lines.push(`${n} lost its path to ${vol}`);
    if (r.newCoordinator) {
      lines.push(
        `${n} was the coordinator: the role passes to ${hostName(after, r.newCoordinator)}; event 5120: I/O to ${vol} is queued on ${names(after, r.cluster.queued)} meanwhile`,
      );
    }
    return lines;
  }
  lines.push(`${n} failed${r.wasCoordinator ? ` (the coordinator of ${vol})` : ''}`);
  if (r.wasCoordinator && r.newCoordinator) {
    lines.push(
      `Event 5120: I/O to ${vol} is queued on ${names(after, r.cluster.queued)} until ${hostName(after, r.newCoordinator)}, the next node with a path, takes over as coordinator`,
    );
  }
  if (r.restarted.length > 0) {
    lines.push(
      `${r.restarted.map((x) => vmName(before, x.vm)).join(', ')} went down with ${n}; the cluster will restart ${r.restarted.length === 1 ? 'it' : 'each'} on ${r.restarted.map((x) => hostName(before, x.host)).join(', ')}`,
    );
  }
  return lines;
}

/** What the log says once the cluster has detected the fault. */
function detectedLines(c: Ctx, r: CsvFaultResult, fault: CsvFault): string[] {
  const n = hostName(w(c), r.node);
  if (fault === 'path') return [];
  return [
    `Event 1135: ${n} is removed from the cluster after ${nodeDownDetectionS()} s of missed heartbeats`,
  ];
}

/** A fault that ends the run: no node is left up, or none that is up reaches the disk. */
function failure(c: Ctx, r: CsvFaultResult, fault: CsvFault) {
  const before = w(c);
  const vol = volume(c);
  const n = hostName(before, r.node);
  const fate = fault === 'path' ? `${n} lost its path to ${vol}` : `${n} failed`;
  const left = r.cluster.world.instances.filter((i) => i.status === 'paused').map((i) => i.vm);
  const text =
    r.end === 'allDown'
      ? `Failed: ${fate} and no node is left up; ${Object.keys(before.vms).length} VMs have nowhere to run until a node returns (their disks are safe on ${vol})`
      : `Failed: ${fate}, and no node that is up can reach ${vol} any more (no coordinator is left to redirect through): the volume goes offline${left.length > 0 ? `; ${left.map((v) => vmName(before, v)).join(', ')} pause until a path returns` : ''}`;
  return { fault: fate, text };
}

/** A new coordinator takes over, and/or nodes without a path go on redirected. */
function switchingLines(c: Ctx): string[] {
  const cl = c.cluster;
  const coord = coordinatorOf(cl.world);
  const m = nodeModes(switchDone(cl));
  const redirected = Object.keys(m).filter((h) => m[h] === 'redirected');
  return [
    ...(cl.takeover
      ? [`${hostName(cl.world, coord)} takes over as coordinator of ${volume(c)}`]
      : []),
    ...(cl.redirecting && redirected.length > 0
      ? [
          `Event 5121: ${volume(c)} is no longer directly accessible from ${names(cl.world, redirected)}; I/O is redirected over the network through ${hostName(cl.world, coord)}`,
        ]
      : []),
  ];
}

const SAY: ClusterRunTexts<Ctx, CsvFault, CsvFaultResult> = {
  begin: (c) =>
    `I/O starts on ${volume(c)}: ${Object.keys(w(c).vms).length} VMs on ${Object.keys(w(c).hosts).length} nodes; coordinator ${hostName(w(c), coordinatorOf(w(c)))}`,
  hit: faultLines,
  detected: detectedLines,
  failed: failure,
  switching: switchingLines,
  switched: (c, next) => `I/O to ${volume(c)} flows again: ${modesText(next)}`,
  restart: (where) => `Cold boot of ${where}`,
  booted: (vms) => `${vms.join(', ')} ${vms.length === 1 ? 'runs' : 'run'} again`,
  complete: (c) => {
    const cl = c.cluster;
    const restarting = Object.keys(cl.restarts).map((v) => vmName(cl.world, v));
    return `Run complete: ${CSV_CONSTANTS.runS} s of I/O to ${volume(c)}. Coordinator: ${hostName(cl.world, coordinatorOf(cl.world))}. ${modesText(cl)}${restarting.length > 0 ? `; ${restarting.join(', ')} still restarting` : ''}`;
  },
};

// ---- the machine -----------------------------------------------------------------------------------

const STEPS = {
  direct: {
    step: 1,
    title: 'Every node reads and writes directly',
    narration:
      'The VMs of every node read and write their virtual hard disks on the one volume at the same time, each node straight to the disk. Only changes to the volume\u2019s metadata (creating, growing or renaming a file) go through the coordinator, the node that owns the volume, chosen automatically.',
    source: '002',
  },
  detecting: {
    step: 2,
    title: 'Detect the failure',
    narration:
      'A failed node stops answering heartbeats: the cluster declares it down after 5 missed ones, one a second (event 1135). A node that lost its own path notices as its I/O errors out. Meanwhile the I/O that needs what failed waits in a queue; the other nodes carry on.',
    source: '002',
  },
  switching: {
    step: 3,
    title: 'Queue I/O while the volume is re-routed',
    narration:
      'Without a coordinator the volume pauses on every node and I/O is queued (event 5120) while the next node with a path takes the role over. A node without a path switches to redirected I/O: over the network, through the coordinator, to the disk (event 5121).',
    source: '002',
  },
  restarting: {
    step: 4,
    title: 'Restart the failed node\u2019s VMs elsewhere',
    narration:
      'I/O flows again. The VMs that ran on the failed node start again on the surviving nodes: a cold boot from their disks on the same volume, not a live migration. VMs on the same volume fail over independently: the others kept running throughout.',
    source: '002',
  },
  steady: {
    step: 5,
    title: 'I/O continues',
    narration:
      'Every surviving node reads and writes the volume again: directly where it has a path of its own, redirected through the coordinator over the network where it has not (limited by the network\u2019s speed).',
    source: '002',
  },
} as const;

/**
 * The run, the same as the shared VHDX machine's. A node's switch (a new coordinator, redirected
 * I/O) is done before its VMs restart, and a VM's boot starts nothing else: after the restarts the
 * run goes straight on.
 */
const RUN = clusterRun<Ctx, CsvInput>()('csv', STEPS, CSV_FAULTS, {
  cluster: (input) => csvCluster(input.world),
  timing: CSV_CONSTANTS,
  context: (input) => ({ target: input.target }),
  startTally,
  settle,
  countBoots: (tally, n) => ({ ...tally, vmRestarts: tally.vmRestarts + n }),
  canInject: (cl, fault, c) => canInject(cl, fault, c.target),
  inject: (cl, fault, c) => injectCsvFault(cl, fault, c.target),
  switching: CSV_SWITCH,
  say: SAY,
});

export const csvMachine = setup(RUN.setup).createMachine(RUN.config);

export type CsvMachine = typeof csvMachine;
export type CsvEvent = EventFromLogic<CsvMachine>;
