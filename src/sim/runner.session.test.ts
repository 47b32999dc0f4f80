/**
 * The runner with a session machine: one that rests between the user's actions (nothing timed,
 * nothing scripted) and takes each action, with its payload, as an event.
 */
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { nextStep, type StepClock } from '../machines/step';
import { SimRunner } from './runner';

type Ev = { type: 'ADD'; t: number; n: number } | { type: 'STEP_DONE'; t: number };

/** Rests in `ready`; ADD runs a 2 s step, then adds `n` to the total and rests again. */
const session = setup({
  types: {} as {
    context: { step: StepClock; total: number; pending: number; log: string[] };
    events: Ev;
  },
}).createMachine({
  id: 'session',
  context: { step: { durationS: null, seq: 0 }, total: 0, pending: 0, log: [] },
  initial: 'ready',
  states: {
    ready: {
      on: {
        ADD: {
          target: 'adding',
          actions: assign(({ context, event }) => ({
            pending: event.n,
            step: nextStep(context.step, 2),
            log: [...context.log, `add ${event.n} at ${event.t}`],
          })),
        },
      },
    },
    adding: {
      on: {
        STEP_DONE: {
          target: 'ready',
          actions: assign(({ context }) => ({
            total: context.total + context.pending,
            pending: 0,
            step: nextStep(context.step, null),
          })),
        },
      },
    },
  },
});

const make = () => new SimRunner(session, undefined, { startEvent: 'ADD' });

describe('SimRunner with a session machine', () => {
  it('comes to rest after an action: done, time stops, the timeline ends there', () => {
    const r = make();
    expect(r.getSnapshot().done).toBe(false);
    r.inject({ type: 'ADD', n: 5 });
    r.play();
    for (let i = 0; i < 100; i += 1) r.advance(0.1);
    const v = r.getSnapshot();
    expect(v.done).toBe(true);
    expect(v.playing).toBe(false);
    expect(v.now).toBeCloseTo(2, 9);
    expect(v.endT).toBeCloseTo(2, 9);
    expect(v.snapshot.context.total).toBe(5);
    // Play and Step forward at rest change nothing.
    r.play();
    r.stepForward();
    expect(r.getSnapshot().playing).toBe(false);
    expect(r.getSnapshot().now).toBeCloseTo(2, 9);
  });

  it('takes the next action at rest, with its payload, and predicts the new rest', () => {
    const r = make();
    r.inject({ type: 'ADD', n: 5 });
    r.skipToEnd();
    r.inject({ type: 'ADD', n: 7 });
    expect(r.getSnapshot().done).toBe(false);
    expect(r.getSnapshot().endT).toBeCloseTo(4, 9);
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.context.total).toBe(12);
    expect(r.getSnapshot().script.map((e) => e.event)).toEqual([
      { type: 'ADD', n: 5, t: 0 },
      { type: 'ADD', n: 7, t: 2 },
    ]);
  });

  it('steps back across an action and replays it exactly; a new action there starts a branch', () => {
    const r = make();
    r.inject({ type: 'ADD', n: 5 });
    r.skipToEnd();
    r.inject({ type: 'ADD', n: 7 });
    r.skipToEnd();
    const log = r.getSnapshot().snapshot.context.log;
    r.seek(1);
    expect(r.getSnapshot().snapshot.context.total).toBe(0);
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.context.log).toEqual(log);
    expect(r.getSnapshot().snapshot.context.total).toBe(12);
    // Step back from the second rest: to the moment before the second action, which stays
    // pending (Step forward replays it); a different action there starts a new branch.
    r.stepBack();
    expect(r.getSnapshot().now).toBeCloseTo(2, 9);
    expect(r.getSnapshot().snapshot.value).toBe('ready');
    expect(r.getSnapshot().snapshot.context.total).toBe(5);
    expect(r.getSnapshot().done).toBe(false);
    r.stepForward();
    expect(r.getSnapshot().snapshot.value).toBe('adding');
    expect(r.getSnapshot().snapshot.context.pending).toBe(7);
    r.stepBack();
    expect(r.getSnapshot().snapshot.value).toBe('ready');
    r.inject({ type: 'ADD', n: 1 });
    r.skipToEnd();
    expect(r.getSnapshot().snapshot.context.total).toBe(6);
    expect(r.getSnapshot().script).toHaveLength(2);
  });

  it('a seek past the rest stops there', () => {
    const r = make();
    r.inject({ type: 'ADD', n: 5 });
    r.seek(1000);
    expect(r.getSnapshot().now).toBeCloseTo(2, 9);
    expect(r.getSnapshot().done).toBe(true);
  });

  it('a start from Play carries the payload its first action reads now, and predicts anew', () => {
    const r = make();
    let n = 3;
    r.setStartPayload(() => ({ n }));
    n = 9;
    r.skipToEnd();
    expect(r.getSnapshot().script[0]?.event).toEqual({ type: 'ADD', n: 9, t: 0 });
    expect(r.getSnapshot().snapshot.context.total).toBe(9);
    const s2 = make();
    s2.setStartPayload(() => ({ n: 4 }));
    s2.play();
    expect(s2.getSnapshot().endT).toBeCloseTo(2, 9);
    s2.skipToEnd();
    expect(s2.getSnapshot().snapshot.context.total).toBe(4);
  });
});
