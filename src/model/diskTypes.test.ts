import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abortMerge,
  addDifferencingDisk,
  allocateS,
  attachS,
  chainFiles,
  compactDisk,
  createSession,
  DISK_TIMINGS,
  DISK_TYPE_KEYS,
  DISK_TYPE_LABELS,
  type DiskSession,
  type DiskTypeKey,
  deleteData,
  deletePlan,
  diskTypesInput,
  expandDisk,
  expandS,
  finishMergeDisk,
  guestDataBytes,
  hostBytes,
  hostSizeLabel,
  leafOf,
  mergePlan,
  mergeUpTo,
  reclaimableBytes,
  TEMPLATE_FILL,
  TEMPLATE_MAX_BLOCKS,
  WRITE_MAX_BLOCKS,
  writeCount,
  writeData,
  writePlan,
} from './diskTypes';
import { GiB, MiB } from './units';
import {
  blockCount,
  type DiskFile,
  type Result,
  readImage,
  sizeOnHost,
  VHD_HEADER_BYTES,
  VHD_MAX_BYTES,
  VHDX_HEADER_BYTES,
  VHDX_MAX_BYTES,
} from './vdisk';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.reason);
  return r;
}

const session = (kind: DiskTypeKey, bytes = 256 * MiB) =>
  must(createSession(kind, 'SCSI', bytes, 'APP01')).session;
const image = (s: DiskSession) => (s.leaf ? readImage(s.files, s.leaf) : {});

