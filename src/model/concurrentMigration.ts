/**
 * Several live migrations at once (CATALOG 4.3 cluster queue, 4.4 SMB concurrent moves).
 *
 * Each VM's migration is the pre-copy process of precopy.ts with the steps of a live migration
 * (connect and create the shell, copy rounds, stop-and-copy, handoff, resume, switch update).
 * The migrations under way share the live migration network (transports.ts `shareLink`).
 *
 * Sharing the network (ShareMode): by default ('replanned') every migration is re-planned whenever
 * the number of migrations sending changes: at each moment the link is split equally among those
 * sending configuration or memory, so a round that began alone slows down when another migration
 * starts, and speeds up when one finishes; its length decides how many pages are dirtied meanwhile
 * and so the next round's size. A simpler mode ('fixed') fixes a migration's share at its start, at
 * 1 / (migrations running then); it is kept for comparison and tested too.
 *
 * With a limit (a failover cluster: the host's number of simultaneous live migrations), the rest
 * wait in a queue in the order chosen and start one by one as slots free. Without a limit
 * (`limit: null`) every migration starts at once.
 */
import { type LiveMigrationParams, planLivePrecopy } from './liveMigration';
import { MODEL_CONSTANTS } from './parameters';
import type { PrecopyResult, Round, StopReason } from './precopy';
import { createRng, deriveSeed } from './random';
import { type EffectiveLink, effectiveLink, shareLink } from './transports';
import { MiB, msToS } from './units';

/** The parameters of each migration of the batch: those of one live migration. */
export type ConcurrentParams = LiveMigrationParams;

/** Fixed figures of the concurrent scenarios (the product's assumptions, not URL parameters). */
export const CONCURRENT_CONSTANTS = {
  /** The cluster service checks each move and puts it in the queue, s. */
  queueS: 0.2,
  /** Default number of simultaneous live migrations per host (Hyper-V Settings). */
  defaultLimit: 2,
  /** Largest limit the panel offers. */
  maxLimit: 8,
  /** The guests do not all dirty memory alike: each VM's rate is the dirty rate times a factor
   * drawn from the seed in [1 - spread, 1 + spread]. */
  dirtySpread: 0.5,
} as const;

export type LanePhaseKind =
  | 'connecting'
  | 'copying'
  | 'stopAndCopy'
  | 'handoff'
  | 'resuming'
  | 'switchUpdate';

export interface LanePhase {
  kind: LanePhaseKind;
  /** Pre-copy round index for copying / stopAndCopy. */
  round?: number;
  /** Start and end, s from the start of the whole batch. */
  startS: number;
  endS: number;
  /** Guest memory (or configuration) bytes sent in this phase. */
  bytes: number;
  wireBytes: number;
  /** Memory bytes per second this migration sends during the phase (0 while it sends nothing). */
  rate: number;
  /** A later part of the same phase (its rate changed when another migration started or ended). */
  continues?: boolean;
}

export interface LanePlan {
  vm: string;
  /** Position in the queue (0 = first). */
  order: number;
  dirtyMiBps: number;
  /** Migrations running when this one started (itself included): its share is 1 / sharers. */
  sharers: number;
  link: EffectiveLink;
  precopy: PrecopyResult;
  /** Waiting in the queue until this moment, s. */
  startS: number;
  endS: number;
  phases: LanePhase[];
  /** The VM's pause: final round, handoff, resume, s. */
  downtimeS: number;
  wireBytes: number;
  cpuCoreSeconds: number;
}

/**
 * How the migrations under way share the network:
 *  - 'replanned': at every moment each migration that is sending gets an equal share of the link;
 *    when one starts or ends (or stops sending) the others' rates change at once, mid-round;
 *  - 'fixed': a migration's share is fixed at its start.
 */
export type ShareMode = 'replanned' | 'fixed';

export interface ConcurrentPlan {
  lanes: LanePlan[];
  limit: number | null;
  share: ShareMode;
  /** The whole live migration link, one migration alone. */
  fullLink: EffectiveLink;
  /** Start of the first migration to the end of the last, s. */
  totalS: number;
  /** The longest pause of any VM, s. */
  maxDowntimeS: number;
  /** Memory copy passes of all VMs, final ones included. */
  rounds: number;
  wireBytes: number;
  cpuCoreSeconds: number;
  /** Every moment a lane changes phase, sorted and distinct, 0 and totalS included. */
  milestones: number[];
  /** The most migrations running at once. */
  peakRunning: number;
}

