import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TurnQueue } from './Overview';

describe('TurnQueue: the overview starts its thumbnails one after another', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives one turn at a time, each in a task of its own, in order', () => {
    const q = new TurnQueue();
    const started: string[] = [];
    const a = () => started.push('a');
    const b = () => started.push('b');
    q.take(a);
    q.take(b);
    expect(started).toEqual([]); // not in the caller's task
    vi.advanceTimersByTime(0);
    expect(started).toEqual(['a']);
    vi.advanceTimersByTime(100);
    expect(started).toEqual(['a']); // b waits until a has rendered
    q.done(a);
    vi.advanceTimersByTime(0);
    expect(started).toEqual(['a', 'b']);
  });

  it('takes the turn back from a thumbnail that never renders, and ignores its late report', () => {
    const q = new TurnQueue();
    const started: string[] = [];
    const stuck = () => started.push('stuck');
    const next = () => started.push('next');
    const last = () => started.push('last');
    q.take(stuck);
    q.take(next);
    q.take(last);
    vi.advanceTimersByTime(3001);
    expect(started).toEqual(['stuck', 'next']);
    q.done(stuck); // too late: must not end next's turn
    vi.advanceTimersByTime(10);
    expect(started).toEqual(['stuck', 'next']);
    q.done(next);
    vi.advanceTimersByTime(0);
    expect(started).toEqual(['stuck', 'next', 'last']);
  });

  it('forgets a thumbnail that leaves before its turn', () => {
    const q = new TurnQueue();
    const started: string[] = [];
    const a = () => started.push('a');
    q.take(a);
    const cancel = q.take(() => started.push('gone'));
    cancel();
    vi.advanceTimersByTime(0);
    q.done(a);
    vi.advanceTimersByTime(5000);
    expect(started).toEqual(['a']);
  });
});
