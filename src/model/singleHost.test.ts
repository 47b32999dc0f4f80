import { describe, expect, it } from 'vitest';
import { singleHostWorld } from './singleHost';
import { GiB } from './units';
import { worldViolations } from './world';

describe('single-host world', () => {
  const w = singleHostWorld({
    host: 'host-1',
    volume: 'vol-d',
    os: '2012R2',
    vm: {
      id: 'vm-1',
      name: 'FS01',
      mac: '00-15-5D-01-02-31',
      memoryBytes: 4 * GiB,
      disks: [{ id: 'disk-os', kind: 'vhdx', storage: 'vol-d', sizeBytes: 40 * GiB }],
    },
  });

  it('runs the VM on HV-1 from D:\\Hyper-V, the host controlling its storage', () => {
    expect(worldViolations(w)).toEqual([]);
    expect(w.hosts['host-1']).toMatchObject({ name: 'HV-1', os: '2012R2', up: true });
    expect(w.storage['vol-d']).toMatchObject({ name: 'D:\\Hyper-V', pathUp: { 'host-1': true } });
    expect(w.vms['vm-1']).toMatchObject({ name: 'FS01', storageController: 'host-1' });
    expect(w.instances).toEqual([{ vm: 'vm-1', host: 'host-1', status: 'running' }]);
  });
});
