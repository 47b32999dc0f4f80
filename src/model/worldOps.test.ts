import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLUSTER_CSV,
  CLUSTER_DESTINATION,
  CLUSTER_NODES,
  CLUSTER_SOURCE,
  clusterVmId,
  fourNodeCluster,
} from './clusterScenario';
import { CSV_ID, DESTINATION, SOURCE, twoNodeCluster, VM_ID } from './scenarios';
import { GiB, MiB } from './units';
import {
  activeInstance,
  instanceOn,
  setHostUp,
  setInstance,
  setStorageController,
  vmNetworkPort,
  worldViolations,
} from './world';
import {
  clusterNodeDown,
  handOffCoordinator,
  hostDownWithVms,
  loseStoragePath,
  moveCoordinatorsOff,
  pathDownPausingVms,
  pauseHandlesOn,
  restartOn,
  storageReachableFrom,
  switchLearnsVm,
  vmsOn,
} from './worldOps';

const cluster = () =>
  fourNodeCluster({
    os: '2012',
    vmCount: 6,
    memoryBytes: 1024 * MiB,
    linkGbps: 10,
    nics: 1,
    rdma: false,
    destinationCpuVendor: 'Intel',
    destinationClustering: true,
  });

const twoNodes = () =>
  twoNodeCluster({
    os: '2008R2',
    memoryBytes: 2048 * MiB,
    diskBytes: 40 * GiB,
    linkGbps: 1,
    nics: 1,
    rdma: false,
    destinationCpuVendor: 'Intel',
    destinationClustering: true,
    diskKind: 'vhd',
  });

