/**
 * The simulation runner: owns one process's XState snapshots and sim time.
 *
 * - Machines are advanced with XState's pure `transition()`: every snapshot is an immutable value,
 *   so the timeline keeps a checkpoint per transition and restores any earlier moment exactly.
 * - Timed states declare `context.step.durationS`; the runner delivers `STEP_DONE` at
 *   `stepStartedAt + durationS` in sim time. Nothing here reads the wall clock: SimClock (clock.ts)
 *   turns wall time into calls to `advance()`.
 * - User events (start, faults, a session's actions with their payload) form a script stamped with
 *   sim time. A run is a pure function of machine, input and script, so scrubbing back and playing
 *   again gives the same result; an event injected at an earlier moment drops the script's later
 *   events (a new branch).
 * - A run is at rest when its machine is final (done) or, once started, waits for the user: no
 *   step is timed and no scripted event is left (a session machine between actions, e.g. the
 *   snapshot panel's VM running until the next "Take snapshot"). Time does not pass at rest: the
 *   timeline ends there and `done` is true until the next action.
 * - It is observable like an XState actor (`subscribe`/`getSnapshot`), so views read it with
 *   @xstate/react's `useSelector`.
 */
import {
  type AnyStateMachine,
  type EventFromLogic,
  type InputFrom,
  initialTransition,
  type SnapshotFrom,
  transition,
} from 'xstate';
import type { StepClock, TimedEvent } from '../machines/step';

/** A user event as the runner records it: a type, its sim time, and any payload (which snapshot). */
export type ScriptEvent = TimedEvent & Record<string, unknown>;

/** A user event as a caller sends it: its type alone, or the event with its payload. */
export type UserEvent = string | ({ type: string } & Record<string, unknown>);

export interface ScriptEntry {
  t: number;
  event: ScriptEvent;
}

interface Checkpoint<S> {
  t: number;
  snapshot: S;
  stepStartedAt: number;
  /** Script entries applied so far. */
  applied: number;
  /** A step began here (entry of a timed or final state). */
  stepStart: boolean;
}

export interface RunnerView<S> {
  snapshot: S;
  /** Sim time, s. */
  now: number;
  stepStartedAt: number;
  /** Length of the current step, s (null while waiting or done). */
  stepDurationS: number | null;
  /** Progress through the current step, 0..1. */
  stepFraction: number;
  /** When the run ends (or comes to rest) if nothing else happens, s. */
  endT: number;
  /** At rest: the machine is final, or (a session) it waits for the user's next action. */
  done: boolean;
  started: boolean;
  playing: boolean;
  script: readonly ScriptEntry[];
  /** Sim times at which steps began, for the timeline's ticks. */
  stepStarts: readonly number[];
  /** The moment before the last transition (e.g. the step a fault interrupted). */
  previous: { snapshot: S; stepStartedAt: number; t: number } | null;
}

type TimedSnapshot = { context: { step: StepClock }; status: string };

const MAX_EVENTS_PER_ADVANCE = 10_000;
const EPS = 1e-9;

export interface RunnerOptions {
  /** The event a "Play" from the idle state sends (e.g. START). */
  startEvent?: string;
}

export class SimRunner<M extends AnyStateMachine> {
  readonly machine: M;
  readonly input: InputFrom<M>;
  private readonly startEvent: string | undefined;
  /** The start event's payload now (a session's first action reads the user's settings). */
  private startPayload: () => Record<string, unknown> = () => ({});
  private checkpoints: Checkpoint<SnapshotFrom<M>>[] = [];
  private lastStepStarts: readonly number[] = [];
  private script: ScriptEntry[] = [];
  private current!: Checkpoint<SnapshotFrom<M>>;
  private now = 0;
  private playing = false;
  /** When the run ends if nothing else happens; null until first asked for before the start. */
  private endT: number | null = null;
  /** The end of a start at t = 0 with no payload, predicted once (a Play from idle reuses it). */
  private startEndT: number | null = null;
  private view!: RunnerView<SnapshotFrom<M>>;
  private readonly listeners = new Set<(v: RunnerView<SnapshotFrom<M>>) => void>();

