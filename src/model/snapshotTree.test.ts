import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abandonSnapshot,
  abortMerge,
  advanceMerge,
  applySnapshot,
  commitSnapshot,
  createAvhd,
  deleteSnapshot,
  deleteSubtree,
  type FileEffect,
  finishMerge,
  freeGuest,
  initialSnapshotState,
  MAX_SNAPSHOTS,
  type MergeMode,
  nextMerge,
  nowImage,
  pendingMerges,
  pointVmAt,
  type SnapshotState,
  saveVm,
  shutDown,
  snapshotChildren,
  snapshotImage,
  snapshotTreeViolations,
  startMerge,
  startVm,
  takeSnapshot,
  type VmPower,
  writeGuest,
} from './snapshotTree';
import { GiB, MiB } from './units';
import {
  chainOf,
  createDisk,
  type DiskFile,
  type DiskFormat,
  markDeleted,
  type Result,
  readImage,
} from './vdisk';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.reason);
  return r;
}

function reason(r: Result<unknown>): string {
  return r.ok ? 'accepted' : r.reason;
}

function vm(
  mergeMode: MergeMode,
  opts: { vm?: VmPower; format?: DiskFormat; type?: 'fixed' | 'dynamic' | 'passthrough' } = {},
): SnapshotState {
  const format = opts.format ?? 'vhdx';
  const created = must(
    createDisk(
      {},
      {
        id: 'SQL01',
        name: format === 'vhd' ? 'SQL01.vhd' : 'SQL01.vhdx',
        format,
        type: opts.type ?? 'dynamic',
        virtualBytes: format === 'vhd' ? 64 * MiB : 1 * GiB,
      },
    ),
  );
  return initial(created.file, mergeMode, opts.vm ?? 'running');
}

function initial(base: DiskFile, mergeMode: MergeMode, power: VmPower): SnapshotState {
  return initialSnapshotState({ base, mergeMode, vm: power });
}

function write(s: SnapshotState, indices: number[], version: number): SnapshotState {
  return must(writeGuest(s, indices, version)).state;
}

function take(s: SnapshotState, at = 0): SnapshotState {
  return must(takeSnapshot(s, at)).state;
}

function fileByName(s: SnapshotState, name: string): DiskFile {
  const f = Object.values(s.files).find((x) => x.name === name);
  if (!f) throw new Error(`no file ${name}`);
  return f;
}

function states(s: SnapshotState): Record<string, string> {
  return Object.fromEntries(Object.values(s.files).map((f) => [f.name, f.state]));
}

function effects(list: readonly FileEffect[]): string[] {
  return list.map((e) => `${e.name}: ${e.effect}${e.into ? ` into ${e.into}` : ''}`);
}

/** Run every merge to its end (the VM must allow it). */
function mergeAll(s: SnapshotState): SnapshotState {
  let state = s;
  for (let guard = 0; guard < 200; guard += 1) {
    if (!state.merge) {
      if (!nextMerge(state)) return state;
      state = must(startMerge(state)).state;
    }
    const step = must(advanceMerge(state, 3));
    state = step.done ? must(finishMerge(step.state)).state : step.state;
  }
  throw new Error('merges never ended');
}

