import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { abortCopyAt, diskStateAt } from '../model/diskCopy';
import { differingBlocks } from '../model/diskCopy.testkit';
import { DESTINATION, LM_NETWORK, SOURCE, VM_ID } from '../model/scenarios';
import type { SharedNothingChoice } from '../model/sharedNothing';
import { activeInstance, instanceOn, worldViolations } from '../model/world';
import { MOVE_FAULTS } from './faults';
import { faultAt, stepDurations, walkEvents } from './moveTests';
import { type SharedNothingFixture, sharedNothingInput } from './sharedNothing.fixture';
import { sharedNothingMachine as machine, type SharedNothingEvent } from './sharedNothing.machine';

type Snap = SnapshotFrom<typeof machine>;
const FAULTS = MOVE_FAULTS.map((f) => f.type);
const ALL_EVENTS = walkEvents<SharedNothingEvent>(FAULTS);
const CHOICES: SharedNothingChoice[] = ['one-location', 'per-component', 'vm-only'];
/** States and paths walked, per choice (printed for the report). */
const counts: Record<string, { states: number; paths: number }> = {};

const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    w: s.context.world,
    r: s.context.round,
    d: s.context.destinationCopy,
    f: s.context.sourceFiles,
    o: s.context.outcome?.kind,
  });

function start(f?: SharedNothingFixture): Snap {
  return initialTransition(machine, sharedNothingInput(f))[0];
}

function send(s: Snap, type: SharedNothingEvent['type'], t = 0): Snap {
  return transition(machine, s, { type, t } as SharedNothingEvent)[0];
}

function runToEnd(s: Snap): Snap {
  let cur = s;
  for (let i = 0; i < 200 && cur.status !== 'done'; i += 1) cur = send(cur, 'STEP_DONE');
  return cur;
}

const path = (s: Snap) => JSON.stringify(s.value);

/** The invariants, checked at every reachable state. */
function checkInvariants(s: Snap): void {
  const c = s.context;
  const w = c.world;
  const where = path(s);
  expect(worldViolations(w), where).toEqual([]);
  const active = w.instances.filter(
    (i) => i.vm === VM_ID && i.status !== 'shell' && i.status !== 'off',
  );
  expect(active.length, where).toBeLessThanOrEqual(1);
  const vhdStorage = w.vms[VM_ID]?.disks[0]?.storage;
  if (s.matches('moving')) {
    // Before the switch: the VM executes on the source, from its source disk.
    expect(activeInstance(w, VM_ID)?.host, where).toBe(SOURCE);
    expect(vhdStorage, where).toBe(c.sourcePlacement.vhd.storage);
    expect(c.switched).toBe(false);
    expect(['in-use', 'mirrored']).toContain(c.sourceFiles);
  }
  if (s.matches('switchedOver')) {
    expect(activeInstance(w, VM_ID)?.host, where).toBe(DESTINATION);
    expect(instanceOn(w, VM_ID, SOURCE)).toBeUndefined();
    expect(vhdStorage).toBe(c.destinationPlacement.vhd.storage);
  }
  // The source files are deleted only once the VM runs on the destination.
  if (c.sourceFiles === 'deleting' || c.sourceFiles === 'deleted') {
    expect(c.switched).toBe(true);
    expect(activeInstance(w, VM_ID)?.host, where).toBe(DESTINATION);
  }
  // The VM pauses only for the final memory copy and the switch, or when its disk is gone.
  if (activeInstance(w, VM_ID)?.status === 'paused') {
    const id = vhdStorage ?? '';
    const inPause = s.matches({ moving: 'stopAndCopy' }) || s.matches({ moving: 'switching' });
    expect(inPause || w.storage[id]?.online === false, where).toBe(true);
  }
  // Once the disks match (step 4 on), they match block for block: no guest write is lost.
  if (c.plan.disk && (s.matches({ moving: 'creatingShell' }) || c.switched)) {
    const d = diskStateAt(c.plan.disk, c.plan.disk.endS);
    expect(differingBlocks(d.source, d.destination)).toEqual([]);
  }
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
}

