import { describe, expect, it } from 'vitest';
import { diskTypesMachine } from '../../machines/diskTypes.machine';
import {
  diskTypesInput,
  chainFiles as filesOf,
  guestDataBytes,
  hostBytes,
  hostSizeLabel,
  reclaimableBytes,
} from '../../model/diskTypes';
import { GiB } from '../../model/units';
import { diskSizeLabel, sizeOnHost } from '../../model/vdisk';
import { SimRunner } from '../../sim/runner';
import { powershellFor } from './definition';
import {
  chainFiles,
  diskFileRows,
  fileHostBytes,
  hostBytesNow,
  inventory,
  narration,
  results,
  type View,
} from './selectors';

const runner = (gib = 4) =>
  new SimRunner(diskTypesMachine, diskTypesInput(gib * GiB, 1), { startEvent: 'CREATE_DISK' });
const figure = (v: View, label: string) => results(v).figures.find((f) => f.label === label)?.value;

/** The picture, the table and the Results say the same of every file at this moment. */
function agree(v: View) {
  const s = v.snapshot.context.session;
  const rows = diskFileRows(v);
  const pics = chainFiles(v);
  const files = filesOf(s);
  expect(rows.map((r) => r[0])).toEqual(files.map((f) => f.name));
  expect(pics.map((p) => p.name)).toEqual(files.map((f) => f.name));
  files.forEach((f, i) => {
    expect(rows[i]?.[2]).toBe(diskSizeLabel(f.virtualBytes));
    if (f.type !== 'passthrough') {
      expect(rows[i]?.[3]).toBe(hostSizeLabel(fileHostBytes(v, f)));
      expect(pics[i]?.size).toContain(hostSizeLabel(fileHostBytes(v, f)));
    }
  });
  if (files.length > 0 && files[0]?.type !== 'passthrough')
    expect(figure(v, 'Size on host')).toBe(hostSizeLabel(hostBytesNow(v)));
  // At rest the size on the host is the model's.
  if (v.done) expect(hostBytesNow(v)).toBe(hostBytes(s));
}

describe('disk types selectors', () => {
  it('a fixed disk’s file fills while it is created, up to the model’s size; the views agree throughout', () => {
    const r = runner();
    r.inject({ type: 'CREATE_DISK', diskType: 'fixed', controller: 'IDE' });
    r.stepForward();
    expect(r.getSnapshot().snapshot.matches({ creating: 'allocating' })).toBe(true);
    const d = r.getSnapshot().stepDurationS ?? 0;
    let last = -1;
    for (const k of [0, 0.25, 0.5, 0.75, 1]) {
      r.seek(r.getSnapshot().stepStartedAt + d * k);
      const v = r.getSnapshot();
      agree(v);
      const leaf = filesOf(v.snapshot.context.session)[0];
      const now = leaf ? fileHostBytes(v, leaf) : 0;
      expect(now).toBeGreaterThanOrEqual(last);
      expect(now).toBeLessThanOrEqual(leaf ? sizeOnHost(leaf) : 0);
      last = now;
    }
    r.skipToEnd();
    agree(r.getSnapshot());
    expect(inventory(r.getSnapshot())[0]?.storage).toContain('IDE controller');
    expect(narration(r.getSnapshot()).title).toBe('Disk created');
  });

  it('figures come from the model as data is written, deleted, compacted and merged', () => {
    const r = runner();
    r.inject({ type: 'CREATE_DISK', diskType: 'differencing', controller: 'SCSI' });
    r.skipToEnd();
    for (const a of ['WRITE_DATA', 'DELETE_DATA', 'ADD_DIFFERENCING', 'WRITE_DATA', 'MERGE']) {
      r.inject(a);
      for (let i = 0; i < 12 && !r.getSnapshot().done; i += 1) {
        agree(r.getSnapshot());
        r.stepForward();
      }
      const v = r.getSnapshot();
      agree(v);
      const s = v.snapshot.context.session;
      expect(figure(v, 'Data written')).toBe(hostSizeLabel(guestDataBytes(s)));
      expect(figure(v, 'Reclaimable')).toBe(hostSizeLabel(reclaimableBytes(s)));
      expect(figure(v, 'Chain length')).toMatch(new RegExp(`^${filesOf(s).length} file`));
    }
    expect(narration(r.getSnapshot()).title).toBe('Merged');
  });

  it('the PowerShell follows the disk: New-VHD, Optimize-VHD, Merge-VHD, Set-Disk for pass-through', () => {
    const r = runner();
    const ps = () =>
      powershellFor('APP01', 'D:\\Hyper-V', r.getSnapshot().snapshot.context.session, {
        kind: 'fixed',
        controller: 'IDE',
        bytes: 4 * GiB,
      });
    expect(ps()).toContain('New-VHD -Path "D:\\Hyper-V\\APP01.vhd" -SizeBytes 4GB -Fixed');
    expect(ps()).toContain('-ControllerType IDE');
    r.inject({ type: 'CREATE_DISK', diskType: 'dynamic', controller: 'SCSI' });
    r.skipToEnd();
    expect(ps()).toContain('Optimize-VHD -Path "D:\\Hyper-V\\APP01.vhd" -Mode Full');
    expect(ps()).toContain('Resize-VHD');
    r.inject('ADD_DIFFERENCING');
    r.skipToEnd();
    expect(ps()).toContain('-ParentPath "D:\\Hyper-V\\APP01.vhd" -Differencing');
    expect(ps()).toContain('Merge-VHD');
    const p = runner();
    p.inject({ type: 'CREATE_DISK', diskType: 'passthrough', controller: 'SCSI' });
    p.skipToEnd();
    const text = powershellFor('APP01', 'D:\\Hyper-V', p.getSnapshot().snapshot.context.session, {
      kind: 'dynamic',
      controller: 'SCSI',
      bytes: GiB,
    });
    expect(text).toContain('Set-Disk -Number 2 -IsOffline $true');
    expect(text).toContain('-DiskNumber 2');
    expect(figure(p.getSnapshot(), 'Size on host')).toBe('0 bytes');
  });
});
