import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { nodeDownDetectionS } from '../model/csv';
import {
  GUEST_NODES,
  guestTallyAt,
  guestViolations,
  hostOf,
  ioPath,
  SHARED_VHDX_CONSTANTS,
  type SharedVhdxInput,
  type SharedVhdxStorage,
  sharedVhdxInput,
} from '../model/sharedVhdx';
import { activeInstance } from '../model/world';
import { SimRunner } from '../sim/runner';
import { SHARED_VHDX_FAULTS, type SharedVhdxEvent, sharedVhdxMachine } from './sharedVhdx.machine';

type Snap = SnapshotFrom<typeof sharedVhdxMachine>;
const FAULT_TYPES = SHARED_VHDX_FAULTS.map((f) => f.type);
const EPS = 1e-9;
const K = SHARED_VHDX_CONSTANTS;

const start = (input: SharedVhdxInput): Snap => initialTransition(sharedVhdxMachine, input)[0];
const step = (s: Snap, e: SharedVhdxEvent): Snap => transition(sharedVhdxMachine, s, e)[0];
/** The next event of each kind a run can meet in this state, at the sim time it would come. */
function eventsOf(s: Snap): SharedVhdxEvent[] {
  const c = s.context;
  if (s.matches('idle'))
    return [{ type: 'START', t: 0 }, ...FAULT_TYPES.map((type) => ({ type, t: 0 }))];
  const out: SharedVhdxEvent[] = [];
  if (c.step.durationS !== null) out.push({ type: 'STEP_DONE', t: c.since + c.step.durationS });
  for (const type of FAULT_TYPES) {
    out.push({ type, t: c.since });
    if (c.endAt - 1 > c.since) out.push({ type, t: c.endAt - 1 });
  }
  return out;
}
const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    g: s.context.cluster,
    o: s.context.outcome?.kind,
    late: s.context.since >= s.context.endAt - 1 - EPS,
  });

function checkInvariants(s: Snap): void {
  const c = s.context;
  const g = c.cluster;
  const ended = c.outcome?.kind === 'failed';
  expect(guestViolations(g, ended), JSON.stringify(s.value)).toEqual([]);
  if (!ended && s.status !== 'done' && !s.matches('idle')) {
    // Exactly one guest node owns the service, on a VM active on a host that is up.
    const n = g.service.node as string;
    expect(GUEST_NODES).toContain(n);
    const h = hostOf(g, n);
    expect(h && g.world.hosts[h]?.up).toBe(true);
    expect(g.failedGuests).not.toContain(n);
  }
  // A running service has an I/O path ending at the shared VHDX.
  if (g.service.phase === 'running' && !ended) expect(ioPath(g).at(-1)).toBe('SQLData.vhdx');
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
}

const walked: Record<string, number> = {};