for (const choice of CHOICES) {
  const fixture: SharedNothingFixture = { choice, vmOnShare: choice === 'vm-only' };
  describe(`shared-nothing machine (${choice}): every reachable state`, () => {
    const adjacency = getAdjacencyMap(machine, {
      input: sharedNothingInput(fixture),
      events: ALL_EVENTS,
      serializeState,
    });
    const states = Object.values(adjacency).map((a) => a.state as Snap);

    it('reaches the states of its steps and holds the invariants in each', () => {
      const seen = new Set(states.map(path));
      const expected = [
        '"idle"',
        '{"moving":"connecting"}',
        '{"moving":"creatingShell"}',
        '{"moving":"copyingMemory"}',
        '{"moving":"stopAndCopy"}',
        '{"moving":"switching"}',
        '{"switchedOver":"resuming"}',
        '{"switchedOver":"deletingSource"}',
        '"migrated"',
        '"failed"',
        '"cancelled"',
      ];
      if (choice !== 'vm-only') expected.push('{"moving":"copyingDisk"}', '{"moving":"mirroring"}');
      for (const e of expected) expect(seen.has(e), e).toBe(true);
      if (choice === 'vm-only') expect(seen.has('{"moving":"copyingDisk"}')).toBe(false);
      expect(states.length).toBeGreaterThan(40);
      for (const s of states) checkInvariants(s);
    });

    it('rolls back every fault before the switch: source intact, copy discarded, shell gone', () => {
      let checked = 0;
      for (const s of states.filter((x) => x.matches('moving'))) {
        for (const type of FAULTS) {
          if (!s.can({ type, t: 0 })) continue;
          const after = send(s, type);
          checkInvariants(after);
          const c = after.context;
          expect(after.status).toBe('done');
          expect(c.outcome?.kind).toBe(type === 'CANCEL' ? 'cancelled' : 'failed');
          expect(instanceOn(c.world, VM_ID, DESTINATION)).toBeUndefined();
          expect(c.world.vms[VM_ID]?.storageController).toBe(SOURCE);
          expect(c.world.vms[VM_ID]?.disks[0]?.storage).toBe(c.sourcePlacement.vhd.storage);
          expect(['kept', 'in-use']).toContain(c.sourceFiles);
          expect(c.destinationCopy).toBe(choice === 'vm-only' ? 'none' : 'discarded');
          const src = instanceOn(c.world, VM_ID, SOURCE);
          if (type === 'FAIL_SOURCE_HOST') {
            expect(src).toBeUndefined();
            expect(c.outcome?.text).toMatch(/nothing restarts it/);
          } else if (
            type === 'FAIL_SOURCE_STORAGE' ||
            (choice === 'vm-only' && type === 'FAIL_DESTINATION_STORAGE')
          ) {
            expect(src?.status).toBe('paused');
          } else {
            expect(src?.status).toBe('running');
            expect(c.outcome?.text).toMatch(/keeps running on HV-A with its source disk intact/);
          }
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });

    it('after the switch: cancel refused, source loss harmless, destination loss fatal', () => {
      const after = states.filter((x) => x.matches('switchedOver'));
      expect(after.length).toBeGreaterThan(1);
      for (const s of after) {
        const cancel = send(s, 'CANCEL');
        expect(cancel.status).toBe('active');
        expect(cancel.context.log.at(-1)?.text).toMatch(/Cancel refused/);
        const cut = send(s, 'CUT_NETWORK');
        if (s.context.world.networks[LM_NETWORK]?.up) {
          expect(activeInstance(cut.context.world, VM_ID)?.status).toBe('running');
          expect(cut.status).toBe('active');
        }
        if (s.can({ type: 'FAIL_SOURCE_HOST', t: 0 })) {
          const src = send(s, 'FAIL_SOURCE_HOST');
          checkInvariants(src);
          expect(src.context.outcome?.kind).toBe('migrated');
          expect(activeInstance(src.context.world, VM_ID)?.host).toBe(DESTINATION);
          if (choice !== 'vm-only') expect(src.context.sourceFiles).toBe('left-behind');
        }
        const dst = send(s, 'FAIL_DESTINATION_HOST');
        checkInvariants(dst);
        expect(dst.context.outcome?.kind).toBe('failed');
        expect(activeInstance(dst.context.world, VM_ID)).toBeUndefined();
        expect(dst.context.sourceFiles).not.toBe('deleted');
        if (s.can({ type: 'FAIL_DESTINATION_STORAGE', t: 0 })) {
          const ds = send(s, 'FAIL_DESTINATION_STORAGE');
          checkInvariants(ds);
          expect(ds.context.outcome?.kind).toBe('failed');
          expect(activeInstance(ds.context.world, VM_ID)?.status).toBe('paused');
        }
      }
    });

    it('walks the poster steps in order on the shortest path to success', () => {
      const paths = getShortestPaths(machine, {
        input: sharedNothingInput(fixture),
        events: ALL_EVENTS,
        serializeState,
        toState: (s) => (s as Snap).matches('migrated') && s.context.sourceFiles === 'deleted',
      });
      if (choice === 'vm-only') {
        // Nothing is deleted when only the VM moves; the run ends with the files in use on the share.
        const ok = runToEnd(send(start(fixture), 'START'));
        expect(ok.context.outcome?.kind).toBe('migrated');
        expect(ok.context.sourceFiles).toBe('in-use');
        expect(paths.length).toBe(0);
        return;
      }
      expect(paths.length).toBeGreaterThan(0);
      const steps = (paths[0]?.steps ?? []).map((st) => {
        const meta = Object.values((st.state as Snap).getMeta())[0] as
          | { step?: number }
          | undefined;
        return meta?.step;
      });
      const numbers = steps.filter((n): n is number => n !== undefined);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers)).toEqual(new Set([1, 2, 3, 4, 5]));
    });

    it('has simple paths to every outcome, each replaying to its state', () => {
      const endings = getSimplePaths(machine, {
        input: sharedNothingInput(fixture),
        events: ALL_EVENTS,
        serializeState,
        toState: (s) => s.status === 'done',
      });
      const outcomes = new Set(endings.map((p) => (p.state as Snap).context.outcome?.kind));
      expect([...outcomes].sort()).toEqual(['cancelled', 'failed', 'migrated', 'refused']);
      expect(endings.length).toBeGreaterThan(30);
      for (const p of endings) {
        let s = start(fixture);
        for (const step of p.steps) s = transition(machine, s, step.event)[0];
        expect(serializeState(s)).toBe(serializeState(p.state as Snap));
        checkInvariants(s);
      }
      counts[choice] = { states: states.length, paths: endings.length };
    });
  });
}

