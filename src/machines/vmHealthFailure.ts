/**
 * The machine storage failure and network failure share (CATALOG 5, seed 000, Windows Server 2012
 * R2): the VMs run; something a VM depends on fails on its node (at the end of step 1, or when the
 * panel's fault is injected); the cluster's health check detects it; the cluster acts on the VMs
 * hit (restarts them elsewhere, or live-migrates them), in waves, until the cluster has recovered.
 * What differs is the fault event, the name of the acting state and the steps' words; the
 * cluster's behaviour is the model's (`advanceCluster`, `phaseOf`).
 */
import { setup } from 'xstate';
import type { AvailInput } from '../model/availability';
import {
  type AvailContext,
  type AvailEvent,
  availContext,
  PHASE_ACTIONS,
  PHASE_GUARDS,
} from './availability';
import { outcomeStates } from './kernel';
import type { StepMeta } from './step';

/** `{ [key]: value }` with its key kept as a literal type (XState reads state and event names). */
function named<const K extends string, V>(key: K, value: V): { [P in K]: V } {
  return { [key]: value } as { [P in K]: V };
}

export function vmHealthFailureMachine<
  const Id extends string,
  const Fault extends 'FAIL_STORAGE' | 'UNPLUG_CABLE',
  const Acting extends 'restarting' | 'migrating',
>(spec: {
  id: Id;
  kind: 'storage' | 'network';
  fault: Fault;
  acting: Acting;
  steps: { running: StepMeta; detecting: StepMeta; acting: StepMeta };
}) {
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
    id: spec.id,
    context: ({ input }) => availContext(spec.kind, input),
    initial: 'idle',
    states: {
      idle: {
        on: {
          START: [
            { guard: 'tooMany', target: 'refused', actions: 'refuse' },
            { target: 'running', actions: 'begin' },
          ],
        },
      },
      running: {
        initial: 'steady',
        on: named(spec.fault, {
          guard: 'canStrike',
          target: '.deciding',
          actions: 'strike',
        } as const),
        states: {
          steady: {
            meta: spec.steps.running,
            on: { STEP_DONE: { target: 'deciding', actions: 'strike' } },
          },
          deciding: {
            always: [
              { guard: spec.acting, target: spec.acting },
              { guard: 'detecting', target: 'detecting' },
              { target: `#${spec.id}.recovered`, actions: 'endRecovered' },
            ],
          },
          detecting: {
            entry: 'enterTimed',
            meta: spec.steps.detecting,
            on: { STEP_DONE: { target: 'deciding', actions: 'advance' } },
          },
          ...named(spec.acting, {
            entry: 'enterTimed',
            meta: spec.steps.acting,
            on: { STEP_DONE: { target: 'deciding', actions: 'advance' } },
          } as const),
        },
      },
      ...outcomeStates('recovered', 'refused'),
    },
  });
}
