/** The kit's pure parts for presenting, self-checks and export. */
import { afterEach, describe, expect, it } from 'vitest';
import type { liveMigration2008r2Machine } from '../../machines/liveMigration2008r2.machine';
import { SimRunner } from '../../sim/runner';
import { fileSlug, wrapText } from './exportPicture';
import {
  choosePictureLayout,
  fitSpeed,
  formatElapsed,
  isTypingTarget,
  PICTURE_TEXT_MIN,
  pictureTextFloor,
  svgUnitsPerPixel,
  talkEnd,
  talkStart,
} from './presenter';
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

describe('the picture on the stage', () => {
  it('goes across the stage when that draws it larger, beside the narration otherwise', () => {
    const main = { width: 1858, height: 960 };
    // Wide and short (a row of disks): stacked draws it far larger.
    const wide = choosePictureLayout(main, 27, { width: 940, height: 400 });
    expect(wide.layout).toBe('stacked');
    expect(wide.scale).toBeCloseTo(Math.min(1858 / 940, ((960 - 27) * 0.75) / 400), 6);
    // Tall (hosts over charts): the side column is as large, so it stays beside the narration.
    const tall = choosePictureLayout(main, 27, { width: 940, height: 850 });
    expect(tall.layout).toBe('side');
    expect(tall.scale).toBeCloseTo(Math.min(((1858 - 27) * 0.63) / 940, 960 / 850), 6);
    // A gain under a tenth keeps the side layout (the narration keeps its column).
    const near = choosePictureLayout(main, 27, { width: 940, height: 550 });
    expect(near.layout).toBe('side');
  });

  it('holds text at 20 px of a 1080 px stage, undoing the picture’s scale', () => {
    expect(PICTURE_TEXT_MIN * 1080).toBeCloseTo(20, 9);
    // Drawn 1.25 times its size: 16 px in the picture is 20 on screen.
    expect(pictureTextFloor(1080, 1.25, 1.25)).toBeCloseTo(16, 9);
    // A 720 px stage keeps the same share.
    expect(pictureTextFloor(720, 1.25, 1.25)).toBeCloseTo(16 * (720 / 1080), 9);
    // Shrunk by its height, the floor rises with it, up to twice the width's floor.
    expect(pictureTextFloor(1080, 1, 1.25)).toBeCloseTo(20, 9);
    expect(pictureTextFloor(1080, 0.1, 1.25)).toBeCloseTo(32, 9);
    expect(pictureTextFloor(1080, 0, 1.25)).toBe(0);
  });

  it('counts an SVG’s user units per layout pixel from its viewBox', () => {
    expect(svgUnitsPerPixel({ width: 960, height: 420 }, { width: 480, height: 210 })).toBe(2);
    // Letterboxed (meet): the tighter side decides.
    expect(svgUnitsPerPixel({ width: 500, height: 500 }, { width: 1000, height: 250 })).toBe(2);
    expect(svgUnitsPerPixel(null, { width: 300, height: 100 })).toBe(1);
    expect(svgUnitsPerPixel({ width: 0, height: 0 }, { width: 300, height: 100 })).toBe(1);
    expect(svgUnitsPerPixel({ width: 10, height: 10 }, { width: 0, height: 0 })).toBe(1);
  });
});
