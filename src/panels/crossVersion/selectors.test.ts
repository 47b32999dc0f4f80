import { describe, expect, it } from 'vitest';
import { crossVersionMachineFor } from '../../machines/crossVersion';
import { crossVersionInput } from '../../machines/crossVersion.fixture';
import type { CrossVersionScenario } from '../../model/crossVersion';
import { activeInstance } from '../../model/world';
import { SimRunner } from '../../sim/runner';
import { chartOf, inventory, scene, stepsFor } from './selectors';

const runner = (s: CrossVersionScenario) =>
  new SimRunner(crossVersionMachineFor(s), crossVersionInput(s), { startEvent: 'START' });

describe('cross-version selectors', () => {
  for (const scenario of ['live', 'rolling', 'inPlace'] as const) {
    it(`${scenario}: the inventory and the picture agree with the world at every step`, () => {
      const r = runner(scenario);
      r.stepForward();
      for (let i = 0; i < 60 && !r.getSnapshot().done; i += 1) {
        const v = r.getSnapshot();
        const c = v.snapshot.context;
        const rows = inventory(v);
        const pic = scene(v);
        for (const vm of Object.values(c.world.vms)) {
          const row = rows.find((x) => x.vm === vm.name);
          const at = activeInstance(c.world, vm.id);
          if (c.saved && vm.id === c.vm) {
            expect(row?.state).toBe('Saved');
            continue;
          }
          expect(row?.host.startsWith(at ? (c.world.hosts[at.host]?.name ?? '') : '—')).toBe(true);
          if (at) {
            const drawn = pic.hosts
              .find((h) => h.id === at.host)
              ?.vms.find((x) => x.name === vm.name);
            expect(drawn?.status).toBe(at.status);
          }
        }
        r.stepForward();
      }
      expect(r.getSnapshot().done).toBe(true);
    });
  }

  it('each scenario shows only its own steps', () => {
    expect(stepsFor('inPlace').map((s) => s.title)).toEqual([
      'Save the VM\u2019s state on 2012',
      'Upgrade the host to 2012 R2',
      'Restore the saved state on 2012 R2',
    ]);
    expect(stepsFor('rolling')).toHaveLength(2);
    expect(stepsFor('live').length).toBe(stepsFor('reverse').length);
    expect(chartOf('inPlace').nodes.some((n) => n.id === 'migrated')).toBe(false);
  });
});
