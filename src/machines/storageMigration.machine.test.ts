import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getSimplePaths } from 'xstate/graph';
import { abortCopyAt, diskStateAt } from '../model/diskCopy';
import { differingBlocks } from '../model/diskCopy.testkit';
import { SOURCE, VM_ID } from '../model/scenarios';
import { FILE_SHARE, type StorageMigrationParams } from '../model/storageMigration';
import { activeInstance, worldViolations } from '../model/world';
import { faultAt, stepDurations, walkEvents } from './moveTests';
import { storageInput } from './storageMigration.fixture';
import {
  destinationStorageOf,
  storageMigrationMachine as machine,
  STORAGE_FAULTS,
  type StorageMigrationEvent,
  sourceStorageOf,
} from './storageMigration.machine';

type Snap = SnapshotFrom<typeof machine>;
const FAULTS = STORAGE_FAULTS.map((f) => f.type);
const ALL_EVENTS = walkEvents<StorageMigrationEvent>(FAULTS);

const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    w: s.context.world,
    d: s.context.destinationCopy,
    f: s.context.sourceFiles,
    o: s.context.outcome?.kind,
  });

const send = (s: Snap, type: StorageMigrationEvent['type'], t = 0) =>
  transition(machine, s, { type, t } as StorageMigrationEvent)[0];
const path = (s: Snap) => JSON.stringify(s.value);

function checkInvariants(s: Snap): void {
  const c = s.context;
  const w = c.world;
  const where = path(s);
  expect(worldViolations(w), where).toEqual([]);
  // The VM's running state never moves: its only instance is on its host (unless the host died).
  for (const i of w.instances.filter((x) => x.vm === VM_ID)) expect(i.host).toBe(SOURCE);
  if (!c.params.vmRunning) expect(activeInstance(w, VM_ID), where).toBeUndefined();
  const disk = w.vms[VM_ID]?.disks[0]?.storage;
  if (s.matches('moving')) {
    expect(disk, where).toBe(c.sourcePlacement.vhd.storage);
    expect(c.sourceFiles).toBe('in-use');
    expect(c.switched).toBe(false);
    if (c.params.vmRunning) expect(activeInstance(w, VM_ID)?.status, where).toBe('running');
  }
  if (c.sourceFiles === 'deleting' || c.sourceFiles === 'deleted') {
    expect(c.switched, where).toBe(true);
    expect(disk).toBe(c.destinationPlacement.vhd.storage);
  }
  if (c.switched && c.plan.disk) {
    const d = diskStateAt(c.plan.disk, c.plan.disk.syncS);
    expect(differingBlocks(d.source, d.destination)).toEqual([]);
  }
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
}

const SCENARIOS: [string, Partial<StorageMigrationParams>][] = [
  ['running, one local location', {}],
  ['running, to the SMB share', { toShare: true }],
  ['off, one location', { vmRunning: false }],
  ['running, VHDs only', { option: 'vhds-only' }],
  [
    'running, different locations without the VHD',
    {
      option: 'different-locations',
      components: { vhd: false, configuration: true, snapshots: true, smartPaging: false },
    },
  ],
];
const counts: Record<string, { states: number; paths: number }> = {};

