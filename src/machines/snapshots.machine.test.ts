/**
 * The snapshot session machine, walked: every reachable state of a bounded session (up to three
 * snapshots taken, two guest writes, every action with every snapshot, both merge modes, every
 * fault where it can happen), with the invariants checked at each state and across each
 * transition: no guest write lost, a snapshot's disk never changes, a file is deleted only when
 * nothing depends on it, the VM runs on at most one host, and a fault leaves the VM's disk as it was.
 */
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { guestWriteBlocks, snapshotParams, snapshotsInput } from '../model/snapshots';
import {
  MAX_SNAPSHOTS,
  type MergeMode,
  nowImage,
  snapshotImage,
  snapshotTreeViolations,
} from '../model/snapshotTree';
import { blockCount } from '../model/vdisk';
import { worldViolations } from '../model/world';
import { SimRunner } from '../sim/runner';
import { type SnapshotEvent, type SnapshotsMachine, snapshotsMachine } from './snapshots.machine';

type Snap = SnapshotFrom<SnapshotsMachine>;

/** A small disk (1 GiB) keeps the walk fast; the rules do not depend on the size. */
const input = (mode: MergeMode) => snapshotsInput(snapshotParams(512, 20, 1), mode, 7);

/** Files a session may create (each take and each apply creates an AVHD). */
const MAX_FILES = 3;
const MAX_WRITES = 1;

/** The events worth sending from a state, bounded so the session's state space is finite. */
function eventsOf(s: Snap): SnapshotEvent[] {
  const c = s.context;
  const ids = c.tree.order;
  const out: SnapshotEvent[] = [
    { type: 'STEP_DONE', t: 0 },
    { type: 'SHUT_DOWN', t: 0 },
    { type: 'START_VM', t: 0 },
    { type: 'FAIL_STORAGE', t: 0 },
    { type: 'FAIL_HOST', t: 0 },
  ];
  const files = c.tree.nextFile - 1;
  if (files < MAX_FILES) out.push({ type: 'TAKE_SNAPSHOT', t: 0 });
  if (c.writes < MAX_WRITES) out.push({ type: 'WRITE', t: 0 });
  for (const id of ids) {
    out.push({ type: 'DELETE_SNAPSHOT', t: 0, id }, { type: 'DELETE_SUBTREE', t: 0, id });
    if (files < MAX_FILES) out.push({ type: 'APPLY_SNAPSHOT', t: 0, id, saveFirst: false });
    if (files < MAX_FILES - 1) out.push({ type: 'APPLY_SNAPSHOT', t: 0, id, saveFirst: true });
  }
  return out;
}

const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    t: s.context.tree,
    w: s.context.world.instances,
    h: s.context.world.hosts,
    n: s.context.writes,
    a: s.context.applyAfter,
    i: s.context.interrupted,
  });

const step = (s: Snap, e: SnapshotEvent): Snap => transition(snapshotsMachine, s, e)[0] as Snap;

const same = (a: Record<number, number>, b: Record<number, number>) =>
  JSON.stringify(a) === JSON.stringify(b);

function checkState(s: Snap): void {
  const c = s.context;
  const where = JSON.stringify(s.value);
  expect(snapshotTreeViolations(c.tree), where).toEqual([]);
  expect(worldViolations(c.world), where).toEqual([]);
  // The VM runs on at most one host.
  const active = c.world.instances.filter((i) => i.vm === c.vm && i.status !== 'off');
  expect(active.length).toBeLessThanOrEqual(1);
  expect(c.tree.order.length).toBeLessThanOrEqual(MAX_SNAPSHOTS);
  // The picture's power and the model's agree.
  if (c.tree.vm === 'running' && c.interrupted === null && !s.matches({ taking: 'pausing' }))
    expect(String(active[0]?.status), where).toMatch(/running|paused/);
  if (c.tree.vm === 'off') expect(active).toEqual([]);
  // A resting machine waits for the user: nothing is timed.
  if (s.matches('ready')) expect(c.step.durationS).toBeNull();
  else expect(c.step.durationS, where).not.toBeNull();
}

