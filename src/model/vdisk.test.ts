import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from './units';
import {
  addDifferencing,
  allocatedBytes,
  chainOf,
  checkOnlineResize,
  childrenOf,
  compact,
  createDisk,
  type DiskFile,
  type DiskSet,
  expand,
  finishMerge,
  freeBlocks,
  mergeBytes,
  mergeCursorAt,
  mergeOrder,
  mergeSeconds,
  mergeStep,
  type NewDisk,
  purgeDeleted,
  type Result,
  readBlock,
  readImage,
  shrink,
  sizeOnHost,
  VHD_BLOCK_BYTES,
  VHD_HEADER_BYTES,
  VHD_MAX_BYTES,
  VHDX_BLOCK_BYTES,
  VHDX_HEADER_BYTES,
  VHDX_MAX_BYTES,
  writeBlocks,
  writeDuringMerge,
} from './vdisk';

const TiB = 1024 * GiB;

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.reason);
  return r;
}

function reason(r: Result<unknown>): string {
  return r.ok ? 'accepted' : r.reason;
}

function disk(spec: Partial<NewDisk> = {}): DiskSet {
  return must(
    createDisk(
      {},
      {
        id: 'base',
        name: 'SQL01.vhdx',
        format: 'vhdx',
        type: 'dynamic',
        virtualBytes: 1 * GiB,
        ...spec,
      },
    ),
  ).set;
}

function file(set: DiskSet, id: string): DiskFile {
  const f = set[id];
  if (!f) throw new Error(`no file ${id}`);
  return f;
}

/** base <- c1 <- c2, with data at several levels. */
function chain(): DiskSet {
  let set = disk();
  set = must(writeBlocks(set, 'base', [0, 1, 2, 3], 1)).set;
  set = must(addDifferencing(set, 'base', 'c1', 'SQL01_1.avhdx')).set;
  set = must(writeBlocks(set, 'c1', [1, 4], 2)).set;
  set = must(addDifferencing(set, 'c1', 'c2', 'SQL01_2.avhdx')).set;
  set = must(writeBlocks(set, 'c2', [2, 5], 3)).set;
  return set;
}

describe('disk formats and limits', () => {
  it('a VHD holds up to 2040 GB and a VHDX up to 64 TB; a pass-through disk is not limited', () => {
    expect(VHD_MAX_BYTES).toBe(2040 * GiB);
    expect(VHDX_MAX_BYTES).toBe(64 * TiB);
    expect(disk({ format: 'vhd', virtualBytes: VHD_MAX_BYTES })).toBeDefined();
    const spec = { id: 'd', name: 'd', type: 'dynamic' } as const;
    expect(
      reason(createDisk({}, { ...spec, format: 'vhd', virtualBytes: VHD_MAX_BYTES + 1 })),
    ).toBe('A VHD can be at most 2040 GB');
    expect(createDisk({}, { ...spec, format: 'vhdx', virtualBytes: VHDX_MAX_BYTES }).ok).toBe(true);
    expect(
      reason(createDisk({}, { ...spec, format: 'vhdx', virtualBytes: VHDX_MAX_BYTES + GiB })),
    ).toBe('A VHDX can be at most 64 TB');
    expect(
      reason(createDisk({}, { ...spec, type: 'fixed', format: 'vhd', virtualBytes: 3 * TiB })),
    ).toBe('A VHD can be at most 2040 GB');
    const lun = createDisk(
      {},
      { ...spec, type: 'passthrough', format: 'vhdx', virtualBytes: 100 * TiB },
    );
    expect(lun.ok).toBe(true);
    expect(reason(createDisk({}, { ...spec, format: 'vhdx', virtualBytes: 0 }))).toBe(
      'A disk must have a size above zero',
    );
    expect(
      reason(createDisk(disk(), { ...spec, id: 'base', format: 'vhdx', virtualBytes: GiB })),
    ).toBe('A disk file with id base already exists');
  });

  it('dynamic and differencing blocks are 2 MiB in a VHD and 32 MiB in a VHDX', () => {
    expect(VHD_BLOCK_BYTES).toBe(2 * MiB);
    expect(VHDX_BLOCK_BYTES).toBe(32 * MiB);
    expect(file(disk({ format: 'vhd' }), 'base').blockBytes).toBe(2 * MiB);
    const set = must(addDifferencing(disk(), 'base', 'c', 'c.avhdx')).set;
    expect(file(set, 'c').blockBytes).toBe(32 * MiB);
    expect(file(set, 'c').format).toBe('vhdx');
    expect(file(set, 'c').virtualBytes).toBe(GiB);
  });

  it('a fixed disk takes its whole size at creation; a dynamic one grows as it is written', () => {
    const fixed = disk({ type: 'fixed', virtualBytes: 40 * GiB });
    expect(sizeOnHost(file(fixed, 'base'))).toBe(40 * GiB + VHDX_HEADER_BYTES);
    expect(file(fixed, 'base').preallocated).toBe(true);
    expect(Object.keys(file(fixed, 'base').blocks)).toEqual([]);
    const fixedWritten = must(writeBlocks(fixed, 'base', [0, 7, 9], 1)).set;
    expect(sizeOnHost(file(fixedWritten, 'base'))).toBe(40 * GiB + VHDX_HEADER_BYTES);

    const dynamic = disk({ virtualBytes: 40 * GiB });
    expect(sizeOnHost(file(dynamic, 'base'))).toBe(VHDX_HEADER_BYTES);
    const written = must(writeBlocks(dynamic, 'base', [0, 7, 9, 7], 1)).set;
    expect(allocatedBytes(file(written, 'base'))).toBe(3 * VHDX_BLOCK_BYTES);
    expect(sizeOnHost(file(written, 'base'))).toBe(3 * VHDX_BLOCK_BYTES + VHDX_HEADER_BYTES);

    const vhd = must(writeBlocks(disk({ format: 'vhd' }), 'base', [1, 2], 1)).set;
    expect(sizeOnHost(file(vhd, 'base'))).toBe(2 * VHD_BLOCK_BYTES + VHD_HEADER_BYTES);
  });

  it('a pass-through disk is no file: nothing on the host, and no differencing disks', () => {
    const lun = disk({ type: 'passthrough', virtualBytes: 4 * TiB });
    expect(sizeOnHost(file(lun, 'base'))).toBe(0);
    expect(allocatedBytes(file(lun, 'base'))).toBe(0);
    expect(reason(addDifferencing(lun, 'base', 'c', 'c.avhdx'))).toBe(
      'Pass-through disks support no differencing disks or snapshots',
    );
    const written = must(writeBlocks(lun, 'base', [3], 5)).set;
    expect(readBlock(written, 'base', 3)).toBe(5);
  });
});