describe('taking a snapshot, step by step', () => {
  it('creates an AVHD, points the VM at it, then records the snapshot that owns the old leaf', () => {
    let s = write(vm('live'), [0, 1], 1);
    const a = must(createAvhd(s, 12));
    expect(a.state.vm).toBe('paused');
    expect(a.state.now.file).toBe('SQL01');
    expect(states(a.state)).toEqual({ 'SQL01.vhdx': 'read-only', 'SQL01_1.avhdx': 'read-only' });
    expect(reason(writeGuest(a.state, [0], 2))).toBe('The VM is not running');
    expect(snapshotTreeViolations(a.state)).toEqual([]);

    const b = must(pointVmAt(a.state));
    expect(b.state.vm).toBe('running');
    expect(b.state.now.file).toBe('SQL01_1');
    expect(states(b.state)).toEqual({ 'SQL01.vhdx': 'read-only', 'SQL01_1.avhdx': 'in use' });
    expect(b.state.order).toEqual([]);
    expect(snapshotTreeViolations(b.state)).toEqual([]);

    const c = must(commitSnapshot(b.state));
    s = c.state;
    expect(s.order).toEqual(['snapshot-1']);
    const snap = s.snapshots['snapshot-1'];
    expect(snap).toMatchObject({ name: 'Snapshot 1', parent: null, file: 'SQL01', takenAt: 12 });
    expect(snap?.savedState).not.toBeNull();
    expect(s.now.parent).toBe('snapshot-1');
    expect(snapshotImage(s, 'snapshot-1')).toEqual({ 0: 1, 1: 1 });
    expect(snapshotTreeViolations(s)).toEqual([]);

    s = take(write(s, [2], 2), 30);
    expect(s.snapshots['snapshot-2']).toMatchObject({ name: 'Snapshot 2', parent: 'snapshot-1' });
    expect(s.now.file).toBe('SQL01_2');
    expect(fileByName(s, 'SQL01_2.avhdx').parent).toBe('SQL01_1');
    expect(snapshotChildren(s, null)).toEqual(['snapshot-1']);
    expect(snapshotChildren(s, 'snapshot-1')).toEqual(['snapshot-2']);
  });

  it('names AVHDs after the base disk, .avhd for a VHD', () => {
    const s = take(vm('offline', { format: 'vhd' }));
    expect(fileByName(s, 'SQL01_1.avhd').format).toBe('vhd');
  });

  it('a snapshot of a VM that is off has no saved state, and applying it leaves the VM off', () => {
    let s = take(vm('offline', { vm: 'off' }));
    expect(s.snapshots['snapshot-1']?.savedState).toBeNull();
    s = must(startVm(s)).state;
    s = must(applySnapshot(s, 'snapshot-1')).state;
    expect(s.vm).toBe('off');
  });

  it('refuses steps out of order, a second take at once, and pass-through disks', () => {
    const s = vm('live');
    expect(reason(pointVmAt(s))).toBe('No snapshot is being taken');
    expect(reason(commitSnapshot(s))).toBe('No snapshot is being taken');
    expect(reason(abandonSnapshot(s))).toBe('No snapshot is being taken');
    const a = must(createAvhd(s, 0)).state;
    expect(reason(createAvhd(a, 0))).toBe('A snapshot is already being taken');
    expect(reason(commitSnapshot(a))).toBe('The VM must be pointed at the new AVHD first');
    expect(reason(pointVmAt(must(pointVmAt(a)).state))).toBe(
      'The VM already writes to the new AVHD',
    );
    const busy = 'A snapshot is being taken: wait until it is finished';
    expect(reason(shutDown(a))).toBe(busy);
    expect(reason(startVm(a))).toBe(busy);
    expect(reason(applySnapshot(a, 'snapshot-1'))).toBe(busy);
    expect(reason(createAvhd(vm('live', { type: 'passthrough' }), 0))).toBe(
      'Pass-through disks support no differencing disks or snapshots',
    );
  });

  it('refuses a 51st snapshot', () => {
    let s = vm('live');
    for (let i = 0; i < MAX_SNAPSHOTS; i += 1) s = take(s, i);
    expect(s.order).toHaveLength(50);
    expect(s.snapshots['snapshot-50']?.name).toBe('Snapshot 50');
    expect(reason(createAvhd(s, 99))).toBe('A VM can have at most 50 snapshots');
    expect(reason(takeSnapshot(s, 99))).toBe('A VM can have at most 50 snapshots');
    expect(snapshotTreeViolations(s)).toEqual([]);
    // Deleting one makes room again; the numbering goes on.
    s = must(deleteSnapshot(s, 'snapshot-50')).state;
    s = take(s, 100);
    expect(s.snapshots['snapshot-51']?.name).toBe('Snapshot 51');
  });

  it('a take that fails before the VM is pointed at the AVHD deletes the AVHD and resumes the VM', () => {
    const s = write(vm('live'), [0], 1);
    const a = must(createAvhd(s, 0)).state;
    const r = must(abandonSnapshot(a));
    expect(effects(r.effects)).toEqual(['SQL01.vhdx: kept', 'SQL01_1.avhdx: deleted']);
    expect(r.state.vm).toBe('running');
    expect(r.state.now.file).toBe('SQL01');
    expect(states(r.state)).toEqual({ 'SQL01.vhdx': 'in use', 'SQL01_1.avhdx': 'deleted' });
    expect(nowImage(write(r.state, [1], 2))).toEqual({ 0: 1, 1: 2 });
    expect(snapshotTreeViolations(r.state)).toEqual([]);
  });

  it('a take that fails after the VM writes to the AVHD keeps those writes; the AVHD merges back', () => {
    let s = write(vm('offline'), [0], 1);
    s = must(pointVmAt(must(createAvhd(s, 0)).state)).state;
    s = write(s, [1], 2);
    const r = must(abandonSnapshot(s));
    expect(effects(r.effects)).toEqual(['SQL01_1.avhdx: merge pending into SQL01']);
    s = r.state;
    expect(s.order).toEqual([]);
    expect(s.now.file).toBe('SQL01_1');
    expect(nowImage(s)).toEqual({ 0: 1, 1: 2 });
    expect(states(s)).toEqual({ 'SQL01.vhdx': 'read-only', 'SQL01_1.avhdx': 'merge pending' });
    // Still writable while it waits.
    s = write(s, [2], 3);
    s = mergeAll(must(shutDown(s)).state);
    expect(s.now.file).toBe('SQL01');
    expect(nowImage(s)).toEqual({ 0: 1, 1: 2, 2: 3 });
    expect(snapshotTreeViolations(s)).toEqual([]);
  });
});