  constructor(machine: M, input: InputFrom<M>, options: RunnerOptions = {}) {
    this.machine = machine;
    this.input = input;
    this.startEvent = options.startEvent;
    const [snapshot] = (initialTransition as (m: M, i: InputFrom<M>) => [SnapshotFrom<M>, unknown])(
      machine,
      input,
    );
    this.current = { t: 0, snapshot, stepStartedAt: 0, applied: 0, stepStart: true };
    this.checkpoints = [this.current];
    // With a start event, the timeline's length before the start is that of a start at t = 0,
    // predicted when first read (`plannedEnd`): building a runner stays cheap, and a panel's first
    // paint does not wait for a whole run to be computed. Without one, nothing is predicted
    // until an event is sent.
    if (!this.startEvent) this.endT = 0;
    this.refresh();
  }

  /** The end of the run as it stands; before the start, that of a start at t = 0 (no payload). */
  private plannedEnd(): number {
    if (this.endT === null) this.endT = this.predictStart();
    return this.endT;
  }

  /** Where a start at t = 0 from the first state, with no payload, comes to rest. */
  private predictStart(): number {
    if (this.startEndT !== null) return this.startEndT;
    const saved = { current: this.current, now: this.now, checkpoints: this.checkpoints };
    const script = this.script;
    const first = this.checkpoints[0] as Checkpoint<SnapshotFrom<M>>;
    this.current = first;
    this.now = 0;
    this.checkpoints = [first];
    this.script = [{ t: 0, event: { type: this.startEvent as string, t: 0 } }];
    this.startEndT = this.predictEnd();
    this.current = saved.current;
    this.now = saved.now;
    this.checkpoints = saved.checkpoints;
    this.script = script;
    return this.startEndT;
  }

  // ---- observable (XState actor-like) ------------------------------------------------------

  getSnapshot(): RunnerView<SnapshotFrom<M>> {
    return this.view;
  }

  subscribe(
    observer:
      | ((v: RunnerView<SnapshotFrom<M>>) => void)
      | { next?: (v: RunnerView<SnapshotFrom<M>>) => void },
  ): { unsubscribe: () => void } {
    const fn =
      typeof observer === 'function'
        ? observer
        : (v: RunnerView<SnapshotFrom<M>>) => observer.next?.(v);
    this.listeners.add(fn);
    return { unsubscribe: () => this.listeners.delete(fn) };
  }

  // ---- the start ---------------------------------------------------------------------------

  /**
   * Where the start event's payload comes from when Play, Step forward, Skip to end or the
   * timeline starts the run (a session's first action: "Create disk" with the disk type chosen
   * now). The prediction made before the start assumed no payload; a start with one predicts anew.
   */
  setStartPayload(payload: () => Record<string, unknown>): void {
    this.startPayload = payload;
  }

  private startUserEvent(): { type: string } & Record<string, unknown> {
    return { ...this.startPayload(), type: this.startEvent as string };
  }

  private startAt(t: number): ScriptEvent {
    return { ...this.startUserEvent(), t };
  }

  // ---- reading -------------------------------------------------------------------------------

  private snap(): TimedSnapshot {
    return this.current.snapshot as unknown as TimedSnapshot;
  }

  /** The machine is final, or (once started) it waits for the user: nothing is timed or scripted. */
  private isDone(): boolean {
    if (this.snap().status === 'done') return true;
    const started = this.startEvent === undefined || this.current.applied > 0;
    return (
      started &&
      this.snap().context.step.durationS === null &&
      this.current.applied >= this.script.length
    );
  }

  private due(): number {
    const d = this.snap().context.step.durationS;
    return d === null ? Number.POSITIVE_INFINITY : this.current.stepStartedAt + d;
  }

  private refresh(): void {
    const s = this.snap();
    const d = s.context.step.durationS;
    const now = this.now;
    const end = () => Math.max(this.plannedEnd(), now);
    const fraction =
      d === null
        ? this.isDone()
          ? 1
          : 0
        : d <= 0
          ? 1
          : Math.min(1, Math.max(0, (this.now - this.current.stepStartedAt) / d));
    this.view = {
      snapshot: this.current.snapshot,
      now: this.now,
      stepStartedAt: this.current.stepStartedAt,
      stepDurationS: d,
      stepFraction: fraction,
      // Read on demand: before the start this is the first read's prediction of the whole run.
      get endT() {
        return end();
      },
      done: this.isDone(),
      started: this.script.length > 0 && this.current.applied > 0,
      playing: this.playing,
      script: this.script,
      stepStarts: this.stepStartTimes(),
      previous: this.checkpoints[this.checkpoints.indexOf(this.current) - 1] ?? null,
    };
    for (const l of this.listeners) l(this.view);
  }

