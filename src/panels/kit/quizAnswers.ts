/**
 * A question resolved when it is asked: its context (the run at that moment, its end replayed
 * from the same script, its end if a fault struck now), its text, answer and explanation, and
 * how an answer is checked. Loaded when the first question is asked (quiz.ts is what watches).
 */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { formatNumber } from '../../model/format';
import { type RunnerView, SimRunner, type UserEvent } from '../../sim/runner';
import type { AskedQuestion, Question, QuestionContext, QuestionScenario } from './quiz';

const EPS = 1e-9;

/**
 * The end of the run replayed from its script up to `at` (the same machine, input and user
 * events, so the same run), with `extra` sent at that moment. The shown run is not touched.
 */
export function replayEnd<M extends AnyStateMachine>(
  runner: SimRunner<M>,
  startEvent: string,
  at: RunnerView<SnapshotFrom<M>>,
  extra?: string,
): RunnerView<SnapshotFrom<M>> {
  const r = new SimRunner(runner.machine, runner.input, { startEvent });
  for (const { t, event } of at.script) {
    if (t > at.now + EPS) break;
    if (t > r.getSnapshot().now + EPS) r.seek(t);
    const { t: _t, ...rest } = event;
    r.inject(rest as UserEvent);
  }
  if (at.now > r.getSnapshot().now + EPS) r.seek(at.now);
  if (extra) r.inject(extra);
  r.skipToEnd();
  return r.getSnapshot();
}

/** The context a question's functions read, at this moment of this run. */
export function questionContext<M extends AnyStateMachine, K>(
  runner: SimRunner<M>,
  startEvent: string,
  scenario: QuestionScenario<M, K>,
  view: RunnerView<SnapshotFrom<M>> = runner.getSnapshot(),
): QuestionContext<M, K> {
  let end: RunnerView<SnapshotFrom<M>> | null = null;
  return {
    ...scenario,
    view,
    end: () => {
      end ??= replayEnd(runner, startEvent, view);
      return end;
    },
    endAfter: (event) => replayEnd(runner, startEvent, view, event),
  };
}

/** A number as the self-check shows it. */
export function formatAnswer(n: number, decimals = 0): string {
  return formatNumber(n, decimals);
}

/** Parse what the learner typed ("1,024", " 3.5 "); NaN when it is not a number. */
export function parseAnswer(text: string): number {
  const clean = text.trim().replace(/,/g, '');
  return clean === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(clean)
    ? Number.NaN
    : Number(clean);
}

/** Whether `given` is within the question's tolerance of `truth` (exact by default). */
export function closeEnough(
  given: number,
  truth: number,
  tolerance: { abs?: number; rel?: number } = {},
): boolean {
  if (!Number.isFinite(given)) return false;
  const allowed = Math.max(tolerance.abs ?? 0, (tolerance.rel ?? 0) * Math.abs(truth), 1e-9);
  return Math.abs(given - truth) <= allowed;
}

/** The question resolved for this moment: text, options, answer and explanation computed now. */
export function askQuestion<M extends AnyStateMachine, K>(
  q: Question<M, K>,
  c: QuestionContext<M, K>,
): AskedQuestion {
  const prompt = typeof q.prompt === 'function' ? q.prompt(c) : q.prompt;
  if (q.kind === 'choice') {
    const options = typeof q.options === 'function' ? q.options(c) : q.options;
    const right = q.answer(c);
    const answer = options.find((o) => o.value === right)?.label ?? right;
    return {
      id: q.id,
      at: c.view.now,
      prompt,
      kind: 'choice',
      options,
      unit: '',
      answer,
      expected: right,
      explanation: q.explain(c),
      check: (given) => given === right,
    };
  }
  const truth = q.answer(c);
  const answer = `${formatAnswer(truth, q.decimals)} ${q.unit}`;
  return {
    id: q.id,
    at: c.view.now,
    prompt,
    kind: 'number',
    options: [],
    unit: q.unit,
    answer,
    expected: String(truth),
    explanation: q.explain(c),
    check: (given) => closeEnough(parseAnswer(given), truth, q.tolerance),
  };
}
