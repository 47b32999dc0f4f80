/**
 * A panel's runner for its scenario (the URL's values with the panel's defaults, and the knobs):
 * what the panel, its thumbnail, the handout and the tests run.
 */
import type { AnyStateMachine } from 'xstate';
import { type ParamValues, withDefaults } from '../../model/parameters';
import type { SimRunner } from '../../sim/runner';
import { machineOf, type PanelDefinition } from './definition';
import { createRunnerAt } from './RunPanel';

/** A runner for the definition's scenario; a `t` in the values opens the run there, paused. */
export function createPanelRunner<M extends AnyStateMachine, K>(
  def: PanelDefinition<M, K>,
  values: ParamValues,
  knobs: K,
): SimRunner<M> {
  return createRunnerAt(
    machineOf(def, knobs),
    def.input(panelValues(def, values), knobs),
    values.t,
    def.startEvent,
  );
}

/** The URL's values with the panel's own defaults filled in (what `input` is built from). */
export function panelValues<M extends AnyStateMachine, K>(
  def: PanelDefinition<M, K>,
  values: ParamValues,
): ParamValues {
  return def.meta.ranges
    ? withDefaults(values, [...def.meta.scenarioParams], def.meta.ranges)
    : values;
}
