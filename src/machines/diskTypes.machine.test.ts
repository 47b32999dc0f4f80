/**
 * The disk types session machine, walked: every reachable state of a bounded session (a disk of
 * each type created, then a write, deletes, compaction, one expansion, differencing disks up
 * to a chain of three files and merges, with the storage failing in every step of every
 * process, a merge also half way), with the invariants checked at each state and across each
 * transition: sizes never negative and the size on the host the model's; a refused action changes
 * nothing; a write adds exactly its blocks and a delete clears exactly its own; compaction,
 * expansion, a differencing disk, a merge and a failure never change what the guest reads.
 */
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import {
  createSession,
  DISK_TYPE_KEYS,
  type DiskSession,
  type DiskTypeKey,
  deletePlan,
  diskTypesInput,
  hostBytes,
  reclaimableBytes,
  writePlan,
} from '../model/diskTypes';
import { GiB, MiB } from '../model/units';
import {
  allocatedBytes,
  chainOf,
  readImage,
  sizeOnHost,
  VHD_MAX_BYTES,
  VHDX_MAX_BYTES,
} from '../model/vdisk';
import { worldViolations } from '../model/world';
import { SimRunner } from '../sim/runner';
import { type DiskTypesEvent, type DiskTypesMachine, diskTypesMachine } from './diskTypes.machine';

type Snap = SnapshotFrom<DiskTypesMachine>;

/** A small disk (64 MiB: 32 VHD blocks, 2 VHDX blocks) keeps the walk fast; the rules do not depend on the size. */
const SMALL = 64 * MiB;
const input = (bytes = SMALL) => diskTypesInput(bytes, 7);

const MAX_WRITES = 1;
const MAX_FILES = 3;

/** The events worth sending from a state, bounded so the session's state space is finite. */
function eventsOf(s: Snap): DiskTypesEvent[] {
  const c = s.context;
  const out: DiskTypesEvent[] = [
    { type: 'STEP_DONE', t: 0 },
    { type: 'FAIL_STORAGE', t: 0 },
  ];
  if (c.merging)
    out.push({ type: 'FAIL_STORAGE', t: c.merging.startedAt + c.merging.durationS / 2 });
  if (c.session.leaf === null) {
    for (const diskType of DISK_TYPE_KEYS)
      out.push({ type: 'CREATE_DISK', t: 0, diskType, controller: 'SCSI' });
    out.push({ type: 'CREATE_DISK', t: 0, diskType: 'dynamic', controller: 'IDE' });
    return out;
  }
  if (c.session.writes < MAX_WRITES) out.push({ type: 'WRITE_DATA', t: 0 });
  if (c.session.nextFile <= MAX_FILES) out.push({ type: 'ADD_DIFFERENCING', t: 0 });
  const leaf = c.session.files[c.session.leaf];
  if (leaf && leaf.virtualBytes <= SMALL) out.push({ type: 'EXPAND', t: 0 });
  out.push({ type: 'DELETE_DATA', t: 0 }, { type: 'COMPACT', t: 0 }, { type: 'MERGE', t: 0 });
  return out;
}

/** A state by what can still matter: the process's bookkeeping only while a process runs. */
const serializeState = (s: Snap) => {
  const c = s.context;
  const busy = !s.matches('ready') && !s.matches('storageLost');
  return JSON.stringify({
    v: s.value,
    s: c.session,
    w: c.world.instances,
    i: c.interrupted,
    ...(busy ? { b: c.before === c.session, a: c.applied, c: c.creating, m: c.merging } : {}),
  });
};

const step = (s: Snap, e: DiskTypesEvent): Snap => transition(diskTypesMachine, s, e)[0] as Snap;

const imageOf = (d: DiskSession) => (d.leaf ? readImage(d.files, d.leaf) : {});
const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

