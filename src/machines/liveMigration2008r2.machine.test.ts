import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { DESTINATION, LM_NETWORK, SOURCE, VM_ID } from '../model/scenarios';
import { activeInstance, instanceOn, vmNetworkPort, worldViolations } from '../model/world';
import { MOVE_FAULTS } from './faults';
import { liveMigrationInput } from './liveMigration2008r2.fixture';
import { storageReachableFrom } from './liveMigration2008r2.invariants';
import {
  type LiveMigrationEvent,
  liveMigration2008r2Machine as machine,
} from './liveMigration2008r2.machine';

type Snap = SnapshotFrom<typeof machine>;
const FAULTS = MOVE_FAULTS.map((f) => f.type);
const ALL_EVENTS: LiveMigrationEvent[] = [
  { type: 'START', t: 0 },
  { type: 'STEP_DONE', t: 0 },
  ...FAULTS.map((type) => ({ type, t: 0 }) as LiveMigrationEvent),
];

const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    w: s.context.world,
    r: s.context.round,
    h: s.context.handedOff,
    o: s.context.outcome?.kind,
  });

function start(input = liveMigrationInput()): Snap {
  return initialTransition(machine, input)[0];
}

function send(s: Snap, type: LiveMigrationEvent['type']): Snap {
  return transition(machine, s, { type, t: 0 } as LiveMigrationEvent)[0];
}

function runToEnd(s: Snap): Snap {
  let cur = s;
  for (let i = 0; i < 100 && cur.status !== 'done'; i += 1) cur = send(cur, 'STEP_DONE');
  return cur;
}

function statePath(s: Snap): string {
  return JSON.stringify(s.value);
}

/** The invariants of DEVELOPERS.md, checked at every reachable state. */
function checkInvariants(s: Snap): void {
  const w = s.context.world;
  expect(worldViolations(w), JSON.stringify(s.value)).toEqual([]);
  const active = w.instances.filter(
    (i) => i.vm === VM_ID && i.status !== 'shell' && i.status !== 'off',
  );
  expect(active.length).toBeLessThanOrEqual(1);
  // Before the handoff the VM executes on the source (unless the source itself died).
  if (s.matches('migrating')) {
    expect(activeInstance(w, VM_ID)?.host).toBe(SOURCE);
    expect(w.vms[VM_ID]?.storageController).toBe(SOURCE);
  }
  if (s.matches('switchedOver')) {
    expect(activeInstance(w, VM_ID)?.host).toBe(DESTINATION);
    expect(instanceOn(w, VM_ID, SOURCE)).toBeUndefined();
  }
  // Only the stop-and-copy and the handoff pause the VM (or a volume no node can reach).
  if (activeInstance(w, VM_ID)?.status === 'paused') {
    const inPause =
      s.matches({ migrating: 'stopAndCopy' }) || s.matches({ migrating: 'storageHandoff' });
    expect(inPause || !storageReachableFrom(w, VM_ID), JSON.stringify(s.value)).toBe(true);
  }
  if (s.status === 'done') expect(s.context.outcome).not.toBeNull();
}