for (const storage of ['sofs', 'csv'] as const satisfies readonly SharedVhdxStorage[]) {
  describe(`shared VHDX machine on ${storage}: every reachable state`, () => {
    const input = sharedVhdxInput(storage);
    const opts = { input, events: eventsOf, serializeState };
    const adjacency = getAdjacencyMap(sharedVhdxMachine, opts);
    const states = Object.values(adjacency).map((a) => a.state as Snap);
    walked[storage] = states.length;

    it('holds the invariants in every reachable state and after every event from it', () => {
      expect(states.length).toBeGreaterThan(20);
      for (const s of states) {
        checkInvariants(s);
        for (const e of eventsOf(s)) {
          const after = step(s, e);
          checkInvariants(after);
          // The file server fault never moves the service to another guest node.
          if (e.type === 'FAIL_FILE_SERVER_NODE' && after.context.outcome === null)
            expect(after.context.cluster.service.node).toBe(s.context.cluster.service.node);
        }
      }
    });

    it('reaches every state by a shortest path that replays to it, every step and both endings', () => {
      const shortest = getShortestPaths(sharedVhdxMachine, opts);
      expect(shortest.length).toBe(states.length);
      for (const path of shortest) {
        let s = start(input);
        for (const p of path.steps) s = step(s, p.event as SharedVhdxEvent);
        expect(serializeState(s)).toBe(serializeState(path.state as Snap));
      }
      const values = new Set(states.map((s) => JSON.stringify(s.value)));
      for (const v of ['serving', 'detecting', 'switching', 'restarting', 'steady'])
        expect(values.has(JSON.stringify({ running: v }))).toBe(true);
      const outcomes = new Set(states.map((s) => s.context.outcome?.kind).filter(Boolean));
      expect([...outcomes].sort()).toEqual(['completed', 'failed']);
    });

    it('has simple paths to a completed and a failed run', () => {
      const paths = getSimplePaths(sharedVhdxMachine, {
        ...opts,
        // Early guest node and file server faults (the rest add timing and length, not new endings).
        events: (s: Snap) =>
          eventsOf(s).filter(
            (e) =>
              e.type === 'START' ||
              e.type === 'STEP_DONE' ||
              (e.type !== 'FAIL_HOST' && e.t < s.context.endAt - 1 - EPS),
          ),
        toState: (s) => s.status === 'done',
      });
      const outcomes = new Set(paths.map((p) => (p.state as Snap).context.outcome?.kind));
      expect([...outcomes].sort()).toEqual(['completed', 'failed']);
      console.info(`shared VHDX on ${storage}: ${paths.length} simple paths to an ending`);
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

const run = (storage: SharedVhdxStorage = 'sofs') => {
  const r = new SimRunner(sharedVhdxMachine, sharedVhdxInput(storage), { startEvent: 'START' });
  r.play();
  return r;
};
const ctx = (r: SimRunner<typeof sharedVhdxMachine>) => r.getSnapshot().snapshot.context;
const running = (r: SimRunner<typeof sharedVhdxMachine>) => ctx(r).cluster.service;

describe('shared VHDX machine: processes', () => {
  it('with no fault the service runs on SQL-N1 through FS-1 for the whole run', () => {
    const r = run();
    expect(ioPath(ctx(r).cluster)).toEqual(['SQL-N1', 'HV-1', 'SMB 3', 'FS-1', 'SQLData.vhdx']);
    r.skipToEnd();
    expect(ctx(r).outcome?.kind).toBe('completed');
    expect(r.getSnapshot().now).toBeCloseTo(K.runS, 9);
    expect(ctx(r).tally.failovers).toBe(0);
  });

  it('the guest node fails: detected, the service starts on SQL-N2, which already sees the VHDX', () => {
    const r = run();
    r.advance(10);
    r.inject('FAIL_GUEST_NODE');
    expect(running(r)).toEqual({ node: 'sql-n2', phase: 'failingOver' });
    r.stepForward();
    expect(r.getSnapshot().now).toBeCloseTo(10 + nodeDownDetectionS(), 9);
    expect(r.getSnapshot().snapshot.matches({ running: 'switching' })).toBe(true);
    r.stepForward();
    expect(running(r)).toEqual({ node: 'sql-n2', phase: 'running' });
    expect(ioPath(ctx(r).cluster)).toEqual(['SQL-N2', 'HV-2', 'SMB 3', 'FS-2', 'SQLData.vhdx']);
    r.skipToEnd();
    const c = ctx(r);
    expect(c.tally.failovers).toBe(1);
    expect(c.tally.downS).toBeCloseTo(nodeDownDetectionS() + K.serviceStartS, 9);
    expect(c.cluster.world.instances.find((i) => i.vm === 'sql-n1')?.status).toBe('off');
  });

  it('the host fails: the service fails over to SQL-N2; the host cluster restarts SQL-N1 on HV-2', () => {
    const r = run();
    r.advance(5);
    r.inject('FAIL_HOST');
    expect(running(r).node).toBe('sql-n2');
    r.stepForward();
    r.stepForward();
    expect(running(r).phase).toBe('running');
    expect(r.getSnapshot().snapshot.matches({ running: 'restarting' })).toBe(true);
    r.stepForward();
    const c = ctx(r);
    expect(activeInstance(c.cluster.world, 'sql-n1')).toEqual({
      vm: 'sql-n1',
      host: 'hv-2',
      status: 'running',
    });
    expect(running(r)).toEqual({ node: 'sql-n2', phase: 'running' });
  });

  it('the file server node fails: SMB moves to FS-2, the service stays on SQL-N1 after a pause', () => {
    const r = run();
    r.advance(5);
    r.inject('FAIL_FILE_SERVER_NODE');
    expect(running(r)).toEqual({ node: 'sql-n1', phase: 'stalled' });
    r.stepForward();
    r.stepForward();
    expect(running(r)).toEqual({ node: 'sql-n1', phase: 'running' });
    expect(ioPath(ctx(r).cluster)).toEqual(['SQL-N1', 'HV-1', 'SMB 3', 'FS-2', 'SQLData.vhdx']);
    r.skipToEnd();
    expect(ctx(r).tally.stalledS).toBeCloseTo(K.smbDetectS + K.smbReconnectS, 9);
    expect(ctx(r).tally.downS).toBe(0);
  });

  it('on a CSV the file server fault is refused with the reason; the host fault moves the coordinator', () => {
    const r = run('csv');
    r.advance(5);
    r.inject('FAIL_FILE_SERVER_NODE');
    expect(ctx(r).log.at(-1)?.text).toMatch(/^Refused: .*Cluster Shared Volume/);
    expect(r.getSnapshot().snapshot.matches({ running: 'serving' })).toBe(true);
    r.inject('FAIL_HOST');
    expect(ctx(r).cluster.world.storage['shared-storage']?.coordinator).toBe('hv-2');
    r.skipToEnd();
    expect(ctx(r).outcome?.kind).toBe('completed');
    expect(ioPath(ctx(r).cluster)).toEqual([
      'SQL-N2',
      'HV-2',
      'Cluster Disk 1 (CSV)',
      'SQLData.vhdx',
    ]);
  });

  it('host, then guest node while SQL-N1 boots: the service waits for it, then starts there', () => {
    const r = run();
    r.advance(2);
    r.inject('FAIL_HOST');
    r.stepForward();
    r.stepForward();
    expect(r.getSnapshot().snapshot.matches({ running: 'restarting' })).toBe(true);
    r.advance(3);
    r.inject('FAIL_GUEST_NODE');
    expect(running(r)).toEqual({ node: 'sql-n1', phase: 'failingOver' });
    r.stepForward();
    expect(r.getSnapshot().snapshot.matches({ running: 'restarting' })).toBe(true);
    r.stepForward();
    expect(r.getSnapshot().snapshot.matches({ running: 'switching' })).toBe(true);
    r.stepForward();
    expect(running(r)).toEqual({ node: 'sql-n1', phase: 'running' });
    expect(ioPath(ctx(r).cluster)[1]).toBe('HV-2');
  });

  it('both guest nodes fail: the run fails, naming why', () => {
    const r = run();
    r.inject('FAIL_GUEST_NODE');
    r.advance(1);
    r.inject('FAIL_GUEST_NODE');
    expect(ctx(r).outcome?.kind).toBe('failed');
    expect(ctx(r).outcome?.text).toMatch(/no guest node is left/);
  });
});

describe('shared VHDX machine: random faults at random times (property)', () => {
  it('keeps the invariants and ends at the end of the run or on a fault that ends it', () => {
    const faultAt = fc.record({
      dt: fc.double({ min: 0, max: K.runS / 3, noNaN: true }),
      type: fc.constantFrom(...FAULT_TYPES),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<SharedVhdxStorage>('sofs', 'csv'),
        fc.array(faultAt, { maxLength: 5 }),
        (storage, faults) => {
          const r = run(storage);
          for (const f of faults) {
            r.advance(f.dt);
            const v = r.getSnapshot();
            if (v.snapshot.status === 'done') break;
            const before = v.snapshot.context.cluster.service.node;
            if (!v.snapshot.can({ type: f.type, t: v.now })) continue;
            r.inject(f.type);
            const after = r.getSnapshot().snapshot;
            checkInvariants(after);
            if (f.type === 'FAIL_FILE_SERVER_NODE' && after.context.outcome === null)
              expect(after.context.cluster.service.node).toBe(before);
          }
          r.skipToEnd();
          const v = r.getSnapshot();
          checkInvariants(v.snapshot);
          expect(v.done).toBe(true);
          if (v.snapshot.context.outcome?.kind === 'completed')
            expect(v.now).toBeCloseTo(K.runS, 6);
          const c = v.snapshot.context;
          const t = guestTallyAt(c.tally, c.cluster, c.params, v.now);
          expect(t.downS + t.stalledS).toBeLessThanOrEqual(v.now + EPS);
        },
      ),
      { numRuns: 120, seed: 23 },
    );
  });

  it('walked', () => {
    expect(Object.keys(walked)).toHaveLength(2);
    console.info(`shared VHDX states walked: ${JSON.stringify(walked)}`);
  });
});