describe('deleting snapshots (the poster cases)', () => {
  it('between the first snapshot and Now: the AVHD is kept and merged into its parent (2008 R2: when the VM is off)', () => {
    let s = write(vm('offline'), [0], 1);
    s = take(s);
    s = write(s, [1], 2);
    s = take(s);
    s = write(s, [2], 3);
    const r = must(deleteSnapshot(s, 'snapshot-2'));
    expect(r.removed).toEqual([
      {
        id: 'snapshot-2',
        name: 'Snapshot 2',
        config: 'snapshot-2/configuration',
        savedState: 'snapshot-2/saved-state',
      },
    ]);
    expect(effects(r.effects)).toEqual(['SQL01_2.avhdx: merge pending into SQL01_1']);
    s = r.state;
    expect(s.now.parent).toBe('snapshot-1');
    expect(states(s)).toMatchObject({
      'SQL01_1.avhdx': 'read-only',
      'SQL01_2.avhdx': 'merge pending',
    });
    expect(nextMerge(s)).toBeNull();
    expect(reason(startMerge(s))).toBe(
      'On Windows Server 2008 R2 a merge runs only while the VM is off',
    );
    s = must(shutDown(s)).state;
    expect(nextMerge(s)).toEqual({ child: 'SQL01_2', parent: 'SQL01_1' });
    s = must(startMerge(s)).state;
    expect(states(s)).toMatchObject({
      'SQL01_1.avhdx': 'merging',
      'SQL01_2.avhdx': 'merge pending',
    });
    const step = must(advanceMerge(s, 5));
    expect(step.moved).toEqual([2]);
    expect(step.done).toBe(true);
    const f = must(finishMerge(step.state));
    expect(effects(f.effects)).toEqual(['SQL01_2.avhdx: deleted']);
    s = f.state;
    expect(s.now.file).toBe('SQL01_1');
    expect(states(s)).toEqual({
      'SQL01.vhdx': 'read-only',
      'SQL01_1.avhdx': 'in use',
      'SQL01_2.avhdx': 'deleted',
    });
    expect(nowImage(s)).toEqual({ 0: 1, 1: 2, 2: 3 });
    expect(snapshotImage(s, 'snapshot-1')).toEqual({ 0: 1 });
    expect(snapshotTreeViolations(s)).toEqual([]);
  });

  it('on another branch: the AVHD is deleted at once', () => {
    let s = write(vm('live'), [0], 1);
    s = take(s); // Snapshot 1 owns SQL01
    s = write(s, [1], 2);
    s = take(s); // Snapshot 2 owns SQL01_1
    s = write(s, [2], 3);
    s = must(applySnapshot(s, 'snapshot-1')).state; // new branch under Snapshot 1
    s = must(startVm(s)).state;
    s = write(s, [3], 4);
    s = take(s); // Snapshot 3 on the new branch
    const r = must(deleteSnapshot(s, 'snapshot-2'));
    expect(effects(r.effects)).toEqual(['SQL01_1.avhdx: deleted']);
    expect(r.state.files.SQL01_1?.state).toBe('deleted');
    expect(nowImage(r.state)).toEqual({ 0: 1, 3: 4 });
    expect(pendingMerges(r.state)).toEqual([]);
    expect(snapshotTreeViolations(r.state)).toEqual([]);
  });

  it('after Now on the same branch: the AVHD is deleted at once', () => {
    let s = take(vm('live'));
    s = write(s, [1], 2);
    s = take(s);
    s = must(applySnapshot(s, 'snapshot-1')).state;
    // Snapshot 2 now lies after Now on the branch from Snapshot 1.
    const r = must(deleteSnapshot(s, 'snapshot-2'));
    expect(effects(r.effects)).toEqual(['SQL01_1.avhdx: deleted']);
    expect(snapshotTreeViolations(r.state)).toEqual([]);
  });

  it('a file two things depend on is kept; a later delete makes it mergeable', () => {
    let s = take(vm('live'));
    s = write(s, [1], 2);
    s = take(s);
    s = must(applySnapshot(s, 'snapshot-1')).state;
    // SQL01 has two children: Snapshot 2's SQL01_1 and Now's SQL01_3.
    const r = must(deleteSnapshot(s, 'snapshot-1'));
    expect(effects(r.effects)).toEqual(['SQL01.vhdx: kept']);
    expect(r.state.files.SQL01?.state).toBe('read-only');
    expect(r.state.snapshots['snapshot-2']?.parent).toBeNull();
    expect(r.state.now.parent).toBeNull();
    const r2 = must(deleteSnapshot(r.state, 'snapshot-2'));
    expect(effects(r2.effects)).toEqual([
      'SQL01_1.avhdx: deleted',
      'SQL01_3.avhdx: merge pending into SQL01',
    ]);
    expect(snapshotTreeViolations(r2.state)).toEqual([]);
  });

  it('delete subtree removes the snapshot and everything beneath it; Now moves up', () => {
    let s = take(vm('live'));
    s = take(write(s, [0], 1));
    s = take(write(s, [1], 2));
    s = write(s, [2], 3);
    const r = must(deleteSubtree(s, 'snapshot-2'));
    expect(r.removed.map((x) => x.name)).toEqual(['Snapshot 2', 'Snapshot 3']);
    expect(r.removed.map((x) => x.savedState)).toEqual([
      'snapshot-2/saved-state',
      'snapshot-3/saved-state',
    ]);
    expect(r.state.order).toEqual(['snapshot-1']);
    expect(r.state.now.parent).toBe('snapshot-1');
    expect(nowImage(r.state)).toEqual({ 0: 1, 1: 2, 2: 3 });
    expect(pendingMerges(r.state).map((m) => m.child)).toEqual(['SQL01_2', 'SQL01_3']);
    expect(snapshotTreeViolations(r.state)).toEqual([]);
    const merged = mergeAll(r.state);
    expect(chainOf(merged.files, merged.now.file)).toEqual(['SQL01_1', 'SQL01']);
    expect(nowImage(merged)).toEqual({ 0: 1, 1: 2, 2: 3 });
    expect(reason(deleteSubtree(merged, 'snapshot-9'))).toBe('There is no snapshot snapshot-9');
  });

  it('numbers keep increasing after deletes', () => {
    let s = take(take(vm('live')));
    s = must(deleteSnapshot(s, 'snapshot-2')).state;
    s = take(s);
    expect(s.order.map((id) => s.snapshots[id]?.name)).toEqual(['Snapshot 1', 'Snapshot 3']);
  });
});

