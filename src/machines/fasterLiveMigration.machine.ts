/**
 * Faster live migration, 2012 R2 (CATALOG 4.7, seeds 000 and 003): the same VM migrated four times
 * side by side, with TCP/IP, compression, SMB Multichannel and SMB Direct, in lock step.
 *
 * Design: one machine drives four lanes. Each lane is a snapshot of the live migration machine
 * (liveMigration2008r2.machine, whose steps and failure rules are the same for a 2012 R2 cluster),
 * with the requirement check of a 2012 R2 cluster move plus, for SMB Direct, RDMA adapters. The
 * lanes are advanced with XState's pure `transition()`, so the whole run stays one pure machine the
 * SimRunner can checkpoint, scrub and step:
 *  - `context.clock` is the sim time at which the current (parent) step began; every lane knows
 *    when its own step began, so its due time is `stepStartedAt + durationS`.
 *  - The parent's step lasts until the earliest due time of any lane. Its STEP_DONE delivers
 *    STEP_DONE to every lane due then (one milestone of one or more lanes): stepping forward walks
 *    the four runs milestone by milestone, and one Play or Timeline drives all of them.
 *  - A fault or a cancel reaches every lane at the same sim moment; each lane takes its own outcome
 *    by the live migration machine's rules (before its storage handoff it rolls back and the VM
 *    stays on its source; after, the destination keeps it). The parent's step is re-timed to the
 *    lanes still running without starting a new step.
 *  - Once every lane has ended, the run is over.
 */
import { assign, initialTransition, type SnapshotFrom, setup, transition } from 'xstate';
import {
  type ComparisonParams,
  OPTION_KINDS,
  OPTION_LABELS,
  type OptionKind,
  optionParams,
  rdmaRequirement,
} from '../model/fasterLiveMigration';
import type { FasterLiveMigrationInput } from '../model/inputs';
import { checkRequirements, type Requirement } from '../model/requirements';
import { forEach } from './faultTable';
import { addLog, initialRun, type RunState, refusal } from './kernel';
import {
  type LiveMigrationContext,
  type LiveMigrationEvent,
  liveMigration2008r2Machine,
} from './liveMigration2008r2.machine';
import { nextStep, type StepClock } from './step';

/** Every requirement of one lane: a 2012 R2 cluster move, plus RDMA adapters for SMB Direct. */
export function laneRequirements(c: LiveMigrationContext): Requirement[] {
  const reqs = checkRequirements(c.world, {
    kind: 'cluster',
    vm: c.vm,
    source: c.source,
    destination: c.destination,
  });
  if (c.params.transport === 'smb' && c.params.rdma)
    reqs.push(rdmaRequirement(c.world, c.source, c.destination));
  return reqs;
}

/** The live migration machine with a 2012 R2 lane's requirement check. */
export const laneMachine = liveMigration2008r2Machine.provide({
  guards: {
    requirementsMet: ({ context }) => laneRequirements(context).every((r) => r.ok),
  },
  actions: {
    refuse: assign(({ context, event }) => {
      const failed = laneRequirements(context).filter((r) => !r.ok);
      return refusal(context, failed, event.t);
    }),
  },
});

export type LaneSnap = SnapshotFrom<typeof laneMachine>;

export interface Lane {
  kind: OptionKind;
  label: string;
  snapshot: LaneSnap;
  /** Sim time the lane's current step began. */
  stepStartedAt: number;
  /** The lane just before its last transition (e.g. the step a fault interrupted). */
  previous: { snapshot: LaneSnap; stepStartedAt: number; t: number } | null;
  /** Sim time the lane ended, once it has. */
  endedAt: number | null;
}

export type { FasterLiveMigrationInput, LaneSetup } from '../model/inputs';

export type RunOutcome = { kind: 'finished' | 'refused'; text: string };

/** The run's log holds its own events (start, faults); each lane keeps its own log. */
export interface FasterLiveMigrationContext extends RunState<RunOutcome> {
  params: ComparisonParams;
  seed: number;
  lanes: Lane[];
  /** Sim time at which the current step of the run began. */
  clock: number;
}

export type FasterLiveMigrationEvent = LiveMigrationEvent;
type Ev = FasterLiveMigrationEvent;

const EPS = 1e-9;

export const laneDone = (l: Lane): boolean => l.snapshot.status === 'done';

/** When the lane's current step ends, s (infinite while it waits or has ended). */
export function laneDue(l: Lane): number {
  const d = l.snapshot.context.step.durationS;
  return laneDone(l) || d === null ? Number.POSITIVE_INFINITY : l.stepStartedAt + d;
}

function sendLane(l: Lane, event: Ev, at: number): Lane {
  const next = transition(laneMachine, l.snapshot, event)[0];
  if (next === l.snapshot) return l;
  const newStep = next.context.step.seq !== l.snapshot.context.step.seq;
  return {
    ...l,
    snapshot: next,
    previous: { snapshot: l.snapshot, stepStartedAt: l.stepStartedAt, t: at },
    stepStartedAt: newStep ? at : l.stepStartedAt,
    endedAt: next.status === 'done' && l.endedAt === null ? at : l.endedAt,
  };
}

/** The run's step: until the earliest due time of any lane (null when none is running). */
function retime(lanes: readonly Lane[], clock: number, step: StepClock, bump: boolean): StepClock {
  const due = Math.min(...lanes.map(laneDue));
  const durationS = Number.isFinite(due) ? Math.max(0, due - clock) : null;
  return bump ? nextStep(step, durationS) : { ...step, durationS };
}