/** What must hold across one transition. */
function checkTransition(s: Snap, e: SnapshotEvent, n: Snap): void {
  const before = s.context.tree;
  const after = n.context.tree;
  const where = `${JSON.stringify(s.value)} --${e.type}--> ${JSON.stringify(n.value)}`;
  // A snapshot kept across the transition reads exactly what it read before.
  for (const id of after.order)
    if (before.snapshots[id])
      expect(same(snapshotImage(after, id), snapshotImage(before, id)), where).toBe(true);
  // The running state's disk: a write adds exactly its blocks; an apply takes the snapshot's disk;
  // anything else (a take, a delete, a merge, a fault, power) leaves it as it was.
  const was = nowImage(before);
  const now = nowImage(after);
  if (e.type === 'WRITE' && n.context.writes > s.context.writes) {
    const leaf = before.files[before.now.file];
    const blocks = guestWriteBlocks(s.context.seed, s.context.writes, leaf ? blockCount(leaf) : 0);
    const expected = { ...was };
    for (const b of blocks) expected[b] = s.context.writes + 2;
    expect(same(now, expected), where).toBe(true);
  } else if (n.matches({ applying: 'newBranch' }) && !s.matches({ applying: 'newBranch' })) {
    const id = n.context.target?.id ?? '';
    expect(same(now, snapshotImage(before, id)), where).toBe(true);
  } else {
    expect(same(now, was), where).toBe(true);
  }
  // A storage fault while taking a snapshot: no snapshot is added, nothing written is lost.
  if (e.type === 'FAIL_STORAGE' && s.matches('taking')) {
    expect(after.order).toEqual(before.order);
    expect(n.matches('storageLost')).toBe(true);
  }
  // A host failure during a merge: the merge stops, every file it involved is still there.
  if (e.type === 'FAIL_HOST' && s.matches('merging') && before.merge) {
    expect(after.merge).toBeNull();
    expect(after.files[before.merge.child]?.state).not.toBe('deleted');
    expect(after.files[before.merge.parent]?.state).not.toBe('deleted');
  }
}

const walked: Record<string, number> = {};

for (const mode of ['offline', 'live'] as const) {
  describe(`snapshot session machine (${mode} merge): every reachable state`, () => {
    const adjacency = getAdjacencyMap(snapshotsMachine, {
      input: input(mode),
      events: eventsOf,
      serializeState,
    });
    const entries = Object.values(adjacency);
    walked[mode] = entries.length;

    it('holds the invariants in every state and across every transition', {
      timeout: 120_000,
    }, () => {
      expect(entries.length).toBeGreaterThan(200);
      for (const { state, transitions } of entries) {
        const s = state as Snap;
        checkState(s);
        // Every next state is itself one of the entries (checked there).
        for (const t of Object.values(transitions) as { event: SnapshotEvent; state: Snap }[])
          checkTransition(s, t.event, t.state);
      }
    });

    it('reaches every process, every fault path and a merge of each kind', () => {
      const states = entries.map((e) => e.state as Snap);
      const seen = (value: object | string) =>
        states.some((s) => (s as AnyMachineSnapshot).matches(value));
      for (const v of [
        { taking: 'savingMemory' },
        { applying: 'copyingState' },
        { deleting: 'judging' },
        { shuttingDown: 'stopping' },
        { starting: 'booting' },
        { merging: 'copyingBlocks' },
        'storageLost',
        'hostDown',
      ])
        expect(seen(v), JSON.stringify(v)).toBe(true);
      // Merges run with the VM off (2008 R2) or also while it runs (2012).
      const mergingRunning = states.some(
        (s) => s.matches('merging') && s.context.tree.vm === 'running',
      );
      expect(mergingRunning).toBe(mode === 'live');
      // Every file state of CONTRACT's "Disk files" table occurs.
      const fileStates = new Set(
        states.flatMap((s) => Object.values(s.context.tree.files).map((f) => f.state)),
      );
      expect([...fileStates].sort()).toEqual(
        ['deleted', 'in use', 'merge pending', 'merging', 'read-only'].sort(),
      );
    });
  });
}

