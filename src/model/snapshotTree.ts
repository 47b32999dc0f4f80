/**
 * A VM's snapshot tree on top of its virtual disk files (CATALOG 3 and "Numbers and rules for
 * storage, snapshots and availability"): taking a snapshot in the poster's steps, deleting one or a
 * subtree, applying one, and the merges that fold deleted snapshots' AVHDs into their parents,
 * offline (Windows Server 2008 R2: only while the VM is off, restarted from zero if the VM starts)
 * or live (2012: while the VM runs, guest writes mirrored into the parent).
 *
 * The disk files live in a vdisk `DiskSet`. A snapshot owns the file that was the running state's
 * leaf when it was taken (frozen read-only from then on); "Now" owns the leaf the running VM writes
 * to. After every change each file is judged by what depends on it: its owners (snapshots frozen at
 * it, Now if it is Now's leaf, a take under way) and its children:
 *  - no owner and no child: deleted at once (kept in the set with state 'deleted');
 *  - no owner and exactly one child C: C is 'merge pending' (its blocks will move into the file;
 *    when the merge finishes, C's owners and children are re-pointed at the file and C is deleted);
 *  - anything else: kept as it is.
 * File states are derived from this judgement after every operation: 'merging' (the parent of the
 * merge under way), 'merge pending' (a child waiting to be or being merged), 'in use' (Now's leaf),
 * else 'read-only'. Pure functions over plain immutable data.
 */
import {
  addDifferencing,
  chainOf,
  type DiskFile,
  type DiskSet,
  type FileState,
  finishMerge as finishDiskMerge,
  markDeleted,
  mergeOrder,
  mergeStep,
  type Refusal,
  type Result,
  readImage,
  writeBlocks,
  writeDuringMerge,
} from './vdisk';

/** A VM can have at most this many snapshots. */
export const MAX_SNAPSHOTS = 50;

export type VmPower = 'running' | 'off' | 'saved' | 'paused';
/** 'offline': Windows Server 2008 R2 (merge only while the VM is off); 'live': 2012 (merge while it runs). */
export type MergeMode = 'offline' | 'live';

export interface Snapshot {
  readonly id: string;
  /** "Snapshot 1", "Snapshot 2", ...: the number keeps increasing, deleted numbers are not reused. */
  readonly name: string;
  /** The snapshot under which this one was taken (its parent in the tree), or null. */
  readonly parent: string | null;
  /** The disk file frozen for this snapshot (re-pointed to the parent file when it is merged). */
  readonly file: string;
  /** Sim seconds at which it was taken. */
  readonly takenAt: number;
  /** The VM's power when taken: applying the snapshot leaves the VM 'saved', or 'off' if it was off. */
  readonly power: VmPower;
  /** Id of the snapshot's copy of the VM configuration. */
  readonly config: string;
  /** Id of its saved state (.vsv, .bin); null when the VM was off. */
  readonly savedState: string | null;
  /** Fingerprint of the disk image when taken (the invariant checker proves it never changes). */
  readonly fingerprint: number;
}

export interface MergeUnderWay {
  /** The file whose blocks move. */
  readonly child: string;
  /** The file they move into. */
  readonly parent: string;
  /** Blocks of the child's mergeOrder copied so far. */
  readonly cursor: number;
}

export interface TakeUnderWay {
  /** 'created': the new AVHD exists, the VM is paused on the old leaf; 'pointed': the VM writes to the AVHD. */
  readonly stage: 'created' | 'pointed';
  readonly avhd: string;
  readonly oldLeaf: string;
  /** The VM's power before the take (restored when the VM resumes). */
  readonly power: VmPower;
  readonly at: number;
}

export interface SnapshotState {
  readonly files: DiskSet;
  readonly snapshots: Readonly<Record<string, Snapshot>>;
  /** Snapshot ids in creation order. */
  readonly order: readonly string[];
  /** The running state: the snapshot it hangs under and the leaf file it writes to. */
  readonly now: { readonly parent: string | null; readonly file: string };
  readonly vm: VmPower;
  readonly mergeMode: MergeMode;
  readonly merge: MergeUnderWay | null;
  readonly taking: TakeUnderWay | null;
  /** Id of the VM's base disk (the root of every chain). */
  readonly base: string;
  readonly nextSnapshot: number;
  readonly nextFile: number;
}

