import { describe, expect, it } from 'vitest';
import {
  bootBegins,
  bootDone,
  clusterWorld,
  needsBoot,
  restartElsewhere,
  restartHosts,
  restartViolations,
} from './failoverCluster';
import { VM_NETWORK } from './scenarios';
import { GiB } from './units';
import { activeInstance, setHostUp, type Vm, worldViolations } from './world';

const vm = (id: string, host: string, i: number): Vm => ({
  id,
  name: id.toUpperCase(),
  mac: `00-15-5D-09-01-${(16 + i).toString(16).toUpperCase()}`,
  memoryBytes: 2 * GiB,
  disks: [{ id: `${id}-disk`, kind: 'vhdx', storage: 'vol', sizeBytes: 40 * GiB }],
  storageController: host,
});

const world = (fileServers?: readonly string[]) =>
  clusterWorld({
    nodes: ['n1', 'n2', 'n3'],
    os: '2012R2',
    network: { id: 'net-c', name: 'Cluster network', nic: 'cl', gbps: 10 },
    ...(fileServers ? { fileServers } : {}),
    storage: { id: 'vol', name: 'Cluster Disk 1', kind: 'csv', coordinator: 'n1' },
    vms: [vm('a', 'n1', 0), vm('b', 'n1', 1), vm('c', 'n2', 2)],
  });

describe('clusterWorld', () => {
  it('builds the Hyper-V nodes, the two networks, the storage every node reaches and the VMs running', () => {
    const w = world();
    expect(worldViolations(w)).toEqual([]);
    expect(Object.keys(w.hosts)).toEqual(['n1', 'n2', 'n3']);
    expect(Object.values(w.hosts).map((h) => h.name)).toEqual(['HV-1', 'HV-2', 'HV-3']);
    const n2 = w.hosts.n2;
    expect(n2?.os).toBe('2012R2');
    expect(n2?.failoverClustering).toBe(true);
    // Its ports from 1 + 10 i: the VM network's adapter first, then its own on the cluster network.
    expect(n2?.nics.map((n) => [n.id, n.network, n.port, n.gbps])).toEqual([
      ['n2-vm', VM_NETWORK, 11, 1],
      ['n2-cl', 'net-c', 12, 10],
    ]);
    expect(w.networks['net-c']).toEqual({
      id: 'net-c',
      name: 'Cluster network',
      purpose: 'management',
      up: true,
    });
    expect(w.networks[VM_NETWORK]?.purpose).toBe('vm');
    expect(w.storage.vol?.pathUp).toEqual({ n1: true, n2: true, n3: true });
    expect(w.storage.vol?.online).toBe(true);
    expect(w.instances).toEqual([
      { vm: 'a', host: 'n1', status: 'running' },
      { vm: 'b', host: 'n1', status: 'running' },
      { vm: 'c', host: 'n2', status: 'running' },
    ]);
    // The switch has learnt each VM's MAC behind its host's first port.
    expect(w.physicalSwitch.macTable[vm('c', 'n2', 2).mac]).toBe(11);
  });

  it('adds file server nodes after the nodes, on the same network, without Hyper-V and out of the storage', () => {
    const w = world(['fs1', 'fs2']);
    expect(Object.keys(w.hosts)).toEqual(['n1', 'n2', 'n3', 'fs1', 'fs2']);
    const fs2 = w.hosts.fs2;
    expect(fs2?.name).toBe('FS-2');
    expect(fs2?.hyperV).toBe(false);
    expect(fs2?.nics.map((n) => [n.id, n.network, n.port])).toEqual([
      ['fs2-vm', VM_NETWORK, 41],
      ['fs2-cl', 'net-c', 42],
    ]);
    expect(Object.keys(w.storage.vol?.pathUp ?? {})).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('restartElsewhere and the restart step', () => {
  it('starts each VM where `place` says, in the world as it is by then, and loses the ones with nowhere', () => {
    const down = setHostUp(world(), 'n1', false);
    const seen: number[] = [];
    const r = restartElsewhere(down, { a: 'booting' }, ['a', 'b'], (w) => {
      seen.push(w.instances.length);
      return seen.length === 1 ? 'n3' : null;
    });
    // The second choice saw the first VM already starting.
    expect(seen).toEqual([1, 2]);
    expect(r.restarted).toEqual([{ vm: 'a', host: 'n3' }]);
    expect(r.lost).toEqual(['b']);
    expect(r.restarts).toEqual({ a: 'waiting' });
    expect(activeInstance(r.world, 'a')).toEqual({ vm: 'a', host: 'n3', status: 'starting' });
    expect(r.world.vms.a?.storageController).toBe('n3');
    expect(activeInstance(r.world, 'b')).toBeUndefined();
    expect(restartHosts(r)).toEqual([{ vm: 'a', host: 'n3' }]);
    expect(restartViolations(r)).toEqual([]);
    expect(needsBoot(r)).toBe(true);
    const booting = bootBegins(r);
    expect(booting.restarts).toEqual({ a: 'booting' });
    const done = bootDone(booting);
    expect(needsBoot(done)).toBe(false);
    expect(activeInstance(done.world, 'a')?.status).toBe('running');
  });

  it('names no node for a VM whose restart has no starting instance', () => {
    expect(restartHosts({ world: world(), restarts: { a: 'waiting' } })).toEqual([
      { vm: 'a', host: null },
    ]);
  });
});
