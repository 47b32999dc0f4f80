/**
 * Network failure detection (CATALOG 5, seed 000, Windows Server 2012 R2, "protected network"):
 * the physical network a VM uses fails on its node (a bad switch port, a NIC, an unplugged cable).
 *   1 the VMs run on the VM network; the cable of the chosen VM's node is pulled at the end of the
 *     step (or when "Unplug VM network cable" is injected): the VMs there run on, unreachable;
 *   2 the cluster detects the lost network;
 *   3 it live-migrates each VM with a protected adapter to a node where the network works, at
 *     most two at a time from one host: no restart, a pause of milliseconds (the pre-copy model).
 *     If no node has the network, or none has room, the VM stays and the log says why.
 * Unplugging again pulls another node's cable (the chosen VM's node if still plugged in, else the
 * next one). A network failure never restarts a VM.
 */
import { assign, setup } from 'xstate';
import type { AvailInput } from '../model/availability';
import {
  type AvailContext,
  type AvailEvent,
  advanceCluster,
  availContext,
  begin,
  endRecovered,
  enterTimed,
  NETWORK_FAULTS,
  PHASE_GUARDS,
  refuse,
  strike,
} from './availability';
import { outcomeStates } from './kernel';
import type { StepMeta } from './step';

export { NETWORK_FAULTS };

const STEPS = {
  running: {
    step: 1,
    title: 'VMs run on the VM network',
    narration:
      'Each VM\u2019s network adapter reaches the physical VM network through its node\u2019s virtual switch and the node\u2019s cable. \u201cProtected network\u201d is on by default for every adapter. The chosen VM\u2019s node loses its cable at the end of this step; inject \u201cUnplug VM network cable\u201d to pull it now.',
    source: '000',
  },
  detecting: {
    step: 2,
    title: 'Detect the lost network',
    narration:
      'The VMs on that node keep running, but nobody can reach them. Windows Server 2012 R2 Hyper-V and Failover Clustering notice that the physical network assigned to the VMs has failed, whether a switch port, a network adapter or a cable.',
    source: '000',
  },
  migrating: {
    step: 3,
    title: 'Live-migrate the VMs to a node with the network',
    narration:
      'The cluster live-migrates each VM with a protected network to a node where that network works: no restart, only the pause of the last copy round (milliseconds). A host sends at most two at a time; the rest queue. An event log entry gives the reason for each move; if no node has the network the VM stays, and the log says so.',
    source: '000',
  },
} as const satisfies Record<string, StepMeta>;

export const networkFailureMachine = setup({
  types: {
    context: {} as AvailContext,
    events: {} as AvailEvent,
    input: {} as AvailInput,
    meta: {} as StepMeta,
  },
  guards: PHASE_GUARDS,
  actions: {
    begin: assign(({ context, event }) => begin(context, event)),
    refuse: assign(({ context, event }) => refuse(context, event)),
    strike: assign(({ context, event }) => strike(context, event)),
    advance: assign(({ context, event }) => advanceCluster(context, event)),
    enterTimed: assign(({ context }) => enterTimed(context)),
    endRecovered: assign(({ context, event }) => endRecovered(context, event)),
  },
}).createMachine({
  id: 'networkFailure',
  context: ({ input }) => availContext('network', input),
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
      on: { UNPLUG_CABLE: { guard: 'canStrike', target: '.deciding', actions: 'strike' } },
      states: {
        steady: {
          meta: STEPS.running,
          on: { STEP_DONE: { target: 'deciding', actions: 'strike' } },
        },
        deciding: {
          always: [
            { guard: 'migrating', target: 'migrating' },
            { guard: 'detecting', target: 'detecting' },
            { target: '#networkFailure.recovered', actions: 'endRecovered' },
          ],
        },
        detecting: {
          entry: 'enterTimed',
          meta: STEPS.detecting,
          on: { STEP_DONE: { target: 'deciding', actions: 'advance' } },
        },
        migrating: {
          entry: 'enterTimed',
          meta: STEPS.migrating,
          on: { STEP_DONE: { target: 'deciding', actions: 'advance' } },
        },
      },
    },
    ...outcomeStates('recovered', 'refused'),
  },
});

export type NetworkFailureMachine = typeof networkFailureMachine;