/** What an operation did to a file: deleted at once, its blocks now waiting to merge into their parent, or left alone. */
export interface FileEffect {
  readonly file: string;
  readonly name: string;
  readonly effect: 'deleted' | 'merge pending' | 'kept';
  /** For 'merge pending': the file the blocks will move into. */
  readonly into?: string;
}

/** A snapshot removed by a delete, with its configuration and saved state (removed at once). */
export interface RemovedSnapshot {
  readonly id: string;
  readonly name: string;
  readonly config: string;
  readonly savedState: string | null;
}

export type TreeResult = Result<{ state: SnapshotState; effects: readonly FileEffect[] }>;
export type DeleteResult = Result<{
  state: SnapshotState;
  effects: readonly FileEffect[];
  removed: readonly RemovedSnapshot[];
}>;
export type AdvanceResult = Result<{
  state: SnapshotState;
  effects: readonly FileEffect[];
  /** Block indices copied by this step, in order (for the blocks-moving picture). */
  moved: readonly number[];
  /** Every block of the child is in the parent: finishMerge can run. */
  done: boolean;
}>;
export type WriteResult = Result<{
  state: SnapshotState;
  effects: readonly FileEffect[];
  /** Blocks also written into the parent because a live merge had already copied them. */
  mirrored: readonly number[];
}>;

function refuse(reason: string): Refusal {
  return { ok: false, reason };
}

const TAKING = 'A snapshot is being taken: wait until it is finished';

/** A fingerprint of a disk image (FNV-1a over its sorted blocks). */
export function imageFingerprint(image: Readonly<Record<number, number>>): number {
  let h = 0x811c9dc5;
  for (const key of Object.keys(image)) {
    h = Math.imul(h ^ Number(key), 0x01000193) >>> 0;
    h = Math.imul(h ^ (image[Number(key)] as number), 0x01000193) >>> 0;
  }
  return h;
}

export interface InitialSnapshotState {
  /** The VM's disk (fixed, dynamic or pass-through; no parent). */
  base: DiskFile;
  mergeMode: MergeMode;
  vm?: VmPower;
}