describe('creating each disk type', () => {
  it('labels the five types as the CONTRACT names them', () => {
    expect(DISK_TYPE_KEYS.map((k) => DISK_TYPE_LABELS[k])).toEqual([
      'Fixed-size VHD',
      'Dynamically expanding VHD',
      'Differencing VHD',
      'Pass-through disk',
      'VHDX',
    ]);
  });

  it('a fixed VHD takes its whole size on the host; dynamic and VHDX only a header; pass-through nothing', () => {
    const bytes = 40 * GiB;
    expect(hostBytes(session('fixed', bytes))).toBe(bytes + VHD_HEADER_BYTES);
    expect(hostBytes(session('dynamic', bytes))).toBe(VHD_HEADER_BYTES);
    expect(hostBytes(session('vhdx', bytes))).toBe(VHDX_HEADER_BYTES);
    expect(hostBytes(session('passthrough', bytes))).toBe(0);
    const diff = session('differencing', bytes);
    const [parent, child] = chainFiles(diff) as [DiskFile, DiskFile];
    expect(parent.type).toBe('dynamic');
    expect(parent.state).toBe('read-only');
    expect(child.type).toBe('differencing');
    expect(child.parent).toBe(parent.id);
    expect(Object.keys(parent.blocks)).toHaveLength(Math.floor(blockCount(parent) * TEMPLATE_FILL));
    const large = chainFiles(session('differencing', 2000 * GiB))[0] as DiskFile;
    expect(Object.keys(large.blocks)).toHaveLength(TEMPLATE_MAX_BLOCKS);
    expect(sizeOnHost(child)).toBe(VHD_HEADER_BYTES);
    expect(guestDataBytes(diff)).toBe(Object.keys(parent.blocks).length * parent.blockBytes);
  });

  it('refuses a VHD of any type above 2040 GB; a VHDX stops at 64 TB; pass-through is not limited', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISK_TYPE_KEYS),
        fc.integer({ min: 1, max: 200 * 1024 }),
        (kind, gib) => {
          const bytes = gib * GiB;
          const r = createSession(kind, 'IDE', bytes, 'APP01');
          const vhd = kind === 'fixed' || kind === 'dynamic' || kind === 'differencing';
          const over = vhd ? bytes > VHD_MAX_BYTES : kind === 'vhdx' && bytes > VHDX_MAX_BYTES;
          expect(r.ok).toBe(!over);
          if (!r.ok)
            expect(r.reason).toBe(
              vhd ? 'A VHD can be at most 2040 GB' : 'A VHDX can be at most 64 TB',
            );
          else expect(r.session.controller).toBe('IDE');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('times a fixed disk’s creation at the volume’s speed; IDE attaches with a shutdown and a boot', () => {
    expect(allocateS('fixed', 40 * GiB)).toBe((40 * GiB) / DISK_TIMINGS.diskBytesPerS);
    expect(allocateS('dynamic', 40 * GiB)).toBe(DISK_TIMINGS.blockTableS);
    expect(attachS('IDE')).toBe(DISK_TIMINGS.shutdownS + DISK_TIMINGS.attachS + DISK_TIMINGS.bootS);
    expect(attachS('SCSI')).toBe(DISK_TIMINGS.attachS);
    const fixed = leafOf(session('fixed')) as DiskFile;
    expect(expandS(fixed, fixed.virtualBytes * 2)).toBeCloseTo(
      DISK_TIMINGS.resizeHeaderS + fixed.virtualBytes / DISK_TIMINGS.diskBytesPerS,
      9,
    );
  });
});

describe('writing and deleting', () => {
  it('a write lands on free blocks only, one eighth of the disk (at most 4096 blocks), in the leaf', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISK_TYPE_KEYS),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 4 }),
        (kind, seed, writes) => {
          let s = session(kind);
          for (let i = 0; i < writes; i += 1) {
            const before = image(s);
            const leaf = leafOf(s) as DiskFile;
            const plan = writePlan(s, seed);
            const free = blockCount(leaf) - Object.keys(before).length;
            if (free === 0) {
              expect(plan.ok).toBe(false);
              break;
            }
            const { blocks } = must(plan);
            expect(blocks.length).toBe(Math.min(writeCount(leaf), free));
            for (const b of blocks) expect(before[b]).toBeUndefined();
            const parents = chainFiles(s).slice(0, -1);
            s = must(writeData(s, seed)).session;
            const after = image(s);
            expect(Object.keys(after).length).toBe(Object.keys(before).length + blocks.length);
            for (const p of parents) expect(s.files[p.id]).toBe(p);
          }
        },
      ),
      { numRuns: 100 },
    );
    const big = session('vhdx', 64 * 1024 * GiB);
    expect(writeCount(leafOf(big) as DiskFile)).toBe(WRITE_MAX_BLOCKS);
  });

  it('a delete clears the oldest data; the file keeps its size (a dynamic one holds it reclaimable)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISK_TYPE_KEYS),
        fc.integer({ min: 0, max: 1000 }),
        (kind, seed) => {
          let s = session(kind);
          s = must(writeData(s, seed)).session;
          s = must(writeData(s, seed)).session;
          const host = hostBytes(s);
          const before = image(s);
          const plan = must(deletePlan(s));
          expect(plan.version).toBe(Math.min(...Object.values(before)));
          s = must(deleteData(s)).session;
          const after = image(s);
          for (const b of plan.blocks) expect(after[b]).toBeUndefined();
          expect(Object.keys(after).length).toBe(Object.keys(before).length - plan.blocks.length);
          if (kind !== 'differencing') expect(hostBytes(s)).toBe(host);
          if (kind === 'dynamic' || kind === 'vhdx')
            expect(reclaimableBytes(s)).toBe(
              plan.blocks.length * (leafOf(s) as DiskFile).blockBytes,
            );
          else expect(reclaimableBytes(s)).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
    expect(deletePlan(session('dynamic'))).toEqual({
      ok: false,
      reason: 'There is no data on the disk to delete',
    });
  });
});

type Op = 'write' | 'delete' | 'compact' | 'expand' | 'diff' | 'merge' | 'half-merge';

function apply(s: DiskSession, op: Op, seed: number) {
  switch (op) {
    case 'write':
      return writeData(s, seed);
    case 'delete':
      return deleteData(s);
    case 'compact':
      return compactDisk(s);
    case 'expand':
      return expandDisk(s);
    case 'diff':
      return addDifferencingDisk(s, 'APP01');
    case 'merge':
      return finishMergeDisk(s);
    case 'half-merge': {
      const p = mergePlan(s);
      if (!p.ok) return p;
      return { ok: true as const, session: abortMerge(mergeUpTo(s, p.order.length >> 1)) };
    }
  }
}