describe('applying a snapshot', () => {
  it('loses the unsaved state unless a snapshot is taken first', () => {
    let s = take(write(vm('live'), [0], 1));
    s = write(s, [1], 2); // unsaved
    const lost = must(applySnapshot(s, 'snapshot-1'));
    expect(nowImage(lost.state)).toEqual({ 0: 1 });
    expect(lost.state.vm).toBe('saved');
    expect(effects(lost.effects)).toEqual(['SQL01_1.avhdx: deleted']);

    // Take first (as Hyper-V Manager offers), then apply: the state is kept in Snapshot 2.
    s = take(s);
    s = must(applySnapshot(s, 'snapshot-1')).state;
    expect(nowImage(s)).toEqual({ 0: 1 });
    s = must(applySnapshot(s, 'snapshot-2')).state;
    expect(nowImage(s)).toEqual({ 0: 1, 1: 2 });
    expect(s.now.parent).toBe('snapshot-2');
    expect(snapshotTreeViolations(s)).toEqual([]);
    expect(reason(applySnapshot(s, 'nope'))).toBe('There is no snapshot nope');
  });
});

describe('merges and power', () => {
  it('a live merge runs while the VM runs; writes to blocks already merged are mirrored', () => {
    let s = write(vm('live'), [0, 1], 1);
    s = take(s);
    s = write(s, [2, 5, 9], 2);
    s = must(deleteSnapshot(s, 'snapshot-1')).state;
    expect(nextMerge(s)).toEqual({ child: 'SQL01_1', parent: 'SQL01' });
    s = must(startMerge(s)).state;
    expect(reason(startMerge(s))).toBe('A merge is already under way');
    const step = must(advanceMerge(s, 2));
    expect(step.moved).toEqual([2, 5]);
    expect(step.done).toBe(false);
    const w = must(writeGuest(step.state, [2, 9], 3));
    expect(w.mirrored).toEqual([2]);
    expect(w.state.files.SQL01?.blocks[2]).toBe(3);
    expect(snapshotTreeViolations(w.state)).toEqual([]);
    const f = must(finishMerge(w.state));
    expect(f.state.now.file).toBe('SQL01');
    expect(f.state.files.SQL01?.state).toBe('in use');
    expect(nowImage(f.state)).toEqual({ 0: 1, 1: 1, 2: 3, 5: 2, 9: 3 });
    expect(snapshotTreeViolations(f.state)).toEqual([]);
  });

  it('offline: starting the VM abandons the merge, which restarts from zero', () => {
    let s = take(write(vm('offline'), [0], 1));
    s = write(s, [1, 2, 3], 2);
    s = must(deleteSnapshot(s, 'snapshot-1')).state;
    s = must(shutDown(s)).state;
    s = must(startMerge(s)).state;
    s = must(advanceMerge(s, 2)).state;
    expect(s.merge?.cursor).toBe(2);
    s = must(startVm(s)).state;
    expect(s.merge).toBeNull();
    expect(states(s)).toEqual({ 'SQL01.vhdx': 'read-only', 'SQL01_1.avhdx': 'merge pending' });
    expect(nowImage(s)).toEqual({ 0: 1, 1: 2, 2: 2, 3: 2 });
    s = write(s, [1], 3); // a block the abandoned merge had copied
    s = must(shutDown(s)).state;
    s = must(startMerge(s)).state;
    expect(s.merge?.cursor).toBe(0);
    s = mergeAll(s);
    expect(nowImage(s)).toEqual({ 0: 1, 1: 3, 2: 2, 3: 2 });
    expect(snapshotTreeViolations(s)).toEqual([]);
  });

  it('a host failure aborts a merge with everything intact', () => {
    let s = take(write(vm('live'), [0], 1));
    s = write(s, [1, 2], 2);
    s = must(deleteSnapshot(s, 'snapshot-1')).state;
    s = must(advanceMerge(must(startMerge(s)).state, 1)).state;
    const image = nowImage(s);
    const r = must(abortMerge(s));
    expect(r.state.merge).toBeNull();
    expect(nowImage(r.state)).toEqual(image);
    expect(nextMerge(r.state)).toEqual({ child: 'SQL01_1', parent: 'SQL01' });
    expect(reason(abortMerge(r.state))).toBe('No merge is under way');
    expect(reason(advanceMerge(r.state, 1))).toBe('No merge is under way');
    expect(reason(finishMerge(r.state))).toBe('No merge is under way');
  });

  it('power changes name what is refused', () => {
    const s = vm('live', { vm: 'off' });
    expect(reason(shutDown(s))).toBe('The VM is already off');
    expect(reason(writeGuest(s, [0], 1))).toBe('The VM is not running');
    expect(reason(freeGuest(s, [0]))).toBe('The VM is not running');
    expect(reason(saveVm(s))).toBe('Only a running VM can be saved');
    const on = must(startVm(s)).state;
    expect(reason(startVm(on))).toBe('The VM is already running');
    expect(must(saveVm(on)).state.vm).toBe('saved');
    expect(reason(startMerge(on))).toBe('No merge is pending');
  });

  it('the checker names broken rules', () => {
    let s = take(write(vm('live'), [0], 1));
    expect(snapshotTreeViolations(s)).toEqual([]);
    // Writing into a snapshot's frozen file changes its image.
    const base = s.files.SQL01 as DiskFile;
    const tampered = { ...s, files: { ...s.files, SQL01: { ...base, blocks: { 0: 9 } } } };
    expect(snapshotTreeViolations(tampered)).toContain(
      "Snapshot 1's disk changed after it was taken",
    );
    // Deleting a file Now reads through.
    const broken = { ...s, files: markDeleted(s.files, 'SQL01') };
    expect(snapshotTreeViolations(broken)).toContain('Now reads through SQL01, which is deleted');
    // A file nothing depends on left behind.
    s = {
      ...s,
      files: {
        ...s.files,
        stray: { ...base, id: 'stray', name: 'stray.vhdx', state: 'read-only' },
      },
    };
    expect(snapshotTreeViolations(s)).toContain('stray.vhdx is kept though nothing depends on it');
  });
});

