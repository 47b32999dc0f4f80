/**
 * The iterative pre-copy model of live migration (CATALOG "Numbers", DESIGN "The numbers").
 *
 * Round 0 sends all of the VM's memory. Each later round sends the pages the guest dirtied during
 * the round before; the set of distinct dirtied pages grows with the dirty rate and saturates at the
 * writable working set. After each round the model decides whether to stop:
 *  - the rest (plus device state and the switch-over) fits the downtime target: stop, converged;
 *  - the pass limit is reached: stop anyway, the downtime is whatever the rest takes;
 *  - the round did not shrink (the guest dirties as fast as the link copies): stop, not converged.
 * Then the VM pauses and the final round sends the rest plus register and device state.
 */
import type { EffectiveLink } from './transports';

export interface PrecopyInput {
  memoryBytes: number;
  /** Rate at which the guest dirties distinct memory, bytes/s. */
  dirtyBytesPerS: number;
  /** Writable working set: the dirtied set saturates at this size, bytes. */
  wwsBytes: number;
  link: Pick<EffectiveLink, 'memoryBytesPerS' | 'wireBytesPerMemoryByte' | 'cpuCores'>;
  downtimeTargetS: number;
  /** Maximum number of pre-copy passes (round 0 included) before the final stop-and-copy. */
  maxRounds: number;
  /** Register and device state sent in the final round, bytes. */
  deviceStateBytes: number;
  /** Time the VM stays paused after the final copy (storage handoff and resume), s. */
  switchoverS: number;
}

export type RoundKind = 'full' | 'dirty' | 'final';

export interface Round {
  /** 0 for the full copy; the final stop-and-copy is the last index. */
  index: number;
  kind: RoundKind;
  /** Guest memory (and, in the final round, device state) sent, bytes. */
  bytes: number;
  /** Bytes on the wire (less than `bytes` when compressed). */
  wireBytes: number;
  durationS: number;
  /** Sim time the round starts, measured from the start of round 0. */
  startS: number;
  /** Distinct memory dirtied while this round ran (what the next round must send), bytes. */
  dirtiedBytes: number;
}

export type StopReason = 'downtime-target' | 'pass-limit' | 'not-shrinking';

export interface PrecopyResult {
  rounds: Round[];
  /** Pre-copy passes before the final one. */
  precopyRounds: number;
  stopReason: StopReason;
  converged: boolean;
  /** Time spent in pre-copy passes, s. */
  precopyS: number;
  /** The VM's pause: final round plus switch-over, s. */
  downtimeS: number;
  /** Pre-copy plus downtime, s. */
  memoryPhaseS: number;
  /** Guest memory and device state copied, bytes. */
  bytesCopied: number;
  /** Bytes on the wire. */
  wireBytes: number;
  /** CPU spent sending, core-seconds. */
  cpuCoreSeconds: number;
}

/** Distinct memory dirtied in `seconds`, saturating at the writable working set and the memory. */
export function dirtiedIn(
  input: Pick<PrecopyInput, 'dirtyBytesPerS' | 'wwsBytes' | 'memoryBytes'>,
  seconds: number,
): number {
  return Math.min(input.dirtyBytesPerS * seconds, input.wwsBytes, input.memoryBytes);
}

export function copySeconds(bytes: number, link: PrecopyInput['link']): number {
  if (bytes <= 0) return 0;
  return bytes / link.memoryBytesPerS;
}

function makeRound(
  input: PrecopyInput,
  index: number,
  kind: RoundKind,
  bytes: number,
  startS: number,
): Round {
  const durationS = copySeconds(bytes, input.link);
  return {
    index,
    kind,
    bytes,
    wireBytes: bytes * input.link.wireBytesPerMemoryByte,
    durationS,
    startS,
    dirtiedBytes: kind === 'final' ? 0 : dirtiedIn(input, durationS),
  };
}

/** After a pre-copy round, whether to stop and why (null: copy another round). */
export function stopDecision(input: PrecopyInput, done: readonly Round[]): StopReason | null {
  const last = done[done.length - 1];
  if (!last) return null;
  const rest = last.dirtiedBytes;
  const downtime = copySeconds(rest + input.deviceStateBytes, input.link) + input.switchoverS;
  if (downtime <= input.downtimeTargetS) return 'downtime-target';
  if (done.length >= input.maxRounds) return 'pass-limit';
  if (rest >= last.bytes) return 'not-shrinking';
  return null;
}

/** Every round of a migration, with the stop decision and the figures a user asks for. */
export function planPrecopy(input: PrecopyInput): PrecopyResult {
  if (!(input.link.memoryBytesPerS > 0)) throw new RangeError('link bandwidth must be positive');
  if (!(input.maxRounds >= 1)) throw new RangeError('maxRounds must be at least 1');
  const rounds: Round[] = [makeRound(input, 0, 'full', input.memoryBytes, 0)];
  let reason = stopDecision(input, rounds);
  while (reason === null) {
    const prev = rounds[rounds.length - 1] as Round;
    rounds.push(
      makeRound(input, rounds.length, 'dirty', prev.dirtiedBytes, prev.startS + prev.durationS),
    );
    reason = stopDecision(input, rounds);
  }
  const last = rounds[rounds.length - 1] as Round;
  const precopyS = last.startS + last.durationS;
  const final = makeRound(
    input,
    rounds.length,
    'final',
    last.dirtiedBytes + input.deviceStateBytes,
    precopyS,
  );
  const all = [...rounds, final];
  const bytesCopied = all.reduce((sum, r) => sum + r.bytes, 0);
  const wireBytes = all.reduce((sum, r) => sum + r.wireBytes, 0);
  const sendingS = all.reduce((sum, r) => sum + r.durationS, 0);
  const downtimeS = final.durationS + input.switchoverS;
  return {
    rounds: all,
    precopyRounds: rounds.length,
    stopReason: reason,
    converged: reason === 'downtime-target',
    precopyS,
    downtimeS,
    memoryPhaseS: precopyS + downtimeS,
    bytesCopied,
    wireBytes,
    cpuCoreSeconds: sendingS * input.link.cpuCores,
  };
}

/** Bytes copied by the end of each whole round, for a run stopped part-way (figures so far). */
export function copiedSoFar(plan: PrecopyResult, roundIndex: number, fraction: number): number {
  let sum = 0;
  for (const r of plan.rounds) {
    if (r.index < roundIndex) sum += r.bytes;
    else if (r.index === roundIndex) sum += r.bytes * Math.min(1, Math.max(0, fraction));
  }
  return sum;
}
