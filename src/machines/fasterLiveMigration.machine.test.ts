import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { planOption } from '../model/fasterLiveMigration';
import { DESTINATION, SOURCE, VM_ID } from '../model/scenarios';
import { activeInstance, instanceOn, worldViolations } from '../model/world';
import { SimRunner } from '../sim/runner';
import { fasterLiveMigrationInput } from './fasterLiveMigration.fixture';
import {
  type FasterLiveMigrationEvent,
  type Lane,
  type LaneSnap,
  laneDue,
  laneMachine,
  fasterLiveMigrationMachine as machine,
} from './fasterLiveMigration.machine';
import { MOVE_FAULTS } from './faults';
import { storageReachableFrom } from './liveMigration2008r2.invariants';

type Snap = SnapshotFrom<typeof machine>;
const FAULTS = MOVE_FAULTS.map((f) => f.type);
const ALL_EVENTS: FasterLiveMigrationEvent[] = [
  { type: 'START', t: 0 },
  { type: 'STEP_DONE', t: 0 },
  ...FAULTS.map((type) => ({ type, t: 0 }) as FasterLiveMigrationEvent),
];

const laneKey = (l: Lane) => ({
  v: l.snapshot.value,
  w: l.snapshot.context.world,
  r: l.snapshot.context.round,
  h: l.snapshot.context.handedOff,
  o: l.snapshot.context.outcome?.kind,
  s: l.stepStartedAt,
});
const serializeState = (s: Snap) =>
  JSON.stringify({ v: s.value, c: s.context.clock, l: s.context.lanes.map(laneKey) });

const start = (input = fasterLiveMigrationInput()): Snap => initialTransition(machine, input)[0];
const send = (s: Snap, type: FasterLiveMigrationEvent['type']): Snap =>
  transition(machine, s, { type, t: 0 } as FasterLiveMigrationEvent)[0];

function runToEnd(s: Snap): Snap {
  let cur = s;
  for (let i = 0; i < 500 && cur.status !== 'done'; i += 1) cur = send(cur, 'STEP_DONE');
  return cur;
}

/** The live migration invariants, for one lane. */
function checkLane(s: LaneSnap): void {
  const w = s.context.world;
  expect(worldViolations(w)).toEqual([]);
  const active = w.instances.filter(
    (i) => i.vm === VM_ID && i.status !== 'shell' && i.status !== 'off',
  );
  expect(active.length).toBeLessThanOrEqual(1);
  if (s.matches('migrating')) {
    expect(activeInstance(w, VM_ID)?.host).toBe(SOURCE);
    expect(w.vms[VM_ID]?.storageController).toBe(SOURCE);
  }
  if (s.matches('switchedOver')) {
    expect(activeInstance(w, VM_ID)?.host).toBe(DESTINATION);
    expect(instanceOn(w, VM_ID, SOURCE)).toBeUndefined();
  }
  if (activeInstance(w, VM_ID)?.status === 'paused') {
    const inPause =
      s.matches({ migrating: 'stopAndCopy' }) || s.matches({ migrating: 'storageHandoff' });
    expect(inPause || !storageReachableFrom(w, VM_ID)).toBe(true);
  }
  if (s.status === 'done') expect(s.context.outcome).not.toBeNull();
}

/** The run's own invariants: its step lasts until the earliest lane is due. */
function checkRun(s: Snap): void {
  for (const l of s.context.lanes) checkLane(l.snapshot);
  const c = s.context;
  if (s.matches('running')) {
    expect(c.lanes.some((l) => l.snapshot.status !== 'done')).toBe(true);
    const due = Math.min(...c.lanes.map(laneDue));
    expect(c.clock + (c.step.durationS ?? Number.NaN)).toBeCloseTo(due, 9);
    for (const l of c.lanes) expect(laneDue(l)).toBeGreaterThanOrEqual(c.clock - 1e-9);
  }
  if (s.status === 'done') {
    expect(c.lanes.every((l) => l.snapshot.status === 'done')).toBe(true);
    expect(c.outcome).not.toBeNull();
    expect(c.step.durationS).toBeNull();
  }
}

