/**
 * The cross-version processes (CATALOG 4.8): one machine per process, chosen by the scenario.
 * They share one context and event type (shared.ts), so the panel's views read any of them.
 */
import type { CrossVersionScenario } from '../../model/crossVersion';
import { activeInstance } from '../../model/world';
import { inPlaceUpgradeMachine } from './inPlace.machine';
import { crossVersionLiveMachine } from './live.machine';
import { rollingUpgradeMachine } from './rolling.machine';
import type { CrossVersionContext } from './shared';

export type { InPlaceUpgradeMachine } from './inPlace.machine';
export type { CrossVersionLiveMachine } from './live.machine';
export type { RollingUpgradeMachine } from './rolling.machine';
export type {
  CrossVersionContext,
  CrossVersionEvent,
  CrossVersionInput,
  CrossVersionOutcome,
} from './shared';
export { crossVersionLiveMachine, inPlaceUpgradeMachine, rollingUpgradeMachine };

/** Any of the three processes. */
export type CrossVersionMachine =
  | typeof crossVersionLiveMachine
  | typeof rollingUpgradeMachine
  | typeof inPlaceUpgradeMachine;

/** The machine that runs a scenario (the reverse live migration is refused by the live one). */
export function crossVersionMachineFor(scenario: CrossVersionScenario): CrossVersionMachine {
  switch (scenario) {
    case 'live':
    case 'reverse':
      return crossVersionLiveMachine;
    case 'rolling':
      return rollingUpgradeMachine;
    case 'inPlace':
      return inPlaceUpgradeMachine;
  }
}

export function vmHost(c: CrossVersionContext, vm = c.vm): string | undefined {
  return activeInstance(c.world, vm)?.host;
}