for (const [name, over] of SCENARIOS) {
  describe(`storage migration machine (${name}): every reachable state`, () => {
    const input = storageInput(over);
    const states = Object.values(
      getAdjacencyMap(machine, { input, events: ALL_EVENTS, serializeState }),
    ).map((a) => a.state as Snap);

    it('holds the invariants everywhere and reaches its steps', () => {
      const seen = new Set(states.map(path));
      const expected = [
        '"idle"',
        '{"moving":"preparing"}',
        '{"moving":"switching"}',
        '{"switchedOver":"deletingSource"}',
        '"moved"',
        '"failed"',
        '"cancelled"',
      ];
      if (input.params.option !== 'different-locations')
        expected.push('{"moving":"copying"}', '{"moving":"mirroring"}');
      for (const e of expected) expect(seen.has(e), e).toBe(true);
      for (const s of states) checkInvariants(s);
    });

    it('rolls back every fault before the switch with the source intact', () => {
      let checked = 0;
      const moving = states.filter((x) => x.matches('moving'));
      for (const s of moving) {
        for (const type of FAULTS) {
          if (!s.can({ type, t: 0 })) continue;
          const after = send(s, type);
          checkInvariants(after);
          const c = after.context;
          expect(c.outcome?.kind).toBe(type === 'CANCEL' ? 'cancelled' : 'failed');
          expect(c.destinationCopy).toBe('discarded');
          expect(c.sourceFiles).toBe('kept');
          expect(c.world.vms[VM_ID]?.disks[0]?.storage).toBe(c.sourcePlacement.vhd.storage);
          const status = activeInstance(c.world, VM_ID)?.status;
          if (!c.params.vmRunning || type === 'FAIL_HOST') expect(status).toBeUndefined();
          else if (type === 'FAIL_SOURCE_STORAGE') expect(status).toBe('paused');
          else expect(status).toBe('running');
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(moving.length);
    });

    it('after the switch: cancel refused, source loss leaves files behind, destination loss fails', () => {
      for (const s of states.filter((x) => x.matches('switchedOver'))) {
        expect(send(s, 'CANCEL').context.log.at(-1)?.text).toMatch(/Cancel refused/);
        if (s.can({ type: 'FAIL_SOURCE_STORAGE', t: 0 })) {
          const a = send(s, 'FAIL_SOURCE_STORAGE');
          checkInvariants(a);
          expect(a.context.outcome?.kind).toBe('moved');
          expect(a.context.sourceFiles).toBe('left-behind');
        }
        for (const type of ['FAIL_DESTINATION_STORAGE', 'FAIL_HOST', 'CUT_NETWORK'] as const) {
          if (!s.can({ type, t: 0 })) continue;
          const a = send(s, type);
          checkInvariants(a);
          expect(a.context.outcome?.kind).toBe('failed');
          expect(a.context.sourceFiles).toBe('kept');
          if (a.context.params.vmRunning && type !== 'FAIL_HOST' && a.context.plan.disk)
            expect(activeInstance(a.context.world, VM_ID)?.status).toBe('paused');
        }
      }
    });

    it('has simple paths to every outcome, each replaying to its state', () => {
      const endings = getSimplePaths(machine, {
        input,
        events: ALL_EVENTS,
        serializeState,
        toState: (s) => s.status === 'done',
      });
      const kinds = new Set<string | undefined>(
        endings.map((p) => (p.state as Snap).context.outcome?.kind),
      );
      for (const k of ['cancelled', 'failed', 'moved']) expect(kinds.has(k), k).toBe(true);
      for (const p of endings) {
        let s = initialTransition(machine, input)[0];
        for (const st of p.steps) s = transition(machine, s, st.event)[0];
        expect(serializeState(s)).toBe(serializeState(p.state as Snap));
      }
      counts[name] = { states: states.length, paths: endings.length };
    });
  });
}

describe('storage migration machine: steps, durations, refusals', () => {
  it('walked every scenario', () => {
    console.info('storage-migration walk', JSON.stringify(counts));
    expect(Object.keys(counts).length).toBe(SCENARIOS.length);
  });

  it('takes every duration from the plan, and an off VM needs no mirroring', () => {
    for (const running of [true, false]) {
      const started = send(
        initialTransition(machine, storageInput({ vmRunning: running }))[0],
        'START',
      );
      const plan = started.context.plan;
      const { durations, end: s } = stepDurations(machine, started);
      const disk = plan.disk;
      expect(durations).toEqual([
        plan.setupS,
        disk?.fullCopyS,
        (disk?.syncS ?? 0) - (disk?.fullCopyS ?? 0),
        plan.switchS,
        plan.deleteS,
      ]);
      expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(plan.totalS, 6);
      if (!running) {
        expect(disk?.writes).toBe(0);
        expect(durations[2]).toBe(0);
        expect(s.context.log.some((e) => /no mirroring is needed/.test(e.text))).toBe(true);
      }
      expect(s.context.outcome?.kind).toBe('moved');
      expect(s.context.sourceFiles).toBe('deleted');
    }
  });

  it('refuses a VM with a pass-through disk, naming the requirement', () => {
    const s = send(initialTransition(machine, storageInput({}, 1, 'passthrough'))[0], 'START');
    const o = s.context.outcome;
    expect(o?.kind).toBe('refused');
    if (o?.kind === 'refused') expect(o.failed.map((r) => r.id)).toEqual(['virtualDisksOnly']);
  });

  it('offers the network fault only when the share is involved', () => {
    const local = initialTransition(machine, storageInput())[0];
    expect(local.can({ type: 'CUT_NETWORK', t: 0 })).toBe(false);
    const share = initialTransition(machine, storageInput({ toShare: true }))[0];
    expect(share.can({ type: 'CUT_NETWORK', t: 0 })).toBe(true);
    expect(destinationStorageOf(share.context)).toBe(FILE_SHARE);
    expect(sourceStorageOf(share.context)).not.toBe(FILE_SHARE);
  });
});

describe('storage migration machine: random fault timing (property)', () => {
  it('any fault at any moment keeps the invariants and discards exactly the copy made so far', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FAULTS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        fc.boolean(),
        (type, at, seed, toShare, vmRunning) => {
          const { runner, t, before } = faultAt(
            machine,
            storageInput({ toShare, vmRunning }, seed),
            type,
            at,
          );
          for (const h of runner.history()) checkInvariants(h.snapshot);
          const s = runner.getSnapshot().snapshot;
          const c = s.context;
          expect(s.status).toBe('done');
          if (before.matches('moving') && before.can({ type, t })) {
            expect(c.destinationCopy).toBe('discarded');
            if (c.plan.disk && c.copyStartT !== null)
              expect(c.discarded?.blocks).toBe(
                abortCopyAt(c.plan.disk, t - c.copyStartT).discardedBlocks,
              );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
