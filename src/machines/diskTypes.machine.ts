/**
 * Virtual disk types (CATALOG 2.1, seeds 002 and 000): a session machine. APP01 runs in `ready`
 * and the user acts on its data disk: create one (fixed-size VHD, dynamically expanding VHD,
 * differencing VHD, pass-through disk or VHDX, on the IDE or SCSI controller), have the guest
 * write or delete data, compact it, expand it, add a differencing disk and merge one. Each action
 * is a short process in a few timed steps; a rule of the disk model that rules an action out
 * (a VHD above 2040 GB, a VHDX above 64 TB, a differencing disk on a pass-through disk, compacting
 * anything but a dynamically expanding disk) refuses it at once, naming the rule, and changes
 * nothing. Editing a disk (compact, expand, add a differencing disk, merge) needs the VM off: it
 * is shut down first and started again last.
 *
 * The disk files and their rules are `model/vdisk.ts`, the session's choices and timings
 * `model/diskTypes.ts`. The fault: the host's storage fails during an operation. The operation
 * stops and no block is lost: the disk is as it was before the operation (a merge keeps the blocks
 * it had already copied into the parent, which the child still overlays), the VM waits paused
 * until the storage is back, and the operation can be run again.
 */
import { assign, setup } from 'xstate';
import {
  abortMerge,
  addDifferencingDisk,
  allocateS,
  attachS,
  compactDisk,
  compactMoveS,
  compactScanS,
  createFileS,
  createSession,
  DISK_TYPE_LABELS,
  type DiskSession,
  type DiskTypeKey,
  type DiskTypesInput,
  deleteData,
  emptySession,
  expandDisk,
  expandS,
  finishMergeDisk,
  leafOf,
  mergePlan,
  mergeUpTo,
  DISK_TIMINGS as T,
  writeData,
  writeS,
} from '../model/diskTypes';
import { type Controller, diskSizeLabel, mergeCursorAt, type Result } from '../model/vdisk';
import { type InstanceStatus, setInstance, type World } from '../model/world';
import { type SessionContext, sessionStart, storageFailed, storageRestored } from './diskSession';
import { actOrRefuse, sessionProcess, stepState, storageLostState } from './diskSessionStates';
import { endRun, enterStep, type TimedEvent, vmName } from './kernel';
import type { SeedId } from './step';

/** The processes of the session (the machine's top-level states that hold their steps). */
export type DiskProcess =
  | 'creating'
  | 'writing'
  | 'deleting'
  | 'compacting'
  | 'expanding'
  | 'addingDifferencing'
  | 'merging';

export type DiskOutcome =
  | {
      kind: 'created' | 'written' | 'deleted' | 'compacted' | 'expanded' | 'differenced' | 'merged';
      text: string;
    }
  | { kind: 'failed'; text: string }
  | { kind: 'refused'; text: string };

export type DiskTypesEvent =
  | { type: 'CREATE_DISK'; t: number; diskType?: DiskTypeKey; controller?: Controller }
  | TimedEvent<'WRITE_DATA' | 'DELETE_DATA' | 'COMPACT' | 'EXPAND' | 'ADD_DIFFERENCING' | 'MERGE'>
  | TimedEvent<'STEP_DONE' | 'FAIL_STORAGE'>;

/** The panel's fault menu (CONTRACT: named for what it does). */
export const DISK_TYPES_FAULTS = [{ type: 'FAIL_STORAGE', label: 'Fail storage' }] as const;

export interface DiskTypesContext extends SessionContext<DiskOutcome> {
  seed: number;
  /** The size Create disk makes. */
  diskBytes: number;
  /** What a Create disk without a choice makes. */
  defaults: { kind: DiskTypeKey; controller: Controller };
  /** The VM's disk now. */
  session: DiskSession;
  /** The disk as it was when the current process began (a storage failure puts it back). */
  before: DiskSession | null;
  /** The current process has made its change to the disk (a failure after it keeps it). */
  applied: boolean;
  /** The process running now, or the one that ran last. */
  process: DiskProcess | null;
  /** The create under way or last asked for. */
  creating: { kind: DiskTypeKey; controller: Controller } | null;
  /** The blocks the last write or delete touched, and in which file. */
  lastWrite: { file: string; blocks: number[]; deleted: boolean } | null;
  /** The merge under way: its files, when it started (s), how long it takes (s), its blocks. */
  merging: {
    child: string;
    parent: string;
    startedAt: number;
    durationS: number;
    blocks: number;
  } | null;
  /** The last operation's figure: what it moved, reclaimed or grew to. */
  lastFigure: { label: string; bytes: number } | null;
}