// ---------------------------------------------------------------------------------------------
// Property test against a plain reference model.

type Op =
  | { kind: 'write'; indices: number[] }
  | { kind: 'free'; indices: number[] }
  | { kind: 'take'; stages: 0 | 1 | 2 | 3; between: number[] }
  | { kind: 'apply'; pick: number; takeFirst: boolean }
  | { kind: 'delete'; pick: number }
  | { kind: 'deleteSubtree'; pick: number }
  | { kind: 'shutdown' }
  | { kind: 'start' }
  | { kind: 'save' }
  | { kind: 'merge'; blocks: number; finish: boolean }
  | { kind: 'abort' };

const indicesArb = fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 5 });
const pickArb = fc.nat({ max: 100 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('write' as const), indices: indicesArb }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('free' as const), indices: indicesArb }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('take' as const),
      stages: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 3 as const),
      between: fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 3 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      pick: pickArb,
      takeFirst: fc.boolean(),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: pickArb }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('deleteSubtree' as const), pick: pickArb }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('shutdown' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('start' as const) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('save' as const) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      blocks: fc.integer({ min: 0, max: 3 }),
      finish: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('abort' as const) }), weight: 1 },
);

/** The reference: the VM's logical disk, and each snapshot's image, parent and power when taken. */
interface Reference {
  disk: Map<number, number>;
  power: VmPower;
  nowParent: string | null;
  snaps: Map<string, { image: Map<number, number>; parent: string | null; power: VmPower }>;
}