/** Each VM's dirty rate: the parameter times a seeded factor (the same seed gives the same rates). */
export function laneDirtyRates(p: ConcurrentParams, count: number, seed: number): number[] {
  const s = CONCURRENT_CONSTANTS.dirtySpread;
  return Array.from({ length: count }, (_, i) => {
    const rng = createRng(deriveSeed(seed, 4301, i));
    return p.dirtyMiBps * (1 - s + 2 * s * rng.next());
  });
}

/** One migration's phases, starting at `startS`, with its share of the link. */
export function planLane(
  p: ConcurrentParams,
  vm: string,
  order: number,
  dirtyMiBps: number,
  sharers: number,
  startS: number,
): LanePlan {
  const c = MODEL_CONSTANTS;
  const link = shareLink(effectiveLink(p), sharers);
  const precopy = planLivePrecopy(p, link, dirtyMiBps);
  const configS = c.configBytes / link.memoryBytesPerS;
  const phases: LanePhase[] = [];
  let t = startS;
  const push = (kind: LanePhaseKind, durationS: number, bytes: number, round?: number) => {
    phases.push({
      kind,
      ...(round === undefined ? {} : { round }),
      startS: t,
      endS: t + durationS,
      bytes,
      wireBytes: bytes * link.wireBytesPerMemoryByte,
      rate: bytes > 0 ? link.memoryBytesPerS : 0,
    });
    t += durationS;
  };
  push('connecting', configS + c.shellCreateS, c.configBytes);
  for (const r of precopy.rounds) {
    push(r.kind === 'final' ? 'stopAndCopy' : 'copying', r.durationS, r.bytes, r.index);
  }
  push('handoff', c.storageHandoffS, 0);
  push('resuming', c.resumeS, 0);
  push('switchUpdate', c.switchUpdateS, 0);
  return {
    vm,
    order,
    dirtyMiBps,
    sharers,
    link,
    precopy,
    startS,
    endS: t,
    phases,
    downtimeS: precopy.downtimeS,
    wireBytes: precopy.wireBytes + c.configBytes * link.wireBytesPerMemoryByte,
    cpuCoreSeconds: precopy.cpuCoreSeconds + configS * link.cpuCores,
  };
}

const EPS = 1e-9;

/** Running at `t`: started and not yet ended. */
export function runningAt(lanes: readonly LanePlan[], t: number): LanePlan[] {
  return lanes.filter((l) => l.startS <= t + EPS && l.endS > t + EPS);
}

/**
 * Plan a batch of migrations started together: the first `limit` at once, the rest queued in
 * order, each starting when a running one ends (all at once when `limit` is null).
 */
export function planConcurrent(
  p: ConcurrentParams,
  vms: readonly string[],
  limit: number | null,
  seed: number,
  share: ShareMode = 'replanned',
): ConcurrentPlan {
  if (limit !== null && !(limit >= 1)) throw new RangeError('limit must be at least 1');
  if (share === 'replanned') return planReplanned(p, vms, limit, seed);
  const rates = laneDirtyRates(p, vms.length, seed);
  const slots = limit === null ? vms.length : Math.min(limit, vms.length);
  const lanes: LanePlan[] = [];
  // Queued lanes that start at the same moment (their slots freed within EPS of each other):
  // they start at the first one's time with its count of sharers, so every lane of the group
  // counts the same lanes running (times a few EPS apart are not compared one pair at a time,
  // which is not transitive: a chain of near-equal ends could count a lane both as ended and as
  // running, and the fixed shares could then add up to more than the link).
  let group = { startS: 0, sharers: 0, left: 0 };
  vms.forEach((vm, i) => {
    const rate = rates[i] as number;
    if (i < slots) {
      lanes.push(planLane(p, vm, i, rate, slots, 0));
      return;
    }
    if (group.left > 0) {
      group.left -= 1;
      lanes.push(planLane(p, vm, i, rate, group.sharers, group.startS));
      return;
    }
    // Slots free in the order the lanes so far end: the queued lane i takes the (i - slots)-th.
    const ends = lanes.map((l) => l.endS).sort((a, b) => a - b);
    const startS = ends[i - slots] as number;
    // Lanes queued behind it that start at the same moment (several ended together) share too.
    const freed = ends.filter((e) => e <= startS + EPS).length;
    const together = Math.min(freed - (i - slots), vms.length - i);
    const sharers = runningAt(lanes, startS).length + together;
    group = { startS, sharers, left: together - 1 };
    lanes.push(planLane(p, vm, i, rate, sharers, startS));
  });
  return summarise(lanes, limit, 'fixed', effectiveLink(p));
}

