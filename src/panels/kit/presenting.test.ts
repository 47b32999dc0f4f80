/** The kit's pure parts for presenting, self-checks and export. */
import { afterEach, describe, expect, it } from 'vitest';
import type { liveMigration2008r2Machine } from '../../machines/liveMigration2008r2.machine';
import { SimRunner } from '../../sim/runner';
import { fileSlug, wrapText } from './exportPicture';
import { fitSpeed, formatElapsed, isTypingTarget, talkEnd, talkStart } from './presenter';
import { answeredOf, loadProgress, PROGRESS_KEY, questionKey, recordAnswer } from './progress';
import { type Question, reached } from './quiz';
import { closeEnough, parseAnswer } from './quizAnswers';
import { SOURCE_TITLES, sourceLine } from './source';

describe('Fit run to', () => {
  it('plays the whole run in the chosen time, within the speed range', () => {
    expect(fitSpeed(420, 60)).toBe(7);
    expect(fitSpeed(422.5, 120)).toBeCloseTo(3.52, 2);
    expect(fitSpeed(10_000, 30)).toBe(64);
    expect(fitSpeed(2, 120)).toBe(0.25);
    expect(fitSpeed(420, null)).toBe(1);
  });
});

describe('presenter keys and the talk clock', () => {
  it('leave typing in a control alone, but not a focused button', () => {
    const input = document.createElement('input');
    const select = document.createElement('select');
    const button = document.createElement('button');
    const item = document.createElement('div');
    item.setAttribute('role', 'menuitem');
    expect([input, select, item].map(isTypingTarget)).toEqual([true, true, true]);
    expect(isTypingTarget(button)).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
  });

  it('keeps one start across tour stops until presenter mode is left', () => {
    talkEnd();
    expect(talkStart(1000)).toBe(1000);
    expect(talkStart(5000)).toBe(1000);
    talkEnd();
    expect(talkStart(5000)).toBe(5000);
    expect(formatElapsed(65_000)).toBe('1:05');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });
});

describe('self-check answers', () => {
  it('parse what the learner typed and allow the question’s tolerance', () => {
    expect(parseAnswer(' 1,024 ')).toBe(1024);
    expect(parseAnswer('3.5')).toBe(3.5);
    expect(parseAnswer('four')).toBeNaN();
    expect(parseAnswer('')).toBeNaN();
    expect(closeEnough(4, 4)).toBe(true);
    expect(closeEnough(5, 4)).toBe(false);
    expect(closeEnough(110, 100, { rel: 0.15 })).toBe(true);
    expect(closeEnough(120, 100, { rel: 0.15 })).toBe(false);
    expect(closeEnough(Number.NaN, 0, { abs: 1 })).toBe(false);
  });

  it('are asked by a playing run only, at its time or as it enters a state', async () => {
    const { definition } = await import('../liveMigration2008r2/definition');
    const runner = new SimRunner(
      definition.machine as typeof liveMigration2008r2Machine,
      definition.input({}, definition.knobs),
      { startEvent: 'START' },
    );
    const scenario = { input: runner.input, values: {}, knobs: definition.knobs };
    const byTime: Question = { ...(definition.questions?.[0] as Question), at: { t: 5 } };
    const byState: Question = {
      ...(definition.questions?.[0] as Question),
      at: { state: 'migrating.stopAndCopy' },
    };
    const idle = runner.getSnapshot();
    runner.stepForward(); // stepping never asks
    expect(reached(byTime, scenario, idle, runner.getSnapshot(), runner.history())).toBeNull();
    runner.play();
    const before = runner.getSnapshot();
    runner.advance(10);
    expect(reached(byTime, scenario, before, runner.getSnapshot())).toEqual({ seek: 5, at: 5 });
    // A last frame at 64x leaps over the 0.1 s stop-and-copy to the end: the record still has
    // it. Skip to end from further back asks nothing.
    runner.advance(10);
    const leap = runner.getSnapshot();
    runner.advance(5);
    const hit = reached(byState, scenario, leap, runner.getSnapshot(), runner.history());
    const entered = runner
      .history()
      .find((c) =>
        (c.snapshot as { matches(v: unknown): boolean }).matches({ migrating: 'stopAndCopy' }),
      );
    expect(hit).toEqual({ seek: entered?.t, at: entered?.t });
    runner.restart();
    runner.play();
    const playing = runner.getSnapshot();
    runner.skipToEnd();
    expect(reached(byState, scenario, playing, runner.getSnapshot(), runner.history())).toBeNull();
  });
});

describe('self-check progress', () => {
  afterEach(() => localStorage.clear());

  it('is kept under a versioned key and counted per question', () => {
    recordAnswer('/storage/qos', 'normalized', true);
    recordAnswer('/storage/qos', 'throttled', false);
    expect(localStorage.getItem(PROGRESS_KEY)).toContain('/storage/qos#normalized');
    const keys = ['normalized', 'throttled', 'capped-share'].map((id) =>
      questionKey('/storage/qos', id),
    );
    expect(answeredOf(loadProgress(), keys)).toEqual({ answered: 2, correct: 1 });
  });

  it('ignores a corrupt or foreign value silently', () => {
    localStorage.setItem(PROGRESS_KEY, '{not json');
    expect(loadProgress()).toEqual({});
    localStorage.setItem(PROGRESS_KEY, JSON.stringify({ answered: { x: { correct: 'yes' } } }));
    expect(loadProgress()).toEqual({});
    recordAnswer('/snapshots', 'pause', true);
    expect(Object.keys(loadProgress())).toEqual(['/snapshots#pause']);
  });
});

describe('export and source lines', () => {
  it('wrap a line of parameters and name files after the picture', () => {
    expect(wrapText('a bb ccc dddd', 6)).toEqual(['a bb', 'ccc', 'dddd']);
    expect(fileSlug('Step 2: Copy the memory')).toBe('step-2-copy-the-memory');
    expect(fileSlug('???')).toBe('picture');
  });

  it('name the poster and the panel’s catalog section', () => {
    expect(Object.keys(SOURCE_TITLES)).toEqual(['000', '001', '002', '003']);
    expect(sourceLine('001', { catalog: '4.5', title: 'Shared-nothing live migration' })).toBe(
      'Source: Hyper-V VM Mobility companion (2012), section 4.5 (Shared-nothing live migration).',
    );
  });
});
