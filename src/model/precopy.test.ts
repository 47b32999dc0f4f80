import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dirtiedIn, type PrecopyInput, planPrecopy, stopDecision } from './precopy';
import { MiB } from './units';

const link = (bytesPerS: number) => ({
  memoryBytesPerS: bytesPerS,
  wireBytesPerMemoryByte: 1,
  cpuCores: 0.5,
});

function input(over: Partial<PrecopyInput> = {}): PrecopyInput {
  return {
    memoryBytes: 2048 * MiB,
    dirtyBytesPerS: 20 * MiB,
    wwsBytes: 256 * MiB,
    link: link(112.5e6),
    downtimeTargetS: 0.3,
    maxRounds: 10,
    deviceStateBytes: 2 * MiB,
    switchoverS: 0.07,
    ...over,
  };
}

describe('planPrecopy', () => {
  it('matches the closed form M(1 - r^(n+1))/(1 - r) for a constant dirty rate', () => {
    const M = 1024 * MiB;
    const bw = 100 * MiB;
    const r = 0.25;
    // No working-set cap, no device state, no switch-over: the rounds are M, Mr, Mr^2, ...
    const plan = planPrecopy(
      input({
        memoryBytes: M,
        dirtyBytesPerS: r * bw,
        wwsBytes: M,
        link: link(bw),
        deviceStateBytes: 0,
        switchoverS: 0,
        downtimeTargetS: 0.001,
        maxRounds: 5,
      }),
    );
    const n = plan.rounds.length - 1; // rounds 0..n, the last being the stop-and-copy
    expect(plan.stopReason).toBe('pass-limit');
    expect(n).toBe(5);
    plan.rounds.forEach((round, i) => {
      expect(round.bytes).toBeCloseTo(M * r ** i, 0);
    });
    const closedForm = (M * (1 - r ** (n + 1))) / (1 - r);
    expect(plan.bytesCopied).toBeCloseTo(closedForm, 0);
  });

  it('reports a guest that dirties memory faster than the link copies it as not converging', () => {
    const plan = planPrecopy(
      input({ dirtyBytesPerS: 200 * MiB, wwsBytes: 1024 * MiB, link: link(100 * MiB) }),
    );
    expect(plan.converged).toBe(false);
    expect(plan.stopReason).toBe('not-shrinking');
    expect(plan.downtimeS).toBeGreaterThan(0.3);
    expect(plan.precopyRounds).toBeLessThan(10);
  });

  it('converges with the default scenario, rounds shrinking to within the downtime target', () => {
    const plan = planPrecopy(input());
    expect(plan.converged).toBe(true);
    expect(plan.stopReason).toBe('downtime-target');
    expect(plan.downtimeS).toBeLessThanOrEqual(0.3);
    const bytes = plan.rounds.map((r) => r.bytes);
    expect(bytes[0]).toBe(2048 * MiB);
    expect(bytes[1]).toBe(256 * MiB); // saturated at the writable working set
    for (let i = 2; i < bytes.length - 1; i += 1)
      expect(bytes[i]).toBeLessThan(bytes[i - 1] as number);
    expect(plan.rounds[plan.rounds.length - 1]?.kind).toBe('final');
  });

  it('stops at the pass limit and pays for it in downtime', () => {
    const plan = planPrecopy(input({ maxRounds: 1 }));
    expect(plan.stopReason).toBe('pass-limit');
    expect(plan.precopyRounds).toBe(1);
    expect(plan.rounds).toHaveLength(2);
    expect(plan.downtimeS).toBeCloseTo((256 * MiB + 2 * MiB) / 112.5e6 + 0.07, 6);
  });

  it('refuses a link with no bandwidth', () => {
    expect(() => planPrecopy(input({ link: link(0) }))).toThrow(RangeError);
  });

  it('saturates the dirtied set at the working set and at the memory', () => {
    expect(dirtiedIn({ dirtyBytesPerS: 10, wwsBytes: 50, memoryBytes: 40 }, 100)).toBe(40);
    expect(dirtiedIn({ dirtyBytesPerS: 10, wwsBytes: 50, memoryBytes: 400 }, 2)).toBe(20);
  });

  it('does not stop before any round has run', () => {
    expect(stopDecision(input(), [])).toBeNull();
  });
});