function summarise(
  lanes: LanePlan[],
  limit: number | null,
  share: ShareMode,
  fullLink: EffectiveLink,
): ConcurrentPlan {
  const totalS = lanes.reduce((m, l) => Math.max(m, l.endS), 0);
  const times = new Set<number>([0, totalS]);
  for (const l of lanes) {
    times.add(l.startS);
    for (const ph of l.phases) times.add(ph.endS);
  }
  const milestones = dedupe([...times].sort((a, b) => a - b));
  const peakRunning = milestones.reduce((m, t) => Math.max(m, runningAt(lanes, t).length), 0);
  return {
    lanes,
    limit,
    share,
    fullLink,
    totalS,
    maxDowntimeS: lanes.reduce((m, l) => Math.max(m, l.downtimeS), 0),
    rounds: lanes.reduce((s, l) => s + l.precopy.rounds.length, 0),
    wireBytes: lanes.reduce((s, l) => s + l.wireBytes, 0),
    cpuCoreSeconds: lanes.reduce((s, l) => s + l.cpuCoreSeconds, 0),
    milestones,
    peakRunning,
  };
}

// ---- re-planned sharing: a fluid simulation --------------------------------------------------------

type SimStep = 'config' | 'shell' | 'copy' | 'final' | 'handoff' | 'resume' | 'switch' | 'done';

interface SimLane {
  vm: string;
  order: number;
  dirtyMiBps: number;
  startS: number;
  sharers: number;
  step: SimStep | 'waiting';
  /** Bytes (sending steps) or seconds (timed steps) left in the step. */
  left: number;
  round: number;
  roundBytes: number;
  roundStartS: number;
  round0StartS: number;
  /** Rate of the last sending interval, for the stop decision. */
  lastRate: number;
  rounds: Round[];
  stopReason: StopReason | null;
  phases: LanePhase[];
  endS: number;
}

const SENDING: readonly SimStep[] = ['config', 'copy', 'final'];

const KIND_OF: Record<Exclude<SimStep, 'done'>, LanePhaseKind> = {
  config: 'connecting',
  shell: 'connecting',
  copy: 'copying',
  final: 'stopAndCopy',
  handoff: 'handoff',
  resume: 'resuming',
  switch: 'switchUpdate',
};

/** Extend the lane's last phase entry, or add one (a continuation when only the rate changed). */
function record(l: SimLane, from: number, to: number, bytes: number, rate: number, wire: number) {
  if (l.step === 'waiting' || l.step === 'done') return;
  const kind = KIND_OF[l.step];
  const round = l.step === 'copy' || l.step === 'final' ? l.round : undefined;
  const last = l.phases[l.phases.length - 1];
  const sameLogical =
    last !== undefined &&
    last.kind === kind &&
    last.round === round &&
    Math.abs(last.endS - from) < EPS;
  if (sameLogical && last && last.rate === rate) {
    last.endS = to;
    last.bytes += bytes;
    last.wireBytes += bytes * wire;
    return;
  }
  l.phases.push({
    kind,
    ...(round === undefined ? {} : { round }),
    startS: from,
    endS: to,
    bytes,
    wireBytes: bytes * wire,
    rate,
    ...(sameLogical ? { continues: true } : {}),
  });
}

/**
 * Every migration re-planned as the number sending changes: at each moment the link is split
 * equally among the migrations that are sending (configuration or memory); a round's length is
 * whatever its bytes take at the rates it gets, and the pages dirtied meanwhile follow from that.
 * The stop rule of precopy.ts is applied at each round's end with the rate the round ended at.
 */
