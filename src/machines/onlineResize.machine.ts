/**
 * Online virtual hard disk resizing (CATALOG 2.5, seed 000): a session machine. FS01 runs in
 * `ready` with its VHDX on the SCSI controller and volume C: inside; the user expands or shrinks
 * the disk while the VM runs, and extends the guest's volume into the space an expansion leaves
 * unallocated. The action carries the disk's controller and format as the settings say, and the
 * new size: only a VHDX on a SCSI controller can be resized online, and a disk shrinks only down
 * to its minimum size (the end of the volume's partition); a broken rule refuses the action at
 * once, naming it, and changes nothing.
 *
 * The disk and its volume are `model/onlineResize.ts` (over `model/vdisk.ts`). The fault: the
 * storage fails during a resize or an extension. The operation stops, no data is lost, the disk
 * and the volume keep their old sizes, and the VM waits paused until the storage is back.
 */
import { assign, setup } from 'xstate';
import {
  expandOnline,
  extendVolume,
  type FormatChoice,
  type GuestVolume,
  minimumBytes,
  type ResizeInput,
  shrinkOnline,
  RESIZE_TIMINGS as T,
  unallocatedBytes,
} from '../model/onlineResize';
import { GiB } from '../model/units';
import {
  type Controller,
  type DiskFile,
  type DiskSet,
  diskSizeLabel,
  type Result,
} from '../model/vdisk';
import { type SessionContext, sessionStart, storageFailed, storageRestored } from './diskSession';
import { actOrRefuse, sessionProcess, stepState, storageLostState } from './diskSessionStates';
import { endRun, enterStep, type TimedEvent, vmName } from './kernel';

export type ResizeProcess = 'expanding' | 'shrinking' | 'extending';

export type ResizeOutcome =
  | { kind: 'expanded' | 'shrunk' | 'extended'; text: string }
  | { kind: 'failed'; text: string }
  | { kind: 'refused'; text: string };

/** What an Expand or Shrink carries: the new size and the disk as the settings attach it. */
export interface ResizeAsk {
  newGiB?: number;
  controller?: Controller;
  format?: FormatChoice;
}

export type ResizeEvent =
  | ({ type: 'EXPAND'; t: number } & ResizeAsk)
  | ({ type: 'SHRINK'; t: number } & ResizeAsk)
  | TimedEvent<'EXTEND_VOLUME' | 'STEP_DONE' | 'FAIL_STORAGE'>;

/** The panel's fault menu (CONTRACT: named for what it does). */
export const RESIZE_FAULTS = [{ type: 'FAIL_STORAGE', label: 'Fail storage' }] as const;

export interface ResizeContext extends SessionContext<ResizeOutcome> {
  diskId: string;
  files: DiskSet;
  guest: GuestVolume;
  defaults: ResizeInput['defaults'];
  /** The process running now, or the one that ran last. */
  process: ResizeProcess | null;
  /** The resize under way: from and to (bytes). */
  resize: { from: number; to: number } | null;
  /** The disk and volume when the process began (a storage failure keeps them). */
  before: { files: DiskSet; guest: GuestVolume } | null;
}

type Ctx = ResizeContext;

export const diskOf = (c: Pick<Ctx, 'files' | 'diskId'>): DiskFile => c.files[c.diskId] as DiskFile;

/** The new size an action asks for, in bytes (the settings' default when none is given). */
function askOf(
  c: Ctx,
  e: ResizeEvent,
): { newBytes: number; controller: Controller; format: FormatChoice } {
  const a: ResizeAsk = e.type === 'EXPAND' || e.type === 'SHRINK' ? e : {};
  return {
    newBytes: a.newGiB !== undefined ? a.newGiB * GiB : c.defaults.newBytes,
    controller: a.controller ?? c.defaults.controller,
    format: a.format ?? c.defaults.format,
  };
}

/** The model's answer to an action on the disk now (the guards and the refusals). */
function check(c: Ctx, e: ResizeEvent) {
  const a = askOf(c, e);
  if (e.type === 'EXPAND')
    return expandOnline(c.files, c.diskId, a.newBytes, a.controller, a.format);
  if (e.type === 'SHRINK')
    return shrinkOnline(c.files, c.diskId, c.guest, a.newBytes, a.controller, a.format);
  if (e.type === 'EXTEND_VOLUME') return extendVolume(diskOf(c), c.guest);
  return { ok: false as const, reason: 'not an action' };
}

const PROCESS_OF: Record<string, ResizeProcess> = {
  EXPAND: 'expanding',
  SHRINK: 'shrinking',
  EXTEND_VOLUME: 'extending',
};

const vmNameOf = (c: Ctx) => vmName(c.world, c.vm);

function begin(c: Ctx, process: ResizeProcess) {
  return { process, outcome: null, before: { files: c.files, guest: c.guest }, resize: null };
}

