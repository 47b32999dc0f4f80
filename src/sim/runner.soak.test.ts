/**
 * What a run leaves behind: a runner replayed hundreds of times (restart, play to the end, skip
 * to the end, scrub, step, a fault) must hold exactly what it held after a few replays. The
 * checks count the runner's own collections and every object reachable from it (the machine's
 * definition, shared by all runs, left out), never wall-clock time or heap figures.
 */
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { clusterInput } from '../machines/clusterMigration.fixture';
import { clusterMigrationMachine } from '../machines/clusterMigration.machine';
import { crossVersionLiveMachine } from '../machines/crossVersion';
import { crossVersionInput } from '../machines/crossVersion.fixture';
import { fasterLiveMigrationInput } from '../machines/fasterLiveMigration.fixture';
import { fasterLiveMigrationMachine } from '../machines/fasterLiveMigration.machine';
import { liveMigrationInput } from '../machines/liveMigration2008r2.fixture';
import { liveMigration2008r2Machine } from '../machines/liveMigration2008r2.machine';
import { sharedNothingInput } from '../machines/sharedNothing.fixture';
import { sharedNothingMachine } from '../machines/sharedNothing.machine';
import { smbInput } from '../machines/smbMigration.fixture';
import { smbMigrationMachine } from '../machines/smbMigration.machine';
import { storageInput } from '../machines/storageMigration.fixture';
import { storageMigrationMachine } from '../machines/storageMigration.machine';
import { type FrameSource, SimClock } from './clock';
import { SimRunner } from './runner';

/** Every object reachable from `root` through properties, array items, Map and Set entries. */
function reachable(root: unknown, skip: ReadonlySet<unknown> = new Set()): Set<unknown> {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || (typeof x !== 'object' && typeof x !== 'function')) continue;
    if (seen.has(x) || skip.has(x)) continue;
    seen.add(x);
    if (typeof x === 'function' || ArrayBuffer.isView(x)) continue;
    if (x instanceof Map) for (const [k, v] of x) stack.push(k, v);
    if (x instanceof Set) for (const v of x) stack.push(v);
    for (const key of Reflect.ownKeys(x)) {
      const d = Object.getOwnPropertyDescriptor(x, key);
      if (d && 'value' in d) stack.push(d.value);
    }
  }
  return seen;
}

interface Case {
  name: string;
  make: () => SimRunner<AnyStateMachine>;
  fault?: string;
}

const start = { startEvent: 'START' };
const CASES: Case[] = [
  {
    name: 'live migration 2008 R2',
    make: () => new SimRunner(liveMigration2008r2Machine, liveMigrationInput(), start),
    fault: 'CUT_NETWORK',
  },
  {
    name: 'cluster',
    make: () => new SimRunner(clusterMigrationMachine, clusterInput(), start),
  },
  { name: 'smb', make: () => new SimRunner(smbMigrationMachine, smbInput(), start) },
  {
    name: 'shared nothing',
    make: () => new SimRunner(sharedNothingMachine, sharedNothingInput(), start),
  },
  {
    name: 'storage migration',
    make: () => new SimRunner(storageMigrationMachine, storageInput(), start),
  },
  {
    name: 'faster live migration',
    make: () => new SimRunner(fasterLiveMigrationMachine, fasterLiveMigrationInput(), start),
  },
  {
    name: 'cross-version',
    make: () => new SimRunner(crossVersionLiveMachine, crossVersionInput('live'), start),
  },
];

type Internals = {
  checkpoints: unknown[];
  script: unknown[];
  listeners: Set<unknown>;
};
const internals = (r: SimRunner<AnyStateMachine>) => r as unknown as Internals;

/** One presenter's replay: every way of reaching the end and going back. */
function replay(r: SimRunner<AnyStateMachine>, fault: string | undefined): void {
  const sub = r.subscribe(() => {});
  r.restart();
  r.play();
  const endT = r.getSnapshot().endT;
  for (let i = 0; i < 40 && r.getSnapshot().playing; i += 1) r.advance(endT / 16);
  r.restart();
  r.skipToEnd();
  r.seek(endT * 0.5);
  r.stepBack();
  r.stepForward();
  r.seek(endT * 0.25);
  if (fault) r.inject(fault);
  r.skipToEnd();
  r.restart();
  r.skipToEnd();
  sub.unsubscribe();
}

