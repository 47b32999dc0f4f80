import { describe, expect, it } from 'vitest';
import { sharedVhdxMachine } from '../../machines/sharedVhdx.machine';
import { formatDuration } from '../../model/format';
import { hostOf, ioPath, type SharedVhdxStorage, sharedVhdxInput } from '../../model/sharedVhdx';
import { SimRunner } from '../../sim/runner';
import { inventory, results, sceneData, serviceView } from './selectors';

const runner = (storage: SharedVhdxStorage) =>
  new SimRunner(sharedVhdxMachine, sharedVhdxInput(storage), { startEvent: 'START' });

describe('shared VHDX selectors', () => {
  for (const storage of ['sofs', 'csv'] as const) {
    it(`${storage}: the region, the inventory and the picture agree with the guest cluster at every step`, () => {
      const r = runner(storage);
      r.play();
      r.advance(3);
      r.inject('FAIL_HOST');
      r.advance(12);
      r.inject('FAIL_GUEST_NODE');
      for (let i = 0; i < 20 && !r.getSnapshot().done; i += 1) {
        const v = r.getSnapshot();
        const g = v.snapshot.context.cluster;
        const s = serviceView(v);
        const owner = g.service.node ? g.world.vms[g.service.node]?.name : null;
        expect(s.node).toBe(owner);
        if (g.service.phase === 'running') expect(s.status).toBe(`Running on ${owner}`);
        expect(s.path).toBe(ioPath(g).join(' \u2192 '));
        const pic = sceneData(v);
        for (const row of inventory(v)) {
          const id = Object.values(g.world.vms).find((x) => x.name === row.vm)?.id ?? '';
          const h = hostOf(g, id);
          if (h) expect(row.host).toBe(g.world.hosts[h]?.name);
          if (h) expect(pic.guests.find((x) => x.id === id)?.host).toBe(h);
        }
        expect(pic.summary).toContain(s.path ? `I/O path: ${s.path}` : 'stopped');
        r.stepForward();
      }
      expect(r.getSnapshot().done).toBe(true);
    });
  }

  it('figures come from the run: downtime of a guest node failover, one failover', () => {
    const r = runner('sofs');
    r.play();
    r.advance(10);
    r.inject('FAIL_GUEST_NODE');
    r.skipToEnd();
    const c = r.getSnapshot().snapshot.context;
    const fig = (l: string) => results(r.getSnapshot()).figures.find((f) => f.label === l)?.value;
    expect(fig('Service downtime')).toBe(formatDuration(c.tally.downS));
    expect(fig('Failovers')).toBe('1');
    expect(serviceView(r.getSnapshot()).status).toBe('Running on SQL-N2');
  });
});