function checkState(s: Snap): void {
  const c = s.context;
  const where = JSON.stringify(s.value);
  expect(worldViolations(c.world), where).toEqual([]);
  const d = c.session;
  for (const f of Object.values(d.files)) {
    expect(f.virtualBytes, where).toBeGreaterThan(0);
    expect(sizeOnHost(f), where).toBeGreaterThanOrEqual(0);
    expect(allocatedBytes(f), where).toBeGreaterThanOrEqual(0);
    // A file never holds more than its disk's blocks.
    expect(Object.keys(f.blocks).length * f.blockBytes, where).toBeLessThanOrEqual(
      Math.ceil(f.virtualBytes / f.blockBytes) * f.blockBytes,
    );
    // A fixed file is its whole size; a pass-through disk is no file.
    if (f.type === 'fixed') expect(allocatedBytes(f)).toBe(f.virtualBytes);
    if (f.type === 'passthrough') expect(sizeOnHost(f)).toBe(0);
  }
  expect(hostBytes(d)).toBe(Object.values(d.files).reduce((n, f) => n + sizeOnHost(f), 0));
  expect(reclaimableBytes(d)).toBeGreaterThanOrEqual(0);
  // The chain: every file is on the leaf's chain; only the leaf takes writes.
  if (d.leaf) {
    const chain = chainOf(d.files, d.leaf);
    expect(chain.length, where).toBe(Object.keys(d.files).length);
    for (const id of chain.slice(1)) expect(d.files[id]?.state, where).toMatch(/read-only|merging/);
    if (!s.matches({ merging: 'copyingBlocks' })) expect(d.files[d.leaf]?.state).toBe('in use');
    // A pass-through disk never has a differencing disk.
    const base = d.files[chain[chain.length - 1] as string];
    if (base?.type === 'passthrough') expect(chain).toHaveLength(1);
  } else expect(d.files).toEqual({});
  // A resting machine waits for the user: nothing is timed.
  if (s.matches('ready')) expect(c.step.durationS, where).toBeNull();
  else expect(c.step.durationS, where).not.toBeNull();
  if (s.matches('storageLost')) expect(c.world.instances[0]?.status).toMatch(/paused|off/);
  if (s.matches('ready')) expect(c.world.instances[0]?.status).toBe('running');
}

/** What must hold across one transition. */
function checkTransition(s: Snap, e: DiskTypesEvent, n: Snap): void {
  const where = `${JSON.stringify(s.value)} --${e.type}--> ${JSON.stringify(n.value)}`;
  const was = imageOf(s.context.session);
  const now = imageOf(n.context.session);
  if (n.context.outcome?.kind === 'refused' && s.context.outcome !== n.context.outcome) {
    // A refused action changes nothing but the words.
    expect(n.context.session, where).toBe(s.context.session);
    expect(n.context.world, where).toBe(s.context.world);
    expect(n.matches('ready'), where).toBe(true);
    expect(n.context.outcome?.text, where).toMatch(/^Refused: /);
    return;
  }
  if (e.type === 'FAIL_STORAGE' && (s.matches('ready') || s.matches('storageLost'))) {
    // No operation to stop: nothing happens.
    expect(n.context, where).toBe(s.context);
    return;
  }
  if (e.type === 'FAIL_STORAGE') {
    // The operation stops, no block is lost: the guest reads what it read when it began (or its
    // finished change), and the run waits for the storage.
    const began = s.context.applied ? s.context.session : s.context.before;
    if (began) expect(same(now, imageOf(began)), where).toBe(true);
    expect(n.matches('storageLost'), where).toBe(true);
    expect(n.context.outcome?.kind).toBe('failed');
    return;
  }
  if (n.matches({ writing: 'allocatingBlocks' }) && !s.matches({ writing: 'allocatingBlocks' })) {
    const plan = writePlan(s.context.session, s.context.seed);
    if (!plan.ok) throw new Error(plan.reason);
    const expected: Record<number, number> = { ...was };
    for (const b of plan.blocks) expected[b] = s.context.session.writes + 2;
    expect(same(now, expected), where).toBe(true);
    return;
  }
  if (n.matches({ deleting: 'deletingData' }) && !s.matches({ deleting: 'deletingData' })) {
    const plan = deletePlan(s.context.session);
    if (!plan.ok) throw new Error(plan.reason);
    const expected: Record<number, number> = { ...was };
    for (const b of plan.blocks) delete expected[b];
    expect(same(now, expected), where).toBe(true);
    return;
  }
  if (n.matches({ creating: 'creatingFile' }) && !s.matches({ creating: 'creatingFile' })) return;
  // Anything else (compaction, expansion, a differencing disk, a merge, time passing) keeps
  // every block the guest reads.
  expect(same(now, was), where).toBe(true);
  // Sizes only grow by expanding; a compaction only gives space back.
  const lw = s.context.session.leaf ? s.context.session.files[s.context.session.leaf] : null;
  const ln = n.context.session.leaf ? n.context.session.files[n.context.session.leaf] : null;
  if (lw && ln) expect(ln.virtualBytes, where).toBeGreaterThanOrEqual(lw.virtualBytes);
  if (s.matches('compacting') && n.context.session !== s.context.session)
    expect(hostBytes(n.context.session)).toBeLessThanOrEqual(hostBytes(s.context.session));
}

