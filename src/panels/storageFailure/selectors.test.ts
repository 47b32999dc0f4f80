import { describe, expect, it } from 'vitest';
import { storageFailureMachine } from '../../machines/storageFailure.machine';
import { PRIORITY_LABEL } from '../../model/availability';
import { formatDuration } from '../../model/format';
import { SimRunner } from '../../sim/runner';
import type { AvailView } from '../availability/selectors';
import { expectAgreement } from '../availability/selectors.testkit';
import { DEFAULT_KNOBS } from '../availability/shared';
import { definition, selectors } from './definition';

const { inventory, narration, results } = selectors;

const runner = (values = {}, disk = DEFAULT_KNOBS.disk) =>
  new SimRunner(
    storageFailureMachine,
    definition.input({ nodes: 4, vms: 16, ...values }, { ...DEFAULT_KNOBS, target: 'vm-2', disk }),
    { startEvent: 'START' },
  );
const view = (r: SimRunner<typeof storageFailureMachine>) =>
  r.getSnapshot() as unknown as AvailView;
const figure = (r: SimRunner<typeof storageFailureMachine>, label: string) =>
  results(r.getSnapshot()).figures.find((f) => f.label === label)?.value;

describe('Storage failure selectors', () => {
  it('the picture and the text agree at every step, with a second VM hit during the restart', () => {
    const r = runner();
    r.play();
    let steps = 0;
    while (!r.getSnapshot().done && steps < 20) {
      expectAgreement(view(r));
      r.stepForward();
      steps += 1;
      if (steps === 2) r.inject('FAIL_STORAGE');
    }
    expectAgreement(view(r));
    expect(narration(r.getSnapshot()).title).toBe('Recovered');
  });

  it('names the disk that failed, then the node it was lost from; figures from the model', () => {
    const r = runner({}, 'checkpointAvhdx');
    r.play();
    r.stepForward();
    const vm2 = () => inventory(r.getSnapshot())[1];
    const priority = r.getSnapshot().snapshot.context.spec.vms[1]?.priority ?? 'medium';
    expect(vm2()?.state).toBe(
      `Paused-Critical (disk not answering), priority ${PRIORITY_LABEL[priority]}`,
    );
    expect(vm2()?.storage).toBe(
      '\\\\SOFS\\VMs\\VM-2: Differencing disk of a checkpoint (AVHDX) not answering',
    );
    expect(r.getSnapshot().snapshot.context.log.at(-1)?.text).toContain(
      'differencing disk of a checkpoint (avhdx) stopped answering on HV-2',
    );
    r.skipToEnd();
    const c = r.getSnapshot().snapshot.context;
    expect(figure(r, 'Detected after')).toBe(formatDuration(c.spec.healthDetectS));
    expect(figure(r, 'VMs restarted')).toBe('1');
    expect(figure(r, 'Downtime')).toBe(
      formatDuration(c.spec.healthDetectS + c.spec.params.vmBootS),
    );
    expect(vm2()?.host).not.toBe('HV-2');
  });
});