function planReplanned(
  p: ConcurrentParams,
  vms: readonly string[],
  limit: number | null,
  seed: number,
): ConcurrentPlan {
  const c = MODEL_CONSTANTS;
  const full = effectiveLink(p);
  const R = full.memoryBytesPerS;
  const wire = full.wireBytesPerMemoryByte;
  const coresPerByte = full.cpuCores / R;
  const memory = p.memoryMiB * MiB;
  const wws = p.wwsMiB * MiB;
  const target = msToS(p.downtimeMs);
  const switchover = c.storageHandoffS + c.resumeS;
  const rates = laneDirtyRates(p, vms.length, seed);
  const slots = limit === null ? vms.length : Math.min(limit, vms.length);
  const lanes: SimLane[] = vms.map((vm, i) => ({
    vm,
    order: i,
    dirtyMiBps: rates[i] as number,
    startS: 0,
    sharers: 0,
    step: 'waiting',
    left: 0,
    round: -1,
    roundBytes: 0,
    roundStartS: 0,
    round0StartS: 0,
    lastRate: R,
    rounds: [],
    stopReason: null,
    phases: [],
    endS: 0,
  }));
  const active = () => lanes.filter((l) => l.step !== 'waiting' && l.step !== 'done');
  let t = 0;
  const startNext = () => {
    const waiting = lanes.filter((l) => l.step === 'waiting');
    const free = slots - active().length;
    const starting = waiting.slice(0, Math.max(0, free));
    for (const l of starting) {
      l.step = 'config';
      l.left = c.configBytes;
      l.startS = t;
    }
    for (const l of starting) l.sharers = active().length;
  };
  const beginRound = (l: SimLane, index: number, bytes: number, final: boolean) => {
    l.step = final ? 'final' : 'copy';
    l.round = index;
    l.roundBytes = bytes;
    l.left = bytes;
    l.roundStartS = t;
    if (index === 0) l.round0StartS = t;
  };
  /** Move a lane whose step has finished to its next step. */
  const next = (l: SimLane) => {
    switch (l.step) {
      case 'config':
        l.step = 'shell';
        l.left = c.shellCreateS;
        return;
      case 'shell':
        beginRound(l, 0, memory, false);
        return;
      case 'copy': {
        const durationS = t - l.roundStartS;
        const dirtied = Math.min(l.dirtyMiBps * MiB * durationS, wws, memory);
        l.rounds.push({
          index: l.round,
          kind: l.round === 0 ? 'full' : 'dirty',
          bytes: l.roundBytes,
          wireBytes: l.roundBytes * wire,
          durationS,
          startS: l.roundStartS - l.round0StartS,
          dirtiedBytes: dirtied,
        });
        const downtime = (dirtied + c.deviceStateBytes) / l.lastRate + switchover;
        const reason: StopReason | null =
          downtime <= target
            ? 'downtime-target'
            : l.rounds.length >= p.maxRounds
              ? 'pass-limit'
              : dirtied >= l.roundBytes
                ? 'not-shrinking'
                : null;
        if (reason) {
          l.stopReason = reason;
          beginRound(l, l.round + 1, dirtied + c.deviceStateBytes, true);
        } else beginRound(l, l.round + 1, dirtied, false);
        return;
      }
      case 'final':
        l.rounds.push({
          index: l.round,
          kind: 'final',
          bytes: l.roundBytes,
          wireBytes: l.roundBytes * wire,
          durationS: t - l.roundStartS,
          startS: l.roundStartS - l.round0StartS,
          dirtiedBytes: 0,
        });
        l.step = 'handoff';
        l.left = c.storageHandoffS;
        return;
      case 'handoff':
        l.step = 'resume';
        l.left = c.resumeS;
        return;
      case 'resume':
        l.step = 'switch';
        l.left = c.switchUpdateS;
        return;
      case 'switch':
        l.step = 'done';
        l.endS = t;
        return;
      default:
        return;
    }
  };
  const finished = (l: SimLane) =>
    // Less than a byte (or a picosecond) left is rounding, not work.
    SENDING.includes(l.step as SimStep) ? l.left < 1 : l.left <= 1e-12;
  startNext();
  for (let guard = 0; guard < 1_000_000 && active().length > 0; guard += 1) {
    const now = active();
    const senders = now.filter((l) => SENDING.includes(l.step as SimStep)).length;
    const rate = senders > 0 ? R / senders : 0;
    const dt = Math.max(
      0,
      Math.min(...now.map((l) => (SENDING.includes(l.step as SimStep) ? l.left / rate : l.left))),
    );
    for (const l of now) {
      const sending = SENDING.includes(l.step as SimStep);
      const bytes = sending ? Math.min(l.left, rate * dt) : 0;
      record(l, t, t + dt, bytes, sending ? rate : 0, wire);
      if (sending) {
        l.left -= bytes;
        l.lastRate = rate;
      } else l.left -= dt;
    }
    t += dt;
    // Every lane whose step ended now moves on (zero-length steps chain through at once).
    let moved = true;
    while (moved) {
      moved = false;
      for (const l of active()) {
        if (finished(l)) {
          next(l);
          moved = true;
        }
      }
      if (lanes.some((l) => l.step === 'waiting') && active().length < slots) {
        startNext();
        moved = true;
      }
    }
  }
  const plans: LanePlan[] = lanes.map((l) => {
    const pre = l.rounds.filter((r) => r.kind !== 'final');
    const final = l.rounds[l.rounds.length - 1];
    const precopyS = final ? final.startS : 0;
    const downtimeS = (final?.durationS ?? 0) + switchover;
    const bytesCopied = l.rounds.reduce((sum, r) => sum + r.bytes, 0);
    const precopy: PrecopyResult = {
      rounds: l.rounds,
      precopyRounds: pre.length,
      stopReason: l.stopReason ?? 'pass-limit',
      converged: l.stopReason === 'downtime-target',
      precopyS,
      downtimeS,
      memoryPhaseS: precopyS + downtimeS,
      bytesCopied,
      wireBytes: bytesCopied * wire,
      cpuCoreSeconds: bytesCopied * coresPerByte,
    };
    return {
      vm: l.vm,
      order: l.order,
      dirtyMiBps: l.dirtyMiBps,
      sharers: l.sharers,
      link: shareLink(full, l.sharers),
      precopy,
      startS: l.startS,
      endS: l.endS,
      phases: l.phases,
      downtimeS,
      wireBytes: (bytesCopied + c.configBytes) * wire,
      cpuCoreSeconds: (bytesCopied + c.configBytes) * coresPerByte,
    };
  });
  return summarise(plans, limit, 'replanned', full);
}