const asRecord = (m: Map<number, number>) => Object.fromEntries([...m].sort((a, b) => a[0] - b[0]));

/** Drives the model and the reference side by side, checking every step. Test-only mutable state. */
function harness(start: SnapshotState) {
  let version = 0;
  let state = start;
  const ref: Reference = { disk: new Map(), power: start.vm, nowParent: null, snaps: new Map() };

  /** Check everything the reference knows, after a step from `before`. */
  const check = (before: SnapshotState, label: string) => {
    const s = state;
    const where = `after ${label}`;
    // 4. The checker finds nothing.
    expect(snapshotTreeViolations(s), where).toEqual([]);
    // 1. The VM reads its logical disk.
    expect(nowImage(s), where).toEqual(asRecord(ref.disk));
    expect(s.vm, where).toBe(ref.power);
    expect(s.now.parent, where).toBe(ref.nowParent);
    // 2. Every kept snapshot reads what it held when taken; the tree matches.
    expect([...s.order].sort(), where).toEqual([...ref.snaps.keys()].sort());
    for (const [id, r] of ref.snaps) {
      expect(snapshotImage(s, id), `${where}: ${id}`).toEqual(asRecord(r.image));
      expect(s.snapshots[id]?.parent, where).toBe(r.parent);
    }
    // 3. Nothing a reader depends on is deleted...
    const readers = [s.now.file, ...Object.values(s.snapshots).map((x) => x.file)];
    for (const leaf of readers) {
      for (const id of chainOf(s.files, leaf))
        expect(s.files[id]?.state, where).not.toBe('deleted');
    }
    // ...and a read-only file is written only as the parent of a merge (views checked above).
    const mergeParents = new Set([before.merge?.parent, s.merge?.parent]);
    for (const f of Object.values(before.files)) {
      const after = s.files[f.id];
      if (f.state === 'deleted' || f.state === 'in use' || after?.state === 'deleted') continue;
      if (f.id === before.now.file && f.state === 'merge pending') continue; // Now's leaf, writable
      if (!mergeParents.has(f.id)) expect(after?.blocks, `${where}: ${f.name}`).toEqual(f.blocks);
    }
  };

  const step = (
    label: string,
    r: Result<{ state: SnapshotState; effects: readonly FileEffect[] }>,
  ) => {
    const before = state;
    const next = must(r);
    for (const e of next.effects) {
      const f = next.state.files[e.file];
      if (e.effect === 'deleted') expect(f?.state).toBe('deleted');
      if (e.effect === 'merge pending') expect(f?.state).toMatch(/^(merge pending|merging)$/);
    }
    state = next.state;
    check(before, label);
  };

  const guestWrite = (indices: number[], free: boolean) => {
    const v = free ? 0 : ++version;
    const r = writeGuest(state, indices, v);
    if (ref.power !== 'running') {
      expect(reason(r)).toBe('The VM is not running');
      return;
    }
    for (const i of indices) {
      if (v === 0) ref.disk.delete(i);
      else ref.disk.set(i, v);
    }
    step(free ? 'free' : 'write', r);
  };

  /** Take a snapshot through `stages` of its steps (3: all), abandoning it if it stops short. */
  const take = (stages: 0 | 1 | 2 | 3, between: number[]) => {
    if (stages === 0) return; // failed before anything happened
    const power = ref.power;
    if (power === 'running') ref.power = 'paused';
    step('createAvhd', createAvhd(state, version));
    ref.power = power;
    if (stages === 1) {
      step('abandonSnapshot', abandonSnapshot(state));
      return;
    }
    step('pointVmAt', pointVmAt(state));
    const image = new Map(ref.disk);
    // The VM runs again before the snapshot is stored; these writes go to the new AVHD.
    if (between.length > 0) guestWrite(between, false);
    if (stages === 2) {
      step('abandonSnapshot', abandonSnapshot(state));
      return;
    }
    const r = commitSnapshot(state);
    const order = must(r).state.order;
    const id = order[order.length - 1] as string;
    expect(ref.snaps.has(id)).toBe(false);
    ref.snaps.set(id, { image, parent: ref.nowParent, power });
    ref.nowParent = id;
    step('commitSnapshot', r);
  };

  const pick = (n: number): string | undefined =>
    state.order.length === 0 ? undefined : state.order[n % state.order.length];

  const remove = (ids: Set<string>) => {
    const lift = (p: string | null): string | null => {
      let q = p;
      while (q !== null && ids.has(q)) q = ref.snaps.get(q)?.parent ?? null;
      return q;
    };
    for (const [id, r] of ref.snaps) if (!ids.has(id)) r.parent = lift(r.parent);
    ref.nowParent = lift(ref.nowParent);
    for (const id of ids) ref.snaps.delete(id);
  };

  const subtree = (id: string): Set<string> => {
    const out = new Set<string>();
    for (const k of ref.snaps.keys()) {
      let p: string | null = k;
      while (p !== null && p !== id) p = ref.snaps.get(p)?.parent ?? null;
      if (p === id) out.add(k);
    }
    return out;
  };

  const run = (op: Op) => {
    const s = state;
    switch (op.kind) {
      case 'write':
      case 'free':
        guestWrite(op.indices, op.kind === 'free');
        return;
      case 'take':
        take(op.stages, op.between);
        return;
      case 'apply': {
        if (op.takeFirst) take(3, []);
        const id = pick(op.pick);
        if (!id) {
          expect(reason(applySnapshot(state, 'none'))).toBe('There is no snapshot none');
          return;
        }
        const r = ref.snaps.get(id);
        if (!r) throw new Error('reference lost a snapshot');
        ref.disk = new Map(r.image);
        ref.power = r.power === 'off' ? 'off' : 'saved';
        ref.nowParent = id;
        step('apply', applySnapshot(state, id));
        return;
      }
      case 'delete':
      case 'deleteSubtree': {
        const id = pick(op.pick);
        if (!id) return;
        const ids = op.kind === 'delete' ? new Set([id]) : subtree(id);
        remove(ids);
        const r = op.kind === 'delete' ? deleteSnapshot(s, id) : deleteSubtree(s, id);
        expect(new Set(must(r).removed.map((x) => x.id))).toEqual(ids);
        step(op.kind, r);
        return;
      }
      case 'shutdown':
        if (ref.power === 'off') expect(reason(shutDown(s))).toBe('The VM is already off');
        else {
          ref.power = 'off';
          step('shutdown', shutDown(s));
        }
        return;
      case 'start':
        if (ref.power === 'running') expect(reason(startVm(s))).toBe('The VM is already running');
        else {
          ref.power = 'running';
          step('start', startVm(s));
          if (s.mergeMode === 'offline') expect(state.merge).toBeNull();
        }
        return;
      case 'save':
        if (ref.power !== 'running')
          expect(reason(saveVm(s))).toBe('Only a running VM can be saved');
        else {
          ref.power = 'saved';
          step('save', saveVm(s));
        }
        return;
      case 'merge': {
        if (!s.merge) {
          const allowed = s.mergeMode === 'live' || s.vm === 'off';
          const r = startMerge(s);
          expect(r.ok).toBe(allowed && pendingMerges(s).length > 0);
          if (!r.ok) return;
          step('startMerge', r);
        }
        const cursor = state.merge?.cursor ?? 0;
        const adv = must(advanceMerge(state, op.blocks));
        expect(adv.moved.length).toBeLessThanOrEqual(op.blocks);
        expect(adv.state.merge?.cursor).toBe(cursor + adv.moved.length);
        step('advanceMerge', adv);
        if (op.finish && adv.done) step('finishMerge', finishMerge(state));
        return;
      }
      case 'abort':
        if (!s.merge) expect(reason(abortMerge(s))).toBe('No merge is under way');
        else step('abortMerge', abortMerge(s));
        return;
    }
  };

  /** Delete everything, power off and run every merge to its end. */
  const collapse = () => {
    while (state.order.length > 0) {
      const id = state.order[0] as string;
      remove(subtree(id));
      step('deleteSubtree', deleteSubtree(state, id));
    }
    if (ref.power !== 'off') {
      ref.power = 'off';
      step('shutdown', shutDown(state));
    }
    for (let guard = 0; guard < 500; guard += 1) {
      if (!state.merge) {
        if (!nextMerge(state)) break;
        step('startMerge', startMerge(state));
      }
      const adv = must(advanceMerge(state, 2));
      step('advanceMerge', adv);
      if (adv.done) step('finishMerge', finishMerge(state));
    }
  };

  return { run, collapse, check, state: () => state, ref };
}

