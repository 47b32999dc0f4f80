import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { inPlaceUpgradeMachine } from '../../machines/crossVersion';
import { crossVersionInput } from '../../machines/crossVersion.fixture';
import { SimRunner } from '../../sim/runner';
import { processFamily } from './family';

type Snap = SnapshotFrom<typeof inPlaceUpgradeMachine>;

const family = processFamily(inPlaceUpgradeMachine, {
  success: ['restored'],
  titles: { restored: 'Restored', failed: 'Failed', cancelled: 'Cancelled' },
  ready: (v) => ({
    title: 'Ready',
    text: `${v.snapshot.context.world.vms[v.snapshot.context.vm]?.name} waits`,
    tone: 'normal',
  }),
});
const runner = () =>
  new SimRunner(inPlaceUpgradeMachine, crossVersionInput('inPlace'), { startEvent: 'START' });

describe('the plain process family', () => {
  it('takes its steps and statechart from the machine', () => {
    expect(family.STEPS.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(family.CHART.nodes.map((n) => n.id)).toContain('restored');
  });

  it('narrates ready, each step, then the ending with its title and tone', () => {
    const r = runner();
    expect(family.narration(r.getSnapshot())).toEqual({
      title: 'Ready',
      text: 'SQL01 waits',
      tone: 'normal',
    });
    r.stepForward();
    expect(family.narration(r.getSnapshot()).title).toMatch(/^Step 1: /);
    r.skipToEnd();
    const end = r.getSnapshot();
    expect(family.succeeded(end)).toBe(true);
    expect(family.narration(end)).toMatchObject({ title: 'Restored', tone: 'ok' });
    expect(family.log(end).at(-1)?.text).toBe(end.snapshot.context.outcome?.text);
  });

  it('measures a failed run at the step the fault interrupted', () => {
    const r = runner();
    r.stepForward();
    r.play();
    const saveS = r.getSnapshot().snapshot.context.inPlace.saveS;
    r.advance(saveS / 2);
    r.inject('FAIL_SOURCE_HOST');
    const v = r.getSnapshot();
    expect(v.done).toBe(true);
    expect(family.succeeded(v)).toBe(false);
    expect(family.narration(v)).toMatchObject({ title: 'Failed', tone: 'failed' });
    const { s, elapsed } = family.measured(v);
    expect((s as Snap).matches({ inPlace: 'saving' })).toBe(true);
    expect(elapsed).toBeCloseTo(saveS / 2, 6);
  });
});
