import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultNewGiB,
  expandOnline,
  extendVolume,
  type FormatChoice,
  minimumBytes,
  OR_DISK,
  onlineCheck,
  PARTITION_OFFSET_BYTES,
  resizeInput,
  resizeViolations,
  shrinkOnline,
  USED_MAX_BYTES,
  unallocatedBytes,
} from './onlineResize';
import { GiB, MiB } from './units';
import { type Controller, type DiskFile, readImage, VHDX_MAX_BYTES } from './vdisk';

const disk = (files: Record<string, DiskFile>) => files[OR_DISK] as DiskFile;

describe('the VM’s disk and its volume', () => {
  it('starts with the volume filling the disk: no unallocated space, the minimum size the whole disk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65536 }), (gib) => {
        const i = resizeInput(gib * GiB, 1, { newBytes: defaultNewGiB(gib) * GiB });
        const d = disk(i.files);
        expect(d.format).toBe('vhdx');
        expect(d.virtualBytes).toBe(gib * GiB);
        expect(unallocatedBytes(d, i.guest)).toBe(0);
        expect(minimumBytes(i.guest)).toBe(d.virtualBytes);
        expect(i.guest.usedBytes).toBeLessThanOrEqual(Math.min(i.guest.sizeBytes, USED_MAX_BYTES));
        expect(resizeViolations(d, i.guest)).toEqual([]);
        expect(defaultNewGiB(gib)).toBeGreaterThanOrEqual(gib);
      }),
      { numRuns: 60 },
    );
    // A size that is not whole MiB is rounded as Hyper-V sizes a VHDX.
    const odd = resizeInput(40.0001 * GiB, 1, { newBytes: 60 * GiB });
    expect(disk(odd.files).virtualBytes % MiB).toBe(0);
    expect(resizeViolations(disk(odd.files), odd.guest)).toEqual([]);
  });

  it('resizes online only a VHDX on the SCSI controller', () => {
    const i = resizeInput(40 * GiB, 1, { newBytes: 60 * GiB });
    const d = disk(i.files);
    const cases: [Controller, FormatChoice, boolean][] = [
      ['SCSI', 'VHDX', true],
      ['IDE', 'VHDX', false],
      ['SCSI', 'VHD', false],
      ['IDE', 'VHD', false],
    ];
    for (const [c, f, ok] of cases) {
      expect(onlineCheck(d, c, f).ok).toBe(ok);
      expect(expandOnline(i.files, OR_DISK, 60 * GiB, c, f).ok).toBe(ok);
    }
    expect(expandOnline(i.files, OR_DISK, VHDX_MAX_BYTES + GiB, 'SCSI', 'VHDX')).toEqual({
      ok: false,
      reason: 'A VHDX can be at most 64 TB',
    });
  });

  it('any expand, shrink and extend sequence keeps the volume inside the disk and every data block', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('expand' as const), gib: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ kind: fc.constant('shrink' as const), gib: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ kind: fc.constant('extend' as const), gib: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(op, { maxLength: 10 }), (gib, ops) => {
        const i = resizeInput(gib * GiB, 1, { newBytes: gib * GiB });
        let files = i.files;
        let guest = i.guest;
        const data = readImage(files, OR_DISK);
        for (const o of ops) {
          const before = { size: disk(files).virtualBytes, volume: guest.sizeBytes };
          if (o.kind === 'extend') {
            const r = extendVolume(disk(files), guest);
            expect(r.ok).toBe(unallocatedBytes(disk(files), guest) >= MiB);
            if (r.ok) {
              expect(r.guest.sizeBytes).toBeGreaterThan(guest.sizeBytes);
              guest = r.guest;
              expect(unallocatedBytes(disk(files), guest)).toBe(0);
            }
          } else {
            const newBytes = o.gib * GiB;
            const r =
              o.kind === 'expand'
                ? expandOnline(files, OR_DISK, newBytes, 'SCSI', 'VHDX')
                : shrinkOnline(files, OR_DISK, guest, newBytes, 'SCSI', 'VHDX');
            const allowed =
              o.kind === 'expand'
                ? newBytes > before.size
                : newBytes < before.size && newBytes >= minimumBytes(guest);
            expect(r.ok).toBe(allowed);
            if (r.ok) files = r.files;
            else expect(disk(files).virtualBytes).toBe(before.size);
          }
          expect(resizeViolations(disk(files), guest)).toEqual([]);
          expect(readImage(files, OR_DISK)).toEqual(data);
          expect(guest.sizeBytes).toBeGreaterThanOrEqual(before.volume);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('names the minimum size and what to do when a shrink would cut into the volume', () => {
    const i = resizeInput(40 * GiB, 1, { newBytes: 60 * GiB });
    const r = shrinkOnline(i.files, OR_DISK, i.guest, 30 * GiB, 'SCSI', 'VHDX');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('A disk can shrink only down to its minimum size (40 GB)');
      expect(r.reason).toContain('Shrink the volume in the guest first');
    }
    expect(extendVolume(disk(i.files), i.guest).ok).toBe(false);
    expect(PARTITION_OFFSET_BYTES).toBe(MiB);
  });
});