function dedupe(sorted: number[]): number[] {
  const out: number[] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || t - last > 1e-9) out.push(t);
  }
  return out;
}

// ---- a lane at a moment --------------------------------------------------------------------------

export type LaneStage = 'queued' | LanePhaseKind | 'done';

export interface LaneMoment {
  stage: LaneStage;
  /** The phase under way, if any. */
  phase?: LanePhase;
  /** 0..1 through the phase under way. */
  fraction: number;
  /** Copy passes begun so far (the final included). */
  rounds: number;
  /** Bytes sent so far (configuration and memory), on the wire. */
  wireBytes: number;
  /** Guest memory bytes sent so far. */
  memoryBytes: number;
  cpuCoreSeconds: number;
  /** How long the VM has been paused so far, s. */
  pausedS: number;
}

const PAUSE_KINDS: readonly LanePhaseKind[] = ['stopAndCopy', 'handoff', 'resuming'];

/** Where a lane is at `t` (s from the batch start) and what it has sent so far. */
export function laneAt(lane: LanePlan, t: number): LaneMoment {
  let wire = 0;
  let mem = 0;
  let paused = 0;
  let rounds = 0;
  let sendingS = 0;
  let current: LanePhase | undefined;
  let fraction = 0;
  for (const ph of lane.phases) {
    if (t < ph.startS - EPS) break; // not begun
    const d = ph.endS - ph.startS;
    const f = t >= ph.endS - EPS ? 1 : d > 0 ? (t - ph.startS) / d : 1;
    wire += ph.wireBytes * f;
    if (ph.kind !== 'connecting') mem += ph.bytes * f;
    sendingS += (ph.bytes * f) / lane.link.memoryBytesPerS;
    if (PAUSE_KINDS.includes(ph.kind)) paused += d * f;
    if (ph.round !== undefined && !ph.continues) rounds += 1;
    if (f < 1) {
      current = ph;
      fraction = f;
    }
  }
  const stage: LaneStage =
    t < lane.startS - EPS ? 'queued' : t >= lane.endS - EPS ? 'done' : (current?.kind ?? 'done');
  return {
    stage,
    ...(current ? { phase: current } : {}),
    fraction,
    rounds,
    wireBytes: wire,
    memoryBytes: mem,
    cpuCoreSeconds: sendingS * lane.link.cpuCores,
    pausedS: paused,
  };
}