describe('differencing chains', () => {
  it('reads walk from child to parent until the block is found; missing everywhere reads 0', () => {
    const set = chain();
    expect(chainOf(set, 'c2')).toEqual(['c2', 'c1', 'base']);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => readBlock(set, 'c2', i))).toEqual([
      1, 2, 3, 1, 2, 3, 0,
    ]);
    expect(readImage(set, 'c2')).toEqual({ 0: 1, 1: 2, 2: 3, 3: 1, 4: 2, 5: 3 });
    expect(readImage(set, 'c1')).toEqual({ 0: 1, 1: 2, 2: 1, 3: 1, 4: 2 });
    expect(childrenOf(set, 'c1')).toEqual(['c2']);
  });

  it('writes land in the leaf only; a parent becomes read-only and refuses writes', () => {
    const set = chain();
    expect(file(set, 'base').state).toBe('read-only');
    expect(file(set, 'c1').state).toBe('read-only');
    expect(file(set, 'c2').state).toBe('in use');
    const after = must(writeBlocks(set, 'c2', [0], 9)).set;
    expect(file(after, 'base').blocks).toEqual(file(set, 'base').blocks);
    expect(file(after, 'c1').blocks).toEqual(file(set, 'c1').blocks);
    expect(readBlock(after, 'c2', 0)).toBe(9);
    expect(reason(writeBlocks(set, 'c1', [0], 9))).toBe('SQL01_1.avhdx is read-only');
    // Even marked 'in use' by mistake, a file with children takes no writes.
    const forced = { ...set, c1: { ...file(set, 'c1'), state: 'in use' as const } };
    expect(reason(writeBlocks(forced, 'c1', [0], 9))).toBe(
      'SQL01_1.avhdx has differencing children: writes go to the newest child',
    );
    expect(reason(writeBlocks(set, 'c2', [32], 9))).toBe(
      'Block 32 lies outside the disk (blocks 0 to 31)',
    );
  });

  it('a block freed in a child hides the parent data beneath it', () => {
    const set = must(freeBlocks(chain(), 'c2', [0, 1])).set;
    expect(readBlock(set, 'c2', 0)).toBe(0);
    expect(readImage(set, 'c2')).toEqual({ 2: 3, 3: 1, 4: 2, 5: 3 });
    expect(readImage(set, 'c1')).toEqual({ 0: 1, 1: 2, 2: 1, 3: 1, 4: 2 });
  });
});

