import { describe, expect, it } from 'vitest';
import { diskMoveStates, stepState } from './migrationSteps';
import type { StepMeta } from './step';

const META: StepMeta = { step: 2, title: 'Copy', narration: 'It copies.', source: '001' };

describe('the move machines’ states', () => {
  it('makes a timed step from its entry, its next state and its meta', () => {
    expect(stepState('enterCopying', 'mirroring', META)).toEqual({
      entry: 'enterCopying',
      meta: META,
      on: { STEP_DONE: 'mirroring' },
    });
    const finish = { target: '#m.moved', actions: 'finish' } as const;
    expect(stepState('enterDeleting', finish, META).on.STEP_DONE).toBe(finish);
  });

  it('puts a disk move’s idle, moving and switched-over states before its four endings', () => {
    const moving = { initial: 'copying', states: {} };
    const switchedOver = { initial: 'deleting', states: {} };
    const states = diskMoveStates('moved', {
      idle: { CUT_NETWORK: { actions: 'idleCut' } },
      moving,
      switchedOver,
    });
    expect(Object.keys(states)).toEqual([
      'idle',
      'moving',
      'switchedOver',
      'moved',
      'failed',
      'cancelled',
      'refused',
    ]);
    expect(states.idle.on).toEqual({
      START: [
        { guard: 'requirementsMet', target: 'moving' },
        { target: 'refused', actions: 'refuse' },
      ],
      CUT_NETWORK: { actions: 'idleCut' },
    });
    expect(states.moving).toBe(moving);
    expect(states.switchedOver).toBe(switchedOver);
    expect(states.moved).toEqual({ type: 'final' });
  });
});