const scenarioArb = fc.record({
  mode: fc.constantFrom<MergeMode>('offline', 'live'),
  format: fc.constantFrom<DiskFormat>('vhd', 'vhdx'),
  type: fc.constantFrom('fixed' as const, 'dynamic' as const),
  power: fc.constantFrom<VmPower>('running', 'off'),
  ops: fc.array(opArb, { minLength: 1, maxLength: 40, size: 'max' }),
});

describe('snapshot tree against a reference model', () => {
  it('after any sequence of operations every reader sees the right disk and no rule is broken', () => {
    fc.assert(
      fc.property(scenarioArb, ({ mode, format, type, power, ops }) => {
        const h = harness(vm(mode, { format, type, vm: power }));
        const baseType = h.state().files[h.state().base]?.type;
        h.check(h.state(), 'start');
        for (const op of ops) h.run(op);
        // 5. Everything deleted and merged with the VM off: one base file holding the VM's disk.
        h.collapse();
        const s = h.state();
        const live = Object.values(s.files).filter((f) => f.state !== 'deleted');
        expect(live.map((f) => f.id)).toEqual([s.base]);
        expect(s.now.file).toBe(s.base);
        expect(live[0]?.type).toBe(baseType);
        expect(live[0]?.state).toBe('in use');
        expect(readImage(s.files, s.base)).toEqual(asRecord(h.ref.disk));
        expect(pendingMerges(s)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('live merges under a stream of guest writes keep every reader and end with the newest data', () => {
    const liveOp: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: fc.record({ kind: fc.constant('write' as const), indices: indicesArb }),
        weight: 6,
      },
      {
        arbitrary: fc.record({ kind: fc.constant('free' as const), indices: indicesArb }),
        weight: 1,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant('take' as const),
          stages: fc.constantFrom(2 as const, 3 as const),
          between: fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 3 }),
        }),
        weight: 2,
      },
      { arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: pickArb }), weight: 2 },
      {
        arbitrary: fc.record({
          kind: fc.constant('merge' as const),
          blocks: fc.integer({ min: 0, max: 2 }),
          finish: fc.constant(true),
        }),
        weight: 5,
      },
      { arbitrary: fc.record({ kind: fc.constant('abort' as const) }), weight: 1 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom<DiskFormat>('vhd', 'vhdx'),
        fc.array(liveOp, { minLength: 1, maxLength: 40, size: 'max' }),
        (format, ops) => {
          const h = harness(vm('live', { format, vm: 'running' }));
          for (const op of ops) h.run(op);
          h.collapse();
          const s = h.state();
          expect(Object.values(s.files).filter((f) => f.state !== 'deleted').length).toBe(1);
          expect(readImage(s.files, s.base)).toEqual(asRecord(h.ref.disk));
        },
      ),
      { numRuns: 200 },
    );
  });
});
