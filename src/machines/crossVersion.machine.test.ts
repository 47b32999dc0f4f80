import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  initialTransition,
  type SnapshotFrom,
  type StateValue,
  transition,
} from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import {
  actionDurationS,
  type CrossVersionScenario,
  planInPlace,
  planRollingUpgrade,
  SHARE_ID,
} from '../model/crossVersion';
import { planLiveMigration } from '../model/liveMigration';
import type { OsVersion } from '../model/world';
import { activeInstance, instanceOn, worldViolations } from '../model/world';
import { SimRunner } from '../sim/runner';
import {
  type CrossVersionEvent,
  type CrossVersionMachine,
  crossVersionMachineFor,
} from './crossVersion';
import { crossVersionInput } from './crossVersion.fixture';
import { MOVE_FAULTS } from './faults';

type Snap = SnapshotFrom<CrossVersionMachine>;
/** The scenario's process, widened: the three machines share one context and event type. */
const machineOf = (scenario: CrossVersionScenario) =>
  crossVersionMachineFor(scenario) as AnyStateMachine;
const at = (s: Snap, value: StateValue) => (s as AnyMachineSnapshot).matches(value);
const step = (scenario: CrossVersionScenario, s: Snap, e: CrossVersionEvent): Snap =>
  transition(machineOf(scenario), s, e)[0] as Snap;
const FAULTS = MOVE_FAULTS.map((f) => f.type);
const ALL_EVENTS: CrossVersionEvent[] = [
  { type: 'START', t: 0 },
  { type: 'STEP_DONE', t: 0 },
  ...FAULTS.map((type) => ({ type, t: 0 }) as CrossVersionEvent),
];
const OS_ORDER: Record<OsVersion, number> = { '2008R2': 0, '2012': 1, '2012R2': 2 };

const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    w: s.context.world,
    r: s.context.round,
    a: s.context.actionIndex,
    s: s.context.saved,
    o: s.context.outcome?.kind,
  });

const start = (scenario: CrossVersionScenario): Snap =>
  initialTransition(machineOf(scenario), crossVersionInput(scenario))[0] as Snap;
/** The scenario the snapshot's process runs (its input's). */
const send = (s: Snap, type: CrossVersionEvent['type']): Snap =>
  step(s.context.scenario, s, { type, t: 0 } as CrossVersionEvent);
function runToEnd(s: Snap): Snap {
  let cur = s;
  for (let i = 0; i < 200 && cur.status !== 'done'; i += 1) cur = send(cur, 'STEP_DONE');
  return cur;
}

function checkInvariants(s: Snap, scenario: CrossVersionScenario): void {
  const c = s.context;
  const w = c.world;
  const initial = crossVersionInput(scenario).world;
  expect(worldViolations(w), JSON.stringify(s.value)).toEqual([]);
  for (const vm of Object.keys(w.vms)) {
    const active = w.instances.filter(
      (i) => i.vm === vm && i.status !== 'shell' && i.status !== 'off',
    );
    expect(active.length).toBeLessThanOrEqual(1);
    // A VM never moves to an older version than it started on.
    const here = active[0];
    const from = initial.instances.find((i) => i.vm === vm)?.host ?? '';
    if (here) {
      expect(OS_ORDER[w.hosts[here.host]?.os ?? '2008R2']).toBeGreaterThanOrEqual(
        OS_ORDER[initial.hosts[from]?.os ?? '2012R2'],
      );
    }
  }
  // Before the switch the moving VM runs on its source, with its files under the source's control.
  if (at(s, 'live') || at(s, { upgrade: 'migratingVm' })) {
    expect(activeInstance(w, c.vm)?.host).toBe(c.source);
    expect(w.vms[c.vm]?.storageController).toBe(c.source);
    expect(instanceOn(w, c.vm, c.destination)?.status).toBe('shell');
    expect(w.hosts[c.destination]?.os).toBe('2012R2');
  }
  if (at(s, 'switched')) {
    expect(activeInstance(w, c.vm)?.host).toBe(c.destination);
    expect(instanceOn(w, c.vm, c.source)).toBeUndefined();
  }
  if (activeInstance(w, c.vm)?.status === 'paused') {
    const inPause = at(s, { live: 'stopAndCopy' });
    expect(inPause || !Object.values(w.storage[SHARE_ID]?.pathUp ?? {}).every(Boolean)).toBe(true);
  }
  if (c.upgrading)
    expect(w.instances.filter((i) => i.host === c.upgrading && i.status !== 'off')).toEqual([]);
  if (c.saved) expect(activeInstance(w, c.vm)).toBeUndefined();
  if (at(s, 'restored')) {
    expect(activeInstance(w, c.vm)).toEqual({ vm: c.vm, host: c.source, status: 'running' });
    expect(w.hosts[c.source]?.os).toBe('2012R2');
  }
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
}

const walked: Record<string, number> = {};