describe('shared-nothing machine: durations and refusals', () => {
  it('walked every choice', () => {
    console.info('shared-nothing walk', JSON.stringify(counts));
    expect(Object.keys(counts).length).toBe(CHOICES.length);
  });

  it('takes every step duration from the plan', () => {
    const started = send(start(), 'START');
    const plan = started.context.plan;
    const { durations, end: s } = stepDurations(machine, started);
    const disk = plan.disk;
    expect(disk).not.toBeNull();
    const rounds = plan.lm.precopy.rounds.map((r) => r.durationS);
    expect(durations).toEqual([
      plan.setupS,
      disk?.fullCopyS,
      (disk?.syncS ?? 0) - (disk?.fullCopyS ?? 0),
      plan.lm.setupS,
      ...rounds,
      plan.lm.storageHandoffS,
      plan.lm.resumeS,
      plan.deleteS,
    ]);
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(plan.totalS, 6);
    expect(s.context.outcome?.kind).toBe('migrated');
    expect(s.context.world.vms[VM_ID]?.disks[0]?.storage).toBe(
      s.context.destinationPlacement.vhd.storage,
    );
  });

  it('refuses to move only the VM when its disks are on local storage, naming the requirement', () => {
    const s = send(start({ choice: 'vm-only', vmOnShare: false }), 'START');
    expect(s.matches('refused')).toBe(true);
    const o = s.context.outcome;
    expect(o?.kind).toBe('refused');
    if (o?.kind === 'refused') {
      expect(o.failed.map((r) => r.id)).toEqual(['disksOnSharedStorage']);
      expect(o.text).toMatch(/already on shared storage/);
    }
  });

  it('refuses a move between processor vendors and after a cut network', () => {
    const vendor = send(start({ destinationCpuVendor: 'AMD' }), 'START');
    expect(vendor.context.outcome?.kind).toBe('refused');
    expect(vendor.context.outcome?.text).toMatch(/same manufacturer/);
    const cut = send(send(start(), 'CUT_NETWORK'), 'START');
    expect(cut.context.outcome?.text).toMatch(/private network for live migration/);
  });
});

describe('shared-nothing machine: random fault timing (property)', () => {
  const faultArb = fc.constantFrom(...FAULTS);
  it('any fault at any moment ends with the invariants held and the right disk outcome', () => {
    fc.assert(
      fc.property(
        faultArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom<SharedNothingChoice>('one-location', 'per-component'),
        (type, at, seed, choice) => {
          const { runner, t, before } = faultAt(
            machine,
            sharedNothingInput({ seed, choice }),
            type,
            at,
          );
          const s = runner.getSnapshot().snapshot;
          checkInvariants(s);
          for (const h of runner.history()) checkInvariants(h.snapshot);
          const c = s.context;
          expect(s.status).toBe('done');
          if (before.matches('moving') && before.can({ type, t })) {
            // Before the switch: the copy made so far is what is discarded, the source keeps all.
            expect(c.destinationCopy).toBe('discarded');
            const disk = c.plan.disk;
            if (disk && c.copyStartT !== null) {
              const expected = abortCopyAt(disk, t - c.copyStartT);
              expect(c.discarded?.blocks).toBe(expected.discardedBlocks);
            } else {
              expect(c.discarded).toBeNull();
            }
            expect(c.sourceFiles).toBe('kept');
          }
          if (c.sourceFiles === 'deleted') expect(c.outcome?.kind).toBe('migrated');
        },
      ),
      { numRuns: 60 },
    );
  });
});