describe('freeing and compaction', () => {
  it('freed space stays allocated on a dynamic disk until it is compacted', () => {
    let set = must(writeBlocks(disk(), 'base', [0, 1, 2, 3], 1)).set;
    set = must(freeBlocks(set, 'base', [1, 3])).set;
    expect(allocatedBytes(file(set, 'base'))).toBe(4 * VHDX_BLOCK_BYTES);
    const image = readImage(set, 'base');
    const c = must(compact(set, 'base'));
    expect(c.reclaimedBytes).toBe(2 * VHDX_BLOCK_BYTES);
    expect(allocatedBytes(file(c.set, 'base'))).toBe(2 * VHDX_BLOCK_BYTES);
    expect(readImage(c.set, 'base')).toEqual(image);
  });

  it('only a dynamically expanding disk can be compacted, and not one with children', () => {
    const msg = 'Only a dynamically expanding disk can be compacted';
    expect(reason(compact(disk({ type: 'fixed' }), 'base'))).toBe(msg);
    expect(reason(compact(disk({ type: 'passthrough' }), 'base'))).toBe(msg);
    expect(reason(compact(chain(), 'c2'))).toBe(msg);
    expect(reason(compact(chain(), 'base'))).toBe(
      'A disk with differencing children cannot be compacted',
    );
    expect(reason(compact(disk(), 'nope'))).toBe('There is no disk file nope');
  });

  it('compaction never changes what the disk reads and never grows it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.boolean(), fc.array(fc.integer({ min: 0, max: 31 }), { maxLength: 6 })),
          {
            maxLength: 20,
          },
        ),
        (ops) => {
          let set = disk();
          let version = 0;
          for (const [free, indices] of ops) {
            version += 1;
            set = must(
              free ? freeBlocks(set, 'base', indices) : writeBlocks(set, 'base', indices, version),
            ).set;
          }
          const c = must(compact(set, 'base'));
          expect(readImage(c.set, 'base')).toEqual(readImage(set, 'base'));
          expect(sizeOnHost(file(c.set, 'base'))).toBeLessThanOrEqual(
            sizeOnHost(file(set, 'base')),
          );
          expect(Object.values(file(c.set, 'base').blocks)).not.toContain(0);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('resizing', () => {
  it('expands within the format limit; a fixed file grows with it', () => {
    const fixed = disk({ type: 'fixed', format: 'vhd', virtualBytes: 100 * GiB });
    const grown = must(expand(fixed, 'base', 200 * GiB)).set;
    expect(sizeOnHost(file(grown, 'base'))).toBe(200 * GiB + VHD_HEADER_BYTES);
    expect(reason(expand(fixed, 'base', 2100 * GiB))).toBe('A VHD can be at most 2040 GB');
    expect(reason(expand(fixed, 'base', 50 * GiB))).toBe(
      'A disk can only be expanded to a larger size',
    );
    expect(reason(expand(disk(), 'base', 65 * TiB))).toBe('A VHDX can be at most 64 TB');
    expect(reason(expand(chain(), 'c2', 2 * GiB))).toBe(
      'A differencing disk takes its size from its parent',
    );
    expect(reason(expand(chain(), 'base', 2 * GiB))).toBe(
      'A disk with differencing children cannot be resized',
    );
    expect(reason(expand(disk({ type: 'passthrough' }), 'base', 2 * GiB))).toBe(
      'A pass-through disk is resized on its storage',
    );
  });

  it('shrinks a VHDX no further than its minimum, dropping blocks past the new end', () => {
    let set = must(writeBlocks(disk(), 'base', [0, 20, 31], 1)).set;
    expect(reason(shrink(set, 'base', 256 * MiB, 512 * MiB))).toBe(
      'A disk can shrink only down to its minimum size (512 MB)',
    );
    set = must(shrink(set, 'base', 640 * MiB, 512 * MiB)).set;
    expect(file(set, 'base').virtualBytes).toBe(640 * MiB);
    expect(readImage(set, 'base')).toEqual({ 0: 1 });
    expect(reason(shrink(disk({ format: 'vhd' }), 'base', 256 * MiB, 0))).toBe(
      'Only a VHDX can be shrunk',
    );
    expect(reason(shrink(set, 'base', GiB, 0))).toBe('A disk can only be shrunk to a smaller size');
  });

  it('online resizing takes a VHDX on a SCSI controller only', () => {
    const vhdx = file(disk(), 'base');
    expect(checkOnlineResize(vhdx, 'SCSI').ok).toBe(true);
    expect(reason(checkOnlineResize(vhdx, 'IDE'))).toBe(
      'Only a disk on a SCSI controller can be resized while the VM runs',
    );
    expect(reason(checkOnlineResize(file(disk({ format: 'vhd' }), 'base'), 'SCSI'))).toBe(
      'Only a VHDX can be resized while the VM runs',
    );
  });
});

describe('merging a child into its parent', () => {
  it('moves the child blocks in index order; an interrupted merge changes no reader', () => {
    const set = chain();
    expect(mergeOrder(set, 'c1')).toEqual([1, 4]);
    expect(mergeOrder(set, 'c2')).toEqual([2, 5]);
    const before = readImage(set, 'c2');
    const half = must(mergeStep(set, 'c2', 1)).set;
    expect(file(half, 'c1').state).toBe('merging');
    expect(file(half, 'c1').blocks).toEqual({ 1: 2, 4: 2, 2: 3 });
    expect(readImage(half, 'c2')).toEqual(before);
    // Repeating a step is harmless; a step can start where the last one stopped.
    expect(must(mergeStep(half, 'c2', 1)).set).toEqual(half);
    const rest = must(mergeStep(half, 'c2', 2, 1)).set;
    expect(file(rest, 'c1').blocks).toEqual({ 1: 2, 2: 3, 4: 2, 5: 3 });
  });

  it('finishing re-parents the grandchildren and keeps the merged file as deleted', () => {
    let set = chain();
    set = must(addDifferencing(set, 'c2', 'c3', 'SQL01_3.avhdx')).set;
    set = must(writeBlocks(set, 'c3', [6], 4)).set;
    const before = readImage(set, 'c3');
    const done = must(finishMerge(set, 'c2'));
    expect(done.parent).toBe('c1');
    expect(file(done.set, 'c2').state).toBe('deleted');
    expect(sizeOnHost(file(done.set, 'c2'))).toBe(0);
    expect(file(done.set, 'c3').parent).toBe('c1');
    expect(file(done.set, 'c1').state).toBe('read-only');
    expect(readImage(done.set, 'c3')).toEqual(before);
    expect(chainOf(done.set, 'c3')).toEqual(['c3', 'c1', 'base']);
    expect(Object.keys(purgeDeleted(done.set))).toEqual(['base', 'c1', 'c3']);
    // A merged leaf's parent becomes the leaf in use.
    const leaf = must(finishMerge(chain(), 'c2'));
    expect(file(leaf.set, 'c1').state).toBe('in use');
  });

  it('refuses to merge into a parent other children still read', () => {
    let set = chain();
    set = must(addDifferencing(set, 'c1', 'other', 'other.avhdx')).set;
    expect(reason(mergeStep(set, 'c2', 1))).toBe(
      'SQL01_2.avhdx can be merged only into a parent it is the only child of: the others read SQL01_1.avhdx',
    );
    expect(reason(mergeStep(chain(), 'base', 1))).toBe('SQL01.vhdx has no parent to merge into');
  });

  it('counts the bytes to move and the time at a bandwidth', () => {
    const set = chain();
    expect(mergeBytes(set, 'c2')).toBe(2 * VHDX_BLOCK_BYTES);
    expect(mergeBytes(set, 'c2', 1)).toBe(VHDX_BLOCK_BYTES);
    expect(mergeSeconds(64 * MiB, 32 * MiB)).toBe(2);
    expect(mergeSeconds(0, 0)).toBe(0);
    expect(mergeSeconds(MiB, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('a merge copies its blocks linearly over its duration, never before the start or past the end', () => {
    expect(mergeCursorAt(10, 0, 5)).toBe(0);
    expect(mergeCursorAt(10, 2.5, 5)).toBe(5);
    expect(mergeCursorAt(10, 2.49, 5)).toBe(4);
    expect(mergeCursorAt(10, 9, 5)).toBe(10);
    expect(mergeCursorAt(10, -1, 5)).toBe(0);
    expect(mergeCursorAt(10, 0, 0)).toBe(10);
    fc.assert(
      fc.property(fc.nat(1000), fc.double({ min: 0, max: 100, noNaN: true }), (n, t) => {
        const k = mergeCursorAt(n, t, 50);
        return k >= 0 && k <= n && k <= mergeCursorAt(n, t + 1, 50);
      }),
    );
  });

  it('a live write to a block already merged is mirrored into the parent, so the newest data survives', () => {
    // c2 holds blocks 2 and 5; the merge has copied block 2 (cursor 1).
    const set = must(mergeStep(chain(), 'c2', 1)).set;
    const w = must(writeDuringMerge(set, 'c2', [2, 5], 7, 1));
    expect(w.mirrored).toEqual([2]);
    expect(file(w.set, 'c1').blocks[2]).toBe(7);
    expect(file(w.set, 'c1').blocks[5]).toBeUndefined();
    // Block 2 is now the same in child and parent: the parent never goes back to stale data.
    expect(file(w.set, 'c2').blocks[2]).toBe(file(w.set, 'c1').blocks[2]);
    const done = must(finishMerge(w.set, 'c2')).set;
    expect(readImage(done, 'c1')).toEqual({ 0: 1, 1: 2, 2: 7, 3: 1, 4: 2, 5: 7 });
    // Without the mirror the parent keeps a stale copy of a block the merge counts as done, and
    // finishing from the cursor loses the write.
    const naive = must(writeBlocks(set, 'c2', [2], 7)).set;
    expect(file(naive, 'c1').blocks[2]).toBe(3);
    expect(readBlock(must(finishMerge(naive, 'c2', 1)).set, 'c1', 2)).toBe(3);
  });

  it('a new block written below the cursor is mirrored: everything below it stays copied', () => {
    // c2 holds 2 and 5, both copied (cursor 2). Writing block 0 puts it at position 0.
    const set = must(mergeStep(chain(), 'c2', 2)).set;
    const w = must(writeDuringMerge(set, 'c2', [0, 9], 8, 2));
    // Order after the writes is [0, 2, 5, 9]; 0 sits below the cursor, 9 does not.
    expect(w.mirrored).toEqual([0]);
    expect(file(w.set, 'c1').blocks[0]).toBe(8);
    expect(file(w.set, 'c1').blocks[9]).toBeUndefined();
  });

  it('any interleaving of steps, interruptions and live writes keeps every reader and ends with the newest data', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('step' as const), blocks: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant('interrupt' as const) }),
      fc.record({
        kind: fc.constant('write' as const),
        indices: fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 4 }),
        free: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 6 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(op, { maxLength: 30 }),
        (levels, ops) => {
          // A chain base <- d1 <- ... with writes at each level; the leaf is merged into its parent.
          let set = disk({ format: 'vhd', virtualBytes: 32 * MiB });
          let version = 0;
          let leaf = 'base';
          levels.forEach((indices, n) => {
            if (n > 0) {
              set = must(addDifferencing(set, leaf, `d${n}`, `d${n}.avhd`)).set;
              leaf = `d${n}`;
            }
            version += 1;
            set = must(writeBlocks(set, leaf, indices, version)).set;
          });
          set = must(addDifferencing(set, leaf, 'top', 'top.avhd')).set;
          set = must(writeBlocks(set, 'top', [3], ++version)).set;
          const parentId = leaf;
          const reference = new Map(
            Object.entries(readImage(set, 'top')).map(([k, v]) => [Number(k), v]),
          );
          let cursor = 0;
          for (const o of ops) {
            if (o.kind === 'step') {
              const from = cursor;
              cursor = Math.min(mergeOrder(set, 'top').length, cursor + o.blocks);
              set = must(mergeStep(set, 'top', cursor, from)).set;
            } else if (o.kind === 'interrupt') {
              cursor = 0;
            } else {
              const v = o.free ? 0 : ++version;
              set = must(writeDuringMerge(set, 'top', o.indices, v, cursor)).set;
              for (const i of o.indices) {
                if (v === 0) reference.delete(i);
                else reference.set(i, v);
              }
            }
            expect(readImage(set, 'top')).toEqual(Object.fromEntries(reference));
            // The copied prefix is the same in child and parent.
            for (const i of mergeOrder(set, 'top').slice(0, cursor)) {
              expect(file(set, parentId).blocks[i]).toBe(file(set, 'top').blocks[i]);
            }
          }
          // Finishing from where it stands (only the rest is copied) gives the parent the whole disk.
          const finished = must(finishMerge(set, 'top', cursor)).set;
          expect(readImage(finished, parentId)).toEqual(Object.fromEntries(reference));
          expect(file(finished, 'top').state).toBe('deleted');
          // The grandparents were never written.
          if (parentId !== 'base') {
            expect(readImage(finished, file(set, parentId).parent as string)).toEqual(
              readImage(set, file(set, parentId).parent as string),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