for (const scenario of ['live', 'reverse', 'rolling', 'inPlace'] as const) {
  describe(`cross-version machine (${scenario}): every reachable state`, () => {
    const adjacency = getAdjacencyMap(machineOf(scenario), {
      input: crossVersionInput(scenario),
      events: ALL_EVENTS,
      serializeState,
    });
    const states = Object.values(adjacency).map((a) => a.state as Snap);
    walked[scenario] = states.length;

    it('holds the invariants in every reachable state, after every event', {
      timeout: 60_000,
    }, () => {
      expect(states.length).toBeGreaterThan(scenario === 'reverse' ? 3 : 20);
      for (const s of states) {
        checkInvariants(s, scenario);
        for (const e of ALL_EVENTS) checkInvariants(step(scenario, s, e), scenario);
      }
    });

    it('has a shortest path to every state and simple paths to its endings', {
      timeout: 120_000,
    }, () => {
      const shortest = getShortestPaths(machineOf(scenario), {
        input: crossVersionInput(scenario),
        events: ALL_EVENTS,
        serializeState,
      });
      expect(shortest.length).toBe(states.length);
      for (const path of shortest) {
        let s = start(scenario);
        for (const p of path.steps) s = step(scenario, s, p.event as CrossVersionEvent);
        expect(serializeState(s)).toBe(serializeState(path.state as Snap));
      }
      const endings = getSimplePaths(machineOf(scenario), {
        input: crossVersionInput(scenario),
        events: ALL_EVENTS.filter((e) => e.type !== 'FAIL_SOURCE_STORAGE'),
        serializeState,
        toState: (s) => s.status === 'done',
      });
      const outcomes = new Set(endings.map((p) => (p.state as Snap).context.outcome?.kind));
      const expected = {
        live: ['cancelled', 'failed', 'migrated', 'refused'],
        reverse: ['failed', 'refused'],
        rolling: ['cancelled', 'failed', 'refused', 'upgraded'],
        inPlace: ['cancelled', 'failed', 'restored'],
      }[scenario];
      expect([...outcomes].sort()).toEqual(expected);
      console.info(
        `cross-version ${scenario}: ${states.length} states, ${endings.length} simple paths to an ending`,
      );
    });

    it('ignores every event once over', () => {
      for (const s of states.filter((x) => x.status === 'done')) {
        for (const e of ALL_EVENTS)
          expect(step(scenario, s, e).context.world).toBe(s.context.world);
      }
    });

    if (scenario === 'live' || scenario === 'rolling') {
      it('rolls back every fault before the switch: the VM keeps running on its source', () => {
        let checked = 0;
        for (const s of states.filter((x) => at(x, 'live') || at(x, { upgrade: 'migratingVm' }))) {
          for (const type of [
            'CUT_NETWORK',
            'FAIL_DESTINATION_HOST',
            'FAIL_DESTINATION_STORAGE',
            'CANCEL',
          ] as const) {
            const after = send(s, type);
            expect(after.context.outcome?.kind).toBe(type === 'CANCEL' ? 'cancelled' : 'failed');
            expect(activeInstance(after.context.world, s.context.vm)).toEqual({
              vm: s.context.vm,
              host: s.context.source,
              status: 'running',
            });
            expect(
              instanceOn(after.context.world, s.context.vm, s.context.destination),
            ).toBeUndefined();
            expect(after.context.world.vms[s.context.vm]?.storageController).toBe(s.context.source);
            checked += 1;
          }
          const down = send(s, 'FAIL_SOURCE_HOST');
          expect(down.context.outcome?.kind).toBe('failed');
          expect(activeInstance(down.context.world, s.context.vm)).toBeUndefined();
          const path = send(s, 'FAIL_SOURCE_STORAGE');
          expect(activeInstance(path.context.world, s.context.vm)?.status).toBe('paused');
        }
        expect(checked).toBeGreaterThan(4);
      });
    }
  });
}