describe('disk types session machine: every reachable state', () => {
  const adjacency = getAdjacencyMap(diskTypesMachine, {
    input: input(),
    events: eventsOf,
    serializeState,
  });
  const entries = Object.values(adjacency);

  it('holds the invariants in every state and across every transition', {
    timeout: 120_000,
  }, () => {
    expect(entries.length).toBeGreaterThan(500);
    console.info(`disk types: ${entries.length} states walked`);
    let transitions = 0;
    for (const { state, transitions: next } of entries) {
      const s = state as Snap;
      checkState(s);
      for (const t of Object.values(next) as { event: DiskTypesEvent; state: Snap }[]) {
        checkTransition(s, t.event, t.state);
        transitions += 1;
      }
    }
    expect(transitions).toBeGreaterThan(entries.length);
  });

  it('reaches every step of every process, the fault from each, and a refusal of each rule', () => {
    const states = entries.map((e) => e.state as Snap);
    const seen = (value: object | string) =>
      states.some((s) => (s as AnyMachineSnapshot).matches(value));
    for (const [process, steps] of Object.entries(
      diskTypesMachine.root.states as Record<string, { states: Record<string, unknown> }>,
    )) {
      const kids = Object.keys(steps.states);
      if (kids.length === 0) expect(seen(process), process).toBe(true);
      for (const k of kids) expect(seen({ [process]: k }), `${process}.${k}`).toBe(true);
    }
    // A refusal changes nothing, so its state is its ready state's twin: read it off the transitions.
    const texts = new Set(
      entries.flatMap((e) =>
        (Object.values(e.transitions) as { state: Snap }[]).map(
          (t) => t.state.context.outcome?.text ?? '',
        ),
      ),
    );
    const refusals = [...texts].filter((t) => t.startsWith('Refused'));
    for (const rule of [
      'Only a dynamically expanding disk can be compacted',
      'Pass-through disks support no differencing disks or snapshots',
      'A pass-through disk is resized on its storage',
      'A differencing disk takes its size from its parent',
      'has no parent to merge into',
    ])
      expect(
        refusals.some((t) => t.includes(rule)),
        rule,
      ).toBe(true);
    // A merge interrupted half way keeps the blocks it copied in the parent (the child still
    // holds each of them), and the parent is read-only again.
    const copiedKept = states.some((s) => {
      if (!s.matches('storageLost') || s.context.process !== 'merging') return false;
      const files = Object.values(s.context.session.files);
      return files.some((child) => {
        const parent = child.parent ? s.context.session.files[child.parent] : undefined;
        return (
          parent?.state === 'read-only' &&
          Object.entries(child.blocks).some(([b, v]) => parent.blocks[Number(b)] === v)
        );
      });
    });
    expect(copiedKept).toBe(true);
  });
});

