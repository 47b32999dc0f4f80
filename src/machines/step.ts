/**
 * Conventions every process machine follows so the sim runner can drive it and the views can
 * narrate it:
 *  - A state that is a poster step carries `meta: StepMeta`.
 *  - A timed state sets `context.step` on entry (`durationS` from the model, `seq` bumped), and
 *    leaves on a `STEP_DONE` event, which the runner delivers at sim time `entered + durationS`.
 *    Machines have no `after` delays and invoke nothing, so they can be walked by xstate/graph.
 *  - Every event carries `t`, the sim time it happens at, so the log the machine keeps is stamped.
 */
export type SeedId = '000' | '001' | '002' | '003';

export interface StepMeta {
  /** The poster's step number (several states may share one). */
  step: number;
  title: string;
  /** What happens, in the product's own words. */
  narration: string;
  source: SeedId;
}

export interface StepClock {
  /** How long the current state lasts, s; null while it waits for the user or is final. */
  durationS: number | null;
  /** Bumped on every entry, so a re-entered state (another round) counts as a new step. */
  seq: number;
}

export interface LogEntry {
  t: number;
  kind: 'step' | 'fault' | 'outcome' | 'info';
  text: string;
}

export interface TimedContext {
  step: StepClock;
  log: LogEntry[];
}

export function nextStep(clock: StepClock, durationS: number | null): StepClock {
  return { durationS, seq: clock.seq + 1 };
}

/**
 * An event stamped with the sim time it happens at. `TimedEvent<'A' | 'B'>` is the union of one
 * event of each type; plain `TimedEvent` is any such event (what the runner delivers).
 */
export type TimedEvent<K extends string = string> = K extends string
  ? { type: K; t: number }
  : never;

export const STEP_DONE = 'STEP_DONE' as const;
