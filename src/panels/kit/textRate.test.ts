import { describe, expect, it } from 'vitest';
import { definition } from '../liveMigration2008r2/definition';
import { createPanelRunner } from './definePanel';
import { TextRate } from './textRate';

function setUp() {
  const runner = createPanelRunner(definition, {}, definition.knobs);
  let wall = 0;
  const text = new TextRate(runner, () => wall, 200);
  const seen: number[] = [];
  const sub = text.subscribe((v) => seen.push(v.now));
  return { runner, text, seen, sub, tick: (ms: number) => (wall += ms) };
}

describe('TextRate: the text equivalents follow a playing run at a lower rate', () => {
  it('holds views within the interval while playing, and passes one on after it', () => {
    const { runner, text, seen, tick } = setUp();
    runner.stepForward(); // into step 1: a new machine state, passed on at once
    runner.play();
    const before = seen.length;
    const held = text.getSnapshot();
    for (let i = 0; i < 5; i++) {
      tick(16);
      runner.advance(0.016);
    }
    // Five frames (80 ms of wall and sim time) inside step 1: the text holds still.
    expect(runner.getSnapshot().snapshot).toBe(held.snapshot);
    expect(runner.getSnapshot().now).toBeGreaterThan(held.now);
    expect(text.getSnapshot()).toBe(held);
    tick(200);
    runner.advance(0.016);
    expect(seen.length).toBeGreaterThan(before);
    expect(text.getSnapshot()).toBe(runner.getSnapshot());
  });

  it('passes on at once a new machine state, a pause and every moment while paused', () => {
    const { runner, text } = setUp();
    runner.play();
    runner.advance(0.01);
    // The start: a new machine state (connecting), at once though no wall time passed.
    expect(text.getSnapshot().snapshot).toBe(runner.getSnapshot().snapshot);
    runner.pause();
    expect(text.getSnapshot()).toBe(runner.getSnapshot());
    expect(text.getSnapshot().playing).toBe(false);
    runner.seek(5);
    expect(text.getSnapshot()).toBe(runner.getSnapshot());
    runner.skipToEnd();
    expect(text.getSnapshot().done).toBe(true);
    expect(text.getSnapshot()).toBe(runner.getSnapshot());
  });

  it('lets go of the runner when nobody listens, and catches up on the next listener', () => {
    const { runner, text, sub } = setUp();
    sub.unsubscribe();
    runner.skipToEnd();
    const again = text.subscribe(() => {});
    expect(text.getSnapshot()).toBe(runner.getSnapshot());
    again.unsubscribe();
  });
});