const arbInput = fc.record({
  memoryMiB: fc.integer({ min: 512, max: 65536 }),
  dirtyMiBps: fc.double({ min: 0, max: 2000, noNaN: true }),
  wwsFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  bwMiBps: fc.double({ min: 10, max: 12000, noNaN: true }),
  downtimeMs: fc.integer({ min: 10, max: 60000 }),
  maxRounds: fc.integer({ min: 1, max: 30 }),
  wireRatio: fc.double({ min: 0.1, max: 1, noNaN: true }),
});

describe('planPrecopy properties', () => {
  it('holds its invariants for any VM, guest and link', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const p = input({
          memoryBytes: a.memoryMiB * MiB,
          dirtyBytesPerS: a.dirtyMiBps * MiB,
          wwsBytes: a.memoryMiB * MiB * a.wwsFrac,
          link: {
            memoryBytesPerS: a.bwMiBps * MiB,
            wireBytesPerMemoryByte: a.wireRatio,
            cpuCores: 1,
          },
          downtimeTargetS: a.downtimeMs / 1000,
          maxRounds: a.maxRounds,
        });
        const plan = planPrecopy(p);
        const rounds = plan.rounds;
        // Round 0 sends all memory; the last round is the only stop-and-copy.
        expect(rounds[0]?.bytes).toBe(p.memoryBytes);
        expect(rounds.filter((r) => r.kind === 'final')).toHaveLength(1);
        expect(rounds[rounds.length - 1]?.kind).toBe('final');
        // Pass limit respected; "Rounds" counts the stop-and-copy.
        expect(plan.precopyRounds).toBeLessThanOrEqual(p.maxRounds);
        expect(rounds.length).toBe(plan.precopyRounds + 1);
        // Each round sends what the previous one let the guest dirty.
        for (let i = 1; i < rounds.length - 1; i += 1) {
          expect(rounds[i]?.bytes).toBeCloseTo(rounds[i - 1]?.dirtiedBytes as number, 3);
        }
        // Pre-copy rounds shrink (the stop rule ends the copy as soon as one would not).
        for (let i = 1; i < rounds.length - 1; i += 1) {
          expect(rounds[i]?.bytes).toBeLessThan(rounds[i - 1]?.bytes as number);
        }
        // Never less than the memory; wire bytes scale with compression.
        expect(plan.bytesCopied).toBeGreaterThanOrEqual(p.memoryBytes);
        expect(plan.wireBytes).toBeCloseTo(plan.bytesCopied * a.wireRatio, 0);
        // Converged means the pause met the target; the reason is consistent with it.
        if (plan.converged) expect(plan.downtimeS).toBeLessThanOrEqual(p.downtimeTargetS + 1e-9);
        if (plan.stopReason === 'pass-limit') expect(plan.precopyRounds).toBe(p.maxRounds);
        // Times add up.
        const sum = rounds.reduce((s, r) => s + r.durationS, 0);
        expect(plan.memoryPhaseS).toBeCloseTo(sum + p.switchoverS, 6);
        expect(plan.cpuCoreSeconds).toBeCloseTo(sum * 1, 6);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('never takes longer with more bandwidth', () => {
    fc.assert(
      fc.property(arbInput, fc.double({ min: 1.01, max: 10, noNaN: true }), (a, factor) => {
        const base = {
          memoryBytes: a.memoryMiB * MiB,
          dirtyBytesPerS: a.dirtyMiBps * MiB,
          wwsBytes: a.memoryMiB * MiB * a.wwsFrac,
          downtimeTargetS: a.downtimeMs / 1000,
          maxRounds: a.maxRounds,
        };
        const slow = planPrecopy(input({ ...base, link: link(a.bwMiBps * MiB) }));
        const fast = planPrecopy(input({ ...base, link: link(a.bwMiBps * MiB * factor) }));
        expect(fast.downtimeS).toBeLessThanOrEqual(slow.downtimeS + 1e-9);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
