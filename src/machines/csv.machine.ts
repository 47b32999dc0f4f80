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
 * machine says what each step does here, and keeps the log and the figures.
 */
import { assign, setup } from 'xstate';
import {
  bootBegins,
  bootDone,
  CSV_CONSTANTS,
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
  needsBoot,
  needsSwitch,
  nodeDownDetectionS,
  nodeModes,
  startTally,
  switchDone,
  switchS,
  tallyTo,
} from '../model/csv';
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
import { addLog, endRun, hostName, type RunOutcome, storageName, vmName } from './kernel';
import type { StepMeta, TimedEvent } from './step';

/** The faults of the CSV panel, with their CONTRACT names ("Inject fault" menu). */
export const CSV_FAULTS = [
  { type: 'FAIL_COORDINATOR', label: 'Fail coordinator node' },
  { type: 'FAIL_NODE_PATH', label: 'Fail node storage path' },
  { type: 'FAIL_NODE', label: 'Fail node' },
] as const;

export type CsvFaultType = (typeof CSV_FAULTS)[number]['type'];

const FAULT_OF: Record<CsvFaultType, CsvFault> = {
  FAIL_COORDINATOR: 'coordinator',
  FAIL_NODE_PATH: 'path',
  FAIL_NODE: 'node',
};

export type CsvEvent = TimedEvent<'START' | 'STEP_DONE' | CsvFaultType>;

export type CsvOutcome = RunOutcome<'completed'>;

export interface CsvContext extends ClusterRunContext<CsvParams, CsvCluster, CsvTally> {
  /** The node the path and node faults hit. */
  target: string;
}

type Ctx = CsvContext;
type Update = (c: Ctx, e: CsvEvent) => Partial<Ctx>;

const FAILED = '#csv.failed';
const COMPLETED = '#csv.completed';
const DETECTING = '#csv.running.detecting';

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

// ---- faults ----------------------------------------------------------------------------------------

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

const faultOf = (e: CsvEvent) => FAULT_OF[e.type as CsvFaultType];

/** A fault the run survives: the cluster changes now; the recovery starts at step 2. */
const faultHits: Update = (c, e) => {
  const fault = faultOf(e);
  const r = injectCsvFault(c.cluster, fault, c.target);
  return {
    ...settle(c, e.t, r.cluster),
    ...faultSurvived(c, e.t, r.detectS, faultLines(c, r, fault), detectedLines(c, r, fault)),
  };
};

/** A fault that ends the run: no node is left up, or none that is up reaches the disk. */
const faultEnds: Update = (c, e) => {
  const fault = faultOf(e);
  const r = injectCsvFault(c.cluster, fault, c.target);
  const before = w(c);
  const vol = volume(c);
  const n = hostName(before, r.node);
  const fate = fault === 'path' ? `${n} lost its path to ${vol}` : `${n} failed`;
  const left = r.cluster.world.instances.filter((i) => i.status === 'paused').map((i) => i.vm);
  const text =
    r.end === 'allDown'
      ? `Failed: ${fate} and no node is left up; ${Object.keys(before.vms).length} VMs have nowhere to run until a node returns (their disks are safe on ${vol})`
      : `Failed: ${fate}, and no node that is up can reach ${vol} any more (no coordinator is left to redirect through): the volume goes offline${left.length > 0 ? `; ${left.map((v) => vmName(before, v)).join(', ')} pause until a path returns` : ''}`;
  return { ...settle(c, e.t, r.cluster), ...faultFails(c, e.t, fate, text) };
};

const FAULTS = faultTable<Ctx, CsvEvent>()({
  running: forEach(
    ['FAIL_COORDINATOR', 'FAIL_NODE_PATH', 'FAIL_NODE'],
    [
      { guard: 'faultEndsRun', target: FAILED, action: 'faultEnds', update: faultEnds },
      { guard: 'canFault', target: DETECTING, action: 'faultHits', update: faultHits },
    ],
  ),
});

// ---- the machine -----------------------------------------------------------------------------------

/** The run ends: its time is up. */
const complete: Update = (c, e) => {
  const cl = c.cluster;
  const coord = coordinatorOf(cl.world);
  const restarting = Object.keys(cl.restarts).map((v) => vmName(cl.world, v));
  const text = `Run complete: ${CSV_CONSTANTS.runS} s of I/O to ${volume(c)}. Coordinator: ${hostName(cl.world, coord)}. ${modesText(cl)}${restarting.length > 0 ? `; ${restarting.join(', ')} still restarting` : ''}`;
  return { ...settle(c, e.t, cl), ...endRun(c, e.t, 'completed', null, text) };
};

