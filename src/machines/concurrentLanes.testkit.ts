/**
 * Test helpers shared by the machines that run lanes (concurrentLanes.ts): cluster queue and SMB
 * concurrent moves. Driving a machine by pure transitions, the events to walk, and the checks that
 * are the same for every such machine. Used only by tests.
 */
import { expect } from 'vitest';
import {
  type AnyStateMachine,
  type EventFromLogic,
  type InputFrom,
  initialTransition,
  type SnapshotFrom,
  transition,
} from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { type World, worldViolations } from '../model/world';
import { MOVE_FAULTS } from './faults';
import type { LanesEvent, LanesRunContext } from './lanesMachine';

/** The fault events of the move panels. */
export const LANES_FAULTS = MOVE_FAULTS.map((f) => f.type);

/** Every event a batch machine takes (the walk sends each one from every state). */
export const LANES_EVENTS: LanesEvent[] = [
  { type: 'START', t: 0 },
  { type: 'STEP_DONE', t: 0 },
  ...LANES_FAULTS.map((type) => ({ type, t: 0 }) as LanesEvent),
];

interface LanesSnap {
  value: unknown;
  status: string;
  context: LanesRunContext;
}

/** Driving a batch machine by pure transitions (all events at t = 0). */
export function lanesDriver<M extends AnyStateMachine>(machine: M) {
  type Snap = SnapshotFrom<M>;
  const serializeState = (s: Snap): string => {
    const x = s as unknown as LanesSnap;
    return JSON.stringify({
      v: x.value,
      w: x.context.world,
      m: x.context.milestone,
      l: x.context.lanes,
      o: x.context.outcome?.kind,
    });
  };
  const start = (input: InputFrom<M>): Snap => initialTransition(machine, input)[0] as Snap;
  const send = (s: Snap, type: LanesEvent['type']): Snap =>
    transition(machine, s, { type, t: 0 } as EventFromLogic<M>)[0] as Snap;
  const runToEnd = (s: Snap): Snap => {
    let cur = s;
    for (let i = 0; i < 1000 && (cur as unknown as LanesSnap).status !== 'done'; i += 1)
      cur = send(cur, 'STEP_DONE');
    return cur;
  };
  return { serializeState, start, send, runToEnd };
}

/** The world is consistent and each VM runs on at most one host. */
export function expectWorldSound(w: World, where: string): void {
  expect(worldViolations(w), where).toEqual([]);
  for (const vm of Object.keys(w.vms)) {
    const active = w.instances.filter(
      (i) => i.vm === vm && i.status !== 'shell' && i.status !== 'off',
    );
    expect(active.length, `${vm} ${where}`).toBeLessThanOrEqual(1);
  }
}

/** Once the run is over, every event leaves the state and the world as they are. */
export function expectDoneIgnoresEvents<M extends AnyStateMachine>(
  machine: M,
  states: readonly SnapshotFrom<M>[],
): void {
  for (const s of states.filter((x) => (x as unknown as LanesSnap).status === 'done')) {
    for (const e of LANES_EVENTS) {
      const next = transition(machine, s, e as EventFromLogic<M>)[0] as unknown as LanesSnap;
      const before = s as unknown as LanesSnap;
      expect(next.value).toEqual(before.value);
      expect(next.context.world).toBe(before.context.world);
    }
  }
}

/** A shortest path to every walked state, each replayed from the start to the same state. */
export function expectShortestPathsReplay<M extends AnyStateMachine>(
  machine: M,
  input: InputFrom<M>,
  stateCount: number,
): void {
  const { serializeState, start } = lanesDriver(machine);
  const shortest = getShortestPaths(machine, {
    input,
    events: LANES_EVENTS as EventFromLogic<M>[],
    serializeState: serializeState as never,
  });
  expect(shortest.length).toBe(stateCount);
  for (const path of shortest) {
    let s = start(input);
    for (const step of path.steps) s = transition(machine, s, step.event)[0] as SnapshotFrom<M>;
    expect(serializeState(s)).toBe(serializeState(path.state as SnapshotFrom<M>));
  }
}

/** Every state reachable from `input` by the batch events (one snapshot per serialized state). */
export function walkStates<M extends AnyStateMachine>(
  machine: M,
  input: InputFrom<M>,
): SnapshotFrom<M>[] {
  const { serializeState } = lanesDriver(machine);
  const adjacency = getAdjacencyMap(machine, {
    input,
    events: LANES_EVENTS as EventFromLogic<M>[],
    serializeState: serializeState as never,
  });
  return Object.values(adjacency).map((a) => a.state as SnapshotFrom<M>);
}

/** The walk reached each of the `expected` state values (JSON) and more than `atLeast` states. */
export function expectStatesSeen<M extends AnyStateMachine>(
  states: readonly SnapshotFrom<M>[],
  expected: readonly string[],
  atLeast: number,
): void {
  const seen = new Set(states.map((s) => JSON.stringify((s as unknown as LanesSnap).value)));
  for (const value of expected) expect(seen.has(value), value).toBe(true);
  expect(states.length).toBeGreaterThan(atLeast);
}

/**
 * Simple paths from `input` (by `events`) to every ending: together they reach all four outcomes,
 * there are more than `atLeast`, and `check` holds at each ending.
 */
export function expectSimplePathsToEveryEnding<M extends AnyStateMachine>(
  machine: M,
  input: InputFrom<M>,
  events: readonly LanesEvent[],
  atLeast: number,
  check: (s: SnapshotFrom<M>) => void,
): void {
  const { serializeState } = lanesDriver(machine);
  const endings = getSimplePaths(machine, {
    input,
    events: events as EventFromLogic<M>[],
    serializeState: serializeState as never,
    toState: (s) => (s as unknown as LanesSnap).status === 'done',
  });
  const outcomes = new Set(
    endings.map((p) => (p.state as unknown as LanesSnap).context.outcome?.kind),
  );
  expect([...outcomes].sort()).toEqual(['cancelled', 'failed', 'migrated', 'refused']);
  expect(endings.length).toBeGreaterThan(atLeast);
  for (const p of endings) check(p.state as SnapshotFrom<M>);
}
