/**
 * What the three availability machines share (CATALOG 5): their context, the start (or its refusal
 * beyond 1,024 VMs per node), the fault each panel strikes with (scripted at the end of step 1,
 * or injected at any moment, again during a recovery), the cluster's milestones and the words of
 * the log. The cluster itself and every rule are the model's (model/availability.ts); the machines
 * only sequence it:
 *  - `nodeFailure.machine.ts`: heartbeats, a node fails, detection, restart waves by priority;
 *  - `storageFailure.machine.ts`: a VM's disk stops answering, detection, restart elsewhere;
 *  - `networkFailure.machine.ts`: a node's VM network cable is pulled, detection, live migration.
 *
 * Every step lasts until the cluster's next milestone (`nextAt`): a detection ending, a wave of
 * boots or of live migrations ending. After each event the run passes through a transient
 * `deciding` state that picks the step the cluster is in now, so a second fault in the middle of
 * a recovery simply changes what comes next.
 */

import { assign } from 'xstate';
import {
  type AvailInput,
  type AvailNote,
  type AvailState,
  advance,
  CLUSTER_LIMITS,
  type ClusterSpec,
  cableTarget,
  failNode,
  failStorage,
  initialState,
  leadS,
  leftOff,
  nextAt,
  nodesNeeded,
  nodeTarget,
  PRIORITY_LABEL,
  phaseOf,
  type RestartPriority,
  STORAGE_DISKS,
  type Step,
  type StorageDisk,
  storageTarget,
  unplugCable,
} from '../model/availability';
import { formatDuration, formatNumber } from '../model/format';
import { addLog, endRun, initialRun, type RunOutcome, type RunState, refusal } from './kernel';
import { type LogEntry, nextStep, type StepMeta, type TimedEvent } from './step';

/** Which fault a panel strikes with. */
export type AvailKind = 'node' | 'storage' | 'network';

/** The panels' faults with their CONTRACT names ("Inject fault" menu). */
export const NODE_FAULTS = [{ type: 'FAIL_NODE', label: 'Fail node' }] as const;
export const STORAGE_FAULTS = [{ type: 'FAIL_STORAGE', label: 'Fail VM storage' }] as const;
export const NETWORK_FAULTS = [{ type: 'UNPLUG_CABLE', label: 'Unplug VM network cable' }] as const;

export type AvailFaultType = 'FAIL_NODE' | 'FAIL_STORAGE' | 'UNPLUG_CABLE';
export type AvailEvent = TimedEvent<'START' | 'STEP_DONE' | AvailFaultType>;

export type AvailOutcome = RunOutcome<'recovered'>;

export interface AvailContext extends RunState<AvailOutcome> {
  kind: AvailKind;
  spec: ClusterSpec;
  /** The fault's aim: a node (node failure) or a VM (storage, network), as an index. */
  target: number;
  disk: StorageDisk;
  cluster: AvailState;
  /** Sim time of the last event, s. */
  now: number;
  /** Sim time the current step began, s. */
  since: number;
  /** When the first fault struck (null: not yet). */
  struckAt: number | null;
  /** Faults struck so far. */
  faults: number;
}

type Ctx = AvailContext;

export function availContext(kind: AvailKind, input: AvailInput): AvailContext {
  return {
    kind,
    spec: input.spec,
    target: input.target,
    disk: input.disk,
    cluster: initialState(input.spec),
    now: 0,
    since: 0,
    struckAt: null,
    faults: 0,
    ...initialRun(),
  };
}

// ---- names ---------------------------------------------------------------------------------------

/** How many names a log line lists before "and N more". */
export const LOG_NAMES = 24;

