import { describe, expect, it } from 'vitest';
import { diskOf, onlineResizeMachine } from '../../machines/onlineResize.machine';
import { minimumBytes, resizeInput, unallocatedBytes } from '../../model/onlineResize';
import { GiB } from '../../model/units';
import { diskSizeLabel } from '../../model/vdisk';
import { SimRunner } from '../../sim/runner';
import { powershellFor } from './definition';
import { inventoryAs, results, scene } from './selectors';

const SCSI = { controller: 'SCSI', format: 'VHDX' } as const;

describe('online resize selectors', () => {
  it('the picture and the Results read the same sizes at every step of expand, extend, shrink', () => {
    const r = new SimRunner(onlineResizeMachine, resizeInput(40 * GiB, 1, { newBytes: 60 * GiB }), {
      startEvent: 'EXPAND',
    });
    const figure = (label: string) =>
      results(r.getSnapshot()).figures.find((f) => f.label === label)?.value;
    const check = () => {
      const v = r.getSnapshot();
      const c = v.snapshot.context;
      const p = scene(v, SCSI);
      expect(figure('Virtual size')).toBe(diskSizeLabel(p.virtualBytes));
      expect(figure('Volume size')).toBe(diskSizeLabel(p.volumeBytes));
      expect(figure('Minimum size')).toBe(diskSizeLabel(p.minimumBytes));
      expect(figure('Unallocated')).toBe(diskSizeLabel(unallocatedBytes(diskOf(c), c.guest)));
      expect(p.minimumBytes).toBe(minimumBytes(c.guest));
      expect(p.summary).toContain(diskSizeLabel(p.virtualBytes));
    };
    for (const a of [
      { type: 'EXPAND', newGiB: 60, ...SCSI },
      { type: 'EXTEND_VOLUME' },
      { type: 'EXPAND', newGiB: 80, ...SCSI },
      { type: 'SHRINK', newGiB: 70, ...SCSI },
    ]) {
      r.inject(a);
      for (let i = 0; i < 6 && !r.getSnapshot().done; i += 1) {
        check();
        r.stepForward();
      }
      check();
    }
    expect(figure('Virtual size')).toBe('70 GB');
    expect(figure('Volume size')).toBe(diskSizeLabel(60 * GiB - 2 ** 20));
    expect(figure('Unallocated')).toBe(diskSizeLabel(10 * GiB));
  });

  it('the picture and the inventory show the disk as the settings attach it', () => {
    const r = new SimRunner(onlineResizeMachine, resizeInput(40 * GiB, 1, { newBytes: 60 * GiB }));
    const v = r.getSnapshot();
    const ide = scene(v, { controller: 'IDE', format: 'VHD' });
    expect(ide.onlineOk).toBe(false);
    expect(ide.file).toBe('FS01.vhd');
    expect(inventoryAs(v, { controller: 'IDE', format: 'VHD' })[0]?.storage).toContain(
      'FS01.vhd (40 GB) on the IDE controller',
    );
    expect(scene(v, SCSI).onlineOk).toBe(true);
    const ps = powershellFor('FS01', 'D:\\Hyper-V', 'FS01.vhdx', 'C', 60);
    expect(ps).toContain('Resize-VHD -Path "D:\\Hyper-V\\FS01.vhdx" -SizeBytes 60GB');
    expect(ps).toContain('Select-Object VhdFormat, Size, MinimumSize');
    expect(ps).toContain(
      'Resize-Partition -DriveLetter C -Size (Get-PartitionSupportedSize -DriveLetter C).SizeMax',
    );
  });
});