/** Each process in words, for the narration ("during the merge"). */
export const PROCESS_WORDS: Record<DiskProcess, string> = {
  creating: 'the creation of the disk',
  writing: 'the write',
  deleting: 'the delete',
  compacting: 'the compaction',
  expanding: 'the expansion',
  addingDifferencing: 'the creation of the differencing disk',
  merging: 'the merge',
};

type Ctx = DiskTypesContext;
type Ev = DiskTypesEvent;

const vmNameOf = (c: Ctx) => vmName(c.world, c.vm);
const fileName = (s: DiskSession, id: string | null | undefined) =>
  (id && s.files[id]?.name) || 'the disk';
const leafName = (c: Ctx) => fileName(c.session, c.session.leaf);

function withVm(c: Ctx, status: InstanceStatus): World {
  return setInstance(c.world, c.vm, c.host, status);
}

/** What a Create disk asks for: the event's choice, else the settings' defaults. */
function createAsk(c: Ctx, e: Ev): { kind: DiskTypeKey; controller: Controller } {
  return e.type === 'CREATE_DISK'
    ? { kind: e.diskType ?? c.defaults.kind, controller: e.controller ?? c.defaults.controller }
    : (c.creating ?? c.defaults);
}

/** Each action's process and the model's answer for the disk now (the guards and refusals). */
const PLANS: Record<
  Exclude<Ev['type'], 'STEP_DONE' | 'FAIL_STORAGE'>,
  { process: DiskProcess; check: (c: Ctx, e: Ev) => Result<object> }
> = {
  CREATE_DISK: {
    process: 'creating',
    check: (c, e) => {
      const ask = createAsk(c, e);
      return createSession(ask.kind, ask.controller, c.diskBytes, vmNameOf(c));
    },
  },
  WRITE_DATA: { process: 'writing', check: (c) => writeData(c.session, c.seed) },
  DELETE_DATA: { process: 'deleting', check: (c) => deleteData(c.session) },
  COMPACT: { process: 'compacting', check: (c) => compactDisk(c.session) },
  EXPAND: { process: 'expanding', check: (c) => expandDisk(c.session) },
  ADD_DIFFERENCING: {
    process: 'addingDifferencing',
    check: (c) => addDifferencingDisk(c.session, vmNameOf(c)),
  },
  MERGE: { process: 'merging', check: (c) => mergePlan(c.session) },
};

const planOf = (e: Ev) => PLANS[e.type as keyof typeof PLANS];

/**
 * The model's answers by disk (an immutable value) and action: the buttons ask whether each
 * action is possible whenever the run changes, and the guard and the refusal ask again.
 */
const answers = new WeakMap<DiskSession, Map<string, Result<object>>>();

function checkOf(c: Ctx, e: Ev): Result<object> | undefined {
  const plan = planOf(e);
  if (!plan) return undefined;
  const ask = e.type === 'CREATE_DISK' ? createAsk(c, e) : null;
  const key = `${e.type}:${ask?.kind}:${ask?.controller}:${c.diskBytes}:${c.seed}:${c.vm}`;
  let known = answers.get(c.session);
  if (!known) {
    known = new Map();
    answers.set(c.session, known);
  }
  let r = known.get(key);
  if (!r) {
    r = plan.check(c, e);
    known.set(key, r);
  }
  return r;
}

/** The end of a process that may have had the VM off (an edit, an IDE attach): it runs, the process ends. */
function finishEdit<K extends DiskOutcome['kind']>(c: Ctx, t: number, kind: K, text: string) {
  return { world: withVm(c, 'running'), ...endRun(c, t, kind, null, text) };
}

/** Starts a process: its name, no outcome yet, the disk as it is now kept for a failure. */
function begin(c: Ctx, process: DiskProcess) {
  return { process, outcome: null, before: c.session, applied: false, lastWrite: null };
}

