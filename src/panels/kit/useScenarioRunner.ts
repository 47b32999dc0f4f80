/** The panel's runner: a new run when the scenario's URL values or the panel's knobs change. */
import { useMemo } from 'react';
import type { ParamName, ParamValues } from '../../app/url';
import { scenarioKey } from './RunPanel';

export function useScenarioRunner<R, K>(
  values: ParamValues,
  names: readonly ParamName[],
  knobs: K,
  create: (values: ParamValues, knobs: K) => R,
): R {
  // Playback parameters (speed, t) do not restart the run.
  const key = scenarioKey(values, names);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the scenario's values
  return useMemo(() => create(values, knobs), [key, knobs]);
}