  /** The step starts so far; the same array while they are the same (its readers compare it). */
  private stepStartTimes(): readonly number[] {
    const starts = this.checkpoints.filter((c) => c.stepStart).map((c) => c.t);
    const last = this.lastStepStarts;
    if (last.length === starts.length && last.every((t, i) => t === starts[i])) return last;
    this.lastStepStarts = starts;
    return starts;
  }

  // ---- core ----------------------------------------------------------------------------------

  private apply(event: TimedEvent, t: number, fromScript: boolean): void {
    const before = this.snap().context.step.seq;
    const [next] = transition(this.machine, this.current.snapshot, event as EventFromLogic<M>);
    const seq = (next as unknown as TimedSnapshot).context.step.seq;
    const stepStart = seq !== before;
    this.current = {
      t,
      snapshot: next,
      stepStartedAt: stepStart ? t : this.current.stepStartedAt,
      applied: this.current.applied + (fromScript ? 1 : 0),
      stepStart,
    };
    this.checkpoints.push(this.current);
  }

  /**
   * Run forward to sim time `target`, delivering step completions and scripted events in order.
   * With `hold`, a user event after the first one stamped exactly `target` is left pending: the
   * moment restored is the one just before the user acted then (see `stepBack`).
   */
  private runTo(target: number, hold = false): void {
    for (let i = 0; i < MAX_EVENTS_PER_ADVANCE; i += 1) {
      if (this.isDone()) break;
      const nextScript = this.script[this.current.applied];
      const held = hold && this.current.applied > 0 && (nextScript?.t ?? 0) >= target - EPS;
      const scriptT = nextScript && !held ? nextScript.t : Number.POSITIVE_INFINITY;
      const dueT = this.due();
      if (Math.min(scriptT, dueT) > target + EPS) break;
      // On a tie the step completes first: a user event at that moment was sent after it.
      if (nextScript && scriptT < dueT) {
        this.now = Math.max(this.now, scriptT);
        this.apply({ ...nextScript.event, t: scriptT }, scriptT, true);
      } else {
        this.now = Math.max(this.now, dueT);
        this.apply({ type: 'STEP_DONE', t: dueT }, dueT, false);
      }
    }
    this.now = this.isDone() ? this.current.t : Math.max(this.now, target);
    if (this.isDone()) this.playing = false;
  }

  /** Where the run ends if nothing else happens (the script's remaining events included). */
  private predictEnd(): number {
    const saved = {
      current: this.current,
      now: this.now,
      checkpoints: this.checkpoints.length,
      playing: this.playing,
    };
    this.runTo(Number.MAX_SAFE_INTEGER);
    const end = this.isDone() ? this.current.t : this.now;
    this.current = saved.current;
    this.now = saved.now;
    this.checkpoints.length = saved.checkpoints;
    this.playing = saved.playing;
    return end;
  }

  private truncateAfter(t: number): void {
    this.checkpoints = this.checkpoints.filter(
      (c) => c.t <= t + EPS && c.applied <= this.current.applied,
    );
  }

  // ---- commands ------------------------------------------------------------------------------

  /** Advance by `dt` sim seconds (the clock calls this while playing). */
  advance(dt: number): void {
    if (dt <= 0 || this.isDone()) {
      if (this.isDone() && this.playing) {
        this.playing = false;
        this.refresh();
      }
      return;
    }
    this.runTo(this.now + dt);
    this.refresh();
  }

  /**
   * Send a user event (start, fault, a session's action with its payload) now. Later scripted
   * events are dropped: a new branch. A final run takes no more events; a session at rest does
   * (that is how its next action starts).
   */
  inject(userEvent: UserEvent): void {
    if (this.snap().status === 'done') return;
    const { type, ...payload } = typeof userEvent === 'string' ? { type: userEvent } : userEvent;
    // The start at t = 0 from idle is the run already predicted for the idle timeline (same machine,
    // input and script): its end is known, so the Play click does not run the process twice.
    const predicted =
      type === this.startEvent &&
      Object.keys(payload).length === 0 &&
      this.current.applied === 0 &&
      this.now <= EPS
        ? this.predictStart()
        : null;
    this.script = this.script.slice(0, this.current.applied);
    this.truncateAfter(this.now);
    this.script.push({ t: this.now, event: { ...payload, type, t: this.now } });
    this.runTo(this.now);
    this.endT = predicted ?? this.predictEnd();
    this.refresh();
  }