/** The refusal of an action: the rule in the model's words; nothing else changes. */
function refusalOf(c: Ctx, e: Ev, t: number) {
  const plan = planOf(e);
  const r = checkOf(c, e);
  const reason = r && !r.ok ? r.reason : 'the action is not possible now';
  let why = '';
  if (e.type === 'CREATE_DISK') {
    const ask = createAsk(c, e);
    why = ` (${DISK_TYPE_LABELS[ask.kind]} of ${diskSizeLabel(c.diskBytes)} asked for)`;
  }
  return {
    process: plan?.process ?? c.process,
    ...endRun(c, t, 'refused', null, `Refused: ${reason}${why}. Nothing was changed.`),
  };
}

/** The VM's disk once the storage failed at `t`: as before the operation, unless it had finished. */
function diskAfterFailure(c: Ctx, t: number): DiskSession {
  if (c.applied || !c.before) return c.session;
  if (c.merging) return abortMerge(mergeUpTo(c.session, mergeCursor(c, t)));
  return c.before;
}

/** Blocks of the merge under way copied by sim time `t` (a linear copy). */
export function mergeCursor(c: Pick<Ctx, 'merging'>, t: number): number {
  const m = c.merging;
  return m ? mergeCursorAt(m.blocks, t - m.startedAt, m.durationS) : 0;
}

/** The last step's end: the process finishes with `action` and the session is ready again. */
const finish = <const A extends string>(action: A) =>
  ({ target: '#diskTypes.ready', actions: action }) as const;

/** Step 1 of an edit: the VM shuts down (a disk is edited while no VM uses it), then `next`. */
function shutDown<const N extends string>(next: N, narration: string, source: SeedId = '002') {
  return stepState('enterShutDown', next, {
    step: 1,
    title: 'The VM shuts down',
    narration,
    source,
  });
}

/** The last step of an edit, `step`: the VM starts again and the edit finishes with `action`. */
function startAgain<const A extends string>(step: number, narration: string, action: A) {
  return stepState('enterStart', finish(action), {
    step,
    title: 'The VM starts',
    narration,
    source: '002',
  });
}

