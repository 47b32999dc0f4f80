import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveMigrationInput } from '../machines/liveMigration2008r2.fixture';
import { liveMigration2008r2Machine as machine } from '../machines/liveMigration2008r2.machine';
import { DESTINATION, SOURCE, VM_ID } from '../model/scenarios';
import { activeInstance, instanceOn } from '../model/world';
import { type Advanceable, type FrameSource, MAX_FRAME_MS, SimClock } from './clock';
import { SimRunner } from './runner';

function runner(params = {}) {
  return new SimRunner(machine, liveMigrationInput(params), { startEvent: 'START' });
}

const stateOf = (r: ReturnType<typeof runner>) => JSON.stringify(r.getSnapshot().snapshot.value);

describe('SimRunner', () => {
  it('knows the run length before it starts, and ends exactly there', () => {
    const r = runner();
    const plan = r.getSnapshot().snapshot.context.plan;
    expect(r.getSnapshot().endT).toBeCloseTo(plan.totalS, 9);
    r.play();
    for (let i = 0; i < 10_000 && r.getSnapshot().playing; i += 1) r.advance(0.05);
    const v = r.getSnapshot();
    expect(v.done).toBe(true);
    expect(v.playing).toBe(false);
    expect(v.now).toBeCloseTo(plan.totalS, 9);
    expect(v.snapshot.context.outcome?.kind).toBe('migrated');
  });

  it('a Play from idle keeps the predicted end; a start after a fault before it predicts anew', () => {
    const r = runner();
    const predicted = r.getSnapshot().endT;
    r.play();
    expect(r.getSnapshot().endT).toBe(predicted);
    r.skipToEnd();
    expect(r.getSnapshot().now).toBeCloseTo(predicted, 9);
    // A fault before the start changes the run: its end is predicted again, not reused.
    const cut = runner();
    cut.inject('CUT_NETWORK');
    cut.inject('START');
    cut.skipToEnd();
    expect(cut.getSnapshot().now).toBeCloseTo(cut.getSnapshot().endT, 9);
    expect(cut.getSnapshot().snapshot.context.outcome?.kind).not.toBe('migrated');
  });

  it('keeps the step-start array while no step starts, and a new one with each start', () => {
    const r = runner();
    r.play();
    let views = 0;
    let kept = 0;
    let last = r.getSnapshot();
    for (let i = 0; i < 2_000 && r.getSnapshot().playing; i += 1) {
      r.advance(0.05);
      const v = r.getSnapshot();
      const same =
        v.stepStarts.length === last.stepStarts.length &&
        v.stepStarts.every((t, k) => t === last.stepStarts[k]);
      // Equal content is the same array (readers compare by identity); new content a new one.
      expect(v.stepStarts === last.stepStarts).toBe(same);
      views += 1;
      if (same) kept += 1;
      last = v;
    }
    expect(views).toBeGreaterThan(kept);
    expect(kept).toBeGreaterThan(0);
    expect(last.stepStarts.length).toBeGreaterThan(1);
  });

  it('delivers step completions at their sim times whatever the frame size', () => {
    const a = runner();
    const b = runner();
    a.play();
    b.play();
    for (let i = 0; i < 4000; i += 1) a.advance(0.01);
    for (let i = 0; i < 20; i += 1) b.advance(2);
    const times = (r: SimRunner<typeof machine>) => r.history().map((h) => h.t.toFixed(9));
    expect(times(a)).toEqual(times(b));
    expect(a.getSnapshot().snapshot.context.log).toEqual(b.getSnapshot().snapshot.context.log);
  });

  it('steps forward one step at a time and back to the start of each step', () => {
    const r = runner();
    r.stepForward(); // starts: step 1
    expect(stateOf(r)).toBe('{"migrating":"connecting"}');
    r.stepForward();
    expect(stateOf(r)).toBe('{"migrating":"copyingMemory"}');
    const round0Start = r.getSnapshot().now;
    r.advance(1);
    r.stepBack(); // to the start of this step
    expect(r.getSnapshot().now).toBeCloseTo(round0Start, 9);
    expect(stateOf(r)).toBe('{"migrating":"copyingMemory"}');
    r.stepBack(); // already at its start: the previous step
    expect(stateOf(r)).toBe('{"migrating":"connecting"}');
  });

  it('restores an exact earlier moment, and a re-run from there gives the same result', () => {
    const r = runner();
    r.skipToEnd();
    const end = r.getSnapshot();
    const mid = end.endT * 0.6;
    r.seek(mid);
    const atMid = r.getSnapshot();
    expect(atMid.now).toBeCloseTo(mid, 9);
    expect(atMid.done).toBe(false);
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.context).toEqual(end.snapshot.context);
    expect(r.getSnapshot().now).toBe(end.now);
    r.seek(mid);
    expect(r.getSnapshot().snapshot).toEqual(atMid.snapshot);
  });

  it('injects a fault at the current moment and branches: the VM stays on the source', () => {
    const r = runner();
    r.play();
    r.advance(5); // mid round 1
    expect(stateOf(r)).toBe('{"migrating":"copyingMemory"}');
    r.inject('CUT_NETWORK');
    const v = r.getSnapshot();
    expect(v.done).toBe(true);
    expect(v.snapshot.context.outcome?.kind).toBe('failed');
    expect(activeInstance(v.snapshot.context.world, VM_ID)?.host).toBe(SOURCE);
    expect(instanceOn(v.snapshot.context.world, VM_ID, DESTINATION)).toBeUndefined();
    expect(v.script.map((e) => e.event.type)).toEqual(['START', 'CUT_NETWORK']);
    expect(v.endT).toBeCloseTo(5, 9);
    // Scrub back before the fault and play again: the recorded fault happens again.
    r.seek(2);
    expect(r.getSnapshot().done).toBe(false);
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.context.outcome?.kind).toBe('failed');
    // A different fault earlier drops the later one: a new branch.
    r.seek(2);
    r.inject('CANCEL');
    expect(r.getSnapshot().script.map((e) => e.event.type)).toEqual(['START', 'CANCEL']);
    expect(r.getSnapshot().snapshot.context.outcome?.kind).toBe('cancelled');
  });

  it('scrubbing the timeline before the start opens the run there, as if started at 0', () => {
    const idle = runner();
    const started = runner();
    const t = idle.getSnapshot().endT / 2;
    idle.seek(t);
    started.stepForward();
    started.seek(t);
    const v = idle.getSnapshot();
    expect(v.started).toBe(true);
    expect(v.now).toBe(t);
    expect(v.snapshot.value).toEqual(started.getSnapshot().snapshot.value);
    expect(v.snapshot.context.log).toEqual(started.getSnapshot().snapshot.context.log);
    // Seeking to 0 before the start leaves the run idle.
    const zero = runner();
    zero.seek(0);
    expect(zero.getSnapshot().started).toBe(false);
  });

  it('restart goes back to the first moment of the run', () => {
    const r = runner();
    r.skipToEnd();
    r.restart();
    expect(r.getSnapshot().now).toBe(0);
    expect(r.getSnapshot().playing).toBe(false);
    expect(stateOf(r)).toBe('{"migrating":"connecting"}');
  });

  it('notifies subscribers like an actor', () => {
    const r = runner();
    const seen: number[] = [];
    const sub = r.subscribe({ next: (v) => seen.push(v.now) });
    r.play();
    r.advance(1);
    const count = seen.length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBeCloseTo(1, 9);
    sub.unsubscribe();
    r.advance(1);
    expect(seen.length).toBe(count);
  });

  it('gives the same run for any way of splitting time (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 5, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (dts) => {
          const a = runner();
          a.play();
          let total = 0;
          for (const dt of dts) {
            a.advance(dt);
            total += dt;
          }
          const b = runner();
          b.play();
          b.advance(total);
          expect(a.getSnapshot().snapshot.value).toEqual(b.getSnapshot().snapshot.value);
          expect(a.getSnapshot().snapshot.context.round).toBe(
            b.getSnapshot().snapshot.context.round,
          );
        },
      ),
      { numRuns: 50, seed: 5 },
    );
  });
});

