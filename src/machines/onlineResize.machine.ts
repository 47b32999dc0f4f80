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
import { type Controller, type DiskFile, type DiskSet, diskSizeLabel } from '../model/vdisk';
import type { World } from '../model/world';
import {
  addLog,
  endRun,
  initialRun,
  type RunState,
  storageBack,
  storageLost,
  vmName,
} from './kernel';
import { type LogEntry, nextStep } from './step';

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
  | { type: 'EXTEND_VOLUME'; t: number }
  | { type: 'STEP_DONE'; t: number }
  | { type: 'FAIL_STORAGE'; t: number };

/** The panel's fault menu (CONTRACT: named for what it does). */
export const RESIZE_FAULTS = [{ type: 'FAIL_STORAGE', label: 'Fail storage' }] as const;

export interface ResizeContext extends RunState<ResizeOutcome> {
  world: World;
  vm: string;
  host: string;
  volume: string;
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
  interrupted: boolean;
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

function step(c: Ctx, t: number, durationS: number, text: string) {
  return { step: nextStep(c.step, durationS), log: addLog(c.log, t, 'step', text) };
}

function begin(c: Ctx, process: ResizeProcess) {
  return { process, outcome: null, before: { files: c.files, guest: c.guest }, resize: null };
}

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
    beginExpand: assign(({ context, event }) => {
      const to = askOf(context, event).newBytes;
      return { ...begin(context, 'expanding'), resize: { from: diskOf(context).virtualBytes, to } };
    }),
    enterGrow: assign(({ context, event }) => {
      const a = context.resize;
      const r = a ? expandOnline(context.files, context.diskId, a.to, 'SCSI', 'VHDX') : null;
      if (!r?.ok) return step(context, event.t, 0, r ? r.reason : 'no resize');
      return {
        files: r.files,
        ...step(
          context,
          event.t,
          T.resizeS,
          `${diskOf(context).name} grows from ${diskSizeLabel(a?.from ?? 0)} to ${diskSizeLabel(a?.to ?? 0)} while ${vmNameOf(context)} runs`,
        ),
      };
    }),
    enterRescanGrown: assign(({ context, event }) =>
      step(
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
    beginShrink: assign(({ context, event }) => {
      const to = askOf(context, event).newBytes;
      return { ...begin(context, 'shrinking'), resize: { from: diskOf(context).virtualBytes, to } };
    }),
    enterCheckMinimum: assign(({ context, event }) =>
      step(
        context,
        event.t,
        T.supportedSizeS,
        `The minimum size of ${diskOf(context).name} is ${diskSizeLabel(minimumBytes(context.guest))}: volume ${context.guest.drive}: ends there`,
      ),
    ),
    enterCut: assign(({ context, event }) => {
      const a = context.resize;
      const r = a
        ? shrinkOnline(context.files, context.diskId, context.guest, a.to, 'SCSI', 'VHDX')
        : null;
      if (!r?.ok) return step(context, event.t, 0, r ? r.reason : 'no resize');
      return {
        files: r.files,
        ...step(
          context,
          event.t,
          T.resizeS,
          `${diskOf(context).name} shrinks from ${diskSizeLabel(a?.from ?? 0)} to ${diskSizeLabel(a?.to ?? 0)}: only unallocated space is cut`,
        ),
      };
    }),
    enterRescanShrunk: assign(({ context, event }) =>
      step(
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
      step(
        context,
        event.t,
        T.supportedSizeS,
        `Volume ${context.guest.drive}: can grow by ${diskSizeLabel(unallocatedBytes(diskOf(context), context.guest))}`,
      ),
    ),
    enterExtend: assign(({ context, event }) => {
      const r = extendVolume(diskOf(context), context.guest);
      if (!r.ok) return step(context, event.t, 0, r.reason);
      return {
        guest: r.guest,
        ...step(
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
      const world = storageLost(context, 'paused');
      const what =
        context.process === 'extending'
          ? `the extension of volume ${context.guest.drive}:`
          : `the resize of ${diskOf(context).name}`;
      const was = diskOf({ files: before.files, diskId: context.diskId });
      const text = `The storage under ${vmNameOf(context)} failed during ${what}: it stopped, and no data is lost. ${was.name} stays ${diskSizeLabel(was.virtualBytes)} and volume ${context.guest.drive}: ${diskSizeLabel(before.guest.sizeBytes)}. The VM waits paused until the storage is back; then run it again.`;
      return {
        files: before.files,
        guest: before.guest,
        world,
        interrupted: true,
        ...endRun(context, event.t, 'failed', 'Storage failed', text),
        step: nextStep(context.step, T.storageOutageS),
      };
    }),
    storageBack: assign(({ context, event }) => ({
      ...storageBack(context, event.t),
      interrupted: false,
    })),
  },
}).createMachine({
  id: 'onlineResize',
  context: ({ input }) => ({
    ...initialRun(),
    world: input.world,
    vm: input.vm,
    host: input.host,
    volume: input.volume,
    diskId: Object.keys(input.files)[0] as string,
    files: input.files,
    guest: input.guest,
    defaults: input.defaults,
    process: null,
    resize: null,
    before: null,
    interrupted: false,
    log: [] as LogEntry[],
  }),
  initial: 'ready',
  states: {
    ready: {
      on: {
        EXPAND: [
          { guard: 'allowed', target: 'expanding', actions: 'beginExpand' },
          { actions: 'refuse' },
        ],
        SHRINK: [
          { guard: 'allowed', target: 'shrinking', actions: 'beginShrink' },
          { actions: 'refuse' },
        ],
        EXTEND_VOLUME: [
          { guard: 'allowed', target: 'extending', actions: 'beginExtend' },
          { actions: 'refuse' },
        ],
      },
    },
    expanding: {
      initial: 'growing',
      on: { FAIL_STORAGE: { target: 'storageLost', actions: 'storageFails' } },
      states: {
        growing: {
          entry: 'enterGrow',
          meta: {
            step: 1,
            title: 'The VHDX grows while the VM runs',
            narration:
              'Resize-VHD records the larger size in the VHDX while the VM keeps running (Windows Server 2012 R2). Only a VHDX on a SCSI controller can be resized online; a VHD, or any disk on the IDE controller, is refused.',
            source: '000',
          },
          on: { STEP_DONE: 'rescanning' },
        },
        rescanning: {
          entry: 'enterRescanGrown',
          meta: {
            step: 2,
            title: 'The guest sees unallocated space',
            narration:
              'The guest finds its disk larger. The new space is unallocated: no volume uses it until the guest extends one into it.',
            source: '000',
          },
          on: { STEP_DONE: { target: '#onlineResize.ready', actions: 'finishExpand' } },
        },
      },
    },
    shrinking: {
      initial: 'checkingMinimum',
      on: { FAIL_STORAGE: { target: 'storageLost', actions: 'storageFails' } },
      states: {
        checkingMinimum: {
          entry: 'enterCheckMinimum',
          meta: {
            step: 1,
            title: 'The minimum size is checked',
            narration:
              'A disk shrinks only down to its minimum size: the end of its last partition. Resize-VHD never cuts into a volume; to shrink further, the guest must shrink its volume first.',
            source: '000',
          },
          on: { STEP_DONE: 'cutting' },
        },
        cutting: {
          entry: 'enterCut',
          meta: {
            step: 2,
            title: 'The VHDX shrinks while the VM runs',
            narration:
              'The unallocated space at the end of the disk is cut off and its blocks released from the VHDX file. The volume and its data are not touched.',
            source: '000',
          },
          on: { STEP_DONE: 'rescanning' },
        },
        rescanning: {
          entry: 'enterRescanShrunk',
          meta: {
            step: 3,
            title: 'The guest sees the smaller disk',
            narration: 'The guest finds its disk smaller, with less (or no) unallocated space.',
            source: '000',
          },
          on: { STEP_DONE: { target: '#onlineResize.ready', actions: 'finishShrink' } },
        },
      },
    },
    extending: {
      initial: 'findingSpace',
      on: { FAIL_STORAGE: { target: 'storageLost', actions: 'storageFails' } },
      states: {
        findingSpace: {
          entry: 'enterSupportedSize',
          meta: {
            step: 1,
            title: 'The guest finds the space it can use',
            narration:
              'Inside the VM, Get-PartitionSupportedSize tells how far the volume\u2019s partition can grow: up to the end of the unallocated space after it.',
            source: '000',
          },
          on: { STEP_DONE: 'extendingVolume' },
        },
        extendingVolume: {
          entry: 'enterExtend',
          meta: {
            step: 2,
            title: 'The volume grows into it',
            narration:
              'Resize-Partition grows the partition and its file system over the unallocated space, so the guest can use the expanded capacity. The disk\u2019s minimum size grows with it.',
            source: '000',
          },
          on: { STEP_DONE: { target: '#onlineResize.ready', actions: 'finishExtend' } },
        },
      },
    },
    storageLost: {
      on: { STEP_DONE: { target: 'ready', actions: 'storageBack' } },
    },
  },
});

export type OnlineResizeMachine = typeof onlineResizeMachine;
