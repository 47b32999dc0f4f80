import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abortCopyAt,
  type DiskCopyInput,
  type DiskOp,
  diskStateAt,
  planDiskCopy,
} from './diskCopy';
import { differingBlocks } from './diskCopy.testkit';
import { MiB } from './units';

/** The source as the guest wrote it: for each block, the version of its last write up to t. */
function writesReplayed(ops: readonly DiskOp[], blocks: number, t: number): Int32Array {
  const out = new Int32Array(blocks);
  for (const op of ops) if (op.kind === 'write' && op.t <= t) out[op.block] = op.version;
  return out;
}

const inputArb: fc.Arbitrary<DiskCopyInput> = fc.record({
  diskBytes: fc.integer({ min: 1, max: 512 }).map((m) => m * MiB),
  // From no writes to writes faster than the copier.
  writeBytesPerS: fc.double({ min: 0, max: 400, noNaN: true }).map((m) => m * MiB),
  copyBytesPerS: fc.double({ min: 5, max: 200, noNaN: true }).map((m) => m * MiB),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  mirrorAfterSyncS: fc.double({ min: 0, max: 10, noNaN: true }),
  blocks: fc.integer({ min: 1, max: 256 }),
});

describe('disk copy with mirrored writes', () => {
  it('ends with the destination equal to the source block for block, writes during the copy included', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planDiskCopy(input);
        const atSync = diskStateAt(plan, plan.syncS);
        expect(differingBlocks(atSync.source, atSync.destination)).toEqual([]);
        // ...and the source holds every write made so far: nothing the guest wrote is lost.
        expect([...atSync.source]).toEqual([...writesReplayed(plan.ops, plan.blocks, plan.syncS)]);
        // Mirroring keeps them equal until it stops.
        const atEnd = diskStateAt(plan, plan.endS);
        expect(differingBlocks(atEnd.source, atEnd.destination)).toEqual([]);
        expect([...atEnd.source]).toEqual([...writesReplayed(plan.ops, plan.blocks, plan.endS)]);
      }),
      { numRuns: 150 },
    );
  });

  it('never lets a copy overwrite a newer mirrored write: destination versions only grow', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planDiskCopy(input);
        const dst = new Int32Array(plan.blocks).fill(-1);
        const src = new Int32Array(plan.blocks);
        for (const op of plan.ops) {
          const before = dst[op.block] as number;
          if (op.kind === 'write') {
            src[op.block] = op.version;
            if (op.mirrored) dst[op.block] = op.version;
          } else if (op.applied) dst[op.block] = op.version;
          expect(dst[op.block]).toBeGreaterThanOrEqual(before);
          // The destination is never ahead of the source.
          expect(dst[op.block]).toBeLessThanOrEqual(src[op.block] as number);
          // A discarded copy is exactly one that was older than the destination.
          if (op.kind === 'copy' && !op.applied) expect(before).toBeGreaterThan(op.version);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('needs the stale-copy check: a naive copier loses mirrored writes when writes are heavy', () => {
    // Heavy writes on a slow copier, so mirrored writes often land while their block is in flight.
    const base = {
      diskBytes: 64 * MiB,
      writeBytesPerS: 300 * MiB,
      copyBytesPerS: 10 * MiB,
      blocks: 64,
    };
    let lost = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      const guarded = planDiskCopy({ ...base, seed });
      const naive = planDiskCopy({ ...base, seed, guardStaleCopies: false });
      expect(guarded.ops.filter((o) => o.kind === 'write')).toEqual(
        naive.ops.filter((o) => o.kind === 'write'),
      );
      // Every copy the guarded copier discards, the naive one writes over a newer version.
      const dst = new Int32Array(naive.blocks).fill(-1);
      let regressions = 0;
      for (const op of naive.ops) {
        const before = dst[op.block] as number;
        if (op.kind === 'write' ? op.mirrored : op.applied) dst[op.block] = op.version;
        if ((dst[op.block] as number) < before) regressions += 1;
      }
      expect(regressions).toBe(guarded.staleCopiesDiscarded);
      const s = diskStateAt(naive, naive.syncS);
      lost += differingBlocks(s.source, s.destination).length;
    }
    expect(lost).toBeGreaterThan(0);
  });

  it('leaves the source intact and discards the partial copy when the move stops at any moment', () => {
    fc.assert(
      fc.property(inputArb, fc.double({ min: 0, max: 1, noNaN: true }), (input, at) => {
        const plan = planDiskCopy(input);
        const t = at * plan.syncS;
        const aborted = abortCopyAt(plan, t);
        expect([...aborted.source]).toEqual([...writesReplayed(plan.ops, plan.blocks, t)]);
        const s = diskStateAt(plan, t);
        const held = [...s.destination].filter((v) => v >= 0).length;
        expect(aborted.discardedBlocks).toBe(held);
        expect(aborted.discardedBytes).toBeCloseTo(held * plan.blockBytes, 3);
      }),
      { numRuns: 150 },
    );
  });

  it('derives its figures from the copy: time, bytes, passes, mirrored writes', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planDiskCopy(input);
        const copies = plan.ops.filter((o) => o.kind === 'copy');
        const writes = plan.ops.filter((o) => o.kind === 'write');
        expect(plan.fullCopyS).toBeCloseTo(input.diskBytes / input.copyBytesPerS, 6);
        expect(plan.syncS).toBeCloseTo(plan.fullCopyS + plan.recopiedBlocks * plan.blockS, 6);
        expect(copies.length).toBe(plan.blocks + plan.recopiedBlocks);
        expect(plan.bytesCopied).toBeCloseTo(copies.length * plan.blockBytes, 3);
        expect(plan.writes).toBe(writes.length);
        expect(plan.writesMirrored).toBe(
          writes.filter((w) => w.kind === 'write' && w.mirrored).length,
        );
        expect(plan.recopiedBlocks).toBeLessThanOrEqual(plan.outstandingBlocks);
        expect(plan.passes).toBe(plan.outstandingBlocks > 0 ? 2 : 1);
        // Ops are in time order; writes before the full copy ends land on the source only.
        for (let i = 1; i < plan.ops.length; i += 1)
          expect((plan.ops[i] as DiskOp).t).toBeGreaterThanOrEqual((plan.ops[i - 1] as DiskOp).t);
        for (const w of writes)
          if (w.kind === 'write') expect(w.mirrored).toBe(w.t >= plan.fullCopyS);
        const last = diskStateAt(plan, plan.endS);
        expect(last.writes).toBe(plan.writes);
        expect(last.bytesCopied).toBeCloseTo(plan.bytesCopied, 3);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic for a seed and copies an idle disk in one pass', () => {
    const input = {
      diskBytes: 40 * MiB,
      writeBytesPerS: 5 * MiB,
      copyBytesPerS: 20 * MiB,
      seed: 7,
    };
    expect(planDiskCopy(input).ops).toEqual(planDiskCopy(input).ops);
    const idle = planDiskCopy({ ...input, writeBytesPerS: 0 });
    expect(idle.writes).toBe(0);
    expect(idle.passes).toBe(1);
    expect(idle.syncS).toBeCloseTo(input.diskBytes / input.copyBytesPerS, 9);
  });
});