/** Starts a resize: from the disk's size now to the size the action asks for. */
function beginResize(c: Ctx, e: ResizeEvent, process: 'expanding' | 'shrinking') {
  return {
    ...begin(c, process),
    resize: { from: diskOf(c).virtualBytes, to: askOf(c, e).newBytes },
  };
}

/**
 * The resize under way: `apply` resizes the disk to the size asked for, and `say` narrates it with
 * the sizes from and to; a refusal is logged as a step that takes no time.
 */
function resizeStep(
  c: Ctx,
  t: number,
  apply: (to: number) => Result<{ files: DiskSet }>,
  say: (from: string, to: string) => string,
) {
  const a = c.resize;
  const r = a ? apply(a.to) : null;
  if (!r?.ok) return enterStep(c, t, 0, r ? r.reason : 'no resize');
  return {
    files: r.files,
    ...enterStep(c, t, T.resizeS, say(diskSizeLabel(a?.from ?? 0), diskSizeLabel(a?.to ?? 0))),
  };
}

/** The last step's end: the process finishes with `action` and the session is ready again. */
const finish = <const A extends string>(action: A) =>
  ({ target: '#onlineResize.ready', actions: action }) as const;

export const onlineResizeMachine = setup({
  types: {} as { context: ResizeContext; events: ResizeEvent; input: ResizeInput },
  guards: {
    allowed: ({ context, event }) => check(context, event).ok,
  },
  actions: {
    refuse: assign(({ context, event }) => {
      const r = check(context, event);
      const a = askOf(context, event);
      const asked =
        event.type === 'EXTEND_VOLUME'
          ? ''
          : ` (${event.type === 'EXPAND' ? 'expand' : 'shrink'} ${vmNameOf(context)}'s disk to ${diskSizeLabel(a.newBytes)}, a ${a.format} on the ${a.controller} controller)`;
      const text = `Refused: ${r.ok ? 'not possible now' : r.reason}${asked}. Nothing was changed.`;
      return {
        process: PROCESS_OF[event.type] ?? context.process,
        ...endRun(context, event.t, 'refused', null, text),
      };
    }),

    // ---- expand ---------------------------------------------------------------------------------
    beginExpand: assign(({ context, event }) => beginResize(context, event, 'expanding')),
    enterGrow: assign(({ context, event }) =>
      resizeStep(
        context,
        event.t,
        (to) => expandOnline(context.files, context.diskId, to, 'SCSI', 'VHDX'),
        (from, to) =>
          `${diskOf(context).name} grows from ${from} to ${to} while ${vmNameOf(context)} runs`,
      ),
    ),
    enterRescanGrown: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        T.rescanS,
        `The guest sees ${diskSizeLabel(unallocatedBytes(diskOf(context), context.guest))} unallocated after volume ${context.guest.drive}:`,
      ),
    ),
    finishExpand: assign(({ context, event }) => {
      const text = `Expanded: ${diskOf(context).name} is ${diskSizeLabel(diskOf(context).virtualBytes)}, ${diskSizeLabel(unallocatedBytes(diskOf(context), context.guest))} of it unallocated in the guest. Extend volume ${context.guest.drive}: to use it.`;
      return endRun(context, event.t, 'expanded', null, text);
    }),

    // ---- shrink ---------------------------------------------------------------------------------
    beginShrink: assign(({ context, event }) => beginResize(context, event, 'shrinking')),
    enterCheckMinimum: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        T.supportedSizeS,
        `The minimum size of ${diskOf(context).name} is ${diskSizeLabel(minimumBytes(context.guest))}: volume ${context.guest.drive}: ends there`,
      ),
    ),
    enterCut: assign(({ context, event }) =>
      resizeStep(
        context,
        event.t,
        (to) => shrinkOnline(context.files, context.diskId, context.guest, to, 'SCSI', 'VHDX'),
        (from, to) =>
          `${diskOf(context).name} shrinks from ${from} to ${to}: only unallocated space is cut`,
      ),
    ),
    enterRescanShrunk: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        T.rescanS,
        `The guest sees the smaller disk; volume ${context.guest.drive}: is untouched`,
      ),
    ),
    finishShrink: assign(({ context, event }) => {
      const text = `Shrunk: ${diskOf(context).name} is ${diskSizeLabel(diskOf(context).virtualBytes)}; volume ${context.guest.drive}: keeps ${diskSizeLabel(context.guest.sizeBytes)} and every byte of its data.`;
      return endRun(context, event.t, 'shrunk', null, text);
    }),

    // ---- extend the guest's volume ----------------------------------------------------------------
    beginExtend: assign(({ context }) => begin(context, 'extending')),
    enterSupportedSize: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        T.supportedSizeS,
        `Volume ${context.guest.drive}: can grow by ${diskSizeLabel(unallocatedBytes(diskOf(context), context.guest))}`,
      ),
    ),
    enterExtend: assign(({ context, event }) => {
      const r = extendVolume(diskOf(context), context.guest);
      if (!r.ok) return enterStep(context, event.t, 0, r.reason);
      return {
        guest: r.guest,
        ...enterStep(
          context,
          event.t,
          T.extendS,
          `Volume ${context.guest.drive}: grows from ${diskSizeLabel(context.guest.sizeBytes)} to ${diskSizeLabel(r.guest.sizeBytes)}`,
        ),
      };
    }),
    finishExtend: assign(({ context, event }) => {
      const text = `Extended: volume ${context.guest.drive}: is ${diskSizeLabel(context.guest.sizeBytes)}, filling ${diskOf(context).name}. Its minimum size is now ${diskSizeLabel(minimumBytes(context.guest))}.`;
      return endRun(context, event.t, 'extended', null, text);
    }),

    // ---- the fault --------------------------------------------------------------------------------
    storageFails: assign(({ context, event }) => {
      const before = context.before ?? { files: context.files, guest: context.guest };
      const what =
        context.process === 'extending'
          ? `the extension of volume ${context.guest.drive}:`
          : `the resize of ${diskOf(context).name}`;
      const was = diskOf({ files: before.files, diskId: context.diskId });
      const text = `The storage under ${vmNameOf(context)} failed during ${what}: it stopped, and no data is lost. ${was.name} stays ${diskSizeLabel(was.virtualBytes)} and volume ${context.guest.drive}: ${diskSizeLabel(before.guest.sizeBytes)}. The VM waits paused until the storage is back; then run it again.`;
      return {
        files: before.files,
        guest: before.guest,
        ...storageFailed(context, event.t, 'paused', text, T.storageOutageS),
      };
    }),
    storageBack: assign(({ context, event }) => storageRestored(context, event.t)),
  },
}).createMachine({
  id: 'onlineResize',
  context: ({ input }) => ({
    ...sessionStart(input),
    diskId: Object.keys(input.files)[0] as string,
    files: input.files,
    guest: input.guest,
    defaults: input.defaults,
    resize: null,
  }),
  initial: 'ready',
  states: {
    ready: {
      on: {
        EXPAND: actOrRefuse('expanding', 'beginExpand'),
        SHRINK: actOrRefuse('shrinking', 'beginShrink'),
        EXTEND_VOLUME: actOrRefuse('extending', 'beginExtend'),
      },
    },
    expanding: sessionProcess('growing', {
      growing: stepState('enterGrow', 'rescanning', {
        step: 1,
        title: 'The VHDX grows while the VM runs',
        narration:
          'Resize-VHD records the larger size in the VHDX while the VM keeps running (Windows Server 2012 R2). Only a VHDX on a SCSI controller can be resized online; a VHD, or any disk on the IDE controller, is refused.',
        source: '000',
      }),
      rescanning: stepState('enterRescanGrown', finish('finishExpand'), {
        step: 2,
        title: 'The guest sees unallocated space',
        narration:
          'The guest finds its disk larger. The new space is unallocated: no volume uses it until the guest extends one into it.',
        source: '000',
      }),
    }),
    shrinking: sessionProcess('checkingMinimum', {
      checkingMinimum: stepState('enterCheckMinimum', 'cutting', {
        step: 1,
        title: 'The minimum size is checked',
        narration:
          'A disk shrinks only down to its minimum size: the end of its last partition. Resize-VHD never cuts into a volume; to shrink further, the guest must shrink its volume first.',
        source: '000',
      }),
      cutting: stepState('enterCut', 'rescanning', {
        step: 2,
        title: 'The VHDX shrinks while the VM runs',
        narration:
          'The unallocated space at the end of the disk is cut off and its blocks released from the VHDX file. The volume and its data are not touched.',
        source: '000',
      }),
      rescanning: stepState('enterRescanShrunk', finish('finishShrink'), {
        step: 3,
        title: 'The guest sees the smaller disk',
        narration: 'The guest finds its disk smaller, with less (or no) unallocated space.',
        source: '000',
      }),
    }),
    extending: sessionProcess('findingSpace', {
      findingSpace: stepState('enterSupportedSize', 'extendingVolume', {
        step: 1,
        title: 'The guest finds the space it can use',
        narration:
          'Inside the VM, Get-PartitionSupportedSize tells how far the volume\u2019s partition can grow: up to the end of the unallocated space after it.',
        source: '000',
      }),
      extendingVolume: stepState('enterExtend', finish('finishExtend'), {
        step: 2,
        title: 'The volume grows into it',
        narration:
          'Resize-Partition grows the partition and its file system over the unallocated space, so the guest can use the expanded capacity. The disk\u2019s minimum size grows with it.',
        source: '000',
      }),
    }),
    storageLost: storageLostState(),
  },
});

export type OnlineResizeMachine = typeof onlineResizeMachine;
