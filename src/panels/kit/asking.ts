/**
 * The self-check's watch on the run: loaded with every panel, so a question is never missed
 * (the region itself, SelfCheck.tsx, loads on first use). When a *playing* run reaches a
 * question's moment it pauses the run there and resolves the question; moving the run on closes
 * it. Stepping, the timeline and Skip to end never ask.
 */
import { useEffect, useRef, useState } from 'react';
import type { AnyStateMachine } from 'xstate';
import type { SimRunner } from '../../sim/runner';
import { type AskedQuestion, type Question, type QuestionScenario, reached } from './quiz';

export interface SelfCheckSetup<M extends AnyStateMachine> {
  questions: readonly Question<M>[];
  /** The scenario the run was made from (input, values, knobs). */
  scenario: QuestionScenario<M, unknown>;
  /** The event that starts the run (for replays of it). */
  startEvent: string;
  /** The panel's route (progress is kept per route and question id). */
  route: string;
}

const EPS = 1e-6;

/** Ask the questions as the playing run reaches them; the asked question, or null. */
export function useAsking<M extends AnyStateMachine>(
  runner: SimRunner<M>,
  setup: SelfCheckSetup<M>,
  enabled: boolean,
): [AskedQuestion | null, () => void] {
  const [asked, setAsked] = useState<AskedQuestion | null>(null);
  const current = useRef<AskedQuestion | null>(null);
  const scenario = useRef(setup.scenario);
  scenario.current = setup.scenario;
  const { questions, startEvent } = setup;
  useEffect(() => {
    if (!enabled || questions.length === 0) return;
    /** Questions asked in this run, by id: the sim time they count as asked at. */
    const seen = new Map<string, number>();
    let prev = runner.getSnapshot();
    let asking = false;
    let alive = true;
    const show = (q: AskedQuestion | null) => {
      current.current = q;
      setAsked(q);
    };
    const sub = runner.subscribe((v) => {
      const open = current.current;
      if (open && Math.abs(v.now - open.at) > EPS) show(null); // the run moved on without it
      for (const [id, t] of seen) if (!v.started || v.now < t - EPS) seen.delete(id);
      const before = prev;
      prev = v;
      if ((!v.playing && !before.playing) || asking || current.current) return;
      for (const q of questions) {
        if (seen.has(q.id)) continue;
        const hit = reached(q, scenario.current, before, v, runner.history());
        if (!hit) continue;
        seen.set(q.id, hit.at);
        asking = true;
        // Out of the runner's notification: pause there, then ask (the answers' code loads on
        // the first question).
        queueMicrotask(() => {
          if (!alive) return;
          runner.pause();
          if (hit.seek !== undefined) runner.seek(hit.seek);
          const view = runner.getSnapshot();
          void import('./quizAnswers').then(({ askQuestion, questionContext }) => {
            asking = false;
            if (!alive || runner.getSnapshot() !== view) return; // the run moved on meanwhile
            show(askQuestion(q, questionContext(runner, startEvent, scenario.current, view)));
          });
        });
        break;
      }
    });
    return () => {
      alive = false;
      sub.unsubscribe();
      show(null);
    };
  }, [runner, questions, startEvent, enabled]);
  return [
    asked,
    () => {
      current.current = null;
      setAsked(null);
    },
  ];
}
