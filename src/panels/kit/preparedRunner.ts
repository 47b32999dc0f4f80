/** A panel's runner as its page makes it, for the handout and the tests (see panelRunner.ts). */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { ParamValues } from '../../model/parameters';
import { type RunnerView, SimRunner } from '../../sim/runner';
import { machineOf, type PanelDefinition } from './definition';
import { panelValues } from './panelRunner';

/**
 * A runner as the panel makes it, its start sending the first action's payload (a session's
 * "Create disk" with the chosen disk type), opened at the values' `t` if any.
 */
export function preparedRunner<M extends AnyStateMachine, K>(
  def: PanelDefinition<M, K>,
  values: ParamValues,
  knobs: K,
): SimRunner<M> {
  const startEvent = def.startEvent ?? 'START';
  const input = def.input(panelValues(def, values), knobs);
  const runner = new SimRunner(machineOf(def, knobs), input, { startEvent });
  const start = def.actions?.({ values: panelValues(def, values), knobs, input })[0];
  if (start?.payload && start.type === startEvent) {
    const payload = start.payload;
    runner.setStartPayload(
      () => payload(runner.getSnapshot() as RunnerView<AnyMachineSnapshot>) ?? {},
    );
  }
  if (values.t !== undefined && values.t > 0) {
    runner.stepForward();
    runner.seek(values.t);
  }
  return runner;
}
