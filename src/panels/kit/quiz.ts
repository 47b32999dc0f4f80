/**
 * Self-check questions (predict, then see): a panel writes its questions as data beside its
 * definition (`questions.ts`); the kit asks each when a *playing* run reaches its moment, pauses
 * the run, checks the answer and explains it, and keeps the learner's progress (progress.ts).
 *
 * - A moment is a state of the runner's machine (asked as the run is in it, e.g.
 *   `migrating.copyingMemory`) or a sim time (the run is paused exactly there).
 * - Answers are functions of the run and the scenario at the moment asked: the machine's context
 *   (its plan comes from the model for the current parameters), the run's end if nothing else
 *   happens (`end()`), or its end if a fault struck now (`endAfter('FAIL_SOURCE_HOST')`). Never a
 *   stored figure: change a parameter and the answer follows.
 * - Only a playing run asks (Play, a start or action button). Step forward, the timeline and Skip
 *   to end never stop for a question, so stepping through a panel (the generated moments) is
 *   never held up; a question already shown closes when the run moves on without it.
 */
import type { AnyStateMachine, InputFrom, SnapshotFrom } from 'xstate';
import type { ParamValues } from '../../model/parameters';
import { MAX_FRAME_MS } from '../../sim/clock';
import type { RunnerView } from '../../sim/runner';
import { activeLeafId } from '../../sim/statechart';
import { SPEED_MAX } from '../../views/controls';

/** The scenario a question is asked in: the machine's input, the URL's values and the knobs. */
export interface QuestionScenario<M extends AnyStateMachine, K> {
  input: InputFrom<M>;
  values: ParamValues;
  knobs: K;
}

/** What an answer and its explanation are computed from. */
export interface QuestionContext<M extends AnyStateMachine, K> extends QuestionScenario<M, K> {
  /** The run at the moment the question is asked. */
  view: RunnerView<SnapshotFrom<M>>;
  /** The run's end if nothing else happens from this moment. */
  end(): RunnerView<SnapshotFrom<M>>;
  /** The run's end if this user event (a fault's type) happened now. */
  endAfter(event: string): RunnerView<SnapshotFrom<M>>;
}

/** When a playing run asks: in a machine state (its id, a prefix of the active leaf), or at t. */
export type QuestionMoment<M extends AnyStateMachine, K> =
  | { state: string }
  | { t: number | ((s: QuestionScenario<M, K>) => number) };

export interface QuestionOption {
  value: string;
  label: string;
}

interface QuestionBase<M extends AnyStateMachine, K> {
  /** Unique in the panel (progress is kept per panel route and id). */
  id: string;
  at: QuestionMoment<M, K>;
  prompt: string | ((c: QuestionContext<M, K>) => string);
  /** Why the answer is what it is: name the step and the rule (the answer itself is shown above). */
  explain: (c: QuestionContext<M, K>) => string;
}

export interface ChoiceQuestion<M extends AnyStateMachine, K> extends QuestionBase<M, K> {
  kind: 'choice';
  options: readonly QuestionOption[] | ((c: QuestionContext<M, K>) => readonly QuestionOption[]);
  /** The right option's value. */
  answer: (c: QuestionContext<M, K>) => string;
}

export interface NumberQuestion<M extends AnyStateMachine, K> extends QuestionBase<M, K> {
  kind: 'number';
  /** The unit the answer is given in ("rounds", "s", "VMs"). */
  unit: string;
  answer: (c: QuestionContext<M, K>) => number;
  /** How far off an answer may be and still count (absolute, or a fraction of the answer). */
  tolerance?: { abs?: number; rel?: number };
  /** Decimals the answer is shown with (default 0). */
  decimals?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: a panel's knobs are its own type; the kit is generic over them
export type Question<M extends AnyStateMachine = AnyStateMachine, K = any> =
  | ChoiceQuestion<M, K>
  | NumberQuestion<M, K>;

/** A question as asked: its text resolved for this run, its answer and explanation computed. */
export interface AskedQuestion {
  id: string;
  /** Sim time it was asked at (the run stays paused there until it moves on). */
  at: number;
  prompt: string;
  kind: 'choice' | 'number';
  options: readonly QuestionOption[];
  unit: string;
  /** The right answer as shown ("4 rounds", or the right option's label). */
  answer: string;
  /** What to choose or type to be right (the option's value, or the number). */
  expected: string;
  explanation: string;
  /** Whether a given answer (an option's value, or the number typed) counts as right. */
  check(given: string): boolean;
}

const EPS = 1e-9;

/** The most sim time one frame of the clock can cover (its longest frame at the top speed), s. */
const MAX_LEAP_S = (MAX_FRAME_MS / 1000) * SPEED_MAX;

/**
 * Whether the run got from `prev` to `next` by playing: it plays now, or it played and came to
 * its end within one frame's leap (a Skip to end from further back is not playing).
 */
function byPlaying(prev: RunnerView<unknown>, next: RunnerView<unknown>): boolean {
  if (next.playing) return true;
  return prev.playing && next.done && next.now - prev.now <= MAX_LEAP_S + EPS;
}

function inState(leaf: string, state: string): boolean {
  return leaf === state || leaf.startsWith(`${state}.`);
}

/** The sim time of a question's `t` moment in this scenario (undefined for a state moment). */
export function momentTime<M extends AnyStateMachine, K>(
  q: Question<M, K>,
  s: QuestionScenario<M, K>,
): number | undefined {
  if (!('t' in q.at)) return undefined;
  return typeof q.at.t === 'function' ? q.at.t(s) : q.at.t;
}

/** A recorded moment of the run (the runner's checkpoints, `SimRunner.history()`). */
export interface RecordedMoment {
  t: number;
  snapshot: unknown;
}

/**
 * Whether the playing run, going from `prev` to `next`, has reached the question's moment: then
 * where to pause (`seek`: its exact time) and the time it counts as asked at (going back before
 * it makes it askable again). A state is found in the run's record even when a fast frame went
 * through it in one leap (a 50 ms handoff at 64x), and the run is paused as it entered it.
 */
export function reached<M extends AnyStateMachine, K>(
  q: Question<M, K>,
  s: QuestionScenario<M, K>,
  prev: RunnerView<SnapshotFrom<M>>,
  next: RunnerView<SnapshotFrom<M>>,
  history: readonly RecordedMoment[] = [],
): { seek?: number; at: number } | null {
  if (!byPlaying(prev, next)) return null;
  const t = momentTime(q, s);
  if (t !== undefined) {
    return prev.now <= t + EPS && next.now >= t - EPS ? { seek: t, at: t } : null;
  }
  const state = (q.at as { state: string }).state;
  const isIn = (snapshot: unknown) =>
    inState(activeLeafId((snapshot as { value: unknown }).value), state);
  // The first moment in this frame's leap that entered the state.
  let entered: RecordedMoment | undefined;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const c = history[i] as RecordedMoment;
    if (c.t < prev.now - EPS) break;
    if (c.t <= next.now + EPS && isIn(c.snapshot)) entered = c;
  }
  if (entered && entered.t > prev.now + EPS) return { seek: entered.t, at: entered.t };
  return isIn(next.snapshot) ? { at: next.stepStartedAt } : null;
}