export function csvContext(input: CsvInput): CsvContext {
  return {
    params: input.params,
    target: input.target,
    cluster: csvCluster(input.world),
    tally: startTally(0),
    ...initialRecovery(CSV_CONSTANTS.runS),
  };
}

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
} as const satisfies Record<string, StepMeta>;

/** The run's states (idle, the steps, the endings), the same as the shared VHDX machine's. */
const RUN = clusterRunStates<Ctx, CsvEvent>()({
  completed: COMPLETED,
  first: { name: 'direct', entry: 'enterDirect', meta: STEPS.direct },
  meta: STEPS,
  faults: FAULTS.on.running,
  switchPending: (c) => needsSwitch(c.cluster),
  bootPending: (c) => needsBoot(c.cluster),
  // A node's switch (a new coordinator, redirected I/O) is done before its VMs restart, and a
  // VM's boot starts nothing else: after the restarts the run goes straight on.
  switchAfterBoot: () => false,
  complete,
});

export const csvMachine = setup({
  types: {
    context: {} as Ctx,
    events: {} as CsvEvent,
    input: {} as CsvInput,
    meta: {} as StepMeta,
  },
  guards: {
    canFault: ({ context, event }) => canInject(context.cluster, faultOf(event), context.target),
    faultEndsRun: ({ context, event }) =>
      canInject(context.cluster, faultOf(event), context.target) &&
      injectCsvFault(context.cluster, faultOf(event), context.target).end !== null,
    ...RUN.guards,
  },
  actions: {
    ...FAULTS.actions,
    ...RUN.actions,
    begin: assign(({ context, event }) => ({
      tally: startTally(event.t),
      ...runBegins(
        context,
        event.t,
        CSV_CONSTANTS.runS,
        `I/O starts on ${volume(context)}: ${Object.keys(w(context).vms).length} VMs on ${Object.keys(w(context).hosts).length} nodes; coordinator ${hostName(w(context), coordinatorOf(w(context)))}`,
      ),
    })),
    enterDirect: assign(({ context, event }) => timed(context, event.t, CSV_CONSTANTS.runS)),
    enterSwitching: assign(({ context, event }) => {
      const cl = context.cluster;
      const coord = coordinatorOf(cl.world);
      const m = nodeModes(switchDone(cl));
      const redirected = Object.keys(m).filter((h) => m[h] === 'redirected');
      const lines = [
        ...(cl.takeover
          ? [`${hostName(cl.world, coord)} takes over as coordinator of ${volume(context)}`]
          : []),
        ...(cl.redirecting && redirected.length > 0
          ? [
              `Event 5121: ${volume(context)} is no longer directly accessible from ${names(cl.world, redirected)}; I/O is redirected over the network through ${hostName(cl.world, coord)}`,
            ]
          : []),
      ];
      return {
        ...timed(context, event.t, switchS(cl)),
        log: logLines(context.log, event.t, 'step', lines),
      };
    }),
    switched: assign(({ context, event }) => ({
      ...settle(context, event.t, switchDone(context.cluster)),
      log: addLog(
        context.log,
        event.t,
        'step',
        `I/O to ${volume(context)} flows again: ${modesText(switchDone(context.cluster))}`,
      ),
    })),
    enterRestarting: assign(({ context, event }) => {
      const next = bootBegins(context.cluster);
      const where = Object.keys(next.restarts).map(
        (vm) =>
          `${vmName(next.world, vm)} on ${hostName(next.world, next.world.instances.find((i) => i.vm === vm && i.status === 'starting')?.host)}`,
      );
      return {
        ...settle(context, event.t, next),
        ...timed(context, event.t, CSV_CONSTANTS.vmBootS),
        log: addLog(context.log, event.t, 'step', `Cold boot of ${where.join(', ')}`),
      };
    }),
    booted: assign(({ context, event }) => {
      const restarted = Object.keys(context.cluster.restarts);
      const s = settle(context, event.t, bootDone(context.cluster));
      return {
        ...s,
        tally: { ...s.tally, vmRestarts: s.tally.vmRestarts + restarted.length },
        log: addLog(
          context.log,
          event.t,
          'step',
          `${restarted.map((v) => vmName(w(context), v)).join(', ')} ${restarted.length === 1 ? 'runs' : 'run'} again`,
        ),
      };
    }),
  },
}).createMachine({
  id: 'csv',
  context: ({ input }) => csvContext(input),
  initial: 'idle',
  states: RUN.states,
});

export type CsvMachine = typeof csvMachine;