/** A VM with no snapshots: Now writes to its base disk. */
export function initialSnapshotState(input: InitialSnapshotState): SnapshotState {
  const base: DiskFile = { ...input.base, parent: null, state: 'in use' };
  return {
    files: { [base.id]: base },
    snapshots: {},
    order: [],
    now: { parent: null, file: base.id },
    vm: input.vm ?? 'off',
    mergeMode: input.mergeMode,
    merge: null,
    taking: null,
    base: base.id,
    nextSnapshot: 1,
    nextFile: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Dependencies and the judgement of files.

interface Dependents {
  owners: Map<string, number>;
  children: Map<string, string[]>;
}

function dependentsOf(state: SnapshotState): Dependents {
  const owners = new Map<string, number>();
  const children = new Map<string, string[]>();
  const own = (id: string) => owners.set(id, (owners.get(id) ?? 0) + 1);
  for (const s of Object.values(state.snapshots)) own(s.file);
  own(state.now.file);
  if (state.taking)
    own(state.taking.stage === 'created' ? state.taking.avhd : state.taking.oldLeaf);
  for (const f of Object.values(state.files)) {
    if (f.state === 'deleted' || f.parent === null) continue;
    children.set(f.parent, [...(children.get(f.parent) ?? []), f.id]);
  }
  return { owners, children };
}

function pendingParent(state: SnapshotState, deps: Dependents, id: string): string | null {
  const file = state.files[id];
  if (!file || file.state === 'deleted' || file.parent === null) return null;
  const p = file.parent;
  return (deps.owners.get(p) ?? 0) === 0 && (deps.children.get(p) ?? []).length === 1 ? p : null;
}

/** Every merge waiting to run, in file order: the child whose blocks move and the parent they move into. */
export function pendingMerges(state: SnapshotState): { child: string; parent: string }[] {
  const deps = dependentsOf(state);
  const out: { child: string; parent: string }[] = [];
  for (const f of Object.values(state.files)) {
    const parent = pendingParent(state, deps, f.id);
    if (parent !== null) out.push({ child: f.id, parent });
  }
  return out;
}

function derivedState(state: SnapshotState, deps: Dependents, id: string): FileState {
  const file = state.files[id] as DiskFile;
  if (file.state === 'deleted') return 'deleted';
  if (state.merge?.parent === id) return 'merging';
  if (pendingParent(state, deps, id) !== null) return 'merge pending';
  if (state.now.file === id && (deps.children.get(id) ?? []).length === 0) return 'in use';
  return 'read-only';
}

/**
 * Judge every file until nothing changes (delete what nothing depends on), drop a merge that can no
 * longer run, derive the files' states, and list what happened to files compared with `before`.
 */
function settle(
  before: SnapshotState,
  after: SnapshotState,
  touched: readonly string[] = [],
): { state: SnapshotState; effects: FileEffect[] } {
  let state = after;
  for (;;) {
    const deps = dependentsOf(state);
    let files = state.files;
    for (const f of Object.values(state.files)) {
      if (f.state === 'deleted') continue;
      if ((deps.owners.get(f.id) ?? 0) === 0 && (deps.children.get(f.id) ?? []).length === 0) {
        files = markDeleted(files, f.id);
      }
    }
    if (files === state.files) break;
    state = { ...state, files };
  }
  const deps = dependentsOf(state);
  const m = state.merge;
  if (
    m !== null &&
    (pendingParent(state, deps, m.child) !== m.parent ||
      (state.mergeMode === 'offline' && state.vm !== 'off'))
  ) {
    state = { ...state, merge: null };
  }
  const files: Record<string, DiskFile> = {};
  for (const f of Object.values(state.files)) {
    const s = derivedState(state, deps, f.id);
    files[f.id] = s === f.state ? f : { ...f, state: s };
  }
  state = { ...state, files };

  const beforeDeps = dependentsOf(before);
  const effects: FileEffect[] = [];
  for (const f of Object.values(state.files)) {
    const was = before.files[f.id];
    if (f.state === 'deleted') {
      if (was?.state !== 'deleted') effects.push({ file: f.id, name: f.name, effect: 'deleted' });
      continue;
    }
    const into = pendingParent(state, deps, f.id);
    const wasPending = was !== undefined && pendingParent(before, beforeDeps, f.id) !== null;
    if (into !== null && (!wasPending || touched.includes(f.id))) {
      effects.push({ file: f.id, name: f.name, effect: 'merge pending', into });
    } else if (touched.includes(f.id)) {
      effects.push({ file: f.id, name: f.name, effect: 'kept' });
    }
  }
  // A touched file whose child now waits to merge into it is that merge's target, not "kept".
  const targets = new Set(effects.filter((e) => e.effect === 'merge pending').map((e) => e.into));
  return { state, effects: effects.filter((e) => e.effect !== 'kept' || !targets.has(e.file)) };
}

function ok(
  before: SnapshotState,
  after: SnapshotState,
  touched: readonly string[] = [],
): { ok: true; state: SnapshotState; effects: FileEffect[] } {
  return { ok: true, ...settle(before, after, touched) };
}

// ---------------------------------------------------------------------------------------------
// Taking a snapshot, in the poster's steps.

function avhdName(state: SnapshotState, n: number): string {
  const base = state.files[state.base] as DiskFile;
  const stem = base.name.replace(/\.[^.]*$/, '');
  return `${stem}_${n}.${base.format === 'vhd' ? 'avhd' : 'avhdx'}`;
}

/** Take, step 1-2: pause a running VM and create a new AVHD as a child of Now's leaf (not yet in use). */
export function createAvhd(state: SnapshotState, at: number, name?: string): TreeResult {
  if (state.taking) return refuse('A snapshot is already being taken');
  if (state.order.length >= MAX_SNAPSHOTS) return refuse('A VM can have at most 50 snapshots');
  const n = state.nextFile;
  const id = `${state.base}_${n}`;
  const added = addDifferencing(state.files, state.now.file, id, name ?? avhdName(state, n));
  if (!added.ok) return added;
  const after: SnapshotState = {
    ...state,
    files: added.set,
    vm: state.vm === 'running' ? 'paused' : state.vm,
    taking: { stage: 'created', avhd: id, oldLeaf: state.now.file, power: state.vm, at },
    nextFile: n + 1,
  };
  return ok(state, after);
}

/** Take, steps 4-5: point the VM at the new AVHD (the old leaf is frozen read-only) and resume it. */
export function pointVmAt(state: SnapshotState): TreeResult {
  const t = state.taking;
  if (!t) return refuse('No snapshot is being taken');
  if (t.stage !== 'created') return refuse('The VM already writes to the new AVHD');
  const after: SnapshotState = {
    ...state,
    now: { ...state.now, file: t.avhd },
    vm: t.power,
    taking: { ...t, stage: 'pointed' },
  };
  return ok(state, after);
}

/** Take, step 7: the snapshot exists (configuration, saved state, and the old leaf as its disk); Now hangs under it. */
export function commitSnapshot(state: SnapshotState, name?: string): TreeResult {
  const t = state.taking;
  if (!t) return refuse('No snapshot is being taken');
  if (t.stage !== 'pointed') return refuse('The VM must be pointed at the new AVHD first');
  if (state.order.length >= MAX_SNAPSHOTS) return refuse('A VM can have at most 50 snapshots');
  const n = state.nextSnapshot;
  const id = `snapshot-${n}`;
  const snapshot: Snapshot = {
    id,
    name: name ?? `Snapshot ${n}`,
    parent: state.now.parent,
    file: t.oldLeaf,
    takenAt: t.at,
    power: t.power,
    config: `${id}/configuration`,
    savedState: t.power === 'off' ? null : `${id}/saved-state`,
    fingerprint: imageFingerprint(readImage(state.files, t.oldLeaf)),
  };
  const after: SnapshotState = {
    ...state,
    snapshots: { ...state.snapshots, [id]: snapshot },
    order: [...state.order, id],
    now: { ...state.now, parent: id },
    taking: null,
    nextSnapshot: n + 1,
  };
  return ok(state, after);
}

/**
 * A take that fails part-way (storage fails). Before the VM was pointed at the new AVHD, the AVHD is
 * deleted and the VM resumes on its old leaf. After, the VM keeps writing to the AVHD (no guest write
 * is lost) and the old leaf, owned by nothing now, gets the AVHD merged into it.
 */
export function abandonSnapshot(state: SnapshotState): TreeResult {
  const t = state.taking;
  if (!t) return refuse('No snapshot is being taken');
  const after: SnapshotState =
    t.stage === 'created' ? { ...state, taking: null, vm: t.power } : { ...state, taking: null };
  return ok(state, after, [t.avhd, t.oldLeaf]);
}

/** Take a whole snapshot at once (createAvhd, pointVmAt, commitSnapshot). */
export function takeSnapshot(state: SnapshotState, at: number, name?: string): TreeResult {
  const a = createAvhd(state, at);
  if (!a.ok) return a;
  const b = pointVmAt(a.state);
  if (!b.ok) return b;
  const c = commitSnapshot(b.state, name);
  if (!c.ok) return c;
  return { ok: true, state: c.state, effects: [...a.effects, ...b.effects, ...c.effects] };
}

// ---------------------------------------------------------------------------------------------
// Deleting and applying.

function removeSnapshots(state: SnapshotState, ids: ReadonlySet<string>): DeleteResult {
  const lift = (p: string | null): string | null => {
    let q = p;
    while (q !== null && ids.has(q)) q = state.snapshots[q]?.parent ?? null;
    return q;
  };
  const snapshots: Record<string, Snapshot> = {};
  for (const s of Object.values(state.snapshots)) {
    if (!ids.has(s.id)) snapshots[s.id] = { ...s, parent: lift(s.parent) };
  }
  const removed: RemovedSnapshot[] = state.order
    .filter((id) => ids.has(id))
    .map((id) => {
      const s = state.snapshots[id] as Snapshot;
      return { id, name: s.name, config: s.config, savedState: s.savedState };
    });
  const after: SnapshotState = {
    ...state,
    snapshots,
    order: state.order.filter((id) => !ids.has(id)),
    now: { ...state.now, parent: lift(state.now.parent) },
  };
  const touched = [...ids].map((id) => state.snapshots[id]?.file as string);
  return { ...ok(state, after, touched), removed };
}

/** Delete a snapshot: its configuration and saved state go at once; its files are judged by what depends on them. */
export function deleteSnapshot(state: SnapshotState, id: string): DeleteResult {
  if (state.taking) return refuse(TAKING);
  if (!state.snapshots[id]) return refuse(`There is no snapshot ${id}`);
  return removeSnapshots(state, new Set([id]));
}

/** The snapshot and every snapshot beneath it in the tree. */
export function subtreeOf(state: SnapshotState, id: string): string[] {
  const out = new Set<string>([id]);
  for (const s of state.order) {
    let p: string | null = s;
    while (p !== null && !out.has(p)) p = state.snapshots[p]?.parent ?? null;
    if (p !== null) out.add(s);
  }
  return state.order.filter((s) => out.has(s));
}

/** Delete a snapshot and everything beneath it; Now (never deleted) moves up to the subtree's parent if it was inside. */
export function deleteSubtree(state: SnapshotState, id: string): DeleteResult {
  if (state.taking) return refuse(TAKING);
  if (!state.snapshots[id]) return refuse(`There is no snapshot ${id}`);
  return removeSnapshots(state, new Set(subtreeOf(state, id)));
}

/**
 * Apply a snapshot: Now moves under it, writing to a new AVHD child of its file; the running state's
 * unsaved data is lost (its leaf is judged, usually deleted at once). The VM is left saved at the
 * snapshot's moment (off if the snapshot was taken while it was off). To keep the current state,
 * take a snapshot first.
 */
export function applySnapshot(state: SnapshotState, id: string, name?: string): TreeResult {
  if (state.taking) return refuse(TAKING);
  const s = state.snapshots[id];
  if (!s) return refuse(`There is no snapshot ${id}`);
  const n = state.nextFile;
  const fileId = `${state.base}_${n}`;
  const added = addDifferencing(state.files, s.file, fileId, name ?? avhdName(state, n));
  if (!added.ok) return added;
  const oldLeaf = state.now.file;
  const after: SnapshotState = {
    ...state,
    files: added.set,
    now: { parent: id, file: fileId },
    vm: s.power === 'off' ? 'off' : 'saved',
    nextFile: n + 1,
  };
  return ok(state, after, [oldLeaf]);
}

// ---------------------------------------------------------------------------------------------
// Merges.

/** The pending merge that can start now (none while one runs; offline mode: only with the VM off). */
export function nextMerge(state: SnapshotState): { child: string; parent: string } | null {
  if (state.merge) return null;
  if (state.mergeMode === 'offline' && state.vm !== 'off') return null;
  return pendingMerges(state)[0] ?? null;
}

/** Start the next pending merge at cursor 0 (its parent's state becomes 'merging'). */
export function startMerge(state: SnapshotState): TreeResult {
  if (state.merge) return refuse('A merge is already under way');
  if (state.mergeMode === 'offline' && state.vm !== 'off') {
    return refuse('On Windows Server 2008 R2 a merge runs only while the VM is off');
  }
  const next = nextMerge(state);
  if (!next) return refuse('No merge is pending');
  return ok(state, { ...state, merge: { ...next, cursor: 0 } });
}

/** Copy the next `blocks` blocks of the merge under way into its parent (no reader's view changes). */
export function advanceMerge(state: SnapshotState, blocks: number): AdvanceResult {
  const m = state.merge;
  if (!m) return refuse('No merge is under way');
  const order = mergeOrder(state.files, m.child);
  const cursor = Math.min(order.length, m.cursor + Math.max(0, Math.floor(blocks)));
  const step = mergeStep(state.files, m.child, cursor, m.cursor);
  if (!step.ok) return step;
  const after: SnapshotState = { ...state, files: step.set, merge: { ...m, cursor } };
  return {
    ...ok(state, after),
    moved: order.slice(Math.min(m.cursor, cursor), cursor),
    done: cursor >= order.length,
  };
}

/**
 * Finish the merge under way: the blocks from the cursor on are copied (those before it were
 * copied, and kept current by mirrored writes), the child's owners (snapshots, Now, a take under
 * way) and children are re-pointed at the parent, and the child is deleted.
 */
export function finishMerge(state: SnapshotState): TreeResult {
  const m = state.merge;
  if (!m) return refuse('No merge is under way');
  const done = finishDiskMerge(state.files, m.child, m.cursor);
  if (!done.ok) return done;
  const to = (id: string) => (id === m.child ? m.parent : id);
  const snapshots: Record<string, Snapshot> = {};
  for (const s of Object.values(state.snapshots)) snapshots[s.id] = { ...s, file: to(s.file) };
  const t = state.taking;
  const after: SnapshotState = {
    ...state,
    files: done.set,
    snapshots,
    now: { ...state.now, file: to(state.now.file) },
    taking: t ? { ...t, avhd: to(t.avhd), oldLeaf: to(t.oldLeaf) } : null,
    merge: null,
  };
  return ok(state, after);
}

/** The merge stops (host failure, or the VM started in offline mode): nothing is lost, it stays pending and restarts from block 0. */
export function abortMerge(state: SnapshotState): TreeResult {
  if (!state.merge) return refuse('No merge is under way');
  return ok(state, { ...state, merge: null });
}

// ---------------------------------------------------------------------------------------------
// Power and guest writes.

/** Shut the VM down (from running, paused or saved). */
export function shutDown(state: SnapshotState): TreeResult {
  if (state.taking) return refuse(TAKING);
  if (state.vm === 'off') return refuse('The VM is already off');
  return ok(state, { ...state, vm: 'off' });
}

/** Start (or resume) the VM; in offline mode this abandons a merge under way. */
export function startVm(state: SnapshotState): TreeResult {
  if (state.taking) return refuse(TAKING);
  if (state.vm === 'running') return refuse('The VM is already running');
  return ok(state, { ...state, vm: 'running' });
}

/** Save the running VM (its memory goes to disk; it stops running). */
export function saveVm(state: SnapshotState): TreeResult {
  if (state.taking) return refuse(TAKING);
  if (state.vm !== 'running') return refuse('Only a running VM can be saved');
  return ok(state, { ...state, vm: 'saved' });
}

/** The running VM writes `version` at `indices`: into Now's leaf, mirrored into its parent during a live merge of that leaf. */
export function writeGuest(
  state: SnapshotState,
  indices: readonly number[],
  version: number,
): WriteResult {
  if (state.vm !== 'running') return refuse('The VM is not running');
  const m = state.merge;
  if (m && m.child === state.now.file) {
    const w = writeDuringMerge(state.files, state.now.file, indices, version, m.cursor);
    if (!w.ok) return w;
    return { ...ok(state, { ...state, files: w.set }), mirrored: w.mirrored };
  }
  const w = writeBlocks(state.files, state.now.file, indices, version);
  if (!w.ok) return w;
  return { ...ok(state, { ...state, files: w.set }), mirrored: [] };
}

/** The guest frees data at `indices` (zeros written in Now's leaf). */
export function freeGuest(state: SnapshotState, indices: readonly number[]): WriteResult {
  return writeGuest(state, indices, 0);
}

/** The disk the running state reads. */
export function nowImage(state: SnapshotState): Record<number, number> {
  return readImage(state.files, state.now.file);
}

/** The disk a snapshot holds. */
export function snapshotImage(state: SnapshotState, id: string): Record<number, number> {
  const s = state.snapshots[id];
  return s ? readImage(state.files, s.file) : {};
}

/** The snapshots taken directly under `parent` (null: the roots), in creation order. */
export function snapshotChildren(state: SnapshotState, parent: string | null): string[] {
  return state.order.filter((id) => state.snapshots[id]?.parent === parent);
}

// ---------------------------------------------------------------------------------------------
// Invariants.

function isStrictAncestor(files: DiskSet, ancestor: string, of: string): boolean {
  return chainOf(files, of).slice(1).includes(ancestor);
}

/** Every rule of the snapshot tree that does not hold, in plain words (empty when all hold). */
export function snapshotTreeViolations(state: SnapshotState): string[] {
  const v: string[] = [];
  const files = state.files;
  const deps = dependentsOf(state);
  const live = (id: string) => files[id] !== undefined && files[id]?.state !== 'deleted';
  const chainLive = (who: string, leaf: string) => {
    const chain = chainOf(files, leaf);
    for (const id of chain) if (!live(id)) v.push(`${who} reads through ${id}, which is deleted`);
    const last = files[chain[chain.length - 1] ?? ''];
    if (!last || last.parent !== null) v.push(`${who}'s chain is broken`);
    if (chain[chain.length - 1] !== state.base)
      v.push(`${who}'s chain does not end at the base disk`);
  };

  // Readers.
  if (!live(state.now.file)) v.push(`Now's file ${state.now.file} does not exist`);
  chainLive('Now', state.now.file);
  if (state.order.length > MAX_SNAPSHOTS) v.push(`More than ${MAX_SNAPSHOTS} snapshots`);
  const orderSet = new Set(state.order);
  if (orderSet.size !== state.order.length) v.push('A snapshot is listed twice');
  const ids = Object.keys(state.snapshots);
  if (ids.length !== state.order.length || ids.some((id) => !orderSet.has(id))) {
    v.push('The creation order does not list exactly the snapshots');
  }
  const owned = new Map<string, string>();
  for (const s of Object.values(state.snapshots)) {
    if (!live(s.file)) v.push(`${s.name}'s file ${s.file} does not exist`);
    chainLive(s.name, s.file);
    const other = owned.get(s.file);
    if (other) v.push(`${s.name} and ${other} own the same file`);
    owned.set(s.file, s.name);
    if (s.file === state.now.file) v.push(`${s.name} owns the file Now writes to`);
    if (imageFingerprint(readImage(files, s.file)) !== s.fingerprint) {
      v.push(`${s.name}'s disk changed after it was taken`);
    }
    if (s.parent !== null) {
      const p = state.snapshots[s.parent];
      if (!p) v.push(`${s.name}'s parent snapshot does not exist`);
      else if (!isStrictAncestor(files, p.file, s.file)) {
        v.push(`${s.name}'s file does not descend from its parent snapshot's`);
      }
    }
  }
  if (state.now.parent !== null) {
    const p = state.snapshots[state.now.parent];
    if (!p) v.push("Now's parent snapshot does not exist");
    else if (!isStrictAncestor(files, p.file, state.now.file)) {
      v.push("Now's file does not descend from its snapshot's file");
    }
  }

  // Files.
  for (const f of Object.values(files)) {
    if (f.state === 'deleted') continue;
    if (f.parent !== null && !live(f.parent)) v.push(`${f.name}'s parent does not exist`);
    const owners = deps.owners.get(f.id) ?? 0;
    const children = (deps.children.get(f.id) ?? []).length;
    if (owners + children === 0) v.push(`${f.name} is kept though nothing depends on it`);
    const expected = derivedState(state, deps, f.id);
    if (f.state !== expected) v.push(`${f.name} is '${f.state}' but should be '${expected}'`);
  }
  if (!live(state.base) || files[state.base]?.parent !== null) v.push('The base disk is missing');
  const nowChildren = (deps.children.get(state.now.file) ?? []).length;
  if (nowChildren > 0 && !(state.taking?.stage === 'created' && state.vm !== 'running')) {
    v.push('Now writes to a file that has differencing children');
  }

  // The merge and the take under way.
  const m = state.merge;
  if (m) {
    if (pendingParent(state, deps, m.child) !== m.parent)
      v.push('The merge under way is not pending');
    const order = mergeOrder(files, m.child);
    if (m.cursor < 0 || m.cursor > order.length) v.push('The merge cursor is out of range');
    const child = files[m.child];
    const parent = files[m.parent];
    for (const i of order.slice(0, m.cursor)) {
      if (child?.blocks[i] !== parent?.blocks[i]) {
        v.push(`Block ${i} was merged but differs between child and parent`);
        break;
      }
    }
    if (state.mergeMode === 'offline' && state.vm !== 'off') {
      v.push('An offline merge runs while the VM is not off');
    }
  }
  const t = state.taking;
  if (t) {
    if (!live(t.avhd) || !live(t.oldLeaf)) v.push('A file of the snapshot being taken is missing');
    if (files[t.avhd]?.parent !== t.oldLeaf) v.push("The new AVHD's parent is not the old leaf");
    const leaf = t.stage === 'created' ? t.oldLeaf : t.avhd;
    if (state.now.file !== leaf) v.push('Now does not write where the take says it should');
    if (t.stage === 'created' && state.vm === 'running')
      v.push('The VM runs while its AVHD is created');
  }
  return v;
}
