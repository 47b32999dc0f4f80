import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bootBegins,
  bootDone,
  canInject,
  faultRefusal,
  type GuestCluster,
  type GuestFault,
  guestCluster,
  guestTallyAt,
  guestViolations,
  hostOf,
  injectGuestFault,
  ioPath,
  SHARED_VHDX_CONSTANTS,
  type SharedVhdxStorage,
  serviceWriteRate,
  sharedVhdxInput,
  smbCapacityBytesPerS,
  startGuestTally,
  switchDone,
  switchS,
} from './sharedVhdx';
import { MiB } from './units';
import { activeInstance } from './world';

const cluster = (storage: SharedVhdxStorage = 'sofs') => guestCluster(sharedVhdxInput(storage));

describe('shared VHDX guest cluster', () => {
  it('starts with the service on SQL-N1, one guest node per host, both VMs attached to the VHDX', () => {
    const g = cluster();
    expect(g.service).toEqual({ node: 'sql-n1', phase: 'running' });
    expect(hostOf(g, 'sql-n1')).toBe('hv-1');
    expect(hostOf(g, 'sql-n2')).toBe('hv-2');
    for (const vm of Object.values(g.world.vms))
      expect(vm.disks[0]?.storage).toBe('shared-storage');
    expect(ioPath(g).join(' \u2192 ')).toBe(
      'SQL-N1 \u2192 HV-1 \u2192 SMB 3 \u2192 FS-1 \u2192 SQLData.vhdx',
    );
    expect(guestViolations(g)).toEqual([]);
  });

  it('writes at the service’s rate, over SMB no faster than the network', () => {
    const g = cluster();
    const p = { diskWriteMiBps: 500, linkGbps: 1 };
    expect(serviceWriteRate(g, p)).toBeCloseTo(smbCapacityBytesPerS(1), 6);
    expect(serviceWriteRate(g, { ...p, linkGbps: 10 })).toBeCloseTo(500 * MiB, 6);
    expect(serviceWriteRate(cluster('csv'), p)).toBeCloseTo(500 * MiB, 6);
  });

  it('a guest node failure moves the service; the switch takes the service’s start', () => {
    const r = injectGuestFault(cluster(), 'guestNode');
    expect(r.movedTo).toBe('sql-n2');
    expect(r.cluster.service.phase).toBe('failingOver');
    expect(switchS(r.cluster)).toBe(SHARED_VHDX_CONSTANTS.serviceStartS);
    const after = switchDone(r.cluster);
    expect(after.service).toEqual({ node: 'sql-n2', phase: 'running' });
    expect(guestViolations(after)).toEqual([]);
  });

  it('a file server node failure keeps the service where it is and reconnects SMB', () => {
    const r = injectGuestFault(cluster(), 'fileServer');
    expect(r.cluster.service).toEqual({ node: 'sql-n1', phase: 'stalled' });
    expect(r.reconnected).toEqual([{ host: 'hv-1', to: 'fs-2' }]);
    expect(switchS(r.cluster)).toBe(SHARED_VHDX_CONSTANTS.smbReconnectS);
    expect(ioPath(switchDone(r.cluster))[3]).toBe('FS-2');
    // The second file server node is the last one: the VHDX is lost.
    expect(injectGuestFault(switchDone(r.cluster), 'fileServer').end).toBe('noStorage');
  });

  it('refuses the file server fault on a CSV, with the reason', () => {
    const g = cluster('csv');
    expect(canInject(g, 'fileServer')).toBe(false);
    expect(faultRefusal(g, 'fileServer')).toMatch(/no file server node/);
  });

  it('a host failure restarts its VM on the other host, which rejoins as standby', () => {
    const r = injectGuestFault(cluster(), 'host');
    expect(r.restarted).toEqual([{ vm: 'sql-n1', host: 'hv-2' }]);
    const booted = bootDone(bootBegins(switchDone(r.cluster)));
    expect(activeInstance(booted.world, 'sql-n1')).toEqual({
      vm: 'sql-n1',
      host: 'hv-2',
      status: 'running',
    });
    expect(booted.service).toEqual({ node: 'sql-n2', phase: 'running' });
  });

  it('the tally counts downtime while failing over and stalls while reconnecting', () => {
    const p = sharedVhdxInput().params;
    const g = cluster();
    const moving = injectGuestFault(g, 'guestNode').cluster;
    const stalled = injectGuestFault(g, 'fileServer').cluster;
    const t0 = startGuestTally(0);
    expect(guestTallyAt(t0, moving, p, 4).downS).toBe(4);
    expect(guestTallyAt(t0, stalled, p, 4).stalledS).toBe(4);
    expect(guestTallyAt(t0, g, p, 4).writtenBytes).toBeCloseTo(4 * p.diskWriteMiBps * MiB, 6);
  });
});

type Op = { kind: 'fault'; fault: GuestFault } | { kind: 'switch' | 'bootBegins' | 'bootDone' };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('fault' as const),
    fault: fc.constantFrom<GuestFault>('guestNode', 'host', 'fileServer'),
  }),
  fc.record({
    kind: fc.constantFrom('switch' as const, 'bootBegins' as const, 'bootDone' as const),
  }),
);

describe('shared VHDX guest cluster under random faults and recoveries (property)', () => {
  it('keeps the service on exactly one eligible guest node; a file server failure never moves it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SharedVhdxStorage>('sofs', 'csv'),
        fc.array(op, { maxLength: 12 }),
        (storage, ops) => {
          let g: GuestCluster = cluster(storage);
          for (const o of ops) {
            if (o.kind === 'fault') {
              if (!canInject(g, o.fault)) continue;
              const r = injectGuestFault(g, o.fault);
              if (r.end) {
                expect(guestViolations(r.cluster, true)).toEqual([]);
                return;
              }
              if (o.fault === 'fileServer') expect(r.cluster.service.node).toBe(g.service.node);
              g = r.cluster;
            } else if (o.kind === 'switch') g = switchDone(g);
            else if (o.kind === 'bootBegins') g = bootBegins(g);
            else g = bootDone(g);
            expect(guestViolations(g)).toEqual([]);
          }
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});
