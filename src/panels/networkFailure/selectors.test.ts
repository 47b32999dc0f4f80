import { describe, expect, it } from 'vitest';
import { networkFailureMachine } from '../../machines/networkFailure.machine';
import { formatDuration } from '../../model/format';
import { SimRunner } from '../../sim/runner';
import type { AvailView } from '../availability/selectors';
import { expectAgreement } from '../availability/selectors.testkit';
import { DEFAULT_KNOBS } from '../availability/shared';
import { definition, selectors } from './definition';

const { clusterSummary, inventory, narration, results } = selectors;

const runner = (values = {}, unprotected: string[] = []) =>
  new SimRunner(
    networkFailureMachine,
    definition.input(
      { nodes: 4, vms: 16, ...values },
      { ...DEFAULT_KNOBS, target: 'vm-2', unprotected },
    ),
    { startEvent: 'START' },
  );
const view = (r: SimRunner<typeof networkFailureMachine>) =>
  r.getSnapshot() as unknown as AvailView;
const figure = (r: SimRunner<typeof networkFailureMachine>, label: string) =>
  results(r.getSnapshot()).figures.find((f) => f.label === label)?.value;

describe('Network failure selectors', () => {
  it('the picture and the text agree at every step, a second cable pulled during the moves', () => {
    const r = runner();
    r.play();
    let steps = 0;
    while (!r.getSnapshot().done && steps < 30) {
      expectAgreement(view(r));
      r.stepForward();
      steps += 1;
      if (steps === 3) r.inject('UNPLUG_CABLE');
    }
    expectAgreement(view(r));
    expect(narration(r.getSnapshot()).title).toBe('Recovered');
    expect(clusterSummary(r.getSnapshot()).noNetwork).toBe(0);
  });

  it('shows the live migration in the Inventory and the pause in the Results; an unprotected VM stays', () => {
    const r = runner({}, ['vm-6']);
    r.play();
    r.stepForward();
    r.stepForward();
    const moving = inventory(r.getSnapshot()).filter((x) => x.state.startsWith('Live migrating'));
    expect(moving).toHaveLength(2);
    for (const m of moving) expect(m.host).toMatch(/^HV-2 → HV-[134]$/);
    r.skipToEnd();
    const c = r.getSnapshot().snapshot.context;
    expect(figure(r, 'Downtime')).toBe(formatDuration(c.cluster.tally.maxPauseS));
    expect(figure(r, 'VMs live-migrated')).toBe('3');
    expect(figure(r, 'VMs restarted')).toBe('0');
    expect(figure(r, 'Without network')).toBe(formatDuration(c.cluster.tally.maxNoNetworkS));
    expect(inventory(r.getSnapshot())[5]?.state).toMatch(/^Running, no network: not protected/);
  });
});
