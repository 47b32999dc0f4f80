/**
 * A VM's snapshots (CATALOG 3, seed 002): a session machine. The VM runs (or is off) in `ready` and
 * the user acts: take a snapshot (the poster's 7 steps), apply one (optionally taking one of the
 * current state first, as Hyper-V Manager offers), delete one or a subtree (configuration and saved
 * memory go at once; the AVHD is deleted, kept, or marked merge pending by what depends on it), shut
 * the VM down, start it, or have the guest write to its disk. Merges run as their own process: on
 * Windows Server 2008 R2 (the default, 'offline') only while the VM is off, after a shutdown;
 * starting the VM abandons a merge, which restarts from zero next time; on 2012 ('live') as soon as
 * one is pending, while the VM keeps running (its writes mirrored into the parent).
 *
 * The disk files and the tree are `model/snapshotTree.ts`; this machine only sequences its
 * operations in the poster's steps and times them from `model/snapshots.ts`. Faults: the storage
 * fails while a snapshot is taken (the take is abandoned without losing a write; the VM waits paused
 * until the storage is back), the host fails during a merge (the merge stops; both files are intact
 * and it starts again from block 0).
 */
import { assign, setup } from 'xstate';
import {
  copyOnWriteBytes,
  guestWriteBlocks,
  memorySaveS,
  restoreS,
  type SnapshotsInput,
  snapshotMergeS,
  SNAPSHOT_TIMINGS as T,
} from '../model/snapshots';
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
  MAX_SNAPSHOTS,
  nextMerge,
  pointVmAt,
  type RemovedSnapshot,
  type SnapshotState,
  shutDown,
  startMerge,
  startVm,
  subtreeOf,
  writeGuest,
} from '../model/snapshotTree';
import { blockCount, type DiskFile, mergeBytes, mergeCursorAt, mergeOrder } from '../model/vdisk';
import { setHostUp, setInstance, setStoragePath, type World } from '../model/world';
import { addLog, endRun, enterStep, hostName, initialRun, type RunState, vmName } from './kernel';
import { type LogEntry, nextStep } from './step';

/** The processes of the session (the machine's top-level states that hold their steps). */
export type SnapshotProcess =
  | 'taking'
  | 'applying'
  | 'deleting'
  | 'shuttingDown'
  | 'starting'
  | 'merging';

export type SnapshotOutcome =
  | {
      kind: 'taken' | 'applied' | 'deleted' | 'shutDown' | 'started' | 'written' | 'merged';
      text: string;
    }
  | { kind: 'failed'; text: string }
  | { kind: 'refused'; text: string };

export type SnapshotEvent =
  | { type: 'TAKE_SNAPSHOT'; t: number }
  | { type: 'APPLY_SNAPSHOT'; t: number; id?: string; saveFirst?: boolean }
  | { type: 'DELETE_SNAPSHOT'; t: number; id?: string }
  | { type: 'DELETE_SUBTREE'; t: number; id?: string }
  | { type: 'SHUT_DOWN'; t: number }
  | { type: 'START_VM'; t: number }
  | { type: 'WRITE'; t: number }
  | { type: 'STEP_DONE'; t: number }
  | { type: 'FAIL_STORAGE'; t: number }
  | { type: 'FAIL_HOST'; t: number };

/** The faults of the panel's menu (CONTRACT: named for what they do). */
export const SNAPSHOT_FAULTS = [
  { type: 'FAIL_STORAGE', label: 'Fail storage' },
  { type: 'FAIL_HOST', label: 'Fail host' },
] as const;

/** The run's input (model/snapshots), then what the run adds. */
export interface SnapshotsContext extends RunState<SnapshotOutcome>, SnapshotsInput {
  /** The process running now, or the one that ran last. */
  process: SnapshotProcess | null;
  /** Guest writes so far (each write's data carries version `writes + 1`; the base holds version 1). */
  writes: number;
  /** The blocks the last guest write landed on (drawn as landing), and where. */
  lastWrite: { blocks: number[]; file: string; mirrored: number[] } | null;
  /** A snapshot to apply once the current state has been snapshotted (Take snapshot and apply). */
  applyAfter: string | null;
  /** The snapshot being applied or deleted, and whether the delete takes its subtree. */
  target: { id: string; name: string; subtree: boolean } | null;
  /** The last delete's snapshots removed and what happened to the files. */
  deleted: { removed: readonly RemovedSnapshot[]; effects: readonly FileEffect[] } | null;
  /** The merge under way: when it started (s), how long it takes (s) and its blocks in order. */
  merging: { startedAt: number; durationS: number; blocks: number } | null;
  /** The last take's figures: how long the VM was paused and the memory copied on write. */
  lastTake: { pauseS: number; memoryBytes: number; cowBytes: number } | null;
  /** The power the VM had before the storage failed (restored when it is back). */
  interrupted: 'storage' | 'host' | null;
}