/** "VM-1, VM-5 and VM-9", "VM-1, ... and 122 more (the Inventory lists every VM)". */
export function nameList(names: readonly string[], max = LOG_NAMES): string {
  if (names.length <= 1) return names.join('');
  if (names.length <= max)
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] as string}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more (the Inventory lists every VM)`;
}

export const nodeName = (spec: ClusterSpec, node: number) =>
  spec.nodes[node]?.name ?? `node ${node + 1}`;
export const vmNameOf = (spec: ClusterSpec, vm: number) => spec.vms[vm]?.name ?? `VM ${vm + 1}`;
const vmNames = (spec: ClusterSpec, vms: readonly number[]) =>
  nameList(vms.map((vm) => vmNameOf(spec, vm)));
const count = (n: number, one: string, many = `${one}s`) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The nodes a list of placements went to: "HV-1 (3), HV-3 (1)". */
function spread(spec: ClusterSpec, nodes: readonly number[]): string {
  const by = new Map<number, number>();
  for (const n of nodes) by.set(n, (by.get(n) ?? 0) + 1);
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, k]) => `${nodeName(spec, n)} (${k})`)
    .join(', ');
}

/** One fact of the model as log lines. */
export function noteLines(c: Ctx, note: AvailNote): { kind: LogEntry['kind']; text: string }[] {
  const spec = c.spec;
  const net = spec.vmNetwork;
  const node = (n: number) => nodeName(spec, n);
  switch (note.type) {
    case 'nodeFailed': {
      const lost =
        note.stopped.length === 0
          ? 'no VM was running on it'
          : `${count(note.stopped.length, 'VM')} on it stop (${vmNames(spec, note.stopped)})`;
      const more =
        note.interrupted.length > 0
          ? `; ${vmNames(spec, note.interrupted)} ${note.interrupted.length === 1 ? 'was' : 'were'} starting or paused there and stop too`
          : '';
      return [
        { kind: 'fault', text: `${node(note.node)} failed: ${lost}${more}. Its heartbeats stop` },
      ];
    }
    case 'nodeDeclared': {
      const p = spec.params;
      const parts = [
        `Event 1135: ${node(note.node)} is removed from the cluster after ${p.heartbeatThreshold} missed heartbeats (${formatDuration(note.afterS)} at one every ${p.heartbeatDelayMs} ms); ${count(note.toRestart.length, 'VM')} to restart`,
      ];
      if (note.noAutoStart.length > 0)
        parts.push(`${vmNames(spec, note.noAutoStart)}: No auto start, so they stay off`);
      if (note.failoverLimit.length > 0)
        parts.push(
          `event 1254: ${vmNames(spec, note.failoverLimit)} failed over more than ${spec.maxFailovers} times and ${note.failoverLimit.length === 1 ? 'is' : 'are'} left failed`,
        );
      return [{ kind: 'step', text: parts.join('; ') }];
    }
    case 'storageFailed':
      return [
        {
          kind: 'fault',
          text: `${vmNameOf(spec, note.vm)}\u2019s ${STORAGE_DISKS[c.disk].toLowerCase()} stopped answering on ${node(note.node)}: the VM pauses (Paused-Critical)`,
        },
      ];
    case 'storageDetected': {
      const vm = vmNameOf(spec, note.vm);
      const text =
        note.outcome === 'restart'
          ? `Storage failure of ${vm} detected after ${formatDuration(note.afterS)}: the cluster turns it off on ${node(note.node)} to restart it on another node`
          : note.outcome === 'noAutoStart'
            ? `Storage failure of ${vm} detected after ${formatDuration(note.afterS)}: the cluster turns it off on ${node(note.node)}; it is No auto start, so it stays off`
            : `Event 1254: ${vm} failed over more than ${spec.maxFailovers} times; the cluster turns it off on ${node(note.node)} and leaves it failed`;
      return [{ kind: 'step', text }];
    }
    case 'cableUnplugged':
      return [
        {
          kind: 'fault',
          text: `The cable from ${node(note.node)} to the ${net} was unplugged: ${note.affected.length === 0 ? 'no VM runs there' : `${count(note.affected.length, 'VM')} there lose their network (${vmNames(spec, note.affected)}); they keep running`}`,
        },
      ];
    case 'networkDetected': {
      const parts = [
        `The cluster detects that ${node(note.node)} lost the ${net} (after ${formatDuration(note.afterS)})`,
      ];
      if (note.toMove.length > 0)
        parts.push(
          `${count(note.toMove.length, 'VM')} with a protected network will be live-migrated to nodes that have it (${vmNames(spec, note.toMove)})`,
        );
      if (note.unprotected.length > 0)
        parts.push(
          `${vmNames(spec, note.unprotected)} stay${note.unprotected.length === 1 ? 's' : ''} without a network: ${note.unprotected.length === 1 ? 'its adapter is' : 'their adapters are'} not protected`,
        );
      return [{ kind: 'step', text: parts.join('; ') }];
    }
    case 'restartBegins': {
      const label = PRIORITY_LABEL[note.priority];
      const lines: { kind: LogEntry['kind']; text: string }[] = [];
      if (note.placed.length > 0)
        lines.push({
          kind: 'step',
          text: `${label} priority: ${count(note.placed.length, 'VM')} cold-boot on ${spread(
            spec,
            note.placed.map(([, n]) => n),
          )}: ${nameList(note.placed.map(([vm, n]) => `${vmNameOf(spec, vm)} on ${node(n)}`))}`,
        });
      if (note.noRoom.length > 0)
        lines.push({
          kind: 'info',
          text: `${vmNames(spec, note.noRoom)} (${label}) fit${note.noRoom.length === 1 ? 's' : ''} on no surviving node (memory, or ${formatNumber(CLUSTER_LIMITS.vmsPerNode)} VMs per node) and stay${note.noRoom.length === 1 ? 's' : ''} off`,
        });
      return lines;
    }
    case 'restartDone':
      return [
        {
          kind: 'step',
          text: `${count(note.vms.length, 'VM')} of ${PRIORITY_LABEL[note.priority]} priority ${note.vms.length === 1 ? 'runs' : 'run'} again`,
        },
      ];
    case 'migrationBegins': {
      const lines: { kind: LogEntry['kind']; text: string }[] = [];
      if (note.moves.length > 0)
        lines.push({
          kind: 'step',
          text: `Live migration of ${nameList(note.moves.map(([vm, f, t]) => `${vmNameOf(spec, vm)} from ${node(f)} to ${node(t)}`))}`,
        });
      if (note.noNetwork.length > 0)
        lines.push({
          kind: 'info',
          text: `${vmNames(spec, note.noNetwork)} stay${note.noNetwork.length === 1 ? 's' : ''} where ${note.noNetwork.length === 1 ? 'it is' : 'they are'}: no node has the ${net}`,
        });
      if (note.noRoom.length > 0)
        lines.push({
          kind: 'info',
          text: `${vmNames(spec, note.noRoom)} stay${note.noRoom.length === 1 ? 's' : ''} without a network: no node with the ${net} has room`,
        });
      return lines;
    }
    case 'migrationDone': {
      const lines: { kind: LogEntry['kind']; text: string }[] = [
        {
          kind: 'step',
          text: `${nameList(note.moves.map(([vm, t]) => `${vmNameOf(spec, vm)} runs on ${node(t)}`))}; the longest pause ${formatDuration(note.maxPauseS)}, no restart`,
        },
      ];
      if (note.lost.length > 0)
        lines.push({
          kind: 'info',
          text: `${vmNames(spec, note.lost)} arrived on a node that lost the ${net} meanwhile`,
        });
      return lines;
    }
    case 'allDown':
      return [{ kind: 'fault', text: 'No node is left up: every VM is off until a node returns' }];
  }
}

function logNotes(c: Ctx, t: number, notes: readonly AvailNote[]): LogEntry[] {
  let log = c.log;
  for (const note of notes)
    for (const l of noteLines(c, note)) log = addLog(log, t, l.kind, l.text);
  return log;
}

// ---- updates ------------------------------------------------------------------------------------------

type Update = (c: Ctx, e: AvailEvent) => Partial<Ctx>;

/** Beyond 1,024 VMs per node the cluster cannot be built: the start is refused. */
export const tooMany = (c: Ctx) => !c.spec.fits;

export function refusalText(spec: ClusterSpec): string {
  const p = spec.params;
  return `Refused: at most ${formatNumber(CLUSTER_LIMITS.vmsPerNode)} VMs per node. ${formatNumber(p.vms)} VMs need at least ${nodesNeeded(p.vms)} nodes; this cluster has ${p.nodes} (up to ${CLUSTER_LIMITS.maxNodes} nodes and ${formatNumber(CLUSTER_LIMITS.maxVms)} VMs per cluster).`;
}

export const refuse: Update = (c, e) => ({ now: e.t, ...refusal(c, [], e.t, refusalText(c.spec)) });

/** The start: the cluster runs, heartbeats flow; the failure comes at the end of step 1. */
export const begin: Update = (c, e) => {
  const p = c.spec.params;
  const text = `${count(p.vms, 'VM')} run on ${count(p.nodes, 'node')}; heartbeats every ${p.heartbeatDelayMs} ms, a node missing ${p.heartbeatThreshold} in a row is declared down`;
  return {
    now: e.t,
    since: e.t,
    step: nextStep(c.step, leadS(p)),
    log: addLog(c.log, e.t, 'step', text),
  };
};

/** What the panel's fault hits now (-1: nothing left to hit). */
export function strikeTarget(c: Ctx): number {
  if (c.kind === 'node') return nodeTarget(c.cluster, c.target);
  if (c.kind === 'storage') return storageTarget(c.cluster, c.target);
  return cableTarget(c.cluster, c.target);
}

export const canStrike = (c: Ctx) => c.outcome === null && strikeTarget(c) >= 0;

/** The panel's fault strikes now (scripted at the end of step 1, or injected). */
export const strike: Update = (c, e) => {
  const aim = strikeTarget(c);
  if (aim < 0) return { now: e.t };
  const r: Step =
    c.kind === 'node'
      ? failNode(c.spec, c.cluster, aim, e.t)
      : c.kind === 'storage'
        ? failStorage(c.spec, c.cluster, aim, e.t)
        : unplugCable(c.spec, c.cluster, aim, e.t);
  return {
    now: e.t,
    cluster: r.state,
    struckAt: c.struckAt ?? e.t,
    faults: c.faults + 1,
    log: logNotes(c, e.t, r.notes),
  };
};

/** A milestone is due: the cluster moves on to it. */
export const advanceCluster: Update = (c, e) => {
  const r = advance(c.spec, c.cluster, e.t);
  return { now: e.t, cluster: r.state, log: logNotes(c, e.t, r.notes) };
};

/** A timed step begins now and lasts until the cluster's next milestone. */
export const enterTimed = (c: Ctx): Partial<Ctx> => {
  const at = nextAt(c.cluster) ?? c.now;
  return { since: c.now, step: nextStep(c.step, Math.max(0, at - c.now)) };
};

/** What the recovery left behind, in a sentence. */
export function recoveredText(c: Ctx): string {
  const s = c.cluster;
  const spec = c.spec;
  const off = leftOff(s);
  const took = c.struckAt === null ? '' : ` in ${formatDuration(c.now - c.struckAt)}`;
  const parts: string[] = [];
  if (c.kind === 'network') {
    parts.push(
      `Recovered${took}: ${count(s.tally.migrated, 'VM')} live-migrated to nodes that have the ${spec.vmNetwork}, the longest pause ${formatDuration(s.tally.maxPauseS)}; no VM restarted`,
    );
    const stranded = s.status.filter(
      (st, vm) => (st === 'running' || st === 'migrating') && !s.cable[s.at[vm] as number],
    ).length;
    if (stranded > 0) parts.push(`${count(stranded, 'VM')} still without a network (see the log)`);
  } else {
    parts.push(
      `Recovered${took}: ${count(s.tally.restarted, 'VM')} restarted on ${c.kind === 'node' ? 'the surviving nodes' : 'another node'}, the longest outage ${formatDuration(s.tally.maxDowntimeS)}`,
    );
    if (c.kind === 'storage') parts.push('no other VM was touched');
  }
  const left: string[] = [];
  if (off.noAutoStart.length > 0) left.push(`${off.noAutoStart.length} No auto start`);
  if (off.noRoom.length > 0) left.push(`${off.noRoom.length} with no room on any node`);
  if (off.failoverLimit.length > 0) left.push(`${off.failoverLimit.length} failed over too often`);
  const leftN = off.noAutoStart.length + off.noRoom.length + off.failoverLimit.length;
  if (leftN > 0) parts.push(`${count(leftN, 'VM')} left off (${left.join(', ')})`);
  return `${parts.join('; ')}.`;
}

export const endRecovered: Update = (c) => endRun(c, c.now, 'recovered', null, recoveredText(c));

export const endAllDown: Update = (c) =>
  endRun(
    c,
    c.now,
    'failed',
    null,
    `Cluster down: no node is left up, so ${count(c.spec.vms.length, 'VM')} have nowhere to run until a node returns (their disks are safe on ${c.spec.share}).`,
  );

// ---- guards on the cluster's phase ---------------------------------------------------------------

export const PHASE_GUARDS = {
  allDown: ({ context }: { context: Ctx }) => phaseOf(context.cluster).kind === 'allDown',
  detecting: ({ context }: { context: Ctx }) => phaseOf(context.cluster).kind === 'detecting',
  migrating: ({ context }: { context: Ctx }) => phaseOf(context.cluster).kind === 'migrating',
  restarting: ({ context }: { context: Ctx }) => phaseOf(context.cluster).kind === 'restarting',
  ...restartGuards(),
  tooMany: ({ context }: { context: Ctx }) => tooMany(context),
  canStrike: ({ context }: { context: Ctx }) => canStrike(context),
};

function restartGuards(): Record<`restart_${RestartPriority}`, (a: { context: Ctx }) => boolean> {
  const is =
    (p: RestartPriority) =>
    ({ context }: { context: Ctx }) => {
      const ph = phaseOf(context.cluster);
      return ph.kind === 'restarting' && ph.priority === p;
    };
  return { restart_high: is('high'), restart_medium: is('medium'), restart_low: is('low') };
}

/** An update as a machine action (the types every availability machine shares). */
const update = (f: Update) =>
  assign<Ctx, AvailEvent, undefined, AvailEvent, never>(({ context, event }) => f(context, event));

/** The actions every availability machine names alike: each applies one of the updates above. */
export const PHASE_ACTIONS = {
  begin: update(begin),
  refuse: update(refuse),
  strike: update(strike),
  advance: update(advanceCluster),
  enterTimed: update((c) => enterTimed(c)),
  endRecovered: update(endRecovered),
};

// ---- states every availability machine shares ---------------------------------------------------

/** Before the start: START runs the cluster, or is refused beyond 1,024 VMs per node. */
export const AVAIL_IDLE = {
  on: {
    START: [
      { guard: 'tooMany', target: 'refused', actions: 'refuse' },
      { target: 'running', actions: 'begin' },
    ],
  },
} as const;

/** A step of the recovery: it lasts until the cluster's next milestone, then the run decides again. */
export function timedStep<const M extends StepMeta>(meta: M) {
  return {
    entry: 'enterTimed',
    meta,
    on: { STEP_DONE: { target: 'deciding', actions: 'advance' } },
  } as const;
}