describe('snapshot rules in the poster’s words', () => {
  const start = (mode: MergeMode = 'offline') =>
    initialTransition(snapshotsMachine, input(mode))[0] as Snap;
  const rest = (s: Snap): Snap => {
    let cur = s;
    for (let i = 0; i < 50 && !cur.matches('ready'); i += 1)
      cur = step(cur, { type: 'STEP_DONE', t: 0 });
    return cur;
  };
  const take = (s: Snap) => rest(step(s, { type: 'TAKE_SNAPSHOT', t: 0 }));
  const fileState = (s: Snap, name: string) =>
    Object.values(s.context.tree.files).find((f) => f.name === name)?.state;

  it('takes a snapshot in the poster’s seven steps, the VM paused only in steps 1-5', () => {
    let s = step(start(), { type: 'TAKE_SNAPSHOT', t: 0 });
    const seen: string[] = [];
    for (let i = 0; i < 20 && !s.matches('ready'); i += 1) {
      const meta = Object.values(s.getMeta())[0] as { step: number } | undefined;
      if (meta) seen.push(`${meta.step}:${s.context.world.instances[0]?.status}`);
      s = step(s, { type: 'STEP_DONE', t: 0 });
    }
    expect(seen).toEqual([
      '1:paused',
      '2:paused',
      '3:paused',
      '4:paused',
      '5:running',
      '6:running',
      '7:running',
    ]);
    expect(s.context.outcome?.kind).toBe('taken');
    expect(s.context.tree.order).toHaveLength(1);
  });

  it('keeps an AVHD between the first snapshot and Now as merge pending, merged at shutdown (2008 R2)', () => {
    let s = take(start());
    s = rest(step(s, { type: 'WRITE', t: 0 }));
    s = take(s);
    const second = s.context.tree.order[1] as string;
    s = rest(step(s, { type: 'DELETE_SNAPSHOT', t: 0, id: second }));
    expect(s.context.outcome?.text).toMatch(/merge pending/);
    expect(fileState(s, 'SQL01_2.avhd')).toBe('merge pending');
    s = rest(step(s, { type: 'SHUT_DOWN', t: 0 }));
    expect(fileState(s, 'SQL01_2.avhd')).toBe('deleted');
    expect(s.context.outcome?.kind).toBe('merged');
  });

  it('deletes at once the AVHD of a snapshot on another branch', () => {
    let s = take(start());
    const first = s.context.tree.order[0] as string;
    s = take(rest(step(s, { type: 'WRITE', t: 0 })));
    const second = s.context.tree.order[1] as string;
    s = rest(step(s, { type: 'APPLY_SNAPSHOT', t: 0, id: first }));
    s = rest(step(s, { type: 'DELETE_SNAPSHOT', t: 0, id: second }));
    expect(s.context.outcome?.text).toMatch(/deleted at once/);
    expect(s.context.tree.merge).toBeNull();
  });

  it('refuses a 51st snapshot, naming the limit', () => {
    let s = start();
    for (let i = 0; i < MAX_SNAPSHOTS; i += 1) s = take(s);
    expect(s.context.tree.order).toHaveLength(MAX_SNAPSHOTS);
    s = step(s, { type: 'TAKE_SNAPSHOT', t: 0 });
    expect(s.matches('ready')).toBe(true);
    expect(s.context.outcome).toMatchObject({ kind: 'refused' });
    expect(s.context.outcome?.text).toContain('at most 50 snapshots');
  });

  it('merges live on 2012 while the VM runs, a write during the merge mirrored and kept', () => {
    let s = take(start('live'));
    s = rest(step(s, { type: 'WRITE', t: 0 }));
    s = take(s);
    s = rest(step(s, { type: 'WRITE', t: 0 }));
    const second = s.context.tree.order[1] as string;
    s = step(s, { type: 'DELETE_SNAPSHOT', t: 1 });
    s = rest(step(s, { type: 'DELETE_SNAPSHOT', t: 1, id: second }));
    expect(s.context.tree.vm).toBe('running');
    expect(Object.values(s.context.tree.files).filter((f) => f.state === 'merge pending')).toEqual(
      [],
    );
  });

  it('runs in the SimRunner: at rest after each action, time stops, step back lands before an action', () => {
    const r = new SimRunner(snapshotsMachine, input('offline'), { startEvent: 'TAKE_SNAPSHOT' });
    r.skipToEnd();
    const afterTake = r.getSnapshot();
    expect(afterTake.done).toBe(true);
    expect(afterTake.snapshot.context.outcome?.kind).toBe('taken');
    r.inject('SHUT_DOWN');
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.context.tree.vm).toBe('off');
    r.stepBack();
    expect(r.getSnapshot().now).toBeCloseTo(afterTake.now, 9);
    expect(r.getSnapshot().snapshot.matches('ready')).toBe(true);
    expect(r.getSnapshot().snapshot.context.tree.vm).toBe('running');
  });
});

it('walked both modes', () => {
  expect(walked.offline).toBeGreaterThan(0);
  expect(walked.live).toBeGreaterThan(0);
});