const snap = (c: SnapshotsContext, id: string | undefined) =>
  id ? c.tree.snapshots[id] : undefined;
const snapName = (c: SnapshotsContext, id: string | undefined) => snap(c, id)?.name ?? 'none';
const fileName = (c: SnapshotsContext, id: string) => c.tree.files[id]?.name ?? id;
const volume = (c: SnapshotsContext) => c.world.vms[c.vm]?.disks[0]?.storage ?? '';

/** The file the running state writes to. */
export function leafOf(c: SnapshotsContext): DiskFile | undefined {
  return c.tree.files[c.tree.now.file];
}

/** A model result's state, or the context unchanged where a rule refused it (the guards prevent it). */
function treeOr<T extends { ok: boolean }>(r: T, c: SnapshotsContext): SnapshotState {
  return r.ok ? (r as unknown as { state: SnapshotState }).state : c.tree;
}

/** The VM's instance status in the world (what the Inventory and the picture show). */
function withVm(c: SnapshotsContext, status: 'running' | 'paused' | 'off'): World {
  return setInstance(c.world, c.vm, c.host, status);
}

/** The world's instance status that goes with the tree's power. */
function worldFor(c: SnapshotsContext, tree: SnapshotState): World {
  return withVm(c, tree.vm === 'running' ? 'running' : tree.vm === 'paused' ? 'paused' : 'off');
}

/** A step begins that changes the tree (to `tree`) as it starts. */
function treeStep(c: SnapshotsContext, t: number, tree: SnapshotState, d: number, text: string) {
  return { tree, ...enterStep(c, t, d, text) };
}

/** Starts a process: its name, no outcome yet. */
function begin(process: SnapshotProcess) {
  return { process, outcome: null };
}

/** How the files fared, in words: "SQL01_2.avhd deleted; SQL01_3.avhd merge pending (into SQL01_2.avhd)". */
export function effectsText(c: SnapshotsContext, effects: readonly FileEffect[]): string {
  if (effects.length === 0) return 'no disk file changed';
  return effects
    .map((e) =>
      e.effect === 'merge pending'
        ? `${e.name} is kept, merge pending into ${fileName(c, e.into ?? '')}`
        : e.effect === 'deleted'
          ? `${e.name} is deleted at once`
          : `${e.name} is kept (other snapshots or the running state still read it)`,
    )
    .join('; ');
}

/** The merge under way brought up to sim time `t` (its blocks copied so far). */
function mergeUpTo(c: SnapshotsContext, t: number): SnapshotState {
  const m = c.merging;
  const under = c.tree.merge;
  if (!m || !under) return c.tree;
  const cursor = mergeCursorAt(m.blocks, t - m.startedAt, m.durationS);
  const r = advanceMerge(c.tree, cursor - under.cursor);
  return treeOr(r, c);
}

const vmIs = (c: SnapshotsContext, status: string) =>
  c.world.instances.some((i) => i.vm === c.vm && i.status === status);

