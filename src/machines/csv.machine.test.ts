import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import {
  CSV_CONSTANTS,
  CSV_NODES,
  type CsvInput,
  coordinatorOf,
  csvInput,
  csvViolations,
  nodeDownDetectionS,
  nodeMode,
  tallyAt,
} from '../model/csv';
import { activeInstance } from '../model/world';
import { SimRunner } from '../sim/runner';
import { CSV_FAULTS, type CsvEvent, csvMachine } from './csv.machine';

type Snap = SnapshotFrom<typeof csvMachine>;
const FAULT_TYPES = CSV_FAULTS.map((f) => f.type);
const EPS = 1e-9;

const start = (input: CsvInput): Snap => initialTransition(csvMachine, input)[0];
const step = (s: Snap, e: CsvEvent): Snap => transition(csvMachine, s, e)[0];
/** The next event of each kind a run can meet in this state, at the sim time it would come. */
function eventsOf(s: Snap): CsvEvent[] {
  const c = s.context;
  if (s.matches('idle'))
    return [{ type: 'START', t: 0 }, ...FAULT_TYPES.map((type) => ({ type, t: 0 }))];
  const out: CsvEvent[] = [];
  if (c.step.durationS !== null) out.push({ type: 'STEP_DONE', t: c.since + c.step.durationS });
  for (const type of FAULT_TYPES) {
    out.push({ type, t: c.since });
    // Late in the run too: the recovery is then cut short by the end of the run.
    if (c.endAt - 1 > c.since) out.push({ type, t: c.endAt - 1 });
  }
  return out;
}
/** The state's discrete part: machine state, cluster, outcome, and whether the run is near its end. */
const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    cl: s.context.cluster,
    o: s.context.outcome?.kind,
    late: s.context.since >= s.context.endAt - 1 - EPS,
  });

function checkInvariants(s: Snap): void {
  const c = s.context;
  const ended = c.outcome?.kind === 'failed';
  expect(csvViolations(c.cluster, ended), JSON.stringify(s.value)).toEqual([]);
  // Exactly one coordinator while a node up has a path: it is up, with a path.
  const w = c.cluster.world;
  const coord = coordinatorOf(w);
  const withPath = CSV_NODES.filter((h) => w.hosts[h]?.up && w.storage['csv-1']?.pathUp[h]);
  if (withPath.length > 0) expect(withPath).toContain(coord);
  // A VM never runs on a down node, and runs on at most one.
  for (const vm of Object.keys(w.vms)) {
    const on = w.instances.filter((i) => i.vm === vm && i.status !== 'off');
    expect(on.length).toBeLessThanOrEqual(1);
    for (const i of on) expect(w.hosts[i.host]?.up).toBe(true);
  }
  // Queued I/O only while a recovery is under way.
  if (!s.matches({ running: 'detecting' }) && !s.matches({ running: 'switching' }) && !c.outcome)
    expect(c.cluster.queued).toEqual([]);
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
  expect(c.step.durationS === null || c.step.durationS >= 0).toBe(true);
}

const walked: Record<string, number> = {};

for (const target of CSV_NODES) {
  describe(`CSV machine, faults aimed at ${target}: every reachable state`, () => {
    const input = csvInput({}, target);
    const opts = { input, events: eventsOf, serializeState };
    const adjacency = getAdjacencyMap(csvMachine, opts);
    const states = Object.values(adjacency).map((a) => a.state as Snap);
    walked[target] = states.length;

    it('holds the invariants in every reachable state and after every event from it', () => {
      expect(states.length).toBeGreaterThan(40);
      for (const s of states) {
        checkInvariants(s);
        for (const e of eventsOf(s)) checkInvariants(step(s, e));
      }
    });

    it('reaches every state by a shortest path that replays to it', () => {
      const shortest = getShortestPaths(csvMachine, opts);
      expect(shortest.length).toBe(states.length);
      for (const path of shortest) {
        let s = start(input);
        for (const p of path.steps) s = step(s, p.event as CsvEvent);
        expect(serializeState(s)).toBe(serializeState(path.state as Snap));
      }
      // Every step and both endings are reached.
      const values = new Set(states.map((s) => JSON.stringify(s.value)));
      for (const v of ['direct', 'detecting', 'switching', 'restarting', 'steady'])
        expect(values.has(JSON.stringify({ running: v }))).toBe(true);
      const outcomes = new Set(states.map((s) => s.context.outcome?.kind).filter(Boolean));
      expect([...outcomes].sort()).toEqual(['completed', 'failed']);
    });

    it('ignores every event once over, and every fault before the start', () => {
      for (const s of states.filter((x) => x.status === 'done'))
        for (const type of [...FAULT_TYPES, 'STEP_DONE' as const])
          expect(step(s, { type, t: s.context.since }).context).toBe(s.context);
      const idle = start(input);
      for (const type of FAULT_TYPES) expect(step(idle, { type, t: 0 }).context).toBe(idle.context);
    });
  });
}