describe('classic live migration machine: walking every reachable state', () => {
  const adjacency = getAdjacencyMap(machine, {
    input: liveMigrationInput(),
    events: ALL_EVENTS,
    serializeState,
  });
  const states = Object.values(adjacency).map((a) => a.state as Snap);

  it('reaches every state of the statechart', () => {
    const seen = new Set(states.map(statePath));
    for (const expected of [
      '"idle"',
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
    ]) {
      expect(seen.has(expected), expected).toBe(true);
    }
    expect(states.length).toBeGreaterThan(50);
  });

  it('holds the invariants in every reachable state', () => {
    for (const s of states) checkInvariants(s);
  });

  it('rolls back any fault before the storage handoff: the VM runs on the source, the shell is gone', () => {
    const before = states.filter((s) => s.matches('migrating'));
    expect(before.length).toBeGreaterThan(5);
    let checked = 0;
    for (const s of before) {
      for (const type of ['CUT_NETWORK', 'FAIL_DESTINATION_HOST', 'CANCEL'] as const) {
        if (!s.can({ type, t: 0 })) continue;
        const after = send(s, type);
        checkInvariants(after);
        expect(after.status).toBe('done');
        expect(after.context.outcome?.kind).toBe(type === 'CANCEL' ? 'cancelled' : 'failed');
        expect(instanceOn(after.context.world, VM_ID, DESTINATION)).toBeUndefined();
        const src = instanceOn(after.context.world, VM_ID, SOURCE);
        expect(src?.status).toBe(
          storageReachableFrom(after.context.world, VM_ID) ? 'running' : 'paused',
        );
        expect(after.context.world.vms[VM_ID]?.storageController).toBe(SOURCE);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('restarts the VM on the destination when the source dies before the handoff', () => {
    const before = states.filter(
      (s) => s.matches('migrating') && s.can({ type: 'FAIL_SOURCE_HOST', t: 0 }),
    );
    expect(before.length).toBeGreaterThan(5);
    for (const s of before) {
      const after = send(s, 'FAIL_SOURCE_HOST');
      checkInvariants(after);
      expect(after.context.outcome?.kind).toBe('failed');
      expect(after.context.outcome?.text).toMatch(/restarted/);
      expect(activeInstance(after.context.world, VM_ID)?.host).toBe(DESTINATION);
      expect(after.context.world.hosts[SOURCE]?.up).toBe(false);
    }
  });

  it('after the handoff: cancel is refused, a cut network or lost source is harmless, a lost destination restarts the VM on the source', () => {
    const after = states.filter((s) => s.matches('switchedOver'));
    expect(after.length).toBeGreaterThan(1);
    for (const s of after) {
      const cancelled = send(s, 'CANCEL');
      expect(cancelled.value).toEqual(s.value);
      expect(cancelled.context.log.at(-1)?.text).toMatch(/Cancel refused/);
      if (s.can({ type: 'CUT_NETWORK', t: 0 })) {
        const cut = send(s, 'CUT_NETWORK');
        expect(cut.value).toEqual(s.value);
        expect(runToEnd(cut).context.outcome?.kind).toBe('migrated');
      }
      if (s.can({ type: 'FAIL_SOURCE_HOST', t: 0 })) {
        const srcDown = send(s, 'FAIL_SOURCE_HOST');
        checkInvariants(srcDown);
        expect(activeInstance(srcDown.context.world, VM_ID)?.host).toBe(DESTINATION);
      }
      if (s.can({ type: 'FAIL_DESTINATION_HOST', t: 0 })) {
        const dstDown = send(s, 'FAIL_DESTINATION_HOST');
        checkInvariants(dstDown);
        expect(dstDown.context.outcome?.kind).toBe('failed');
        expect(activeInstance(dstDown.context.world, VM_ID)?.host).toBe(
          s.context.world.hosts[SOURCE]?.up ? SOURCE : undefined,
        );
      }
    }
  });

  it('keeps the VM running through redirected I/O when one node loses its storage path, and stops it when none can reach the volume', () => {
    const running = states.filter(
      (s) =>
        s.matches({ migrating: 'copyingMemory' }) && s.can({ type: 'FAIL_SOURCE_STORAGE', t: 0 }),
    );
    expect(running.length).toBeGreaterThan(0);
    const s = running[0] as Snap;
    const one = send(s, 'FAIL_SOURCE_STORAGE');
    expect(one.value).toEqual(s.value);
    expect(activeInstance(one.context.world, VM_ID)?.status).toBe('running');
    expect(one.context.log.at(-1)?.text).toMatch(/redirected/);
    expect(one.can({ type: 'FAIL_SOURCE_STORAGE', t: 0 })).toBe(false);
    const both = send(one, 'FAIL_DESTINATION_STORAGE');
    checkInvariants(both);
    expect(both.context.outcome?.kind).toBe('failed');
    expect(instanceOn(both.context.world, VM_ID, SOURCE)?.status).toBe('paused');
    expect(instanceOn(both.context.world, VM_ID, DESTINATION)).toBeUndefined();
  });

  it('ignores every event once the run is over', () => {
    for (const s of states.filter((x) => x.status === 'done')) {
      for (const e of ALL_EVENTS) {
        const next = transition(machine, s, e)[0];
        expect(next.value).toEqual(s.value);
        expect(next.context.world).toBe(s.context.world);
      }
    }
  });

  it('has a shortest path to every state and simple paths to every ending', {
    timeout: 120_000,
  }, () => {
    const shortest = getShortestPaths(machine, {
      input: liveMigrationInput(),
      events: ALL_EVENTS,
      serializeState,
    });
    expect(shortest.length).toBe(states.length);
    for (const path of shortest) {
      let s = start();
      for (const step of path.steps) s = transition(machine, s, step.event)[0];
      expect(serializeState(s)).toBe(serializeState(path.state as Snap));
    }
    const endings = getSimplePaths(machine, {
      input: liveMigrationInput(),
      events: ALL_EVENTS,
      serializeState,
      toState: (s) => s.status === 'done',
    });
    const outcomes = new Set(endings.map((p) => (p.state as Snap).context.outcome?.kind));
    expect([...outcomes].sort()).toEqual(['cancelled', 'failed', 'migrated', 'refused']);
    expect(endings.length).toBeGreaterThan(100);
  });
});

describe('classic live migration machine: the six steps', () => {
  it('walks the poster steps in order with the model’s rounds, and the switch learns the new port', () => {
    let s = send(start(), 'START');
    const steps: number[] = [];
    const meta = () => Object.values(s.getMeta())[0] as { step: number } | undefined;
    while (s.status !== 'done') {
      const m = meta();
      if (m) steps.push(m.step);
      s = send(s, 'STEP_DONE');
    }
    const plan = s.context.plan.precopy;
    // 1, 2, then 3 for each further round and the stop-and-copy, then 4, 5, 6.
    expect(steps).toEqual([1, 2, ...Array(plan.precopyRounds).fill(3), 4, 5, 6]);
    expect(s.context.outcome?.kind).toBe('migrated');
    const w = s.context.world;
    expect(activeInstance(w, VM_ID)).toEqual({ vm: VM_ID, host: DESTINATION, status: 'running' });
    expect(w.vms[VM_ID]?.storageController).toBe(DESTINATION);
    expect(w.physicalSwitch.macTable[w.vms[VM_ID]?.mac ?? '']).toBe(vmNetworkPort(w, DESTINATION));
  });

  it('takes every step duration from the model', () => {
    let s = send(start(), 'START');
    const plan = s.context.plan;
    const durations: number[] = [];
    while (s.status !== 'done') {
      durations.push(s.context.step.durationS ?? Number.NaN);
      s = send(s, 'STEP_DONE');
    }
    expect(durations).toEqual([
      plan.setupS,
      ...plan.precopy.rounds.map((r) => r.durationS),
      plan.storageHandoffS,
      plan.resumeS,
      plan.switchUpdateS,
    ]);
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(plan.totalS, 9);
  });

  it('pauses the VM only for the final copy', () => {
    let s = send(start(), 'START');
    while (!s.matches({ migrating: 'stopAndCopy' })) {
      expect(activeInstance(s.context.world, VM_ID)?.status).toBe('running');
      s = send(s, 'STEP_DONE');
    }
    expect(instanceOn(s.context.world, VM_ID, SOURCE)?.status).toBe('paused');
    expect(instanceOn(s.context.world, VM_ID, DESTINATION)?.status).toBe('shell');
  });

  it('completes a non-converging migration at the stop rule and says so', () => {
    let s = send(start(liveMigrationInput({ dirtyMiBps: 500, wwsMiB: 2048 })), 'START');
    expect(s.context.plan.precopy.converged).toBe(false);
    s = runToEnd(s);
    expect(s.context.outcome?.kind).toBe('migrated');
    expect(s.context.log.some((e) => /stopped shrinking|pass limit/.test(e.text))).toBe(true);
  });
});

describe('classic live migration machine: requirements (CATALOG 4.1)', () => {
  it('refuses processors from different manufacturers, naming the requirement', () => {
    const s = send(start(liveMigrationInput({}, { destinationCpuVendor: 'AMD' })), 'START');
    expect(s.value).toBe('refused');
    expect(s.context.outcome?.kind).toBe('refused');
    expect(s.context.outcome?.text).toMatch(/same manufacturer/);
    expect(activeInstance(s.context.world, VM_ID)?.host).toBe(SOURCE);
  });

  it('refuses without failover clustering on the destination', () => {
    const s = send(start(liveMigrationInput({}, { destinationClustering: false })), 'START');
    expect(s.context.outcome?.text).toMatch(/Failover Clustering/);
  });

  it('migrates a clustered pass-through disk (seed 002, step 4)', () => {
    const s = runToEnd(send(start(liveMigrationInput({}, { diskKind: 'passthrough' })), 'START'));
    expect(s.context.outcome?.kind).toBe('migrated');
  });

  it('refuses to start over a network cut beforehand, naming it', () => {
    const cut = send(start(), 'CUT_NETWORK');
    expect(cut.context.world.networks[LM_NETWORK]?.up).toBe(false);
    const s = send(cut, 'START');
    expect(s.value).toBe('refused');
    expect(s.context.outcome?.text).toMatch(/live migration network/i);
  });
});