describe('cross-version machine: processes', () => {
  it('live: steps take the model’s durations; the VM ends on 2012 R2 with a pause of the model’s downtime', () => {
    let s = send(start('live'), 'START');
    const plan = planLiveMigration(s.context.params);
    const durations: number[] = [];
    while (s.status !== 'done') {
      durations.push(s.context.step.durationS ?? Number.NaN);
      s = send(s, 'STEP_DONE');
    }
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(plan.totalS, 9);
    expect(durations).toHaveLength(plan.precopy.rounds.length + 2);
    expect(s.context.outcome?.kind).toBe('migrated');
    expect(activeInstance(s.context.world, 'vm-1')?.host).toBe('hv-r2');
    expect(s.context.outcome?.text).toContain(`${Math.round(plan.precopy.downtimeS * 1000)} ms`);
  });

  it('live after the switch: a cut network does not matter, a lost destination takes the VM down', () => {
    let s = send(start('live'), 'START');
    while (!at(s, 'switched')) s = send(s, 'STEP_DONE');
    expect(runToEnd(send(s, 'CUT_NETWORK')).context.outcome?.kind).toBe('migrated');
    expect(send(s, 'CANCEL').context.log.at(-1)?.text).toMatch(/Cancel refused/);
    const lost = send(s, 'FAIL_DESTINATION_HOST');
    expect(lost.context.outcome?.kind).toBe('failed');
    expect(activeInstance(lost.context.world, 'vm-1')).toBeUndefined();
  });

  it('reverse: refused before anything starts, naming the version rule', () => {
    const s = send(start('reverse'), 'START');
    expect(s.value).toBe('refused');
    expect(s.context.outcome?.text).toMatch(
      /older Windows Server version to the same or a newer one/,
    );
    expect(s.context.outcome?.text).toMatch(/HV-R2 runs Windows Server 2012 R2/);
    expect(activeInstance(s.context.world, 'vm-1')?.host).toBe('hv-r2');
  });

  it('rolling: drains and upgrades host by host; every VM runs throughout and every host ends on 2012 R2', () => {
    let s = send(start('rolling'), 'START');
    const actions = planRollingUpgrade(crossVersionInput('rolling').world, s.context.params);
    const durations: number[] = [];
    while (s.status !== 'done') {
      durations.push(s.context.step.durationS ?? Number.NaN);
      // Every VM is running at every step.
      for (const vm of Object.keys(s.context.world.vms))
        expect(activeInstance(s.context.world, vm)?.status).toBe('running');
      s = send(s, 'STEP_DONE');
    }
    expect(durations).toEqual(actions.map(actionDurationS));
    expect(actions.filter((a) => a.kind === 'upgrade')).toHaveLength(3);
    expect(s.context.outcome?.kind).toBe('upgraded');
    for (const h of Object.values(s.context.world.hosts)) expect(h.os).toBe('2012R2');
    for (const vm of Object.keys(s.context.world.vms))
      expect(activeInstance(s.context.world, vm)?.status).toBe('running');
  });

  it('rolling: a host failing during its upgrade leaves every VM running', () => {
    let s = send(start('rolling'), 'START');
    while (!at(s, { upgrade: 'upgradingHost' })) s = send(s, 'STEP_DONE');
    const after = send(s, 'FAIL_SOURCE_HOST');
    expect(after.context.outcome?.kind).toBe('failed');
    for (const vm of Object.keys(after.context.world.vms))
      expect(activeInstance(after.context.world, vm)?.status).toBe('running');
  });

  it('in place: save, upgrade, restore with the model’s durations; the VM resumes on 2012 R2', () => {
    let s = send(start('inPlace'), 'START');
    const plan = planInPlace(s.context.params.memoryMiB);
    const durations: number[] = [];
    while (s.status !== 'done') {
      durations.push(s.context.step.durationS ?? Number.NaN);
      s = send(s, 'STEP_DONE');
    }
    expect(durations).toEqual([plan.saveS, plan.upgradeS, plan.restoreS]);
    expect(s.context.outcome?.kind).toBe('restored');
    expect(s.context.world.hosts['hv-2012']?.os).toBe('2012R2');
  });

  it('in place: cancel during the save keeps the VM running; a failure later keeps the saved state', () => {
    const saving = send(start('inPlace'), 'START');
    const cancelled = send(saving, 'CANCEL');
    expect(cancelled.context.outcome?.kind).toBe('cancelled');
    expect(activeInstance(cancelled.context.world, 'vm-1')?.status).toBe('running');
    const upgrading = send(saving, 'STEP_DONE');
    expect(send(upgrading, 'CANCEL').context.outcome).toBeNull();
    for (const e of ['FAIL_SOURCE_HOST', 'FAIL_SOURCE_STORAGE'] as const) {
      const f = send(upgrading, e);
      expect(f.context.outcome?.kind).toBe('failed');
      expect(f.context.saved).toBe(true);
      expect(f.context.outcome?.text).toMatch(/saved state/);
    }
    const lost = send(saving, 'FAIL_SOURCE_HOST');
    expect(lost.context.saved).toBe(false);
    expect(lost.context.outcome?.text).toMatch(/memory is lost/);
  });
});

describe('cross-version machine: random fault timing (property)', () => {
  it('a rolling upgrade hit by any fault at any moment never loses or duplicates a VM it can keep', {
    timeout: 60_000,
  }, () => {
    const input = crossVersionInput('rolling');
    const total = planRollingUpgrade(input.world, input.params).reduce(
      (a, x) => a + actionDurationS(x),
      0,
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: total, noNaN: true }),
        fc.constantFrom(...FAULTS),
        (t, fault) => {
          const r = new SimRunner(machineOf('rolling'), input, { startEvent: 'START' });
          r.play();
          r.advance(t);
          r.inject(fault);
          r.skipToEnd();
          const s = r.getSnapshot().snapshot;
          checkInvariants(s, 'rolling');
          expect(s.status).toBe('done');
          if (fault === 'CUT_NETWORK' || fault === 'CANCEL') {
            for (const vm of Object.keys(s.context.world.vms))
              expect(activeInstance(s.context.world, vm)?.status).toBe('running');
          }
        },
      ),
      { numRuns: 60, seed: 9 },
    );
  });

  it('walked', () => {
    expect(Object.keys(walked).length).toBe(4);
    console.info(`cross-version states walked: ${JSON.stringify(walked)}`);
  });
});
