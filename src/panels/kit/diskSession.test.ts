import { describe, expect, it } from 'vitest';
import { diskTypesMachine } from '../../machines/diskTypes.machine';
import { diskTypesInput } from '../../model/diskTypes';
import { GiB } from '../../model/units';
import { SimRunner } from '../../sim/runner';
import {
  diskSessionFamily,
  hostNameOf,
  powershellPlace,
  vmNameOf,
  volumeNameOf,
} from './diskSession';

const input = diskTypesInput(4 * GiB, 1);

describe('a disk session’s names', () => {
  it('are the world’s, or the ids where the world does not know them', () => {
    const c = { world: input.world, vm: input.vm, host: input.host, volume: input.volume };
    expect(vmNameOf(c)).toBe(input.world.vms[input.vm]?.name);
    expect(hostNameOf(c)).toBe(input.world.hosts[input.host]?.name);
    expect(volumeNameOf(c)).toBe(input.world.storage[input.volume]?.name);
    const lost = { ...c, vm: 'vm-x', host: 'host-x', volume: 'vol-x' };
    expect([vmNameOf(lost), hostNameOf(lost), volumeNameOf(lost)]).toEqual([
      'vm-x',
      'host-x',
      'vol-x',
    ]);
    expect(powershellPlace(input)).toEqual({
      vm: input.world.vms[input.vm]?.name,
      folder: input.world.storage[input.volume]?.name,
    });
    expect(powershellPlace({ ...input, volume: 'vol-x' }).folder).toBe('D:\\Hyper-V');
  });
});

describe('diskSessionFamily', () => {
  const family = diskSessionFamily(diskTypesMachine, {
    processes: { creating: 'create a disk', writing: 'write data' },
    ready: () => 'Press Create disk',
    outcomes: { created: 'Disk created', written: 'Data written' },
    failed: 'Storage failed',
  });

  it('says Ready before anything runs, and lists the first process’s steps', () => {
    const r = new SimRunner(diskTypesMachine, input, { startEvent: 'CREATE_DISK' });
    expect(family.narration(r.getSnapshot())).toEqual({
      title: 'Ready',
      text: 'Press Create disk',
      tone: 'normal',
    });
    expect(family.scopeOf(r.getSnapshot())).toBe('creating');
  });

  it('counts each outcome as a success, titled as given', () => {
    const r = new SimRunner(diskTypesMachine, input, { startEvent: 'CREATE_DISK' });
    r.inject({ type: 'CREATE_DISK', diskType: 'dynamic', controller: 'SCSI' });
    r.skipToEnd();
    const v = r.getSnapshot();
    expect(family.succeeded(v)).toBe(true);
    expect(family.narration(v).title).toBe('Disk created');
  });
});
