import { describe, expect, it } from 'vitest';
import { nodeFailureMachine } from '../../machines/nodeFailure.machine';
import { formatDuration } from '../../model/format';
import { SimRunner } from '../../sim/runner';
import type { AvailView } from '../availability/selectors';
import { expectAgreement } from '../availability/selectors.testkit';
import { DEFAULT_KNOBS } from '../availability/shared';
import { definition, selectors } from './definition';

const { clusterSummary, inventory, narration, results, STEPS, stepDetail } = selectors;

const runner = (values = {}) =>
  new SimRunner(
    nodeFailureMachine,
    definition.input({ nodes: 4, vms: 16, ...values }, { ...DEFAULT_KNOBS, target: 'hv-2' }),
    { startEvent: 'START' },
  );
const view = (r: SimRunner<typeof nodeFailureMachine>) => r.getSnapshot() as unknown as AvailView;
const figure = (r: SimRunner<typeof nodeFailureMachine>, label: string) =>
  results(r.getSnapshot()).figures.find((f) => f.label === label)?.value;

describe('Node failure selectors', () => {
  it('the picture, the Cluster summary, the Inventory and the Results agree at every step, a second failure included', () => {
    const r = runner();
    expectAgreement(view(r));
    r.play();
    let steps = 0;
    while (!r.getSnapshot().done && steps < 30) {
      expectAgreement(view(r));
      r.stepForward();
      steps += 1;
      if (steps === 3) r.inject('FAIL_NODE');
    }
    expectAgreement(view(r));
    expect(narration(r.getSnapshot()).title).toBe('Recovered');
    expect(clusterSummary(r.getSnapshot()).nodesUp).toBe(2);
  });

  it('figures come from the model: detection after delay x threshold, restarts, VMs left off', () => {
    const r = runner({ heartbeatDelayMs: 500, heartbeatThreshold: 6 });
    r.play();
    r.stepForward();
    expect(stepDetail(r.getSnapshot())).toBe('HV-2: 0 of 6 heartbeats missed');
    r.advance(1.6);
    expect(stepDetail(r.getSnapshot())).toBe('HV-2: 3 of 6 heartbeats missed');
    r.skipToEnd();
    const c = r.getSnapshot().snapshot.context;
    expect(figure(r, 'Detected after')).toBe(formatDuration(3));
    expect(figure(r, 'VMs restarted')).toBe(String(c.cluster.tally.restarted));
    expect(figure(r, 'Downtime')).toBe(formatDuration(c.cluster.tally.maxDowntimeS));
    expect(figure(r, 'VMs live-migrated')).toBe('0');
    const noAuto = c.spec.vms.filter((vm) => vm.home === 1 && vm.priority === 'none').length;
    expect(figure(r, 'VMs left off')).toBe(String(noAuto));
    const rows = inventory(r.getSnapshot());
    expect(rows.filter((x) => x.state.startsWith('Off (No auto start)'))).toHaveLength(noAuto);
  });

  it('nests the three restart waves under one poster step', () => {
    expect(STEPS.map((s) => s.number)).toEqual([1, 2, 3, 3, 3]);
    expect(STEPS.slice(2).every((s) => s.group === 'Restart the VMs by priority')).toBe(true);
  });

  it('at full size the text lists every VM and adds up', () => {
    const r = runner({ nodes: 64, vms: 8000 });
    r.play();
    r.skipToEnd();
    expectAgreement(view(r));
    expect(inventory(r.getSnapshot())).toHaveLength(8000);
    expect(inventory(r.getSnapshot())).toBe(inventory(r.getSnapshot()));
  });

  it('refuses a cluster beyond 1,024 VMs per node, and says so before the start', () => {
    const r = runner({ nodes: 2, vms: 4000 });
    expect(narration(r.getSnapshot()).text).toContain('at most 1,024 VMs per node');
    r.play();
    expect(narration(r.getSnapshot()).title).toBe('Refused');
    expectAgreement(view(r));
  });
});