describe('faster live migration machine: walking every reachable state', () => {
  const adjacency = getAdjacencyMap(machine, {
    input: fasterLiveMigrationInput(),
    events: ALL_EVENTS,
    serializeState,
  });
  const states = Object.values(adjacency).map((a) => a.state as Snap);

  it('reaches every state of the run and every lane state', () => {
    const runStates = new Set(states.map((s) => JSON.stringify(s.value)));
    expect([...runStates].sort()).toEqual(['"finished"', '"idle"', '"refused"', '"running"']);
    const laneStates = new Set(
      states.flatMap((s) => s.context.lanes.map((l) => JSON.stringify(l.snapshot.value))),
    );
    for (const expected of [
      '{"migrating":"connecting"}',
      '{"migrating":"copyingMemory"}',
      '{"migrating":"copyingDirtyPages"}',
      '{"migrating":"stopAndCopy"}',
      '{"migrating":"storageHandoff"}',
      '{"switchedOver":"resuming"}',
      '{"switchedOver":"updatingSwitch"}',
      '"migrated"',
      '"failed"',
      '"cancelled"',
      '"refused"',
    ]) {
      expect(laneStates.has(expected), expected).toBe(true);
    }
    expect(states.length).toBeGreaterThan(200);
  });

  it('holds the invariants of every lane and of the run in every reachable state', {
    timeout: 60_000,
  }, () => {
    for (const s of states) checkRun(s);
  });

  it('applies every fault to all lanes at once, each lane taking the live migration machine’s outcome', {
    timeout: 60_000,
  }, () => {
    let checked = 0;
    for (const s of states) {
      if (s.status === 'done') continue;
      for (const type of FAULTS) {
        const e = { type, t: 0 } as FasterLiveMigrationEvent;
        const takes = s.context.lanes.some(
          (l) => l.snapshot.status !== 'done' && l.snapshot.can(e),
        );
        expect(s.can(e)).toBe(takes);
        if (!takes) continue;
        const after = transition(machine, s, e)[0];
        checkRun(after);
        s.context.lanes.forEach((lane, i) => {
          const got = after.context.lanes[i]?.snapshot as LaneSnap;
          if (lane.snapshot.status === 'done') {
            expect(got).toBe(lane.snapshot);
            return;
          }
          const alone = lane.snapshot.can(e)
            ? transition(laneMachine, lane.snapshot, e)[0]
            : lane.snapshot;
          expect(got.value).toEqual(alone.value);
          expect(got.context.world).toEqual(alone.context.world);
          expect(got.context.outcome).toEqual(alone.context.outcome);
          // Before the storage handoff, a cut network or a failed destination leaves the VM on
          // its source with its disk under the source's control.
          if (
            lane.snapshot.matches('migrating') &&
            (type === 'CUT_NETWORK' || type === 'FAIL_DESTINATION_HOST' || type === 'CANCEL')
          ) {
            expect(activeInstance(got.context.world, VM_ID)?.host).toBe(SOURCE);
            expect(instanceOn(got.context.world, VM_ID, DESTINATION)).toBeUndefined();
            expect(got.context.world.vms[VM_ID]?.storageController).toBe(SOURCE);
            expect(got.context.outcome?.kind).toBe(type === 'CANCEL' ? 'cancelled' : 'failed');
          }
          if (lane.snapshot.matches('switchedOver') && type === 'CUT_NETWORK') {
            expect(activeInstance(got.context.world, VM_ID)?.host).toBe(DESTINATION);
          }
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('ignores every event once the run is over', { timeout: 60_000 }, () => {
    const done = states.filter((x) => x.status === 'done');
    expect(done.length).toBeGreaterThan(10);
    for (const s of done) {
      for (const e of ALL_EVENTS) {
        const next = transition(machine, s, e)[0];
        expect(next.value).toEqual(s.value);
        expect(next.context.lanes).toBe(s.context.lanes);
      }
    }
  });

  it('has a shortest path to every state and simple paths to every ending', {
    timeout: 240_000,
  }, () => {
    const shortest = getShortestPaths(machine, {
      input: fasterLiveMigrationInput(),
      events: ALL_EVENTS,
      serializeState,
    });
    expect(shortest.length).toBe(states.length);
    for (const path of shortest) {
      let s = start();
      for (const step of path.steps) s = transition(machine, s, step.event)[0];
      expect(serializeState(s)).toBe(serializeState(path.state as Snap));
    }
    // Simple paths over every fault interleaving grow combinatorially with four lanes; walk them
    // for the start, the steps, and the faults that end a lane (every state is covered above).
    const endings = getSimplePaths(machine, {
      input: fasterLiveMigrationInput(),
      events: ALL_EVENTS.filter((e) =>
        ['START', 'STEP_DONE', 'CUT_NETWORK', 'CANCEL'].includes(e.type),
      ),
      serializeState,
      toState: (s) => s.status === 'done',
    });
    for (const p of endings) checkRun(p.state as Snap);
    const outcomes = new Set(endings.map((p) => (p.state as Snap).context.outcome?.kind));
    expect([...outcomes].sort()).toEqual(['finished', 'refused']);
    expect(endings.length).toBeGreaterThan(30);
    console.info(
      `faster live migration: ${states.length} states walked, ${endings.length} simple paths to an ending`,
    );
  });
});

describe('faster live migration machine: lock step', () => {
  it('delivers every lane’s steps at the model’s times, and ends when the slowest lane ends', () => {
    let s = send(start(), 'START');
    const params = s.context.params;
    const starts: Record<string, number[]> = {};
    let guard = 0;
    while (s.status !== 'done' && guard < 500) {
      for (const l of s.context.lanes) {
        const seq = starts[l.kind] ?? [];
        if (l.snapshot.status !== 'done' && seq.at(-1) !== l.stepStartedAt)
          seq.push(l.stepStartedAt);
        starts[l.kind] = seq;
      }
      s = send(s, 'STEP_DONE');
      guard += 1;
    }
    expect(s.value).toBe('finished');
    for (const l of s.context.lanes) {
      const plan = planOption(params, l.kind);
      expect(l.snapshot.context.outcome?.kind).toBe('migrated');
      expect(l.endedAt).toBeCloseTo(plan.totalS, 9);
      const durations = [
        plan.setupS,
        ...plan.precopy.rounds.map((r) => r.durationS),
        plan.storageHandoffS,
        plan.resumeS,
        plan.switchUpdateS,
      ];
      const expectedStarts = durations.map((_, i) =>
        durations.slice(0, i).reduce((a, b) => a + b, 0),
      );
      const got = starts[l.kind] ?? [];
      expect(got).toHaveLength(expectedStarts.length);
      got.forEach((t, i) => {
        expect(t).toBeCloseTo(expectedStarts[i] as number, 9);
      });
    }
    const slowest = Math.max(...s.context.lanes.map((l) => planOption(params, l.kind).totalS));
    expect(s.context.clock).toBeCloseTo(slowest, 9);
    expect(s.context.outcome?.text).toMatch(/Fastest to finish/);
  });

  it('runs in the SimRunner: one timeline, one step per milestone of any lane', () => {
    const r = new SimRunner(machine, fasterLiveMigrationInput(), { startEvent: 'START' });
    r.skipToEnd();
    const v = r.getSnapshot();
    const totals = v.snapshot.context.lanes.map(
      (l) => planOption(v.snapshot.context.params, l.kind).totalS,
    );
    expect(v.now).toBeCloseTo(Math.max(...totals), 9);
    const milestones = new Set(
      v.snapshot.context.lanes.flatMap((l) => {
        const p = planOption(v.snapshot.context.params, l.kind);
        const d = [
          p.setupS,
          ...p.precopy.rounds.map((x) => x.durationS),
          p.storageHandoffS,
          p.resumeS,
          p.switchUpdateS,
        ];
        return d.map((_, i) =>
          d
            .slice(0, i + 1)
            .reduce((a, b) => a + b, 0)
            .toFixed(6),
        );
      }),
    );
    // The opening moment, the start, and one step start for every distinct milestone.
    expect(v.stepStarts.length).toBe(2 + milestones.size);
    const sorted = [...milestones].map(Number).sort((a, b) => a - b);
    r.restart();
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(sorted[0] as number, 5);
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(sorted[1] as number, 5);
  });

  it('a fault between the fastest and the slowest finish: finished lanes keep their VM, the others roll back', () => {
    const r = new SimRunner(machine, fasterLiveMigrationInput(), { startEvent: 'START' });
    const params = r.getSnapshot().snapshot.context.params;
    const lanes = r.getSnapshot().snapshot.context.lanes;
    const totals = lanes.map((l) => planOption(params, l.kind).totalS);
    const t = (Math.min(...totals) + Math.max(...totals)) / 2;
    r.play();
    r.advance(t);
    r.inject('CUT_NETWORK');
    r.skipToEnd();
    const end = r.getSnapshot().snapshot;
    expect(end.value).toBe('finished');
    end.context.lanes.forEach((l, i) => {
      const w = l.snapshot.context.world;
      if ((totals[i] as number) <= t) {
        expect(l.snapshot.context.outcome?.kind).toBe('migrated');
        expect(activeInstance(w, VM_ID)?.host).toBe(DESTINATION);
      } else {
        expect(l.snapshot.context.outcome?.kind).toBe('failed');
        expect(activeInstance(w, VM_ID)?.host).toBe(SOURCE);
        expect(l.endedAt).toBeCloseTo(t, 9);
      }
    });
  });

  it('each lane ends as it would alone for any fault at any moment (property)', {
    timeout: 60_000,
  }, () => {
    const input = fasterLiveMigrationInput();
    const maxT = Math.max(...input.lanes.map((l) => planOption(input.params, l.kind).totalS));
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: maxT * 1.05, noNaN: true }),
        fc.constantFrom(...FAULTS),
        (t, fault) => {
          const r = new SimRunner(machine, input, { startEvent: 'START' });
          r.play();
          r.advance(t);
          r.inject(fault);
          r.skipToEnd();
          const lanes = r.getSnapshot().snapshot.context.lanes;
          const start0 = r.getSnapshot().snapshot.context.lanes[0];
          expect(start0).toBeDefined();
          input.lanes.forEach((setupLane, i) => {
            const first = initialTransition(machine, input)[0].context.lanes[i] as Lane;
            const alone = new SimRunner(
              laneMachine,
              {
                params: first.snapshot.context.params,
                seed: input.seed,
                world: setupLane.world,
                vm: input.vm,
                source: input.source,
                destination: input.destination,
              },
              { startEvent: 'START' },
            );
            alone.play();
            alone.advance(t);
            alone.inject(fault);
            alone.skipToEnd();
            const a = alone.getSnapshot().snapshot;
            const got = (lanes[i] as Lane).snapshot;
            expect(got.value).toEqual(a.value);
            expect(got.context.outcome?.kind).toEqual(a.context.outcome?.kind);
            expect(got.context.world).toEqual(a.context.world);
          });
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  });
});

describe('faster live migration machine: requirements', () => {
  it('refuses SMB Direct without RDMA adapters, naming it, and runs the other three', () => {
    const s = runToEnd(send(start(fasterLiveMigrationInput({}, { rdma: false })), 'START'));
    expect(s.value).toBe('finished');
    const byKind = Object.fromEntries(s.context.lanes.map((l) => [l.kind, l.snapshot.context]));
    expect(byKind['smb-direct']?.outcome?.kind).toBe('refused');
    expect(byKind['smb-direct']?.outcome?.text).toMatch(/RDMA/);
    expect(activeInstance(byKind['smb-direct']?.world ?? ({} as never), VM_ID)?.host).toBe(SOURCE);
    for (const k of ['tcp', 'compression', 'smb-multichannel'])
      expect(byKind[k]?.outcome?.kind).toBe('migrated');
  });

  it('refuses all four when the processors differ, naming the requirement', () => {
    const s = send(
      start(fasterLiveMigrationInput({}, { rdma: true, cluster: { destinationCpuVendor: 'AMD' } })),
      'START',
    );
    expect(s.value).toBe('refused');
    expect(s.context.outcome?.kind).toBe('refused');
    expect(s.context.outcome?.text).toMatch(/same manufacturer/);
  });

  it('refuses to start over a network cut beforehand, naming the network', () => {
    const s = send(send(start(), 'CUT_NETWORK'), 'START');
    expect(s.value).toBe('refused');
    expect(s.context.outcome?.text).toMatch(/live migration network/i);
  });
});
