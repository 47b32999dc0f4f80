/** Hooks that tie a runner to React: its clock, playback keys, and stable-value selection. */
import { useSelector } from '@xstate/react';
import { useEffect, useRef } from 'react';
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { SharedClock, SimClock } from '../../sim/clock';
import type { RunnerView, SimRunner } from '../../sim/runner';

/** Drive the runner from animation frames at `speed` while it plays. */
export function useSimClock(runner: SimRunner<AnyStateMachine>, speed: number): void {
  const clock = useRef<SimClock | null>(null);
  const speedRef = useRef(speed);
  speedRef.current = speed;
  useEffect(() => {
    const c = new SimClock(runner);
    clock.current = c;
    c.setSpeed(speedRef.current);
    c.start();
    return () => {
      c.stop();
      clock.current = null;
    };
  }, [runner]);
  useEffect(() => {
    clock.current?.setSpeed(speed);
  }, [speed]);
}

const jsonEqual = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The runner's whole view, for pictures that draw from all of it. It changes on every tick while
 * playing, so it is compared by identity (no deep comparison per frame).
 */
export function useRunnerView<M extends AnyStateMachine>(
  runner: SimRunner<M>,
): RunnerView<SnapshotFrom<M>> {
  return useSelector(runner, identity);
}

const identity = <T>(x: T): T => x;

/** The run's sim time (a selector for `useRunnerValue` / `useTextValue`). */
export const nowOf = (x: RunnerView<unknown>): number => x.now;

/** Select derived data from the runner; re-render only when it changes in value. */
export function useRunnerValue<M extends AnyStateMachine, T>(
  runner: SimRunner<M>,
  select: (v: RunnerView<SnapshotFrom<M>>) => T,
): T {
  return useSelector(runner, select, jsonEqual);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return (
    tag === 'INPUT' ||
    tag === 'SELECT' ||
    tag === 'TEXTAREA' ||
    tag === 'BUTTON' ||
    target.isContentEditable ||
    target.getAttribute('role') === 'menuitem'
  );
}

/** Presenter keys: Space plays/pauses, arrows step, Home restarts, End skips to the end. */
export function usePlaybackKeys(runner: SimRunner<AnyStateMachine>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const v = runner.getSnapshot();
      const actions: Record<string, () => void> = {
        ' ': () => (v.playing ? runner.pause() : runner.play()),
        ArrowRight: () => runner.stepForward(),
        ArrowLeft: () => runner.stepBack(),
        Home: () => runner.restart(),
        End: () => runner.skipToEnd(),
      };
      const act = actions[e.key];
      if (act) {
        e.preventDefault();
        act();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runner]);
}

/**
 * The overview's thumbnails share one clock: each is a miniature, stepped at 15 frames a second,
 * and at most two of them render in any one display frame, so the overview's frames stay light.
 */
export const THUMBNAIL_FRAME_MS = 66;
const THUMBNAILS_PER_FRAME = 2;
const thumbnailClock = new SharedClock(THUMBNAIL_FRAME_MS, THUMBNAILS_PER_FRAME);

/**
 * A thumbnail's runner: it plays and loops at `speed` on the thumbnails' shared clock; with
 * reduced motion it holds still at 40% of the run instead.
 */
export function useLoopingRunner(
  runner: SimRunner<AnyStateMachine>,
  reducedMotion: boolean,
  speed: number,
): void {
  useEffect(() => {
    if (reducedMotion) {
      runner.pause();
      runner.seek(runner.getSnapshot().endT * 0.4);
      return;
    }
    runner.play();
    const sub = runner.subscribe((v) => {
      if (v.done) {
        runner.restart();
        runner.play();
      }
    });
    const detach = thumbnailClock.attach(runner, speed);
    return () => {
      detach();
      sub.unsubscribe();
    };
  }, [runner, reducedMotion, speed]);
}
