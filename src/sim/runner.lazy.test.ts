import { describe, expect, it, vi } from 'vitest';
import { liveMigrationInput } from '../machines/liveMigration2008r2.fixture';
import { liveMigration2008r2Machine as machine } from '../machines/liveMigration2008r2.machine';
import { SimRunner } from './runner';

// Every transition the runner takes, counted (XState's own `transition`, called through).
const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('xstate', async (original) => {
  const xstate = await original<typeof import('xstate')>();
  return {
    ...xstate,
    transition: (...args: Parameters<typeof xstate.transition>) => {
      calls.n += 1;
      return xstate.transition(...args);
    },
  };
});

describe('SimRunner before the start', () => {
  it('builds without running the process; the idle timeline is predicted on first read, once', () => {
    calls.n = 0;
    const r = new SimRunner(machine, liveMigrationInput(), { startEvent: 'START' });
    expect(calls.n).toBe(0);
    const idle = r.getSnapshot();
    const end = idle.endT;
    expect(calls.n).toBeGreaterThan(3);
    expect(end).toBeCloseTo(idle.snapshot.context.plan.totalS, 9);
    const predicted = calls.n;
    // Read again, or from a later view, or by the Play click: the prediction is not run again.
    expect(r.getSnapshot().endT).toBe(end);
    r.play();
    expect(r.getSnapshot().endT).toBe(end);
    expect(calls.n).toBe(predicted + 1);
    // The prediction left the runner where it was: the run it starts ends where it said.
    r.skipToEnd();
    expect(r.getSnapshot().now).toBeCloseTo(end, 9);
    expect(r.getSnapshot().snapshot.context.outcome?.kind).toBe('migrated');
  });

  it('a Play before anything read the length predicts it then, with the same result', () => {
    const read = new SimRunner(machine, liveMigrationInput(), { startEvent: 'START' });
    const expected = read.getSnapshot().endT;
    const r = new SimRunner(machine, liveMigrationInput(), { startEvent: 'START' });
    r.play();
    expect(r.getSnapshot().endT).toBe(expected);
    expect(r.getSnapshot().now).toBe(0);
    expect(r.getSnapshot().playing).toBe(true);
  });
});