describe('disk types: the rules in the posters’ words', () => {
  const start = (bytes = SMALL) => initialTransition(diskTypesMachine, input(bytes))[0] as Snap;
  const rest = (s: Snap): Snap => {
    let cur = s;
    for (let i = 0; i < 50 && !cur.matches('ready'); i += 1)
      cur = step(cur, { type: 'STEP_DONE', t: 0 });
    return cur;
  };
  const act = (s: Snap, e: DiskTypesEvent) => rest(step(s, e));
  const create = (diskType: DiskTypeKey, bytes = SMALL, controller: 'IDE' | 'SCSI' = 'SCSI') =>
    act(start(bytes), { type: 'CREATE_DISK', t: 0, diskType, controller });

  it('refuses a VHD above 2040 GB and a VHDX above 64 TB, naming the limit; a pass-through disk is not limited', () => {
    const big = VHD_MAX_BYTES + GiB;
    for (const diskType of ['fixed', 'dynamic', 'differencing'] as const) {
      const s = create(diskType, big);
      expect(s.context.outcome?.text).toContain('A VHD can be at most 2040 GB');
      expect(s.context.session.leaf).toBeNull();
    }
    expect(create('vhdx', big).context.outcome?.kind).toBe('created');
    expect(create('passthrough', big).context.outcome?.kind).toBe('created');
    // Expanding past the limit: 40 TB VHDX doubled.
    const s = act(create('vhdx', 40 * 1024 * GiB), { type: 'EXPAND', t: 0 });
    expect(s.context.outcome?.text).toContain('A VHDX can be at most 64 TB');
    expect(VHDX_MAX_BYTES).toBe(64 * 1024 * GiB);
  });

  it('a fixed disk takes its full size at creation, timed at the volume’s speed; a dynamic one only its header', () => {
    const fixed = create('fixed', 4 * GiB);
    const dynamic = create('dynamic', 4 * GiB);
    expect(hostBytes(fixed.context.session)).toBeGreaterThanOrEqual(4 * GiB);
    expect(hostBytes(dynamic.context.session)).toBeLessThan(MiB);
    const r = new SimRunner(diskTypesMachine, input(4 * GiB), { startEvent: 'CREATE_DISK' });
    r.inject({ type: 'CREATE_DISK', diskType: 'fixed', controller: 'SCSI' });
    r.skipToEnd();
    const tFixed = r.getSnapshot().now;
    const d = new SimRunner(diskTypesMachine, input(4 * GiB), { startEvent: 'CREATE_DISK' });
    d.inject({ type: 'CREATE_DISK', diskType: 'dynamic', controller: 'SCSI' });
    d.skipToEnd();
    expect(tFixed).toBeGreaterThan(d.getSnapshot().now + 10);
  });

  it('a dynamic disk grows with writes, keeps deleted space, and compacting reclaims it', () => {
    let s = create('dynamic');
    s = act(s, { type: 'WRITE_DATA', t: 0 });
    const grown = hostBytes(s.context.session);
    s = act(s, { type: 'DELETE_DATA', t: 0 });
    expect(hostBytes(s.context.session)).toBe(grown);
    expect(reclaimableBytes(s.context.session)).toBeGreaterThan(0);
    s = act(s, { type: 'COMPACT', t: 0 });
    expect(s.context.outcome?.kind).toBe('compacted');
    expect(reclaimableBytes(s.context.session)).toBe(0);
    expect(hostBytes(s.context.session)).toBeLessThan(grown);
    // A fixed disk is refused, naming the rule.
    const f = act(act(create('fixed'), { type: 'WRITE_DATA', t: 0 }), { type: 'COMPACT', t: 0 });
    expect(f.context.outcome?.text).toContain('Only a dynamically expanding disk can be compacted');
  });

  it('a differencing disk takes the writes, its parent stays intact, and merging folds it in', () => {
    let s = create('differencing');
    const parentId = 'd1';
    const parentBlocks = s.context.session.files[parentId]?.blocks;
    s = act(s, { type: 'WRITE_DATA', t: 0 });
    expect(s.context.session.files[parentId]?.blocks).toEqual(parentBlocks);
    s = act(s, { type: 'ADD_DIFFERENCING', t: 0 });
    expect(chainOf(s.context.session.files, s.context.session.leaf ?? '')).toHaveLength(3);
    s = act(s, { type: 'WRITE_DATA', t: 0 });
    const image = imageOf(s.context.session);
    s = act(s, { type: 'MERGE', t: 0 });
    expect(s.context.outcome?.kind).toBe('merged');
    expect(Object.keys(s.context.session.files)).toHaveLength(2);
    expect(imageOf(s.context.session)).toEqual(image);
  });

  it('a pass-through disk is offline to the host: no file, no differencing disk', () => {
    let s = create('passthrough');
    expect(hostBytes(s.context.session)).toBe(0);
    s = act(s, { type: 'ADD_DIFFERENCING', t: 0 });
    expect(s.context.outcome?.text).toContain(
      'Pass-through disks support no differencing disks or snapshots',
    );
  });

  it('an IDE disk is attached with the VM off; a SCSI disk while it runs', () => {
    let s = step(start(), { type: 'CREATE_DISK', t: 0, diskType: 'dynamic', controller: 'IDE' });
    while (!s.matches({ creating: 'attaching' })) s = step(s, { type: 'STEP_DONE', t: 0 });
    expect(s.context.world.instances[0]?.status).toBe('off');
    s = step(start(), { type: 'CREATE_DISK', t: 0, diskType: 'dynamic', controller: 'SCSI' });
    while (!s.matches({ creating: 'attaching' })) s = step(s, { type: 'STEP_DONE', t: 0 });
    expect(s.context.world.instances[0]?.status).toBe('running');
  });

  it('a storage failure half way through a merge loses no block; the merge runs again', () => {
    const r = new SimRunner(diskTypesMachine, input(), { startEvent: 'CREATE_DISK' });
    r.inject({ type: 'CREATE_DISK', diskType: 'differencing', controller: 'SCSI' });
    r.skipToEnd();
    r.inject('WRITE_DATA');
    r.skipToEnd();
    const image = imageOf(r.getSnapshot().snapshot.context.session);
    r.inject('MERGE');
    while (!r.getSnapshot().snapshot.matches({ merging: 'copyingBlocks' })) r.stepForward();
    const m = r.getSnapshot().snapshot.context.merging;
    r.seek(r.getSnapshot().now + (m?.durationS ?? 0) / 2);
    r.inject('FAIL_STORAGE');
    const failed = r.getSnapshot().snapshot;
    expect(failed.context.outcome?.text).toContain('no block is lost');
    expect(imageOf(failed.context.session)).toEqual(image);
    const parent = failed.context.session.files.d1;
    expect(parent?.state).toBe('read-only');
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.matches('ready')).toBe(true);
    r.inject('MERGE');
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.context.outcome?.kind).toBe('merged');
    expect(imageOf(r.getSnapshot().snapshot.context.session)).toEqual(image);
  });

  it('the start without a choice creates the settings’ default; step back lands before an action', () => {
    const r = new SimRunner(diskTypesMachine, input(), { startEvent: 'CREATE_DISK' });
    r.skipToEnd();
    const created = r.getSnapshot();
    expect(created.done).toBe(true);
    expect(created.snapshot.context.session.kind).toBe('dynamic');
    r.inject('WRITE_DATA');
    r.skipToEnd();
    for (let i = 0; i < 5 && r.getSnapshot().snapshot.context.session.writes > 0; i += 1)
      r.stepBack();
    expect(r.getSnapshot().now).toBeCloseTo(created.now, 9);
    expect(r.getSnapshot().snapshot.matches('ready')).toBe(true);
    expect(r.getSnapshot().snapshot.context.session.writes).toBe(0);
  });

  it('builds every type the select offers', () => {
    for (const k of DISK_TYPE_KEYS) expect(createSession(k, 'SCSI', SMALL, 'APP01').ok).toBe(true);
  });
});
