import { describe, expect, it } from 'vitest';
import { type Advanceable, type FrameSource, MAX_FRAME_MS, SharedClock } from './clock';

function fakeFrames() {
  let cb: ((t: number) => void) | null = null;
  let hidden = false;
  let requests = 0;
  let listeners = 0;
  const frames: FrameSource = {
    request: (f) => {
      cb = f;
      requests += 1;
      return requests;
    },
    cancel: () => {
      cb = null;
    },
    hidden: () => hidden,
    onVisibilityChange: () => {
      listeners += 1;
      return () => {
        listeners -= 1;
      };
    },
  };
  return {
    frames,
    frame: (t: number) => cb?.(t),
    running: () => cb !== null,
    listeners: () => listeners,
    setHidden: (h: boolean) => {
      hidden = h;
    },
  };
}

function target(playing = true) {
  const calls: number[] = [];
  const t: Advanceable = {
    advance: (dt) => calls.push(dt),
    getSnapshot: () => ({ playing }),
  };
  return { t, calls };
}

describe('SharedClock: one low-rate clock for the thumbnails', () => {
  it('advances every attached runner at its own speed, at most once per interval', () => {
    const f = fakeFrames();
    const clock = new SharedClock(33, Number.POSITIVE_INFINITY, f.frames);
    const a = target();
    const b = target();
    clock.attach(a.t, 2);
    clock.attach(b.t, 8);
    f.frame(0);
    f.frame(16); // inside the interval: nothing
    expect(a.calls).toEqual([]);
    f.frame(40);
    expect(a.calls).toEqual([0.08]);
    expect(b.calls).toEqual([0.32]);
    f.frame(56);
    expect(a.calls).toHaveLength(1);
    f.frame(80);
    expect(a.calls[1]).toBeCloseTo(0.08);
  });

  it('leaves paused runners alone, caps a long gap and skips hidden frames', () => {
    const f = fakeFrames();
    const clock = new SharedClock(33, Number.POSITIVE_INFINITY, f.frames);
    const playing = target(true);
    const paused = target(false);
    clock.attach(playing.t, 1);
    clock.attach(paused.t, 1);
    f.frame(0);
    f.frame(5000);
    expect(playing.calls).toEqual([MAX_FRAME_MS / 1000]);
    expect(paused.calls).toEqual([]);
    f.setHidden(true);
    f.frame(6000);
    f.setHidden(false);
    f.frame(7000); // first frame back only restarts the count
    expect(playing.calls).toHaveLength(1);
  });

  it('spreads the runners over frames: at most maxPerFrame step in one, the longest waiting first', () => {
    const f = fakeFrames();
    const clock = new SharedClock(33, 2, f.frames);
    const ts = [target(), target(), target(), target()];
    for (const x of ts) clock.attach(x.t, 1);
    f.frame(0);
    f.frame(40);
    expect(ts.map((x) => x.calls.length)).toEqual([1, 1, 0, 0]);
    f.frame(56);
    expect(ts.map((x) => x.calls.length)).toEqual([1, 1, 1, 1]);
    // Each stepped by its own wait: 40 ms, then 56 ms.
    expect(ts[0]?.calls[0]).toBeCloseTo(0.04);
    expect(ts[2]?.calls[0]).toBeCloseTo(0.056);
  });

  it('runs one frame loop only while some runner is attached', () => {
    const f = fakeFrames();
    const clock = new SharedClock(33, Number.POSITIVE_INFINITY, f.frames);
    expect(f.running()).toBe(false);
    const detachA = clock.attach(target().t, 1);
    const detachB = clock.attach(target().t, 1);
    expect(f.running()).toBe(true);
    expect(f.listeners()).toBe(1);
    detachA();
    expect(f.running()).toBe(true);
    detachB();
    expect(clock.size).toBe(0);
    expect(f.running()).toBe(false);
    expect(f.listeners()).toBe(0);
  });
});
