import { describe, expect, it } from 'vitest';
import { checkRequirements, failedRequirements } from './requirements';
import { CSV_ID, DESTINATION, LM_NETWORK, SOURCE, twoNodeCluster, VM_ID } from './scenarios';
import { MiB } from './units';
import {
  activeInstance,
  type Host,
  learnMac,
  migrationNetworkUp,
  removeInstance,
  runningHosts,
  setHostUp,
  setInstance,
  setNetworkUp,
  setStoragePath,
  vmNetworkPort,
  type World,
  worldViolations,
} from './world';

const opts = {
  os: '2008R2' as const,
  memoryBytes: 2048 * MiB,
  diskBytes: 40 * 1024 * MiB,
  linkGbps: 1,
  nics: 1,
  rdma: false,
  destinationCpuVendor: 'Intel' as const,
  destinationClustering: true,
  diskKind: 'vhd' as const,
};
const move = {
  kind: 'classic-2008r2' as const,
  vm: VM_ID,
  source: SOURCE,
  destination: DESTINATION,
};

describe('world', () => {
  it('starts with the VM running on the source and no broken invariant', () => {
    const w = twoNodeCluster(opts);
    expect(runningHosts(w, VM_ID)).toEqual([SOURCE]);
    expect(worldViolations(w)).toEqual([]);
    expect(w.physicalSwitch.macTable[w.vms[VM_ID]?.mac ?? '']).toBe(vmNetworkPort(w, SOURCE));
  });

  it('flags a VM active on two hosts and an instance on a host that is down', () => {
    let w = setInstance(twoNodeCluster(opts), VM_ID, DESTINATION, 'running');
    expect(worldViolations(w)[0]).toMatch(/active on 2 hosts/);
    w = removeInstance(w, VM_ID, DESTINATION);
    expect(worldViolations(w)).toEqual([]);
    const down: World = {
      ...w,
      hosts: { ...w.hosts, [SOURCE]: { ...(w.hosts[SOURCE] as Host), up: false } },
    };
    expect(worldViolations(down).join()).toMatch(/down/);
  });

  it('a host going down takes its VM instances with it', () => {
    const w = setHostUp(twoNodeCluster(opts), SOURCE, false);
    expect(activeInstance(w, VM_ID)).toBeUndefined();
    expect(worldViolations(w)).toEqual([]);
  });

  it('changes are pure', () => {
    const w = twoNodeCluster(opts);
    const w2 = setStoragePath(setNetworkUp(w, LM_NETWORK, false), CSV_ID, SOURCE, false);
    expect(migrationNetworkUp(w)).toBe(true);
    expect(migrationNetworkUp(w2)).toBe(false);
    expect(w.storage[CSV_ID]?.pathUp[SOURCE]).toBe(true);
    expect(w2.storage[CSV_ID]?.pathUp[SOURCE]).toBe(false);
    const w3 = learnMac(w, 'aa', 7);
    expect(w3.physicalSwitch.macTable.aa).toBe(7);
    expect(w.physicalSwitch.macTable.aa).toBeUndefined();
  });
});

describe('requirements (CATALOG 4.1)', () => {
  it('all hold in the default cluster', () => {
    expect(failedRequirements(twoNodeCluster(opts), move)).toEqual([]);
    expect(checkRequirements(twoNodeCluster(opts), move).map((r) => r.id)).toContain(
      'sameProcessorVendor',
    );
  });

  it('names a processor vendor mismatch', () => {
    const failed = failedRequirements(
      twoNodeCluster({ ...opts, destinationCpuVendor: 'AMD' }),
      move,
    );
    expect(failed.map((r) => r.id)).toEqual(['sameProcessorVendor']);
    expect(failed[0]?.problem).toMatch(/Intel.*AMD/);
  });

  it('names a node without failover clustering', () => {
    const failed = failedRequirements(
      twoNodeCluster({ ...opts, destinationClustering: false }),
      move,
    );
    expect(failed.map((r) => r.id)).toEqual(['failoverClustering']);
    expect(failed[0]?.problem).toMatch(/HV-B/);
  });

  it('refuses a pass-through disk for 2012 moves but not for the 2008 R2 cluster (seed 002 step 4)', () => {
    const w = twoNodeCluster({ ...opts, diskKind: 'passthrough' });
    expect(failedRequirements(w, move)).toEqual([]);
    const failed = failedRequirements(w, { ...move, kind: 'cluster' });
    expect(failed.map((r) => r.id)).toContain('virtualDisksOnly');
  });

  it('names a cut migration network and a down destination', () => {
    const w = setHostUp(setNetworkUp(twoNodeCluster(opts), LM_NETWORK, false), DESTINATION, false);
    const ids = failedRequirements(w, move).map((r) => r.id);
    expect(ids).toContain('migrationNetwork');
    expect(ids).toContain('destinationUp');
  });

  it('refuses a move naming hosts that do not exist', () => {
    expect(failedRequirements(twoNodeCluster(opts), { ...move, destination: 'nope' })).toHaveLength(
      1,
    );
  });
});
