import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESTINATION, SOURCE, VM_ID } from './scenarios';
import {
  destinationPlacement,
  planSharedNothing,
  sharedNothingRequirements,
  sourcePlacement,
  standAloneHosts,
} from './sharedNothing';
import {
  LOCAL_COPY_BYTES_PER_S,
  movingComponents,
  planStorageMigration,
  STORAGE_SOURCE_PLACEMENT,
  storageCopyRate,
  storageDestination,
} from './storageMigration';
import { effectiveLink } from './transports';
import { GiB, MiB } from './units';
import { VM_COMPONENTS } from './vmFiles';

const lmParams = {
  transport: 'tcp' as const,
  rdma: false,
  nics: 1,
  compressionRatio: 1,
  spareCores: 0,
  memoryMiB: 2048,
  dirtyMiBps: 20,
  wwsMiB: 256,
  downtimeMs: 300,
  maxRounds: 10,
};

describe('shared-nothing plan', () => {
  it('adds up its steps and copies the disk at the live migration bandwidth', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        fc.integer({ min: 0, max: 999 }),
        (diskGiB, diskWriteMiBps, linkGbps, seed) => {
          const p = { ...lmParams, linkGbps, diskGiB, diskWriteMiBps };
          const plan = planSharedNothing(p, seed, true);
          const disk = plan.disk;
          expect(disk).not.toBeNull();
          if (!disk) return;
          expect(plan.copyBytesPerS).toBe(effectiveLink(p).memoryBytesPerS);
          expect(disk.fullCopyS).toBeCloseTo((diskGiB * GiB) / plan.copyBytesPerS, 6);
          expect(plan.totalS).toBeCloseTo(
            plan.setupS + disk.syncS + plan.lm.setupS + plan.lm.precopy.memoryPhaseS + plan.deleteS,
            6,
          );
          // Writes stay mirrored until the VM pauses for the last memory pages.
          expect(disk.endS - disk.syncS).toBeCloseTo(plan.lm.setupS + plan.lm.precopy.precopyS, 6);
          expect(plan.wireBytes).toBeCloseTo(
            disk.bytesCopied + disk.bytesMirrored + plan.lm.wireBytes,
            0,
          );
          const vmOnly = planSharedNothing(p, seed, false);
          expect(vmOnly.disk).toBeNull();
          expect(vmOnly.totalS).toBeLessThan(plan.totalS);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('places the files per wizard choice and requires shared storage for a VM-only move', () => {
    const local = sourcePlacement(false);
    expect(destinationPlacement('vm-only', local)).toEqual(local);
    const one = destinationPlacement('one-location', local);
    expect(new Set(VM_COMPONENTS.map((c) => one[c].storage)).size).toBe(1);
    const per = destinationPlacement('per-component', local);
    expect(new Set(VM_COMPONENTS.map((c) => per[c].path)).size).toBe(VM_COMPONENTS.length);
    const base = {
      memoryBytes: 2 * GiB,
      diskBytes: 40 * GiB,
      linkGbps: 1,
      destinationCpuVendor: 'Intel' as const,
    };
    const onLocal = standAloneHosts({ ...base, vmOnShare: false });
    const onShare = standAloneHosts({ ...base, vmOnShare: true });
    const failed = (w: typeof onLocal, c: 'vm-only' | 'one-location') =>
      sharedNothingRequirements(w, VM_ID, SOURCE, DESTINATION, c)
        .filter((r) => !r.ok)
        .map((r) => r.id);
    expect(failed(onLocal, 'vm-only')).toEqual(['disksOnSharedStorage']);
    expect(failed(onShare, 'vm-only')).toEqual([]);
    expect(failed(onLocal, 'one-location')).toEqual([]);
    // Stand-alone hosts: no failover clustering is needed.
    expect(Object.values(onLocal.hosts).every((h) => !h.failoverClustering)).toBe(true);
  });
});

describe('storage migration plan', () => {
  it('copies locally at the local rate and to the share at most at the SMB rate', () => {
    expect(storageCopyRate({ toShare: false, linkGbps: 1 })).toBe(LOCAL_COPY_BYTES_PER_S);
    const smb = storageCopyRate({ toShare: true, linkGbps: 1 });
    expect(smb).toBeLessThan(LOCAL_COPY_BYTES_PER_S);
    expect(storageCopyRate({ toShare: true, linkGbps: 100 })).toBe(LOCAL_COPY_BYTES_PER_S);
  });

  it('moves the components of the option, and a VM that is off writes nothing', () => {
    const components = { vhd: false, configuration: true, snapshots: false, smartPaging: true };
    expect(movingComponents({ option: 'one-location', components })).toEqual([...VM_COMPONENTS]);
    expect(movingComponents({ option: 'vhds-only', components })).toEqual(['vhd']);
    expect(movingComponents({ option: 'different-locations', components })).toEqual([
      'configuration',
      'smartPaging',
    ]);
    const dest = storageDestination({ option: 'different-locations', components, toShare: false });
    expect(dest.vhd).toEqual(STORAGE_SOURCE_PLACEMENT.vhd);
    expect(dest.snapshots).toEqual(STORAGE_SOURCE_PLACEMENT.snapshots);
    expect(dest.configuration).not.toEqual(STORAGE_SOURCE_PLACEMENT.configuration);
    const base = {
      diskGiB: 10,
      diskWriteMiBps: 50,
      linkGbps: 1,
      toShare: false,
      option: 'one-location' as const,
      components,
    };
    const off = planStorageMigration({ ...base, vmRunning: false }, 3);
    expect(off.disk?.writes).toBe(0);
    expect(off.disk?.syncS).toBe(off.disk?.fullCopyS);
    const on = planStorageMigration({ ...base, vmRunning: true }, 3);
    expect(on.disk?.writes).toBeGreaterThan(0);
    expect(on.totalS).toBeCloseTo(on.setupS + (on.disk?.syncS ?? 0) + on.switchS + on.deleteS, 9);
    expect((on.disk?.input.diskBytes ?? 0) / MiB).toBe(10 * 1024);
    expect(
      planStorageMigration({ ...base, vmRunning: true, option: 'different-locations' }, 3).disk,
    ).toBeNull();
  });
});