describe('world operations', () => {
  it('the coordinator losing its path hands the CSV to the first node that still has one', () => {
    const w = cluster();
    expect(w.storage[CLUSTER_CSV]?.coordinator).toBe(CLUSTER_SOURCE);
    const r = loseStoragePath(w, CLUSTER_CSV, CLUSTER_SOURCE);
    expect(r.newCoordinator).toBe(CLUSTER_DESTINATION);
    expect(r.world.storage[CLUSTER_CSV]?.coordinator).toBe(CLUSTER_DESTINATION);
    expect(r.world.storage[CLUSTER_CSV]?.pathUp[CLUSTER_SOURCE]).toBe(false);
    // The VMs keep running: redirected I/O, not a stop.
    expect(vmsOn(r.world, CLUSTER_SOURCE)).toEqual(vmsOn(w, CLUSTER_SOURCE));
  });

  it('a node that is not the coordinator losing its path leaves the coordinator alone', () => {
    const r = loseStoragePath(cluster(), CLUSTER_CSV, CLUSTER_DESTINATION);
    expect(r.newCoordinator).toBeNull();
    expect(r.world.storage[CLUSTER_CSV]?.coordinator).toBe(CLUSTER_SOURCE);
    expect(r.world.storage[CLUSTER_CSV]?.pathUp[CLUSTER_DESTINATION]).toBe(false);
  });

  it('with no other node able to take it, the coordinator stays and nobody reaches the volume', () => {
    const first = loseStoragePath(twoNodes(), CSV_ID, DESTINATION);
    expect(storageReachableFrom(first.world, VM_ID)).toBe(true);
    const r = loseStoragePath(first.world, CSV_ID, SOURCE);
    expect(r.newCoordinator).toBeNull();
    expect(r.world.storage[CSV_ID]?.coordinator).toBe(SOURCE);
    expect(storageReachableFrom(r.world, VM_ID)).toBe(false);
  });

  it('hands off only for the host that coordinates', () => {
    const w = cluster();
    expect(handOffCoordinator(w, CLUSTER_CSV, 'node-3').world).toBe(w);
    expect(handOffCoordinator(w, 'no-such-storage', CLUSTER_SOURCE).newCoordinator).toBeNull();
  });

  it('a coordinator going down passes the role on, or leaves the CSV without one', () => {
    const w = setHostUp(cluster(), CLUSTER_SOURCE, false);
    expect(moveCoordinatorsOff(w, CLUSTER_SOURCE).storage[CLUSTER_CSV]?.coordinator).toBe(
      CLUSTER_DESTINATION,
    );
    let all = cluster();
    for (const n of CLUSTER_NODES) all = setHostUp(all, n, false);
    expect(moveCoordinatorsOff(all, CLUSTER_SOURCE).storage[CLUSTER_CSV]?.coordinator).toBeNull();
  });

  it('a host going down takes the VMs executing on it, a lost path pauses them', () => {
    const w = cluster();
    const on = vmsOn(w, CLUSTER_SOURCE);
    expect(on.length).toBeGreaterThan(0);
    const down = hostDownWithVms(w, CLUSTER_SOURCE);
    expect(down.hosts[CLUSTER_SOURCE]?.up).toBe(false);
    for (const vm of on) expect(activeInstance(down, vm)).toBeUndefined();
    const paused = pathDownPausingVms(w, CLUSTER_CSV, CLUSTER_SOURCE);
    for (const vm of on) expect(instanceOn(paused, vm, CLUSTER_SOURCE)?.status).toBe('paused');
    expect(paused.storage[CLUSTER_CSV]?.pathUp[CLUSTER_SOURCE]).toBe(false);
  });

  it('pauses only the VMs whose disk handle is on the host', () => {
    let w = cluster();
    const [a, b] = [clusterVmId(0), clusterVmId(1)];
    w = setStorageController(w, b, CLUSTER_DESTINATION);
    const out = pauseHandlesOn(w, CLUSTER_SOURCE);
    expect(instanceOn(out, a, CLUSTER_SOURCE)?.status).toBe('paused');
    expect(instanceOn(out, b, CLUSTER_SOURCE)?.status).toBe('running');
  });

  it('after any sequence of lost paths and failed nodes, a coordinator (if any) is a node that was up with a path when it took over, and nothing else changes', () => {
    const op = fc.record({
      node: fc.constantFrom(...CLUSTER_NODES),
      kind: fc.constantFrom('path' as const, 'down' as const),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), (ops) => {
        let w = cluster();
        for (const o of ops) {
          if (o.kind === 'path') {
            const before = w.storage[CLUSTER_CSV]?.coordinator;
            const r = loseStoragePath(w, CLUSTER_CSV, o.node);
            const after = r.world.storage[CLUSTER_CSV]?.coordinator;
            if (r.newCoordinator) {
              expect(after).toBe(r.newCoordinator);
              expect(r.world.storage[CLUSTER_CSV]?.pathUp[after ?? '']).toBe(true);
              expect(r.world.hosts[after ?? '']?.up).toBe(true);
            } else {
              expect(after).toBe(before);
            }
            expect(r.world.instances).toBe(w.instances);
            w = r.world;
          } else {
            w = moveCoordinatorsOff(hostDownWithVms(w, o.node), o.node);
            expect(w.storage[CLUSTER_CSV]?.coordinator).not.toBe(o.node);
            expect(vmsOn(w, o.node)).toEqual([]);
          }
        }
        // A VM reaches its volume exactly when some node that is up still has a direct path.
        const st = w.storage[CLUSTER_CSV];
        const direct = CLUSTER_NODES.some((n) => st?.pathUp[n] && w.hosts[n]?.up);
        expect(storageReachableFrom(w, clusterVmId(0))).toBe(direct);
      }),
    );
  });

  it('setInstance under a paused path keeps one active instance per VM', () => {
    const w = pathDownPausingVms(twoNodes(), CSV_ID, SOURCE);
    const moved = setInstance(w, VM_ID, DESTINATION, 'shell');
    expect(activeInstance(moved, VM_ID)?.host).toBe(SOURCE);
    expect(activeInstance(moved, VM_ID)?.status).toBe('paused');
  });

  it('a cluster node going down drops its VMs and hands its CSV on; a restart elsewhere moves the traffic', () => {
    const w = clusterNodeDown(cluster(), CLUSTER_SOURCE);
    expect(w.hosts[CLUSTER_SOURCE]?.up).toBe(false);
    expect(vmsOn(w, CLUSTER_SOURCE)).toEqual([]);
    expect(w.storage[CLUSTER_CSV]?.coordinator).toBe(CLUSTER_DESTINATION);
    const vm = clusterVmId(0);
    const r = restartOn(w, vm, 'node-3');
    expect(activeInstance(r, vm)).toEqual({ vm, host: 'node-3', status: 'running' });
    expect(r.vms[vm]?.storageController).toBe('node-3');
    expect(r.physicalSwitch.macTable[r.vms[vm]?.mac ?? '']).toBe(vmNetworkPort(r, 'node-3'));
    expect(worldViolations(r)).toEqual([]);
  });

  it('the switch learns the VM behind the host it now runs on, and nothing else changes', () => {
    const w = twoNodes();
    const learned = switchLearnsVm(w, VM_ID, DESTINATION);
    expect(learned.physicalSwitch.macTable[w.vms[VM_ID]?.mac ?? '']).toBe(
      vmNetworkPort(w, DESTINATION),
    );
    expect(learned.instances).toBe(w.instances);
    expect(switchLearnsVm(w, 'no-such-vm', DESTINATION)).toBe(w);
  });
});
