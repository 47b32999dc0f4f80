/**
 * Node failure (CATALOG 5, seed 001 and the CATALOG's "Numbers and rules ... availability"): a
 * cluster node fails and its clustered VMs restart on the surviving nodes, by priority.
 *   1 the nodes exchange heartbeats; the node the settings name fails at the end of the step (or
 *     when "Fail node" is injected);
 *   2 its heartbeats go unanswered until the threshold: the cluster declares it down (event 1135);
 *   3 its VMs restart in waves, High, then Medium, then Low priority, each VM on the node with
 *     the most free memory that holds it; No auto start VMs and those that fit nowhere stay off.
 * "Fail node" during a recovery fails another node (the one named if still up, else the next up):
 * its VMs, those booting there included, go down and wait for their own detection; the waves go
 * on meanwhile. The run ends when the cluster has settled, or fails when no node is left up.
 */
import { assign, setup } from 'xstate';
import type { AvailInput } from '../model/availability';
import {
  AVAIL_IDLE,
  type AvailContext,
  type AvailEvent,
  availContext,
  endAllDown,
  NODE_FAULTS,
  PHASE_ACTIONS,
  PHASE_GUARDS,
  timedStep,
} from './availability';
import { outcomeStates } from './kernel';
import type { StepMeta } from './step';

export { NODE_FAULTS };

const STEPS = {
  heartbeats: {
    step: 1,
    title: 'Nodes exchange heartbeats',
    narration:
      'Every node sends the others a heartbeat once per heartbeat delay (1,000 ms by default) and each VM runs on its node. The node chosen in the settings fails at the end of this step; inject \u201cFail node\u201d to fail it now.',
    source: '001',
  },
  detecting: {
    step: 2,
    title: 'Heartbeats go unanswered',
    narration:
      'The failed node stops answering. The others count its missed heartbeats; at the threshold (10 in a row on Windows Server 2012 R2 once the cluster runs VMs, 5 before) the cluster declares it down and removes it (event 1135). Until then nothing moves: its VMs are simply off.',
    source: '001',
  },
  high: {
    step: 3,
    title: 'Restart High priority VMs',
    narration:
      'An unplanned failover restarts the failed node\u2019s VMs: they cold-boot on the surviving nodes, they are not live-migrated (the node and their memory are gone). High priority VMs start first, all together, each on the node with the most free memory that holds it.',
    source: '001',
  },
  medium: {
    step: 3,
    title: 'Restart Medium priority VMs',
    narration:
      'Then the Medium priority VMs (the default priority) start, together, on the nodes with the most free memory left. Each boots from its disk on the shared storage.',
    source: '001',
  },
  low: {
    step: 3,
    title: 'Restart Low priority VMs',
    narration:
      'Last the Low priority VMs. A VM that fits on no surviving node (its memory, or 1,024 VMs on a node) stays off and the log names it; No auto start VMs stay off by design.',
    source: '001',
  },
} as const satisfies Record<string, StepMeta>;

type Ctx = AvailContext;

export const nodeFailureMachine = setup({
  types: {
    context: {} as Ctx,
    events: {} as AvailEvent,
    input: {} as AvailInput,
    meta: {} as StepMeta,
  },
  guards: PHASE_GUARDS,
  actions: {
    ...PHASE_ACTIONS,
    endAllDown: assign(({ context, event }) => endAllDown(context, event)),
  },
}).createMachine({
  id: 'nodeFailure',
  context: ({ input }) => availContext('node', input),
  initial: 'idle',
  states: {
    idle: AVAIL_IDLE,
    running: {
      initial: 'heartbeats',
      on: { FAIL_NODE: { guard: 'canStrike', target: '.deciding', actions: 'strike' } },
      states: {
        heartbeats: {
          meta: STEPS.heartbeats,
          on: { STEP_DONE: { target: 'deciding', actions: 'strike' } },
        },
        deciding: {
          always: [
            { guard: 'allDown', target: '#nodeFailure.failed', actions: 'endAllDown' },
            { guard: 'restart_high', target: 'restarting.high' },
            { guard: 'restart_medium', target: 'restarting.medium' },
            { guard: 'restart_low', target: 'restarting.low' },
            { guard: 'detecting', target: 'detecting' },
            { target: '#nodeFailure.recovered', actions: 'endRecovered' },
          ],
        },
        detecting: timedStep(STEPS.detecting),
        restarting: {
          initial: 'high',
          on: { STEP_DONE: { target: 'deciding', actions: 'advance' } },
          states: {
            high: { entry: 'enterTimed', meta: STEPS.high },
            medium: { entry: 'enterTimed', meta: STEPS.medium },
            low: { entry: 'enterTimed', meta: STEPS.low },
          },
        },
      },
    },
    ...outcomeStates('recovered', 'failed', 'refused'),
  },
});

export type NodeFailureMachine = typeof nodeFailureMachine;