describe('any sequence of operations', () => {
  it('keeps sizes sound, refuses without changing anything, and loses no block but by a delete', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISK_TYPE_KEYS),
        fc.integer({ min: 0, max: 1000 }),
        fc.array(
          fc.constantFrom<Op>(
            'write',
            'delete',
            'compact',
            'expand',
            'diff',
            'merge',
            'half-merge',
          ),
          { maxLength: 12 },
        ),
        (kind, seed, ops) => {
          let s = session(kind, 128 * MiB);
          for (const op of ops) {
            const before = image(s);
            const host = hostBytes(s);
            const r = apply(s, op, seed);
            if (!r.ok) {
              expect(r.reason.length).toBeGreaterThan(0);
              continue;
            }
            const next = r.session;
            const after = image(next);
            if (op === 'write') {
              for (const [b, v] of Object.entries(before)) expect(after[Number(b)]).toBe(v);
            } else if (op === 'delete') {
              for (const [b, v] of Object.entries(after)) expect(before[Number(b)]).toBe(v);
            } else {
              expect(after).toEqual(before);
            }
            if (op === 'compact') expect(hostBytes(next)).toBe(host - reclaimableBytes(s));
            for (const f of Object.values(next.files)) {
              expect(sizeOnHost(f)).toBeGreaterThanOrEqual(0);
              expect(f.virtualBytes).toBeGreaterThan(0);
            }
            expect(chainFiles(next).length).toBe(Object.keys(next.files).length);
            s = next;
          }
          // The kinds' rules held throughout.
          const base = chainFiles(s)[0] as DiskFile;
          if (kind === 'passthrough') expect(Object.keys(s.files)).toHaveLength(1);
          if (kind === 'fixed') expect(base.preallocated).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names the rule of each refusal', () => {
    const reason = (r: { ok: boolean; reason?: string }) => (r.ok ? 'accepted' : r.reason);
    expect(reason(compactDisk(session('fixed')))).toBe(
      'Only a dynamically expanding disk can be compacted',
    );
    expect(reason(compactDisk(session('differencing')))).toBe(
      'Only a dynamically expanding disk can be compacted',
    );
    expect(reason(addDifferencingDisk(session('passthrough'), 'APP01'))).toBe(
      'Pass-through disks support no differencing disks or snapshots',
    );
    expect(reason(expandDisk(session('passthrough')))).toBe(
      'A pass-through disk is resized on its storage',
    );
    expect(reason(expandDisk(session('dynamic', 1500 * GiB)))).toBe('A VHD can be at most 2040 GB');
    expect(reason(expandDisk(session('vhdx', 40 * 1024 * GiB)))).toBe(
      'A VHDX can be at most 64 TB',
    );
    expect(reason(mergePlan(session('dynamic')))).toBe('APP01.vhd has no parent to merge into');
  });

  it('builds the panel’s input with the settings’ defaults', () => {
    const i = diskTypesInput(40 * GiB, 3);
    expect(i.world.vms[i.vm]?.name).toBe('APP01');
    expect(i.world.hosts[i.host]?.os).toBe('2012R2');
    expect([i.defaultKind, i.defaultController]).toEqual(['dynamic', 'SCSI']);
  });
});

describe('sizes on the host in words', () => {
  it('rounds in binary units, one decimal below 10', () => {
    expect(hostSizeLabel(0)).toBe('0 bytes');
    expect(hostSizeLabel(2 * 1024)).toBe('2 KB');
    expect(hostSizeLabel(4 * MiB)).toBe('4 MB');
    expect(hostSizeLabel(5 * GiB + 2048)).toBe('5 GB');
    expect(hostSizeLabel(5.14 * GiB)).toBe('5.1 GB');
    expect(hostSizeLabel(40 * GiB + 2048)).toBe('40 GB');
    expect(hostSizeLabel(1536 * GiB)).toBe('1.5 TB');
  });
});