export const diskTypesMachine = setup({
  types: {} as { context: DiskTypesContext; events: DiskTypesEvent; input: DiskTypesInput },
  guards: {
    /** The model allows the action on the disk now. */
    allowed: ({ context, event }) => checkOf(context, event)?.ok === true,
    /** The VM has a disk (actions on it exist; without one their buttons are disabled). */
    hasDisk: ({ context }) => context.session.leaf !== null,
  },
  actions: {
    refuse: assign(({ context, event }) => refusalOf(context, event, event.t)),

    // ---- create -------------------------------------------------------------------------------
    beginCreate: assign(({ context, event }) => ({
      ...begin(context, 'creating'),
      creating: createAsk(context, event),
      lastFigure: null,
    })),
    enterCreateFile: assign(({ context, event }) => {
      const ask = context.creating ?? context.defaults;
      const r = createSession(ask.kind, ask.controller, context.diskBytes, vmNameOf(context));
      if (!r.ok) return enterStep(context, event.t, 0, r.reason);
      const names = Object.values(r.session.files).map((f) => f.name);
      const text =
        ask.kind === 'passthrough'
          ? `${names[0]} (${diskSizeLabel(context.diskBytes)}) is taken offline on the host for ${vmNameOf(context)}`
          : ask.kind === 'differencing'
            ? `${names[1]} is created as a differencing disk of ${names[0]}, a parent holding a template's data`
            : `${names[0]} is created: a ${DISK_TYPE_LABELS[ask.kind]} of ${diskSizeLabel(context.diskBytes)}`;
      return { session: r.session, ...enterStep(context, event.t, createFileS(ask.kind), text) };
    }),
    enterAllocate: assign(({ context, event }) => {
      const kind = context.session.kind ?? 'dynamic';
      const text =
        kind === 'fixed'
          ? `${leafName(context)} writes its whole ${diskSizeLabel(context.diskBytes)} on the host volume`
          : kind === 'passthrough'
            ? `${leafName(context)} is a whole physical disk: nothing is allocated on the host`
            : `${leafName(context)} sets up its block table; no data space is allocated yet`;
      return enterStep(context, event.t, allocateS(kind, context.diskBytes), text);
    }),
    enterAttach: assign(({ context, event }) => {
      const ctl = context.session.controller;
      return {
        world: ctl === 'IDE' ? withVm(context, 'off') : context.world,
        ...enterStep(
          context,
          event.t,
          attachS(ctl),
          ctl === 'IDE'
            ? `${vmNameOf(context)} is shut down, ${leafName(context)} is added to its IDE controller, and it boots again`
            : `${leafName(context)} is added to ${vmNameOf(context)}'s SCSI controller while it runs`,
        ),
      };
    }),
    finishCreate: assign(({ context, event }) => {
      const kind = context.session.kind ?? 'dynamic';
      const text = `${vmNameOf(context)} has a new ${DISK_TYPE_LABELS[kind]}, ${leafName(context)}, of ${diskSizeLabel(context.diskBytes)} on its ${context.session.controller} controller.`;
      return { applied: true, ...finishEdit(context, event.t, 'created', text) };
    }),

    // ---- write and delete ---------------------------------------------------------------------
    beginWrite: assign(({ context }) => begin(context, 'writing')),
    enterAllocateBlocks: assign(({ context, event }) => {
      const r = writeData(context.session, context.seed);
      if (!r.ok) return enterStep(context, event.t, 0, r.reason);
      const leaf = leafOf(context.session);
      const mib = Math.round((r.blocks.length * (leaf?.blockBytes ?? 0)) / 2 ** 20);
      return {
        session: r.session,
        lastWrite: { file: context.session.leaf ?? '', blocks: r.blocks, deleted: false },
        lastFigure: { label: 'written', bytes: r.blocks.length * (leaf?.blockBytes ?? 0) },
        ...enterStep(
          context,
          event.t,
          T.allocateS,
          leaf?.preallocated
            ? `${mib} MiB to write: ${leaf.name} already has every block`
            : `${mib} MiB to write: ${r.newBlocks} new blocks are allocated in ${leaf?.name}`,
        ),
      };
    }),
    enterWriteData: assign(({ context, event }) => {
      const leaf = leafOf(context.session);
      const n = context.lastWrite?.blocks.length ?? 0;
      return enterStep(
        context,
        event.t,
        leaf ? writeS(leaf, n) : 0,
        `The guest's data lands in ${leaf?.name ?? 'the disk'}`,
      );
    }),
    finishWrite: assign(({ context, event }) => {
      const bytes = context.lastFigure?.bytes ?? 0;
      const text = `${vmNameOf(context)} wrote ${Math.round(bytes / 2 ** 20)} MiB to ${leafName(context)}.`;
      return { applied: true, ...endRun(context, event.t, 'written', null, text) };
    }),
    beginDelete: assign(({ context }) => begin(context, 'deleting')),
    enterDeleteData: assign(({ context, event }) => {
      const r = deleteData(context.session);
      if (!r.ok) return enterStep(context, event.t, 0, r.reason);
      const leaf = leafOf(context.session);
      const bytes = r.blocks.length * (leaf?.blockBytes ?? 0);
      return {
        session: r.session,
        lastWrite: { file: context.session.leaf ?? '', blocks: r.blocks, deleted: true },
        lastFigure: { label: 'deleted', bytes },
        ...enterStep(
          context,
          event.t,
          T.deleteS,
          `The guest deletes ${Math.round(bytes / 2 ** 20)} MiB, its oldest data`,
        ),
      };
    }),
    finishDelete: assign(({ context, event }) => {
      const bytes = context.lastFigure?.bytes ?? 0;
      const leaf = leafOf(context.session);
      const kept =
        leaf?.type === 'dynamic'
          ? `; ${leaf.name} keeps its size until it is compacted`
          : leaf?.type === 'differencing'
            ? `; ${leaf.name} records the deletion in blocks of its own`
            : '';
      const text = `${vmNameOf(context)} deleted ${Math.round(bytes / 2 ** 20)} MiB${kept}.`;
      return { applied: true, ...endRun(context, event.t, 'deleted', null, text) };
    }),

    // ---- editing: shut down, change the disk, start ---------------------------------------------
    enterShutDown: assign(({ context, event }) => ({
      world: withVm(context, 'off'),
      ...enterStep(context, event.t, T.shutdownS, `${vmNameOf(context)} shuts down`),
    })),
    enterStart: assign(({ context, event }) => ({
      world: withVm(context, 'running'),
      ...enterStep(context, event.t, T.bootS, `${vmNameOf(context)} starts`),
    })),
    beginCompact: assign(({ context }) => begin(context, 'compacting')),
    enterScan: assign(({ context, event }) => {
      const leaf = leafOf(context.session);
      return enterStep(
        context,
        event.t,
        leaf ? compactScanS(leaf) : 0,
        `${leaf?.name}'s allocated blocks are read for space the guest deleted`,
      );
    }),
    enterCompactBlocks: assign(({ context, event }) => {
      const leaf = leafOf(context.session);
      return enterStep(
        context,
        event.t,
        leaf ? compactMoveS(leaf) : 0,
        `The blocks in use are moved together and ${leaf?.name} is cut short`,
      );
    }),
    applyCompact: assign(({ context }) => {
      const r = compactDisk(context.session);
      if (!r.ok) return {};
      return {
        session: r.session,
        applied: true,
        lastFigure: { label: 'reclaimed', bytes: r.reclaimedBytes },
      };
    }),
    finishCompact: assign(({ context, event }) => {
      const text = `${leafName(context)} compacted: ${Math.round((context.lastFigure?.bytes ?? 0) / 2 ** 20)} MiB given back to the host. What the guest reads is unchanged.`;
      return finishEdit(context, event.t, 'compacted', text);
    }),
    beginExpand: assign(({ context }) => begin(context, 'expanding')),
    enterResize: assign(({ context, event }) => {
      const leaf = leafOf(context.session);
      const r = expandDisk(context.session);
      if (!r.ok) return enterStep(context, event.t, 0, r.reason);
      if (!leaf) return {};
      return {
        session: r.session,
        lastFigure: { label: 'expanded', bytes: r.to },
        ...enterStep(
          context,
          event.t,
          expandS(leaf, r.to),
          `${leaf.name} grows from ${diskSizeLabel(r.from)} to ${diskSizeLabel(r.to)}${leaf.preallocated ? ': zeros are written over the new space' : ''}`,
        ),
      };
    }),
    markApplied: assign({ applied: true }),
    finishExpand: assign(({ context, event }) => {
      const text = `${leafName(context)} is now ${diskSizeLabel(context.lastFigure?.bytes ?? 0)}. The guest sees the new space as unallocated until it extends a volume into it.`;
      return finishEdit(context, event.t, 'expanded', text);
    }),
    beginAddDifferencing: assign(({ context }) => begin(context, 'addingDifferencing')),
    enterCreateChild: assign(({ context, event }) => {
      const parent = leafName(context);
      const r = addDifferencingDisk(context.session, vmNameOf(context));
      if (!r.ok) return enterStep(context, event.t, 0, r.reason);
      return {
        session: r.session,
        ...enterStep(
          context,
          event.t,
          T.createFileS,
          `${fileName(r.session, r.child)} is created as a differencing disk of ${parent}, which becomes read-only`,
        ),
      };
    }),
    enterPoint: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        T.repointS,
        `${vmNameOf(context)} is pointed at ${leafName(context)}`,
      ),
    ),
    finishAddDifferencing: assign(({ context, event }) => {
      const leaf = leafOf(context.session);
      const text = `${vmNameOf(context)} now writes to ${leaf?.name}; reads walk to ${fileName(context.session, leaf?.parent)} for blocks it lacks.`;
      return finishEdit(context, event.t, 'differenced', text);
    }),
    beginMerge: assign(({ context }) => begin(context, 'merging')),
    enterCopyBlocks: assign(({ context, event }) => {
      const p = mergePlan(context.session);
      if (!p.ok) return enterStep(context, event.t, 0, p.reason);
      return {
        merging: {
          child: p.child,
          parent: p.parent,
          startedAt: event.t,
          durationS: p.seconds,
          blocks: p.order.length,
        },
        lastFigure: { label: 'merged', bytes: p.bytes },
        ...enterStep(
          context,
          event.t,
          p.seconds,
          `${p.order.length} blocks (${Math.round(p.bytes / 2 ** 20)} MiB) of ${fileName(context.session, p.child)} are copied into ${fileName(context.session, p.parent)}`,
        ),
      };
    }),
    enterRemoveChild: assign(({ context, event }) => {
      const child = leafName(context);
      const r = finishMergeDisk(context.session);
      if (!r.ok) return { merging: null, ...enterStep(context, event.t, 0, r.reason) };
      return {
        session: r.session,
        merging: null,
        applied: true,
        ...enterStep(
          context,
          event.t,
          T.repointS,
          `${vmNameOf(context)} is pointed at ${fileName(r.session, r.session.leaf)}; ${child} is deleted`,
        ),
      };
    }),
    finishMerge: assign(({ context, event }) => {
      const text = `Merged: ${leafName(context)} holds every block and takes the writes again; the child is gone.`;
      return finishEdit(context, event.t, 'merged', text);
    }),

    // ---- the fault ------------------------------------------------------------------------------
    storageFails: assign(({ context, event }) => {
      const session = diskAfterFailure(context, event.t);
      const copied = context.merging && !context.applied ? mergeCursor(context, event.t) : null;
      const vmWasOff = context.world.instances.some(
        (i) => i.vm === context.vm && i.status === 'off',
      );
      const what = context.process ? PROCESS_WORDS[context.process] : 'the operation';
      const text = context.applied
        ? `The storage under ${vmNameOf(context)} failed after ${what} had finished its change: the disk keeps it, and no block is lost. The VM waits until the storage is back.`
        : `The storage under ${vmNameOf(context)} failed during ${what}: the operation stopped and no block is lost${
            copied !== null
              ? ` (${copied} of ${context.merging?.blocks ?? 0} blocks had been copied into ${fileName(session, context.merging?.parent)}; ${fileName(session, context.merging?.child)} still holds every one)`
              : `; the disk is as it was before`
          }. Run it again once the storage is back.`;
      return {
        session,
        merging: null,
        ...storageFailed(context, event.t, vmWasOff ? 'off' : 'paused', text, T.storageOutageS),
      };
    }),
    storageBack: assign(({ context, event }) => storageRestored(context, event.t)),
  },
}).createMachine({
  id: 'diskTypes',
  context: ({ input }) => ({
    ...sessionStart(input),
    seed: input.seed,
    diskBytes: input.diskBytes,
    defaults: { kind: input.defaultKind, controller: input.defaultController },
    session: emptySession(input.defaultController),
    applied: false,
    creating: null,
    lastWrite: null,
    merging: null,
    lastFigure: null,
  }),
  initial: 'ready',
  states: {
    ready: {
      on: {
        CREATE_DISK: actOrRefuse('creating', 'beginCreate'),
        WRITE_DATA: actOrRefuse('writing', 'beginWrite', 'hasDisk'),
        DELETE_DATA: actOrRefuse('deleting', 'beginDelete', 'hasDisk'),
        COMPACT: actOrRefuse('compacting', 'beginCompact', 'hasDisk'),
        EXPAND: actOrRefuse('expanding', 'beginExpand', 'hasDisk'),
        ADD_DIFFERENCING: actOrRefuse('addingDifferencing', 'beginAddDifferencing', 'hasDisk'),
        MERGE: actOrRefuse('merging', 'beginMerge', 'hasDisk'),
      },
    },
    creating: sessionProcess('creatingFile', {
      creatingFile: stepState('enterCreateFile', 'allocating', {
        step: 1,
        title: 'The disk is created',
        narration:
          'Hyper-V writes the new file\u2019s header and footer on the host\u2019s volume. A pass-through disk is no file: the physical disk (or SAN LUN) is taken offline on the host instead, so that only the VM reads and writes it.',
        source: '002',
      }),
      allocating: stepState('enterAllocate', 'attaching', {
        step: 2,
        title: 'Its space is allocated',
        narration:
          'A fixed-size disk writes its whole size now, so creating it takes time at the volume\u2019s speed, and it never grows afterwards (which is why it runs slightly faster). A dynamically expanding disk, a VHDX or a differencing disk only sets up its block table: its file grows as the guest writes.',
        source: '002',
      }),
      attaching: stepState('enterAttach', finish('finishCreate'), {
        step: 3,
        title: 'The disk is attached to the controller',
        narration:
          'The disk is added to the VM\u2019s virtual IDE or SCSI controller. A SCSI disk can be added while the VM runs; an IDE disk only while it is off, so the VM is shut down and started again around it.',
        source: '002',
      }),
    }),
    writing: sessionProcess('allocatingBlocks', {
      allocatingBlocks: stepState('enterAllocateBlocks', 'writingData', {
        step: 1,
        title: 'New blocks are allocated',
        narration:
          'The guest writes to blocks that held no data. A dynamically expanding or differencing file grows by one block for each block it did not have; a fixed-size disk or a pass-through disk already has every block.',
        source: '002',
      }),
      writingData: stepState('enterWriteData', finish('finishWrite'), {
        step: 2,
        title: 'The data is written',
        narration:
          'The data lands in the file the VM writes to: in a differencing chain always the newest child, never a parent, which stays intact.',
        source: '002',
      }),
    }),
    deleting: sessionProcess('deletingData', {
      deletingData: stepState('enterDeleteData', finish('finishDelete'), {
        step: 1,
        title: 'The guest deletes data',
        narration:
          'The guest frees its oldest data. The file on the host does not shrink: a dynamically expanding file keeps the blocks until it is compacted, a fixed-size file never changes size, and a differencing disk records the deletion in blocks of its own, hiding the parent\u2019s data beneath.',
        source: '002',
      }),
    }),
    compacting: sessionProcess('shuttingDown', {
      shuttingDown: shutDown(
        'scanning',
        'A disk is edited while no VM uses it, so the VM is shut down first.',
      ),
      scanning: stepState('enterScan', 'compactingBlocks', {
        step: 2,
        title: 'Unused blocks are found',
        narration:
          'The file\u2019s allocated blocks are read to find those that hold nothing: space the guest has deleted.',
        source: '002',
      }),
      compactingBlocks: stepState(
        'enterCompactBlocks',
        { target: 'starting', actions: 'applyCompact' },
        {
          step: 3,
          title: 'The file is compacted',
          narration:
            'The blocks still in use are moved together and the file is cut short. What the guest reads does not change; only the deleted space goes back to the host.',
          source: '002',
        },
      ),
      starting: startAgain(4, 'The VM boots again from its compacted disk.', 'finishCompact'),
    }),
    expanding: sessionProcess('shuttingDown', {
      shuttingDown: shutDown(
        'resizing',
        'Before Windows Server 2012 R2 (and for any disk that is not a SCSI-attached VHDX) a disk is resized only while no VM uses it.',
        '000',
      ),
      resizing: stepState(
        'enterResize',
        { target: 'starting', actions: 'markApplied' },
        {
          step: 2,
          title: 'The virtual size grows',
          narration:
            'The disk\u2019s header records its larger size. A fixed-size disk writes zeros over the new space; a dynamically expanding one grows only as data is written. The guest sees the new space as unallocated until it extends a volume into it.',
          source: '002',
        },
      ),
      starting: startAgain(3, 'The VM boots again and finds a larger disk.', 'finishExpand'),
    }),
    addingDifferencing: sessionProcess('shuttingDown', {
      shuttingDown: shutDown(
        'creatingChild',
        'The VM stops using its disk so that a child can be put in front of it.',
      ),
      creatingChild: stepState('enterCreateChild', 'pointing', {
        step: 2,
        title: 'A differencing disk is created',
        narration:
          'An empty differencing disk is created whose parent is the disk the VM used. The parent becomes read-only: it stays intact until a merge.',
        source: '002',
      }),
      pointing: stepState(
        'enterPoint',
        { target: 'starting', actions: 'markApplied' },
        {
          step: 3,
          title: 'The VM is pointed at the child',
          narration:
            'From now on a read starts in the child and walks to the parent for any block the child lacks; every write lands in the child.',
          source: '002',
        },
      ),
      starting: startAgain(
        4,
        'The VM boots again, now from the differencing disk.',
        'finishAddDifferencing',
      ),
    }),
    merging: sessionProcess('shuttingDown', {
      shuttingDown: shutDown('copyingBlocks', 'A differencing disk is merged while no VM uses it.'),
      copyingBlocks: stepState('enterCopyBlocks', 'removingChild', {
        step: 2,
        title: 'Blocks are copied into the parent',
        narration:
          'Block by block, the child\u2019s data is copied into its parent. Until the last block the child still holds every block, so an interruption loses nothing.',
        source: '002',
      }),
      removingChild: stepState('enterRemoveChild', 'starting', {
        step: 3,
        title: 'The child is removed',
        narration:
          'The VM is pointed at the parent, which now holds the merged data and takes writes again; the child file is deleted.',
        source: '002',
      }),
      starting: startAgain(4, 'The VM boots again from the merged disk.', 'finishMerge'),
    }),
    storageLost: storageLostState(),
  },
});

export type DiskTypesMachine = typeof diskTypesMachine;
