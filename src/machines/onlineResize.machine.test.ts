/**
 * The online resize session machine, walked: every reachable state of a bounded session (a 1 GiB
 * VHDX expanded and shrunk to every size up to 4 GiB, as a SCSI VHDX and as the settings may
 * misattach it, its volume extended, the storage failing in every step), with the invariants at
 * each state and across each transition: sizes never negative, the volume inside the disk, the
 * disk never below its minimum size, the guest's data never changed, a refusal changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, initialTransition, type SnapshotFrom, transition } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import {
  minimumBytes,
  PARTITION_OFFSET_BYTES,
  resizeInput,
  resizeViolations,
  unallocatedBytes,
} from '../model/onlineResize';
import { GiB } from '../model/units';
import { readImage } from '../model/vdisk';
import { worldViolations } from '../model/world';
import { SimRunner } from '../sim/runner';
import {
  diskOf,
  type OnlineResizeMachine,
  onlineResizeMachine,
  type ResizeEvent,
} from './onlineResize.machine';

type Snap = SnapshotFrom<OnlineResizeMachine>;

const input = (gib = 1) => resizeInput(gib * GiB, 7, { newBytes: 2 * GiB });
const SIZES = [1, 2, 3, 4];

function eventsOf(s: Snap): ResizeEvent[] {
  const out: ResizeEvent[] = [
    { type: 'STEP_DONE', t: 0 },
    { type: 'FAIL_STORAGE', t: 0 },
    { type: 'EXTEND_VOLUME', t: 0 },
  ];
  for (const newGiB of SIZES)
    for (const type of ['EXPAND', 'SHRINK'] as const)
      out.push({ type, t: 0, newGiB, controller: 'SCSI', format: 'VHDX' });
  out.push(
    { type: 'EXPAND', t: 0, newGiB: 3, controller: 'IDE', format: 'VHDX' },
    { type: 'SHRINK', t: 0, newGiB: 1, controller: 'SCSI', format: 'VHD' },
    { type: 'EXPAND', t: 0 },
  );
  if (!s.matches('ready'))
    return out.filter((e) => e.type === 'STEP_DONE' || e.type === 'FAIL_STORAGE');
  return out;
}

const serializeState = (s: Snap) =>
  JSON.stringify({
    v: s.value,
    f: diskOf(s.context),
    g: s.context.guest,
    r: s.context.resize,
    w: s.context.world.instances,
    b: s.context.before,
  });

const step = (s: Snap, e: ResizeEvent): Snap => transition(onlineResizeMachine, s, e)[0] as Snap;
const DATA = readImage(input().files, Object.keys(input().files)[0] as string);

function checkState(s: Snap): void {
  const c = s.context;
  const where = JSON.stringify(s.value);
  const disk = diskOf(c);
  expect(resizeViolations(disk, c.guest), where).toEqual([]);
  expect(worldViolations(c.world), where).toEqual([]);
  expect(unallocatedBytes(disk, c.guest)).toBeGreaterThanOrEqual(0);
  expect(disk.virtualBytes).toBeGreaterThanOrEqual(minimumBytes(c.guest));
  // The guest's data is never changed by resizing.
  expect(readImage(c.files, c.diskId), where).toEqual(DATA);
  if (s.matches('ready')) {
    expect(c.step.durationS).toBeNull();
    expect(c.world.instances[0]?.status).toBe('running');
  } else expect(c.step.durationS, where).not.toBeNull();
}

function checkTransition(s: Snap, e: ResizeEvent, n: Snap): void {
  const where = `${JSON.stringify(s.value)} --${JSON.stringify(e)}--> ${JSON.stringify(n.value)}`;
  if (n.context.outcome?.kind === 'refused' && n.context.outcome !== s.context.outcome) {
    expect(n.context.files, where).toBe(s.context.files);
    expect(n.context.guest, where).toBe(s.context.guest);
    expect(n.context.outcome.text, where).toMatch(/^Refused: /);
    return;
  }
  // The volume never shrinks; the disk shrinks only in a shrink and never under the volume.
  expect(n.context.guest.sizeBytes, where).toBeGreaterThanOrEqual(
    e.type === 'FAIL_STORAGE' ? 0 : s.context.guest.sizeBytes,
  );
  if (diskOf(n.context).virtualBytes < diskOf(s.context).virtualBytes) {
    expect(e.type === 'FAIL_STORAGE' || s.matches('shrinking'), where).toBe(true);
    expect(diskOf(n.context).virtualBytes).toBeGreaterThanOrEqual(minimumBytes(n.context.guest));
  }
  if (e.type === 'FAIL_STORAGE' && !s.matches('ready') && !s.matches('storageLost')) {
    // The operation stops: the disk and the volume as they were when it began.
    expect(n.matches('storageLost'), where).toBe(true);
    const began = s.context.before ?? s.context;
    expect(diskOf(n.context).virtualBytes).toBe(
      diskOf({ files: began.files, diskId: s.context.diskId }).virtualBytes,
    );
    expect(n.context.guest).toEqual(s.context.before?.guest);
    expect(n.context.world.instances[0]?.status).toBe('paused');
  }
}

describe('online resize session machine: every reachable state', () => {
  const adjacency = getAdjacencyMap(onlineResizeMachine, {
    input: input(),
    events: eventsOf,
    serializeState,
  });
  const entries = Object.values(adjacency);

  it('holds the invariants in every state and across every transition', () => {
    expect(entries.length).toBeGreaterThan(50);
    console.info(`online resize: ${entries.length} states walked`);
    for (const { state, transitions } of entries) {
      checkState(state as Snap);
      for (const t of Object.values(transitions) as { event: ResizeEvent; state: Snap }[])
        checkTransition(state as Snap, t.event, t.state);
    }
  });

  it('reaches every step and refuses each rule by name', () => {
    const states = entries.map((e) => e.state as Snap);
    const seen = (v: object | string) => states.some((s) => (s as AnyMachineSnapshot).matches(v));
    for (const v of [
      { expanding: 'growing' },
      { expanding: 'rescanning' },
      { shrinking: 'checkingMinimum' },
      { shrinking: 'cutting' },
      { shrinking: 'rescanning' },
      { extending: 'findingSpace' },
      { extending: 'extendingVolume' },
      'storageLost',
    ])
      expect(seen(v), JSON.stringify(v)).toBe(true);
    const texts = entries.flatMap((e) =>
      (Object.values(e.transitions) as { state: Snap }[]).map(
        (t) => t.state.context.outcome?.text ?? '',
      ),
    );
    for (const rule of [
      'Only a disk on a SCSI controller can be resized while the VM runs',
      'Only a VHDX can be resized while the VM runs',
      'A disk can shrink only down to its minimum size',
      'A disk can only be expanded to a larger size',
      'There is no unallocated space after volume C:',
    ])
      expect(
        texts.some((t) => t.startsWith('Refused') && t.includes(rule)),
        rule,
      ).toBe(true);
    // Every size a session can reach: expanded, shrunk back, the volume grown into the space.
    const sizes = new Set(states.map((s) => diskOf(s.context).virtualBytes / GiB));
    expect([...sizes].sort()).toEqual(SIZES);
    expect(states.some((s) => s.context.guest.sizeBytes === 4 * GiB - PARTITION_OFFSET_BYTES)).toBe(
      true,
    );
  });
});

describe('online resize: the poster’s story', () => {
  const start = () => initialTransition(onlineResizeMachine, input(40))[0] as Snap;
  const rest = (s: Snap): Snap => {
    let cur = s;
    for (let i = 0; i < 20 && !cur.matches('ready'); i += 1)
      cur = step(cur, { type: 'STEP_DONE', t: 0 });
    return cur;
  };
  const act = (s: Snap, e: ResizeEvent) => rest(step(s, e));
  const scsi = { controller: 'SCSI', format: 'VHDX' } as const;

  it('expands while running, extends the volume into the space, then cannot shrink below it', () => {
    let s = start();
    expect(unallocatedBytes(diskOf(s.context), s.context.guest)).toBe(0);
    s = act(s, { type: 'EXPAND', t: 0, newGiB: 60, ...scsi });
    expect(s.context.outcome?.kind).toBe('expanded');
    expect(unallocatedBytes(diskOf(s.context), s.context.guest)).toBe(20 * GiB);
    // Shrinking back into the unallocated space is allowed; below the volume it is not.
    s = act(s, { type: 'SHRINK', t: 0, newGiB: 50, ...scsi });
    expect(s.context.outcome?.kind).toBe('shrunk');
    const refused = act(s, { type: 'SHRINK', t: 0, newGiB: 30, ...scsi });
    expect(refused.context.outcome?.text).toContain(
      'A disk can shrink only down to its minimum size (40 GB)',
    );
    s = act(s, { type: 'EXTEND_VOLUME', t: 0 });
    expect(s.context.outcome?.kind).toBe('extended');
    expect(minimumBytes(s.context.guest)).toBe(50 * GiB);
    expect(act(s, { type: 'SHRINK', t: 0, newGiB: 45, ...scsi }).context.outcome?.kind).toBe(
      'refused',
    );
  });

  it('refuses an IDE disk or a VHD, naming the rule', () => {
    const ide = act(start(), {
      type: 'EXPAND',
      t: 0,
      newGiB: 60,
      controller: 'IDE',
      format: 'VHDX',
    });
    expect(ide.context.outcome?.text).toContain(
      'Only a disk on a SCSI controller can be resized while the VM runs',
    );
    const vhd = act(start(), {
      type: 'EXPAND',
      t: 0,
      newGiB: 60,
      controller: 'SCSI',
      format: 'VHD',
    });
    expect(vhd.context.outcome?.text).toContain('Only a VHDX can be resized while the VM runs');
    expect(diskOf(vhd.context).virtualBytes).toBe(40 * GiB);
  });

  it('runs in the SimRunner: the start without a choice expands to the default size', () => {
    const r = new SimRunner(onlineResizeMachine, input(1), { startEvent: 'EXPAND' });
    r.skipToEnd();
    expect(r.getSnapshot().done).toBe(true);
    expect(diskOf(r.getSnapshot().snapshot.context).virtualBytes).toBe(2 * GiB);
    r.inject('EXTEND_VOLUME');
    r.stepForward();
    r.inject('FAIL_STORAGE');
    expect(r.getSnapshot().snapshot.context.outcome?.text).toContain('no data is lost');
    expect(r.getSnapshot().snapshot.context.guest.sizeBytes).toBe(GiB - PARTITION_OFFSET_BYTES);
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.matches('ready')).toBe(true);
  });
});