const FAULT_TEXT: Record<string, string> = {
  CUT_NETWORK: 'Live migration network cut',
  FAIL_SOURCE_HOST: 'Source host failed',
  FAIL_DESTINATION_HOST: 'Destination host failed',
  FAIL_SOURCE_STORAGE: 'Source host lost its storage path',
  FAIL_DESTINATION_STORAGE: 'Destination host lost its storage path',
  CANCEL: 'Cancel requested',
};

function summary(lanes: readonly Lane[]): RunOutcome {
  const outcome = (l: Lane) => l.snapshot.context.outcome?.kind ?? 'failed';
  if (lanes.every((l) => outcome(l) === 'refused')) {
    return {
      kind: 'refused',
      text: `All four refused. ${lanes[0]?.snapshot.context.outcome?.text}`,
    };
  }
  const migrated = lanes.filter((l) => outcome(l) === 'migrated');
  const parts = lanes.map((l) => `${l.label} ${outcome(l)}`);
  let text = `Run over: ${parts.join(', ')}.`;
  const fastest = [...migrated].sort(
    (a, b) => (a.endedAt ?? Number.POSITIVE_INFINITY) - (b.endedAt ?? Number.POSITIVE_INFINITY),
  )[0];
  if (fastest) text += ` Fastest to finish: ${fastest.label}.`;
  return { kind: 'finished', text };
}

/** A fault happens at the same moment in every lane that can take it. */
const TO_EVERY_LANE = { guard: 'anyLaneTakes', actions: 'fault' } as const;
const HOST_FAULTS = [
  'CUT_NETWORK',
  'FAIL_SOURCE_HOST',
  'FAIL_DESTINATION_HOST',
  'FAIL_SOURCE_STORAGE',
  'FAIL_DESTINATION_STORAGE',
] as const;

export const fasterLiveMigrationMachine = setup({
  types: {
    context: {} as FasterLiveMigrationContext,
    events: {} as FasterLiveMigrationEvent,
    input: {} as FasterLiveMigrationInput,
  },
  guards: {
    allLanesDone: ({ context }) => context.lanes.every(laneDone),
    allLanesRefused: ({ context }) =>
      context.lanes.every((l) => l.snapshot.context.outcome?.kind === 'refused'),
    anyLaneTakes: ({ context, event }) =>
      context.lanes.some((l) => !laneDone(l) && l.snapshot.can(event)),
  },
  actions: {
    startAll: assign(({ context, event }) => {
      const lanes = context.lanes.map((l) => sendLane(l, event, event.t));
      return {
        lanes,
        clock: event.t,
        step: retime(lanes, event.t, context.step, true),
        log: addLog(
          context.log,
          event.t,
          'step',
          'Started the same live migration four times, one per option',
        ),
      };
    }),
    advance: assign(({ context, event }) => {
      const clock = context.clock + (context.step.durationS ?? 0);
      const lanes = context.lanes.map((l) =>
        !laneDone(l) && Math.abs(laneDue(l) - clock) <= EPS * Math.max(1, clock)
          ? sendLane(l, { type: 'STEP_DONE', t: event.t }, clock)
          : l,
      );
      return { lanes, clock, step: retime(lanes, clock, context.step, true) };
    }),
    fault: assign(({ context, event }) => {
      const lanes = context.lanes.map((l) =>
        !laneDone(l) && l.snapshot.can(event) ? sendLane(l, event, event.t) : l,
      );
      return {
        lanes,
        step: retime(lanes, context.clock, context.step, false),
        log: addLog(
          context.log,
          event.t,
          'fault',
          `${FAULT_TEXT[event.type] ?? event.type}: the same moment in all four runs`,
        ),
      };
    }),
    finish: assign(({ context }) => {
      const outcome = summary(context.lanes);
      const t = Math.max(context.clock, ...context.lanes.map((l) => l.endedAt ?? 0));
      return {
        outcome,
        step: nextStep(context.step, null),
        log: addLog(context.log, t, 'outcome', outcome.text),
      };
    }),
  },
}).createMachine({
  id: 'fasterLiveMigration',
  context: ({ input }) => ({
    params: input.params,
    seed: input.seed,
    lanes: input.lanes.map((setupLane) => ({
      kind: setupLane.kind,
      label: OPTION_LABELS[setupLane.kind],
      snapshot: initialTransition(laneMachine, {
        params: optionParams(input.params, setupLane.kind),
        seed: input.seed,
        world: setupLane.world,
        vm: input.vm,
        source: input.source,
        destination: input.destination,
      })[0],
      stepStartedAt: 0,
      previous: null,
      endedAt: null,
    })),
    clock: 0,
    ...initialRun(),
  }),
  initial: 'idle',
  states: {
    idle: {
      always: { guard: 'allLanesDone', target: 'finished', actions: 'finish' },
      on: {
        START: { target: 'running', actions: 'startAll' },
        ...forEach(HOST_FAULTS, TO_EVERY_LANE),
      },
    },
    running: {
      always: [
        { guard: 'allLanesRefused', target: 'refused', actions: 'finish' },
        { guard: 'allLanesDone', target: 'finished', actions: 'finish' },
      ],
      on: {
        STEP_DONE: { actions: 'advance' },
        ...forEach([...HOST_FAULTS, 'CANCEL'], TO_EVERY_LANE),
      },
    },
    finished: { type: 'final' },
    refused: { type: 'final' },
  },
});

export type FasterLiveMigrationMachine = typeof fasterLiveMigrationMachine;

export { OPTION_KINDS };
