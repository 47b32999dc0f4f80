/**
 * The states of a batch machine (lanesMachine.ts), written once: the step transitions of the batch's
 * timed steps, the host and network faults before the start and under way, and the states around
 * the machine's own steps.
 */
import { outcomeStates, startOrRefuse } from './kernel';
import type { StepMeta } from './step';

/** The last milestone reached: the run is over (every lane done). */
function finishRow<const Id extends string>(id: Id) {
  return { guard: 'lastMilestoneNext', target: `#${id}.migrated`, actions: 'finish' } as const;
}

/**
 * A batch state's STEP_DONE: at the last milestone the run finishes; while `guard` holds at the next
 * milestone the state is re-entered (another interval of the same step); else the batch goes on to
 * `next`.
 */
export function stepUntil<
  const Id extends string,
  const Self extends string,
  const G extends string,
  const Next extends string,
>(id: Id, self: Self, guard: G, next: Next) {
  return [
    finishRow(id),
    { guard, target: self, reenter: true, actions: 'advance' },
    { target: next, actions: 'advance' },
  ] as const;
}

/** The batch's last step: re-entered at every milestone until the last one finishes the run. */
export function stepToEnd<const Id extends string, const Self extends string>(id: Id, self: Self) {
  return [finishRow(id), { target: self, reenter: true, actions: 'advance' }] as const;
}

/** One timed step of the batch: its state, its poster step, and how long it goes on. */
export interface LanesStep {
  state: string;
  /** The guard that holds at the next milestone while this step goes on (none: to the end). */
  until?: string;
  meta: StepMeta;
}

type StepState<Id extends string, S extends string, G extends string> = {
  entry: 'timeInterval';
  meta: StepMeta;
  on: {
    STEP_DONE: ReturnType<typeof stepUntil<Id, S, G, S>> | ReturnType<typeof stepToEnd<Id, S>>;
  };
};

/**
 * The batch's timed steps in order (machine `id`): each lasts until the next milestone and is
 * re-entered while its `until` guard holds at the next milestone, then gives way to the next step
 * (`stepUntil`); a step without `until` is re-entered until the last milestone ends the run
 * (`stepToEnd`).
 */
export function lanesSteps<const Id extends string, const Steps extends readonly LanesStep[]>(
  id: Id,
  steps: Steps,
) {
  type S = Steps[number]['state'];
  type G = Extract<Steps[number], { until: string }>['until'];
  return Object.fromEntries(
    steps.map(({ state, until, meta }, i) => {
      const next = steps[i + 1]?.state;
      const done =
        next !== undefined && until !== undefined
          ? stepUntil(id, state, until, next)
          : stepToEnd(id, state);
      return [state, { entry: 'timeInterval', meta, on: { STEP_DONE: done } }];
    }),
  ) as { [K in S]: StepState<Id, S, G> };
}

/**
 * The host and network faults of a batch machine, before the start and under way (the actions by
 * these names are the machine's own: what a failed host means differs with or without a cluster).
 */
export const LANES_FAULTS_ON = {
  idle: {
    CUT_NETWORK: { guard: 'networkUp', actions: 'idleCut' },
    FAIL_DESTINATION_HOST: { guard: 'destinationUp', actions: 'idleFailDestination' },
    FAIL_SOURCE_HOST: { target: 'failed', actions: 'idleFailSource' },
  },
  underWay: {
    CUT_NETWORK: { target: 'failed', actions: 'cutNetwork' },
    FAIL_SOURCE_HOST: { target: 'failed', actions: 'failSource' },
    FAIL_DESTINATION_HOST: { target: 'failed', actions: 'failDestination' },
    CANCEL: [
      { guard: 'cancellable', target: 'cancelled', actions: 'cancel' },
      { actions: 'cancelRefused' },
    ],
  },
} as const;

/**
 * A batch machine's states: `idle` (START into `under`, with `begin` as it starts; the faults
 * before the start), the batch under way in `under` (its `steps` from `initial`; the faults and
 * cancel end it) and the four endings. `storage`: the machine's own storage fault transitions,
 * before the start and under way.
 */
export function lanesMachineStates<
  const Under extends string,
  const Initial extends string,
  const Steps extends { [K in Initial]: object },
  const IdleStorage extends object,
  const UnderWayStorage extends object,
  const Begin extends string = never,
>(o: {
  under: Under;
  begin?: Begin;
  storage: { idle: IdleStorage; underWay: UnderWayStorage };
  initial: Initial;
  steps: Steps;
}) {
  const underWay = {
    initial: o.initial,
    on: { ...LANES_FAULTS_ON.underWay, ...o.storage.underWay },
    states: o.steps,
  };
  return {
    idle: {
      on: {
        START: startOrRefuse(o.under, o.begin),
        ...LANES_FAULTS_ON.idle,
        ...o.storage.idle,
      },
    },
    ...({ [o.under]: underWay } as { [K in Under]: typeof underWay }),
    ...outcomeStates('migrated', 'failed', 'cancelled', 'refused'),
  };
}