export const snapshotsMachine = setup({
  types: {} as {
    context: SnapshotsContext;
    events: SnapshotEvent;
    input: SnapshotsInput;
  },
  guards: {
    /** Below the 50-snapshot limit, the VM not paused on a storage failure. */
    canTake: ({ context }) => context.tree.order.length < MAX_SNAPSHOTS,
    atSnapshotLimit: ({ context }) => context.tree.order.length >= MAX_SNAPSHOTS,
    snapshotChosen: ({ context, event }) => 'id' in event && !!snap(context, event.id),
    saveFirst: ({ context, event }) =>
      event.type === 'APPLY_SNAPSHOT' &&
      !!event.saveFirst &&
      !!snap(context, event.id) &&
      context.tree.order.length < MAX_SNAPSHOTS,
    vmRunning: ({ context }) => context.tree.vm === 'running' && vmIs(context, 'running'),
    vmNotOff: ({ context }) => context.tree.vm !== 'off',
    vmNotRunning: ({ context }) => context.tree.vm !== 'running',
    applyPending: ({ context }) => context.applyAfter !== null,
    mergeReady: ({ context }) => nextMerge(context.tree) !== null,
    takeUnderWay: ({ context }) => context.tree.taking !== null,
    offlineMerge: ({ context }) => context.tree.mergeMode === 'offline',
  },
  actions: {
    // ---- take a snapshot (7 steps) -------------------------------------------------------------
    beginTake: assign(({ event }) => ({
      ...begin('taking'),
      target: null,
      applyAfter: event.type === 'APPLY_SNAPSHOT' && event.saveFirst ? (event.id ?? null) : null,
    })),
    enterPausing: assign(({ context, event }) => ({
      world: context.tree.vm === 'running' ? withVm(context, 'paused') : context.world,
      ...enterStep(
        context,
        event.t,
        T.pauseS,
        `${vmName(context.world, context.vm)} pauses for a snapshot`,
      ),
    })),
    enterCreatingAvhd: assign(({ context, event }) => {
      const tree = treeOr(createAvhd(context.tree, event.t), context);
      const avhd = tree.taking ? fileName({ ...context, tree }, tree.taking.avhd) : 'an AVHD';
      const text = `${avhd} is created, a differencing child of ${fileName(context, context.tree.now.file)}`;
      return treeStep(context, event.t, tree, T.createAvhdS, text);
    }),
    enterConfiguring: assign(({ context, event }) =>
      enterStep(context, event.t, T.configureS, 'The VM is configured for the snapshot'),
    ),
    enterPointing: assign(({ context, event }) => {
      const tree = treeOr(pointVmAt(context.tree), context);
      const text = `${vmName(context.world, context.vm)} now writes to ${fileName(context, tree.now.file)}; ${fileName(context, context.tree.now.file)} is read-only`;
      return treeStep(context, event.t, tree, T.pointS, text);
    }),
    enterResuming: assign(({ context, event }) => ({
      world: worldFor(context, context.tree),
      ...enterStep(context, event.t, T.resumeS, `${vmName(context.world, context.vm)} resumes`),
    })),
    enterSavingMemory: assign(({ context, event }) => {
      const power = context.tree.taking?.power ?? context.tree.vm;
      const memory = power === 'off' ? 0 : context.params.memoryBytes;
      const cow = power === 'running' ? copyOnWriteBytes(memory, context.params.dirtyBytesPerS) : 0;
      const pauseS =
        power === 'running' ? T.pauseS + T.createAvhdS + T.configureS + T.pointS + T.resumeS : 0;
      return {
        lastTake: { pauseS, memoryBytes: memory, cowBytes: cow },
        ...enterStep(
          context,
          event.t,
          memorySaveS(memory),
          power === 'running'
            ? `Saving ${Math.round(memory / 2 ** 20)} MiB of memory while the VM runs`
            : memory > 0
              ? `Copying the VM's saved state (${Math.round(memory / 2 ** 20)} MiB)`
              : 'The VM is off: there is no memory to save',
        ),
      };
    }),
    enterStoring: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        T.storeS,
        'Configuration, saved state (.vsv, .bin) and the AVHD are stored under the snapshot folder',
      ),
    ),
    finishTake: assign(({ context, event }) => {
      const tree = treeOr(commitSnapshot(context.tree), context);
      const id = tree.order[tree.order.length - 1] ?? '';
      const name = tree.snapshots[id]?.name ?? 'The snapshot';
      const text = `${name} taken: its disk is ${fileName({ ...context, tree }, tree.snapshots[id]?.file ?? '')} (read-only); ${vmName(context.world, context.vm)} writes to ${fileName({ ...context, tree }, tree.now.file)}`;
      return { tree, ...endRun(context, event.t, 'taken', null, text) };
    }),
    refuseAtLimit: assign(({ context, event }) => {
      const text = `Refused: a VM can have at most ${MAX_SNAPSHOTS} snapshots; ${vmName(context.world, context.vm)} has ${context.tree.order.length}. Delete one first.`;
      return { process: 'taking' as const, ...endRun(context, event.t, 'refused', null, text) };
    }),

    // ---- apply -----------------------------------------------------------------------------------
    beginApply: assign(({ context, event }) => {
      const id = context.applyAfter ?? ('id' in event ? event.id : undefined) ?? '';
      return {
        ...begin('applying'),
        applyAfter: null,
        target: { id, name: snapName(context, id), subtree: false },
      };
    }),
    enterDiscarding: assign(({ context, event }) => ({
      tree: context.tree.vm === 'off' ? context.tree : treeOr(shutDown(context.tree), context),
      world: withVm(context, 'off'),
      ...enterStep(
        context,
        event.t,
        T.discardS,
        `${vmName(context.world, context.vm)}'s running state is discarded to apply ${context.target?.name}`,
      ),
    })),
    enterNewBranch: assign(({ context, event }) => {
      const before = context.tree;
      const tree = treeOr(applySnapshot(context.tree, context.target?.id ?? ''), context);
      const c2 = { ...context, tree };
      const lost = before.files[before.now.file];
      const text = `${fileName(c2, tree.now.file)} is created under ${context.target?.name}; ${lost && tree.files[lost.id]?.state === 'deleted' ? `${lost.name}, the unsaved state, is deleted` : 'the old running state is kept by what depends on it'}`;
      return treeStep(context, event.t, tree, T.createAvhdS, text);
    }),
    enterCopyingState: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        T.copyStateS,
        `${context.target?.name}'s configuration and saved state are copied to the VM`,
      ),
    ),
    finishApply: assign(({ context, event }) => {
      const text = `${context.target?.name} applied: ${vmName(context.world, context.vm)} is ${context.tree.vm} at that moment, on a new branch (${fileName(context, context.tree.now.file)}). Start the VM to run from there.`;
      return {
        world: worldFor(context, context.tree),
        ...endRun(context, event.t, 'applied', null, text),
      };
    }),

    // ---- delete ----------------------------------------------------------------------------------
    beginDelete: assign(({ context, event }) => {
      const id = 'id' in event ? (event.id ?? '') : '';
      return {
        ...begin('deleting'),
        target: { id, name: snapName(context, id), subtree: event.type === 'DELETE_SUBTREE' },
        deleted: null,
      };
    }),
    enterRemovingConfig: assign(({ context, event }) => {
      const n = context.target?.subtree ? subtreeOf(context.tree, context.target.id).length : 1;
      return enterStep(
        context,
        event.t,
        T.removeConfigS * n,
        `The configuration copy of ${context.target?.name}${n > 1 ? ` and the ${n - 1} snapshot${n > 2 ? 's' : ''} beneath it` : ''} is removed`,
      );
    }),
    enterRemovingState: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        T.removeStateS,
        `The saved memory (.vsv, .bin) of ${context.target?.name} is removed`,
      ),
    ),
    enterJudging: assign(({ context, event }) => {
      const id = context.target?.id ?? '';
      const r = context.target?.subtree
        ? deleteSubtree(context.tree, id)
        : deleteSnapshot(context.tree, id);
      if (!r.ok) return enterStep(context, event.t, T.judgeS, r.reason);
      const c2 = { ...context, tree: r.state };
      return {
        tree: r.state,
        deleted: { removed: r.removed, effects: r.effects },
        ...enterStep(context, event.t, T.judgeS, `The disk files: ${effectsText(c2, r.effects)}`),
      };
    }),
    finishDelete: assign(({ context, event }) => {
      const d = context.deleted;
      const names = d?.removed.map((s) => s.name).join(', ') ?? context.target?.name;
      const pending = nextMerge(context.tree) !== null || context.tree.merge !== null;
      const later =
        context.tree.mergeMode === 'offline' &&
        Object.values(context.tree.files).some((f) => f.state === 'merge pending')
          ? ' The merge runs when the VM is shut down (Windows Server 2008 R2).'
          : '';
      const text = `Deleted ${names}: ${effectsText(context, d?.effects ?? [])}.${pending ? '' : later}`;
      return endRun(context, event.t, 'deleted', null, text);
    }),

    // ---- power -----------------------------------------------------------------------------------
    beginShutDown: assign(() => ({ ...begin('shuttingDown'), target: null })),
    enterStopping: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        context.tree.vm === 'running' ? T.shutdownS : T.pauseS,
        `${vmName(context.world, context.vm)} shuts down`,
      ),
    ),
    finishShutDown: assign(({ context, event }) => {
      const tree = treeOr(shutDown(context.tree), context);
      const c2 = { ...context, tree };
      const pending = nextMerge(tree) !== null;
      const text = `${vmName(context.world, context.vm)} is off.${pending ? ' The AVHDs marked merge pending are merged now.' : ''}`;
      return {
        tree,
        world: worldFor(c2, tree),
        ...endRun(context, event.t, 'shutDown', null, text),
      };
    }),
    beginStart: assign(({ context }) => {
      const tree = context.tree.merge ? treeOr(abortMerge(context.tree), context) : context.tree;
      return { ...begin('starting'), target: null, tree, merging: null };
    }),
    logAbandonedMerge: assign(({ context, event }) => ({
      log: addLog(
        context.log,
        event.t,
        'info',
        'Starting the VM abandons the merge (Windows Server 2008 R2): the AVHD stays merge pending and the merge starts again from block 0 at the next shutdown',
      ),
    })),
    enterBooting: assign(({ context, event }) => {
      const saved = context.tree.vm === 'saved';
      return enterStep(
        context,
        event.t,
        saved ? restoreS(context.params.memoryBytes) : T.bootS,
        saved
          ? `${vmName(context.world, context.vm)} resumes from its saved state`
          : `${vmName(context.world, context.vm)} boots`,
      );
    }),
    finishStart: assign(({ context, event }) => {
      const tree = treeOr(startVm(context.tree), context);
      const text = `${vmName(context.world, context.vm)} runs, writing to ${fileName(context, tree.now.file)}`;
      return {
        tree,
        world: worldFor({ ...context, tree }, tree),
        ...endRun(context, event.t, 'started', null, text),
      };
    }),

    // ---- guest writes ----------------------------------------------------------------------------
    write: assign(({ context, event }) => {
      const tree0 = mergeUpTo(context, event.t);
      const leaf = tree0.files[tree0.now.file];
      if (!leaf) return {};
      const blocks = guestWriteBlocks(context.seed, context.writes, blockCount(leaf));
      const r = writeGuest(tree0, blocks, context.writes + 2);
      if (!r.ok) return { log: addLog(context.log, event.t, 'info', r.reason) };
      const mb = Math.round((blocks.length * leaf.blockBytes) / 2 ** 20);
      const text = `${vmName(context.world, context.vm)} wrote ${mb} MiB: it landed in ${leaf.name}${r.mirrored.length > 0 ? `, ${r.mirrored.length} blocks mirrored into the merge's parent` : ''}`;
      const atRest = context.step.durationS === null;
      return {
        tree: r.state,
        writes: context.writes + 1,
        lastWrite: { blocks, file: leaf.id, mirrored: [...r.mirrored] },
        log: addLog(context.log, event.t, 'info', text),
        ...(atRest ? { outcome: { kind: 'written' as const, text } } : {}),
      };
    }),

    // ---- merges ----------------------------------------------------------------------------------
    enterMerge: assign(({ context, event }) => {
      const tree = treeOr(startMerge(context.tree), context);
      const m = tree.merge;
      if (!m) return { ...begin('merging') };
      const bytes = mergeBytes(tree.files, m.child);
      const durationS = snapshotMergeS(bytes);
      return {
        ...begin('merging'),
        tree,
        merging: { startedAt: event.t, durationS, blocks: mergeOrder(tree.files, m.child).length },
        ...enterStep(
          context,
          event.t,
          durationS,
          `Merging ${fileName(context, m.child)} into ${fileName(context, m.parent)}: ${Math.round(bytes / 2 ** 20)} MiB`,
        ),
      };
    }),
    finishOneMerge: assign(({ context, event }) => {
      const m = context.tree.merge;
      const advanced = mergeUpTo(context, event.t);
      const tree = treeOr(finishMerge(advanced), { ...context, tree: advanced });
      const text = m
        ? `${fileName(context, m.child)} merged into ${fileName(context, m.parent)} and deleted`
        : 'Merge finished';
      return {
        tree,
        merging: null,
        log: addLog(context.log, event.t, 'step', text),
        outcome: { kind: 'merged' as const, text },
        step: nextStep(context.step, null),
      };
    }),

    // ---- faults ----------------------------------------------------------------------------------
    storageFails: assign(({ context, event }) => {
      const abandoned = context.tree.taking
        ? treeOr(abandonSnapshot(context.tree), context)
        : context.tree;
      const world = setInstance(
        setStoragePath(context.world, volume(context), context.host, false),
        context.vm,
        context.host,
        abandoned.vm === 'off' ? 'off' : 'paused',
      );
      const c2 = { ...context, tree: abandoned };
      const pending = Object.values(abandoned.files).filter((f) => f.state === 'merge pending');
      const text = `Snapshot failed: the storage under ${vmName(context.world, context.vm)} failed while the snapshot was taken. The snapshot is abandoned; no write is lost (${vmName(context.world, context.vm)} ${abandoned.now.file === context.tree.now.file ? 'still' : 'already'} writes to ${fileName(c2, abandoned.now.file)}${pending.length > 0 ? `; ${pending.map((f) => f.name).join(', ')} merge pending` : ''}). The VM waits paused until the storage is back.`;
      return {
        tree: abandoned,
        world,
        interrupted: 'storage' as const,
        applyAfter: null,
        ...endRun(context, event.t, 'failed', 'Storage failed', text),
        step: nextStep(context.step, T.storageOutageS),
      };
    }),
    storageBack: assign(({ context, event }) => {
      const world = worldFor(
        {
          ...context,
          world: setStoragePath(context.world, volume(context), context.host, true),
        },
        context.tree,
      );
      return {
        world,
        interrupted: null,
        log: addLog(
          context.log,
          event.t,
          'info',
          `The storage is back; ${vmName(context.world, context.vm)} ${context.tree.vm === 'running' ? 'resumes' : `is ${context.tree.vm}`}`,
        ),
        step: nextStep(context.step, null),
      };
    }),
    hostFails: assign(({ context, event }) => {
      const advanced = mergeUpTo(context, event.t);
      const m = advanced.merge;
      const aborted = treeOr(abortMerge(advanced), { ...context, tree: advanced });
      const tree = aborted.vm === 'off' ? aborted : treeOr(shutDown(aborted), context);
      const world = setHostUp(withVm(context, 'off'), context.host, false);
      const text = `Merge interrupted: ${hostName(context.world, context.host)} failed during the merge${m ? ` of ${fileName(context, m.child)} into ${fileName(context, m.parent)} (${m.cursor} of ${context.merging?.blocks ?? 0} blocks copied)` : ''}. Both files are intact: every block is still in ${m ? fileName(context, m.child) : 'the AVHD'}, and the merge starts again from block 0 once the host is back.`;
      return {
        tree,
        world,
        merging: null,
        interrupted: 'host' as const,
        ...endRun(
          context,
          event.t,
          'failed',
          `${hostName(context.world, context.host)} failed`,
          text,
        ),
        step: nextStep(context.step, T.hostRestartS),
      };
    }),
    hostBack: assign(({ context, event }) => ({
      world: worldFor(
        { ...context, world: setHostUp(context.world, context.host, true) },
        context.tree,
      ),
      interrupted: null,
      log: addLog(
        context.log,
        event.t,
        'info',
        `${hostName(context.world, context.host)} is back; ${vmName(context.world, context.vm)} is off`,
      ),
      step: nextStep(context.step, null),
    })),
  },
}).createMachine({
  id: 'snapshots',
  context: ({ input }) => ({
    ...initialRun(),
    world: input.world,
    vm: input.vm,
    host: input.host,
    params: input.params,
    seed: input.seed,
    tree: input.tree,
    process: null,
    writes: 0,
    lastWrite: null,
    applyAfter: null,
    target: null,
    deleted: null,
    merging: null,
    lastTake: null,
    interrupted: null,
    log: [] as LogEntry[],
  }),
  initial: 'ready',
  states: {
    ready: {
      on: {
        TAKE_SNAPSHOT: [
          { guard: 'canTake', target: 'taking', actions: 'beginTake' },
          { target: 'ready', actions: 'refuseAtLimit' },
        ],
        APPLY_SNAPSHOT: [
          { guard: 'saveFirst', target: 'taking', actions: 'beginTake' },
          { guard: 'snapshotChosen', target: 'applying', actions: 'beginApply' },
        ],
        DELETE_SNAPSHOT: { guard: 'snapshotChosen', target: 'deleting', actions: 'beginDelete' },
        DELETE_SUBTREE: { guard: 'snapshotChosen', target: 'deleting', actions: 'beginDelete' },
        SHUT_DOWN: { guard: 'vmNotOff', target: 'shuttingDown', actions: 'beginShutDown' },
        START_VM: { guard: 'vmNotRunning', target: 'starting', actions: 'beginStart' },
        WRITE: { guard: 'vmRunning', actions: 'write' },
      },
    },
    taking: {
      initial: 'pausing',
      on: { FAIL_STORAGE: { target: 'storageLost', actions: 'storageFails' } },
      states: {
        pausing: {
          entry: 'enterPausing',
          meta: {
            step: 1,
            title: 'The VM pauses',
            narration:
              'The VM stops running guest code for a moment, so its disk and memory hold still while the snapshot begins.',
            source: '002',
          },
          on: { STEP_DONE: 'creatingAvhd' },
        },
        creatingAvhd: {
          entry: 'enterCreatingAvhd',
          meta: {
            step: 2,
            title: 'A new AVHD is created',
            narration:
              'An empty differencing disk (AVHD) is created whose parent is the disk the VM writes to now.',
            source: '002',
          },
          on: { STEP_DONE: 'configuring' },
        },
        configuring: {
          entry: 'enterConfiguring',
          meta: {
            step: 3,
            title: 'The VM is configured',
            narration: 'The VM\u2019s configuration is updated for the snapshot.',
            source: '002',
          },
          on: { STEP_DONE: 'pointing' },
        },
        pointing: {
          entry: 'enterPointing',
          meta: {
            step: 4,
            title: 'The VM is pointed at the new AVHD',
            narration:
              'From now on every guest write lands in the new AVHD; the disk it wrote to before becomes read-only and is the snapshot\u2019s.',
            source: '002',
          },
          on: { STEP_DONE: 'resuming' },
        },
        resuming: {
          entry: 'enterResuming',
          meta: {
            step: 5,
            title: 'The VM resumes',
            narration: 'The VM runs again. The pause was too short for a user to notice.',
            source: '002',
          },
          on: { STEP_DONE: 'savingMemory' },
        },
        savingMemory: {
          entry: 'enterSavingMemory',
          meta: {
            step: 6,
            title: 'Memory is saved while the VM runs',
            narration:
              'The VM\u2019s memory is written to disk while it keeps running. If the guest changes a page not yet saved, the write is held and the page\u2019s original content saved first (copy-on-write).',
            source: '002',
          },
          on: { STEP_DONE: 'storing', WRITE: { guard: 'vmRunning', actions: 'write' } },
        },
        storing: {
          entry: 'enterStoring',
          meta: {
            step: 7,
            title: 'The snapshot\u2019s files are stored',
            narration:
              'The configuration, the saved state (.vsv and .bin) and the AVHD are kept under the VM\u2019s snapshot folder. The snapshot is complete.',
            source: '002',
          },
          on: {
            STEP_DONE: [
              {
                guard: 'applyPending',
                target: '#snapshots.applying',
                actions: ['finishTake', 'beginApply'],
              },
              { target: '#snapshots.afterProcess', actions: 'finishTake' },
            ],
          },
        },
      },
    },
    applying: {
      initial: 'discarding',
      states: {
        discarding: {
          entry: 'enterDiscarding',
          meta: {
            step: 1,
            title: 'The running state is discarded',
            narration:
              'The VM stops. What it held in memory, and what it wrote since its last snapshot, is not kept unless a snapshot was taken first.',
            source: '002',
          },
          on: { STEP_DONE: 'newBranch' },
        },
        newBranch: {
          entry: 'enterNewBranch',
          meta: {
            step: 2,
            title: 'A new AVHD under the snapshot',
            narration:
              'A new differencing disk is created on the snapshot\u2019s disk: the VM will write there, starting a new branch of the tree.',
            source: '002',
          },
          on: { STEP_DONE: 'copyingState' },
        },
        copyingState: {
          entry: 'enterCopyingState',
          meta: {
            step: 3,
            title: 'The snapshot\u2019s state is copied to the VM',
            narration:
              'The snapshot\u2019s configuration and saved state become the VM\u2019s: it is back at the moment the snapshot was taken.',
            source: '002',
          },
          on: { STEP_DONE: { target: '#snapshots.afterProcess', actions: 'finishApply' } },
        },
      },
    },
    deleting: {
      initial: 'removingConfig',
      states: {
        removingConfig: {
          entry: 'enterRemovingConfig',
          meta: {
            step: 1,
            title: 'The configuration copy is removed',
            narration:
              'The copy of the VM\u2019s configuration taken with the snapshot is removed.',
            source: '002',
          },
          on: { STEP_DONE: 'removingState' },
        },
        removingState: {
          entry: 'enterRemovingState',
          meta: {
            step: 2,
            title: 'The saved memory is removed',
            narration: 'The snapshot\u2019s saved state files (.vsv and .bin) are removed.',
            source: '002',
          },
          on: { STEP_DONE: 'judging' },
        },
        judging: {
          entry: 'enterJudging',
          meta: {
            step: 3,
            title: 'The AVHD: deleted, kept or merged',
            narration:
              'An AVHD nothing depends on (another branch, or after Now) is deleted at once. One that exactly one thing still reads through (a later snapshot or the running state) is kept and marked merge pending; one that two or more read is left alone.',
            source: '002',
          },
          on: { STEP_DONE: { target: '#snapshots.afterProcess', actions: 'finishDelete' } },
        },
      },
    },
    shuttingDown: {
      initial: 'stopping',
      states: {
        stopping: {
          entry: 'enterStopping',
          meta: {
            step: 1,
            title: 'The VM shuts down',
            narration:
              'The guest shuts down and the VM is off. On Windows Server 2008 R2 this is when AVHDs marked merge pending are merged into their parents.',
            source: '002',
          },
          on: { STEP_DONE: { target: '#snapshots.afterProcess', actions: 'finishShutDown' } },
        },
      },
    },
    starting: {
      initial: 'booting',
      states: {
        booting: {
          entry: 'enterBooting',
          meta: {
            step: 1,
            title: 'The VM starts',
            narration:
              'The VM runs again: from its saved state if it has one (after applying a snapshot), else it boots. It writes to the newest AVHD of its branch.',
            source: '002',
          },
          on: { STEP_DONE: { target: '#snapshots.afterProcess', actions: 'finishStart' } },
        },
      },
    },
    merging: {
      initial: 'copyingBlocks',
      on: {
        FAIL_HOST: { target: 'hostDown', actions: 'hostFails' },
      },
      states: {
        copyingBlocks: {
          entry: 'enterMerge',
          meta: {
            step: 1,
            title: 'The AVHD is merged into its parent',
            narration:
              'Block by block, the AVHD\u2019s data is copied into its parent; then whatever read through the AVHD reads the parent, and the AVHD is deleted. Until the last block, every block is still in the AVHD, so an interruption loses nothing.',
            source: '002',
          },
          on: {
            STEP_DONE: { target: '#snapshots.afterProcess', actions: 'finishOneMerge' },
            WRITE: { guard: 'vmRunning', actions: 'write' },
            START_VM: {
              guard: 'offlineMerge',
              target: '#snapshots.starting',
              actions: ['logAbandonedMerge', 'beginStart'],
            },
          },
        },
      },
    },
    storageLost: {
      on: { STEP_DONE: { target: 'afterProcess', actions: 'storageBack' } },
    },
    hostDown: {
      on: { STEP_DONE: { target: 'afterProcess', actions: 'hostBack' } },
    },
    afterProcess: {
      always: [{ guard: 'mergeReady', target: 'merging' }, { target: 'ready' }],
    },
  },
});

export type SnapshotsMachine = typeof snapshotsMachine;
