import { describe, expect, it } from 'vitest';
import {
  LANES_FAULTS_ON,
  lanesMachineStates,
  lanesSteps,
  stepToEnd,
  stepUntil,
} from './lanesStates';
import type { StepMeta } from './step';

const meta = (step: number): StepMeta => ({
  step,
  title: `Step ${step}`,
  narration: '…',
  source: '001',
});

describe('the batch machines’ states', () => {
  it('chains the timed steps: each until its guard fails, the last to the end of the run', () => {
    const states = lanesSteps('m', [
      { state: 'first', until: 'moreFirst', meta: meta(1) },
      { state: 'second', until: 'moreSecond', meta: meta(2) },
      { state: 'last', meta: meta(3) },
    ]);
    expect(Object.keys(states)).toEqual(['first', 'second', 'last']);
    expect(states.first).toEqual({
      entry: 'timeInterval',
      meta: meta(1),
      on: { STEP_DONE: stepUntil('m', 'first', 'moreFirst', 'second') },
    });
    expect(states.second.on.STEP_DONE).toEqual(stepUntil('m', 'second', 'moreSecond', 'last'));
    expect(states.last.on.STEP_DONE).toEqual(stepToEnd('m', 'last'));
    expect(stepToEnd('m', 'last')[0]).toEqual({
      guard: 'lastMilestoneNext',
      target: '#m.migrated',
      actions: 'finish',
    });
  });

  it('puts idle, the batch under way and the four endings around the steps', () => {
    const storage = { FAIL_SOURCE_STORAGE: { actions: 'pathLost' } } as const;
    const states = lanesMachineStates({
      under: 'running',
      begin: 'begin',
      storage: { idle: storage, underWay: storage },
      initial: 'only',
      steps: { only: { entry: 'timeInterval' } },
    });
    expect(Object.keys(states)).toEqual([
      'idle',
      'running',
      'migrated',
      'failed',
      'cancelled',
      'refused',
    ]);
    expect(states.idle.on).toEqual({
      START: [
        { guard: 'requirementsMet', target: 'running', actions: 'begin' },
        { target: 'refused', actions: 'refuse' },
      ],
      ...LANES_FAULTS_ON.idle,
      ...storage,
    });
    expect(states.running).toEqual({
      initial: 'only',
      on: { ...LANES_FAULTS_ON.underWay, ...storage },
      states: { only: { entry: 'timeInterval' } },
    });
    expect(states.refused).toEqual({ type: 'final' });
  });
});