function measure(r: SimRunner<AnyStateMachine>, shared: ReadonlySet<unknown>) {
  const i = internals(r);
  return {
    checkpoints: i.checkpoints.length,
    script: i.script.length,
    listeners: i.listeners.size,
    reachable: reachable(r, shared).size,
  };
}

describe('SimRunner replayed for an hour holds no more than after a few runs', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = c.make();
      // The machine's definition (shared by every run and panel) and the input are not the run's.
      const shared = reachable(r.machine);
      // A few replays first: the first fault shortens the run, so the next ones inject earlier.
      for (let i = 0; i < 5; i += 1) replay(r, c.fault);
      const early = measure(r, shared);
      // Each replay reaches the end four times: some 250 runs.
      for (let i = 0; i < 60; i += 1) replay(r, c.fault);
      const late = measure(r, shared);
      expect(late).toEqual(early);
      expect(late.listeners).toBe(0);
      // The view keeps one earlier moment, not a chain of every earlier one.
      const v = r.getSnapshot();
      expect(reachable(v.previous, shared).has(v.snapshot)).toBe(false);
    }, 60_000);
  }

  it('a fresh runner and a replayed one end in the same state (replay is exact)', () => {
    const a = CASES[0]?.make() as SimRunner<AnyStateMachine>;
    const b = CASES[0]?.make() as SimRunner<AnyStateMachine>;
    a.skipToEnd();
    for (let i = 0; i < 20; i += 1) replay(b, undefined);
    b.restart();
    b.skipToEnd();
    expect(b.getSnapshot().snapshot.context).toEqual(a.getSnapshot().snapshot.context);
  });
});

describe('SimClock started and stopped for an hour leaves nothing registered', () => {
  /** A frame source that counts what is outstanding: requested frames and visibility listeners. */
  function countingFrames() {
    const pending = new Map<number, (t: number) => void>();
    const visibility = new Set<() => void>();
    let id = 0;
    const frames: FrameSource = {
      request: (cb) => {
        id += 1;
        pending.set(id, cb);
        return id;
      },
      cancel: (n) => {
        pending.delete(n);
      },
      hidden: () => false,
      onVisibilityChange: (cb) => {
        visibility.add(cb);
        return () => visibility.delete(cb);
      },
    };
    /** Deliver the outstanding frames (as the browser does once per frame). */
    const frame = (t: number) => {
      const due = [...pending];
      pending.clear();
      for (const [, cb] of due) cb(t);
    };
    return { frames, pending, visibility, frame };
  }

  it('one frame and one listener while running, none after stop, over many panel visits', () => {
    const f = countingFrames();
    const r = new SimRunner(liveMigration2008r2Machine, liveMigrationInput(), start);
    let t = 0;
    for (let visit = 0; visit < 200; visit += 1) {
      const clock = new SimClock(r, f.frames);
      clock.start();
      clock.start(); // a second start (React's strict effects) must not add a loop
      r.play();
      for (let i = 0; i < 5; i += 1) {
        t += 16;
        f.frame(t);
      }
      expect(f.pending.size).toBe(1);
      expect(f.visibility.size).toBe(1);
      clock.stop();
      expect(f.pending.size).toBe(0);
      expect(f.visibility.size).toBe(0);
      r.restart();
    }
  });

  it('a frame already queued when the clock stops does not restart the loop', () => {
    const f = countingFrames();
    const r = new SimRunner(liveMigration2008r2Machine, liveMigrationInput(), start);
    const clock = new SimClock(r, f.frames);
    clock.start();
    const [queued] = [...f.pending.values()];
    clock.stop();
    queued?.(16);
    expect(f.pending.size).toBe(0);
    expect(f.visibility.size).toBe(0);
  });
});
