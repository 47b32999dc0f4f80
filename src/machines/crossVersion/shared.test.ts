import { describe, expect, it } from 'vitest';
import { crossVersionInput } from '../crossVersion.fixture';
import { crossVersionMachine, timedStep } from './shared';
import { IN_PLACE_STEPS } from './steps';

describe('what the cross-version machines are built from', () => {
  it('a timed step: its entry and meta, STEP_DONE first, then the faults of its phase', () => {
    const faults = { CANCEL: { actions: 'cancelRefused' } } as const;
    const step = timedStep('enterSaving', IN_PLACE_STEPS.saving, 'upgrading', faults);
    expect(step).toEqual({
      entry: 'enterSaving',
      meta: IN_PLACE_STEPS.saving,
      on: { STEP_DONE: 'upgrading', CANCEL: { actions: 'cancelRefused' } },
    });
    expect(Object.keys(step.on)).toEqual(['STEP_DONE', 'CANCEL']);
  });

  it('the parts of the machine with id `id`: its faults end in its own outcome states', () => {
    const cv = crossVersionMachine('demo');
    expect(cv.on.beforeSwitch.CANCEL).toEqual({
      target: '#demo.cancelled',
      actions: 'liveRollback',
    });
    expect(cv.on.saving.FAIL_SOURCE_HOST).toEqual({
      target: '#demo.failed',
      actions: 'hostDownWhileSaving',
    });
    expect(Object.keys(cv.on.idle)).toEqual([
      'CUT_NETWORK',
      'FAIL_SOURCE_HOST',
      'FAIL_DESTINATION_HOST',
    ]);
    expect(Object.keys(cv.guards)).toContain('requirementsMet');
    expect(Object.keys(cv.actions)).toContain('refuse');
    const input = crossVersionInput('inPlace');
    const c = cv.context({ input });
    expect(c).toMatchObject({ scenario: 'inPlace', vm: input.vm, round: -1, saved: false });
    expect(c.outcome).toBeNull();
  });
});