describe('SimClock', () => {
  function fakeFrames() {
    let cb: ((t: number) => void) | null = null;
    let hidden = false;
    let vis: (() => void) | null = null;
    const frames: FrameSource = {
      request: (f) => {
        cb = f;
        return 1;
      },
      cancel: () => {
        cb = null;
      },
      hidden: () => hidden,
      onVisibilityChange: (f) => {
        vis = f;
        return () => {
          vis = null;
        };
      },
    };
    return {
      frames,
      frame: (t: number) => cb?.(t),
      setHidden: (h: boolean) => {
        hidden = h;
        vis?.();
      },
    };
  }

  function target() {
    const calls: number[] = [];
    const t: Advanceable = {
      advance: (dt) => calls.push(dt),
      getSnapshot: () => ({ playing: true }),
    };
    return { t, calls };
  }

  it('turns frame intervals into sim time at the chosen speed', () => {
    const f = fakeFrames();
    const { t, calls } = target();
    const clock = new SimClock(t, f.frames);
    clock.setSpeed(4);
    clock.start();
    f.frame(1000);
    f.frame(1016);
    expect(calls).toEqual([0.064]);
  });

  it('does not leap after the tab was hidden', () => {
    const f = fakeFrames();
    const { t, calls } = target();
    const clock = new SimClock(t, f.frames);
    clock.start();
    f.frame(0);
    f.setHidden(true);
    f.frame(16);
    f.frame(60_000);
    f.setHidden(false);
    f.frame(120_000);
    f.frame(120_016);
    expect(calls).toEqual([0.016]);
    expect(Math.max(...calls)).toBeLessThanOrEqual(MAX_FRAME_MS / 1000);
  });

  it('caps one long frame and ignores a bad speed', () => {
    const f = fakeFrames();
    const { t, calls } = target();
    const clock = new SimClock(t, f.frames);
    clock.setSpeed(-3);
    expect(clock.getSpeed()).toBe(1);
    clock.start();
    f.frame(0);
    f.frame(5000);
    expect(calls).toEqual([MAX_FRAME_MS / 1000]);
    clock.stop();
    f.frame(6000);
    expect(calls).toHaveLength(1);
  });
});
