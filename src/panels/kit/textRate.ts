/**
 * The text equivalents (steps, results, inventory, log, fault menu, statechart) change with the
 * run, but a reader does not need them 60 times a second: while the run plays they follow it at a
 * lower rate (`TEXT_INTERVAL_MS`); every change of machine state, of playing / paused / done, and
 * every moment while paused reaches them at once, so they always agree with the picture when it
 * holds still and never lag a step.
 */
import { startTransition, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import type { RunnerView, SimRunner } from '../../sim/runner';

/** How often the text follows a playing run (ms of wall time; the picture moves every frame). */
export const TEXT_INTERVAL_MS = 200;

type View<M extends AnyStateMachine> = RunnerView<SnapshotFrom<M>>;

/** Whether a new view must reach the text at once (not only at the lower rate). */
export function mustFollow<S>(prev: RunnerView<S>, next: RunnerView<S>): boolean {
  return (
    !next.playing ||
    next.snapshot !== prev.snapshot ||
    next.playing !== prev.playing ||
    next.done !== prev.done ||
    next.started !== prev.started
  );
}

/**
 * An observable like the runner (`subscribe` / `getSnapshot`, for `useSelector`) that passes its
 * views on at the text rate while playing. `now` is the wall clock (a frame timestamp source);
 * it only paces the text, never the run.
 */
export class TextRate<M extends AnyStateMachine> {
  private current: View<M>;
  private lastEmit = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<(v: View<M>) => void>();
  private unsubscribeRunner: (() => void) | null = null;

  constructor(
    private readonly runner: SimRunner<M>,
    private readonly now: () => number = () => performance.now(),
    private readonly intervalMs = TEXT_INTERVAL_MS,
  ) {
    this.current = runner.getSnapshot();
  }

  getSnapshot(): View<M> {
    return this.current;
  }

  subscribe(observer: ((v: View<M>) => void) | { next?: (v: View<M>) => void }): {
    unsubscribe: () => void;
  } {
    const fn = typeof observer === 'function' ? observer : (v: View<M>) => observer.next?.(v);
    this.listeners.add(fn);
    if (!this.unsubscribeRunner) {
      // Catch up with anything that happened while nobody listened.
      this.current = this.runner.getSnapshot();
      const sub = this.runner.subscribe((v) => this.offer(v));
      this.unsubscribeRunner = () => sub.unsubscribe();
    }
    return {
      unsubscribe: () => {
        this.listeners.delete(fn);
        if (this.listeners.size === 0) {
          this.unsubscribeRunner?.();
          this.unsubscribeRunner = null;
        }
      },
    };
  }

  /** A view from the runner: passed on now, or held until the text's next turn. */
  private offer(v: View<M>): void {
    const t = this.now();
    if (!mustFollow(this.current, v) && t - this.lastEmit < this.intervalMs) return;
    this.lastEmit = t;
    this.current = v;
    for (const fn of [...this.listeners]) fn(v);
  }
}

const jsonEqual = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Select derived text from the run at the text rate; re-render only when it changes in value.
 *
 * The re-render is a transition: the picture and the playback controls (which follow the runner
 * itself) paint first, and React renders the text views after them in slices it can interrupt,
 * so a Play click or a step's text never holds up a frame of the picture. The text catches up in
 * the next frames; it always agrees with the picture once the picture holds still. A render for
 * any other reason reads the newest view at once.
 */
export function useTextValue<M extends AnyStateMachine, T>(
  text: TextRate<M>,
  select: (v: View<M>) => T,
): T {
  const view = text.getSnapshot();
  // The value the subscription computed for this view with this selector (a large Inventory is
  // costly to select): a transition render that an urgent frame interrupted and React restarts
  // does not select it again.
  const computed = useRef<{ view: View<M>; select: typeof select; value: T } | null>(null);
  const hit = computed.current?.view === view && computed.current.select === select;
  const fresh = hit ? (computed.current as { value: T }).value : select(view);
  // What the page shows now; the same value in content keeps its identity (memoized children do
  // not render again).
  const shown = useRef(fresh);
  // (A value the subscription computed was already found to differ from the one shown.)
  const value =
    hit || !(shown.current === fresh || jsonEqual(shown.current, fresh)) ? fresh : shown.current;
  const selectRef = useRef(select);
  useLayoutEffect(() => {
    shown.current = value;
    selectRef.current = select;
  });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const changed = (v: View<M>) => {
      const sel = selectRef.current;
      const next = sel(v);
      if (jsonEqual(shown.current, next)) return false;
      computed.current = { view: v, select: sel, value: next };
      return true;
    };
    // Anything that happened between the render and this subscription.
    if (changed(text.getSnapshot())) rerender();
    const sub = text.subscribe((v) => {
      if (changed(v)) startTransition(rerender);
    });
    return () => sub.unsubscribe();
  }, [text]);
  return value;
}