describe('CSV machine: simple paths to the endings', () => {
  it('finds paths to a completed run and to a failed one (coordinator failures, early)', () => {
    const input = csvInput({ vms: 2 });
    const paths = getSimplePaths(csvMachine, {
      input,
      events: (s: Snap) =>
        eventsOf(s).filter(
          (e) =>
            e.type === 'START' ||
            e.type === 'STEP_DONE' ||
            (e.type === 'FAIL_COORDINATOR' && e.t < s.context.endAt - 1 - EPS),
        ),
      serializeState,
      toState: (s) => s.status === 'done',
    });
    const outcomes = new Set(paths.map((p) => (p.state as Snap).context.outcome?.kind));
    expect([...outcomes].sort()).toEqual(['completed', 'failed']);
    for (const p of paths) checkInvariants(p.state as Snap);
    console.info(`CSV: ${paths.length} simple paths to an ending (2 VMs)`);
  });
});

const run = (input = csvInput()) => {
  const r = new SimRunner(csvMachine, input, { startEvent: 'START' });
  r.play();
  return r;
};
const ctx = (r: SimRunner<typeof csvMachine>) => r.getSnapshot().snapshot.context;

describe('CSV machine: processes', () => {
  it('with no fault, every node writes directly for the whole run', () => {
    const r = run();
    r.skipToEnd();
    const v = r.getSnapshot();
    expect(v.now).toBeCloseTo(CSV_CONSTANTS.runS, 9);
    const c = v.snapshot.context;
    expect(c.outcome?.kind).toBe('completed');
    for (const h of CSV_NODES) expect(nodeMode(c.cluster, h)).toBe('direct');
    const { params } = c;
    expect(tallyAt(c.tally, c.cluster, params, v.now).writtenBytes).toBeCloseTo(
      params.vms * params.diskWriteMiBps * 1024 * 1024 * CSV_CONSTANTS.runS,
      0,
    );
    expect(tallyAt(c.tally, c.cluster, params, v.now).longestPauseS).toBe(0);
  });

  it('the coordinator fails: the others queue I/O, the next node takes over, its VMs restart elsewhere', () => {
    const r = run();
    r.advance(10);
    const before = ctx(r).cluster.world;
    const onHv1 = Object.keys(before.vms).filter(
      (vm) => activeInstance(before, vm)?.host === 'hv-1',
    );
    const others = Object.keys(before.vms).filter((vm) => !onHv1.includes(vm));
    r.inject('FAIL_COORDINATOR');
    let c = ctx(r);
    expect(r.getSnapshot().snapshot.matches({ running: 'detecting' })).toBe(true);
    expect(coordinatorOf(c.cluster.world)).toBe('hv-2');
    for (const h of ['hv-2', 'hv-3', 'hv-4']) expect(nodeMode(c.cluster, h)).toBe('paused');
    expect(nodeMode(c.cluster, 'hv-1')).toBe('down');
    expect(c.log.some((l) => l.text.includes('Event 5120'))).toBe(true);
    for (const vm of others) expect(activeInstance(c.cluster.world, vm)?.status).toBe('running');
    for (const vm of onHv1) expect(activeInstance(c.cluster.world, vm)?.status).toBe('starting');
    // Detection, then the takeover; then I/O flows and the VMs boot.
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(10 + nodeDownDetectionS(), 9);
    expect(r.getSnapshot().snapshot.matches({ running: 'switching' })).toBe(true);
    r.stepForward();
    c = ctx(r);
    expect(r.getSnapshot().snapshot.matches({ running: 'restarting' })).toBe(true);
    for (const h of ['hv-2', 'hv-3', 'hv-4']) expect(nodeMode(c.cluster, h)).toBe('direct');
    expect(c.tally.longestPauseS).toBeCloseTo(
      nodeDownDetectionS() + CSV_CONSTANTS.coordinatorTakeoverS,
      9,
    );
    r.stepForward();
    c = ctx(r);
    expect(r.getSnapshot().snapshot.matches({ running: 'steady' })).toBe(true);
    for (const vm of Object.keys(c.cluster.world.vms))
      expect(activeInstance(c.cluster.world, vm)?.status).toBe('running');
    for (const vm of onHv1) expect(activeInstance(c.cluster.world, vm)?.host).not.toBe('hv-1');
    expect(c.tally.vmRestarts).toBe(onHv1.length);
    r.skipToEnd();
    expect(ctx(r).outcome?.kind).toBe('completed');
    expect(r.getSnapshot().now).toBeCloseTo(CSV_CONSTANTS.runS, 9);
  });

  it('a node loses its path: it pauses, then goes on redirected; its VMs keep running', () => {
    const r = run();
    r.advance(5);
    r.inject('FAIL_NODE_PATH');
    expect(nodeMode(ctx(r).cluster, 'hv-2')).toBe('paused');
    expect(nodeMode(ctx(r).cluster, 'hv-3')).toBe('direct');
    r.stepForward();
    r.stepForward();
    const c = ctx(r);
    expect(r.getSnapshot().snapshot.matches({ running: 'steady' })).toBe(true);
    expect(nodeMode(c.cluster, 'hv-2')).toBe('redirected');
    expect(c.log.some((l) => l.text.includes('Event 5121'))).toBe(true);
    expect(c.tally.vmRestarts).toBe(0);
    expect(c.tally.longestPauseS).toBeCloseTo(
      CSV_CONSTANTS.pathDetectS + CSV_CONSTANTS.redirectSwitchS,
      9,
    );
  });

  it('path, then coordinator: the redirected node waits for the new coordinator, then goes through it', () => {
    const r = run();
    r.advance(5);
    r.inject('FAIL_NODE_PATH');
    r.advance(10);
    expect(nodeMode(ctx(r).cluster, 'hv-2')).toBe('redirected');
    r.inject('FAIL_COORDINATOR');
    const c = ctx(r);
    expect(nodeMode(c.cluster, 'hv-2')).toBe('paused');
    // hv-2 has no path: the role goes to hv-3.
    expect(coordinatorOf(c.cluster.world)).toBe('hv-3');
    r.stepForward();
    r.stepForward();
    expect(nodeMode(ctx(r).cluster, 'hv-2')).toBe('redirected');
    expect(nodeMode(ctx(r).cluster, 'hv-3')).toBe('direct');
  });

  it('a non-coordinator node fails: the coordinator stays, nothing is queued, its VMs restart', () => {
    const r = run();
    r.advance(3);
    r.inject('FAIL_NODE');
    const c = ctx(r);
    expect(coordinatorOf(c.cluster.world)).toBe('hv-1');
    expect(c.cluster.queued).toEqual([]);
    r.stepForward();
    expect(r.getSnapshot().snapshot.matches({ running: 'restarting' })).toBe(true);
  });

  it('the last node with a path goes: the volume goes offline and the run fails', () => {
    const r = run();
    r.inject('FAIL_NODE_PATH');
    for (let i = 0; i < 3; i += 1) {
      r.advance(1);
      r.inject('FAIL_COORDINATOR');
    }
    const c = ctx(r);
    expect(c.outcome?.kind).toBe('failed');
    expect(c.outcome?.text).toMatch(/offline/);
    expect(r.getSnapshot().done).toBe(true);
  });
});

