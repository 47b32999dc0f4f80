import { describe, expect, it } from 'vitest';
import { csvMachine } from '../../machines/csv.machine';
import { CSV_CONSTANTS, coordinatorOf, csvInput, nodeModes } from '../../model/csv';
import { formatDuration } from '../../model/format';
import { activeInstance } from '../../model/world';
import { SimRunner } from '../../sim/runner';
import { inventory, narration, results, sceneData, volumeView } from './selectors';

const runner = () => new SimRunner(csvMachine, csvInput({ vms: 6 }), { startEvent: 'START' });
const figure = (r: SimRunner<typeof csvMachine>, label: string) =>
  results(r.getSnapshot()).figures.find((f) => f.label === label)?.value;

describe('CSV selectors', () => {
  it('the region, the inventory and the picture agree with the cluster at every step of a run with faults', () => {
    const r = runner();
    r.play();
    r.advance(4);
    r.inject('FAIL_NODE_PATH');
    r.advance(6);
    r.inject('FAIL_COORDINATOR');
    for (let i = 0; i < 20 && !r.getSnapshot().done; i += 1) {
      const v = r.getSnapshot();
      const cl = v.snapshot.context.cluster;
      const w = cl.world;
      const modes = nodeModes(cl);
      const vol = volumeView(v);
      expect(vol.coordinator).toBe(w.hosts[coordinatorOf(w) ?? '']?.name);
      for (const n of vol.nodes) expect(n.mode).toBe(modes[n.id]);
      const pic = sceneData(v);
      expect(pic.nodes.filter((n) => n.coordinator).map((n) => n.name)).toEqual([vol.coordinator]);
      const rows = inventory(v);
      for (const vm of Object.values(w.vms)) {
        const at = activeInstance(w, vm.id);
        const row = rows.find((x) => x.vm === vm.name);
        expect(row?.host).toBe(at ? w.hosts[at.host]?.name : '\u2014');
        expect(pic.cards.find((c) => c.name === vm.name)?.host).toBe(at?.host);
      }
      expect(pic.summary).toContain(`coordinator ${vol.coordinator}`);
      r.stepForward();
    }
    expect(r.getSnapshot().done).toBe(true);
    expect(narration(r.getSnapshot()).title).toBe('I/O complete');
  });

  it('figures come from the model: the pause of a coordinator failover, the restarts', () => {
    const r = runner();
    r.play();
    r.advance(10);
    r.inject('FAIL_COORDINATOR');
    r.skipToEnd();
    const c = r.getSnapshot().snapshot.context;
    expect(figure(r, 'Total time')).toBe(formatDuration(CSV_CONSTANTS.runS));
    expect(figure(r, 'I/O paused')).toBe(formatDuration(c.tally.longestPauseS));
    expect(figure(r, 'VMs restarted')).toBe(String(c.tally.vmRestarts));
    expect(c.tally.vmRestarts).toBe(2);
    expect(figure(r, 'Redirected nodes')).toBe('0');
    expect(inventory(r.getSnapshot()).every((row) => row.state === 'Running')).toBe(true);
  });
});
