import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../model/format';
import { createPanelRunner } from '../kit/definePanel';
import { definition } from './definition';
import { sceneProps } from './scene';
import { inventory, results } from './selectors';

const createRunner = () => createPanelRunner(definition, {}, definition.knobs);

describe('SMB panel views', () => {
  it('the picture agrees with the inventory at every step; the VHD path never changes', () => {
    const runner = createRunner();
    const paths = new Map<string, string>();
    let guard = 0;
    runner.stepForward();
    while (!runner.getSnapshot().done && guard < 200) {
      const v = runner.getSnapshot();
      const summary = sceneProps(v, false).summary;
      for (const row of inventory(v)) {
        expect(summary).toMatch(new RegExp(`${row.vm} is (running|paused) on ${row.host}`));
        const path = row.storage.split(' (')[0] ?? '';
        expect(path).toMatch(/^\\\\FS1\\VMs\\/);
        if (paths.has(row.vm)) expect(path).toBe(paths.get(row.vm));
        paths.set(row.vm, path);
      }
      runner.stepForward();
      guard += 1;
    }
    const v = runner.getSnapshot();
    const figures = Object.fromEntries(results(v).figures.map((f) => [f.label, f.value]));
    expect(figures['Total time']).toBe(formatDuration(v.snapshot.context.plan.totalS));
    expect(figures['Disk data moved']).toBe('0 B');
  });
});