  /** Restore the exact moment `t` (clamped to the run), replaying from the last checkpoint before it. */
  seek(t: number): void {
    this.restore(t, false);
  }

  /**
   * Restore moment `t`; with `hold`, the moment just before a user event stamped exactly `t`
   * (other than the run's first): the event stays pending, so Play or Step forward replays it
   * and another action there starts a new branch.
   */
  private restore(t: number, hold: boolean): void {
    const target = Math.max(0, t);
    if (this.startEvent && this.script.length === 0 && target > EPS) {
      // Before the start the timeline shows the run as if started at t = 0 (see the
      // constructor), so moving into it starts the run there rather than moving an idle clock.
      this.script = [{ t: 0, event: this.startAt(0) }];
    }
    let best = this.checkpoints[0] as Checkpoint<SnapshotFrom<M>>;
    for (const c of this.checkpoints) {
      if (c.t < target - EPS || (!hold && c.t <= target + EPS)) best = c;
      else break;
    }
    this.current = best;
    this.now = best.t;
    // Keep checkpoints up to the restored one; the rest are recomputed as the run replays.
    this.checkpoints = this.checkpoints.slice(0, this.checkpoints.indexOf(best) + 1);
    this.runTo(target, hold);
    this.refresh();
  }

  play(): void {
    if (this.isDone()) return;
    if (this.startEvent && this.script.length === 0) {
      this.inject(this.startUserEvent());
    }
    this.playing = true;
    this.refresh();
  }

  pause(): void {
    this.playing = false;
    this.refresh();
  }

  /** Jump to the start of the next step. */
  stepForward(): void {
    if (this.isDone()) return;
    if (this.startEvent && this.script.length === 0) {
      this.inject(this.startUserEvent());
      return;
    }
    const nextScript = this.script[this.current.applied];
    const next = Math.min(this.due(), nextScript ? nextScript.t : Number.POSITIVE_INFINITY);
    if (!Number.isFinite(next)) return;
    this.runTo(next);
    this.refresh();
  }

  /**
   * Back to the start of this step, or of the previous one when already at its start. A step
   * that a user event began (a session's next action, a fault's recovery) is stepped back to the
   * moment before that event, so the learner can act differently there.
   */
  stepBack(): void {
    const starts = this.checkpoints.filter((c) => c.stepStart && c.t < this.now - EPS);
    const here = this.current.stepStartedAt;
    const atStart = this.now - here <= 1e-6;
    this.playing = false;
    if (atStart && this.userBegunStep()) {
      // At the start of a step the user's event began: to the moment before that event.
      this.restore(here, true);
      return;
    }
    this.restore(atStart ? (starts[starts.length - 1]?.t ?? 0) : here, true);
  }

  /** Whether the current step began with a user event other than the run's first. */
  private userBegunStep(): boolean {
    const i = this.checkpoints.indexOf(this.current);
    for (let k = i; k > 0; k -= 1) {
      const c = this.checkpoints[k] as Checkpoint<SnapshotFrom<M>>;
      if (c.t < this.current.stepStartedAt - EPS) return false;
      const before = this.checkpoints[k - 1] as Checkpoint<SnapshotFrom<M>>;
      if (c.stepStart) return c.applied > before.applied && c.applied > 1;
    }
    return false;
  }

  restart(): void {
    this.playing = false;
    this.seek(0);
  }

  skipToEnd(): void {
    if (this.startEvent && this.script.length === 0) this.inject(this.startUserEvent());
    this.playing = false;
    this.runTo(Number.MAX_SAFE_INTEGER);
    this.refresh();
  }

  /** Transitions recorded so far, oldest first (for tests and the statechart's trail). */
  history(): ReadonlyArray<{ t: number; snapshot: SnapshotFrom<M> }> {
    return this.checkpoints;
  }
}
