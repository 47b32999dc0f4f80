import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../model/format';
import { createPanelRunner } from '../kit/definePanel';
import { definition } from './definition';
import { sceneProps } from './scene';
import { inventory, results } from './selectors';

const createRunner = () => createPanelRunner(definition, {}, definition.knobs);

/** The inventory and the picture's description say the same at every step of the run. */
describe('cluster panel views', () => {
  it('the picture agrees with the inventory at every step, and the totals match the plan', () => {
    const runner = createRunner();
    let guard = 0;
    runner.stepForward();
    while (!runner.getSnapshot().done && guard < 200) {
      const v = runner.getSnapshot();
      const summary = sceneProps(v, false).summary;
      for (const row of inventory(v)) {
        if (row.host === '—') continue;
        expect(summary).toMatch(new RegExp(`${row.vm} is (running|paused) on ${row.host}`));
        if (row.state === 'Queued') expect(summary).toMatch(new RegExp(`Queue: [^.]*${row.vm}`));
      }
      runner.stepForward();
      guard += 1;
    }
    const v = runner.getSnapshot();
    const plan = v.snapshot.context.plan;
    const figures = Object.fromEntries(results(v).figures.map((f) => [f.label, f.value]));
    expect(figures.Rounds).toBe(String(plan.rounds));
    expect(figures.Downtime).toBe(formatDuration(plan.maxDowntimeS));
    expect(guard).toBeGreaterThan(10);
  });
});