describe('CSV machine: random faults at random times (property)', () => {
  it('keeps the invariants, ends at the end of the run or on a fault that ends it', () => {
    const faultAt = fc.record({
      dt: fc.double({ min: 0, max: CSV_CONSTANTS.runS / 3, noNaN: true }),
      type: fc.constantFrom(...FAULT_TYPES),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...CSV_NODES),
        fc.integer({ min: 1, max: 16 }),
        fc.array(faultAt, { maxLength: 6 }),
        (target, vms, faults) => {
          const r = run(csvInput({ vms }, target));
          for (const f of faults) {
            r.advance(f.dt);
            const s = r.getSnapshot().snapshot;
            if (s.status === 'done') break;
            if (s.can({ type: f.type, t: r.getSnapshot().now })) r.inject(f.type);
            checkInvariants(r.getSnapshot().snapshot);
          }
          r.skipToEnd();
          const v = r.getSnapshot();
          checkInvariants(v.snapshot);
          expect(v.done).toBe(true);
          if (v.snapshot.context.outcome?.kind === 'completed')
            expect(v.now).toBeCloseTo(CSV_CONSTANTS.runS, 6);
          else expect(v.now).toBeLessThanOrEqual(CSV_CONSTANTS.runS + EPS);
          const t = tallyAt(
            v.snapshot.context.tally,
            v.snapshot.context.cluster,
            v.snapshot.context.params,
            v.now,
          );
          expect(t.writtenBytes).toBeGreaterThanOrEqual(0);
          expect(t.longestPauseS).toBeLessThanOrEqual(v.now + EPS);
        },
      ),
      { numRuns: 120, seed: 22 },
    );
  });

  it('walked', () => {
    expect(Object.keys(walked)).toHaveLength(CSV_NODES.length);
    console.info(`CSV states walked per target: ${JSON.stringify(walked)}`);
  });
});
