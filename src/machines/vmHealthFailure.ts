/**
 * The machine storage failure and network failure share (CATALOG 5, seed 000, Windows Server 2012
 * R2): the VMs run; something a VM depends on fails on its node (at the end of step 1, or when the
 * panel's fault is injected); the cluster's health check detects it; the cluster acts on the VMs
 * hit (restarts them elsewhere, or live-migrates them), in waves, until the cluster has recovered.
 * What differs is the kind (which names the fault event and the acting state) and the steps'
 * words; the cluster's behaviour is the model's (`advanceCluster`, `phaseOf`).
 */
import { setup } from 'xstate';
import type { AvailInput } from '../model/availability';
import {
  AVAIL_IDLE,
  type AvailContext,
  type AvailEvent,
  availContext,
  NETWORK_FAULTS,
  PHASE_ACTIONS,
  PHASE_GUARDS,
  STORAGE_FAULTS,
  timedStep,
} from './availability';
import { outcomeStates } from './kernel';
import type { StepMeta } from './step';

/** What the kind decides: the panel's fault event and the step the cluster acts in (its phase). */
const KINDS = {
  storage: { fault: STORAGE_FAULTS[0].type, acting: 'restarting' },
  network: { fault: NETWORK_FAULTS[0].type, acting: 'migrating' },
} as const;

type Kind = keyof typeof KINDS;
type Acting<K extends Kind> = (typeof KINDS)[K]['acting'];

/** `{ [key]: value }` with its key kept as a literal type (XState reads state and event names). */
function named<const K extends string, V>(key: K, value: V): { [P in K]: V } {
  return { [key]: value } as { [P in K]: V };
}

/**
 * The machine of `kind` (its id `storageFailure` or `networkFailure`) with its steps' words, by
 * state: `running`, `detecting` and the acting step (`restarting` or `migrating`).
 */
export function vmHealthFailureMachine<const K extends Kind>(
  kind: K,
  steps: Record<'running' | 'detecting' | Acting<K>, StepMeta>,
) {
  const id = `${kind}Failure` as const;
  const fault: (typeof KINDS)[K]['fault'] = KINDS[kind].fault;
  const acting: Acting<K> = KINDS[kind].acting;
  return setup({
    types: {
      context: {} as AvailContext,
      events: {} as AvailEvent,
      input: {} as AvailInput,
      meta: {} as StepMeta,
    },
    guards: PHASE_GUARDS,
    actions: PHASE_ACTIONS,
  }).createMachine({
    id,
    context: ({ input }) => availContext(kind, input),
    initial: 'idle',
    states: {
      idle: AVAIL_IDLE,
      running: {
        initial: 'steady',
        on: named(fault, {
          guard: 'canStrike',
          target: '.deciding',
          actions: 'strike',
        } as const),
        states: {
          steady: {
            meta: steps.running,
            on: { STEP_DONE: { target: 'deciding', actions: 'strike' } },
          },
          deciding: {
            always: [
              { guard: acting, target: acting },
              { guard: 'detecting', target: 'detecting' },
              { target: `#${id}.recovered`, actions: 'endRecovered' },
            ],
          },
          detecting: timedStep(steps.detecting),
          ...named(acting, timedStep(steps[acting])),
        },
      },
      ...outcomeStates('recovered', 'refused'),
    },
  });
}
