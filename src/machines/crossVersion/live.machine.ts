/**
 * Cross-version live migration (CATALOG 4.8, seed 000): a VM moves from a Windows Server 2012 host
 * to a 2012 R2 host while it runs. The reverse direction (2012 R2 to 2012) is refused by the
 * version rule before anything starts. Faults before the switch roll back; after it the
 * destination keeps the VM (see shared.ts).
 */
import { assign, setup } from 'xstate';
import { setInstance } from '../../model/world';
import { endRun, enterStep, hostName, outcomeStates, startOrRefuse, vmName } from '../kernel';
import { precopyStates } from '../precopyStates';
import { type CrossVersionEvent, type Ctx, crossVersionMachine, switchOver } from './shared';

const CV = crossVersionMachine('crossVersionLive');

/** The live move's memory copy: full copy, dirty rounds, the brief pause. */
const PRECOPY = precopyStates<Ctx, CrossVersionEvent>()({
  plan: (c) => c.live.precopy,
  meta: {
    full: {
      step: 2,
      title: 'Copy the memory',
      narration:
        'All of the VM\u2019s memory crosses the live migration network while it keeps running on 2012.',
      source: '000',
    },
    dirty: {
      step: 2,
      title: 'Copy the changed pages again',
      narration:
        'Pages the guest changed during the last round are sent again, each round shorter.',
      source: '000',
    },
    stop: {
      step: 3,
      title: 'Pause briefly and send the rest',
      narration:
        'For a moment the VM pauses while the last pages and its device state go across and the share\u2019s handle passes to the 2012 R2 host. The pause is far too short for users or connections to notice: no downtime.',
      source: '000',
    },
  },
  say: {
    full: 'Round 1: copying all memory',
    dirty: (index) => `Round ${index + 1}: copying the pages changed since`,
    stop: () => 'VM paused; the last pages and device state go across',
  },
  // The share's handle passes to the destination in the same pause.
  stopExtraS: (c) => c.live.storageHandoffS,
  next: '#crossVersionLive.switched.resuming',
});

export const crossVersionLiveMachine = setup({
  types: CV.types,
  guards: { ...PRECOPY.guards, ...CV.guards },
  actions: {
    ...PRECOPY.actions,
    ...CV.actions,
    enterConnecting: assign(({ context, event }) => ({
      world: setInstance(context.world, context.vm, context.destination, 'shell'),
      ...enterStep(
        context,
        event.t,
        context.live.setupS,
        `${hostName(context.world, context.source)} (2012) and ${hostName(context.world, context.destination)} (2012 R2) agree on the move; a VM shell is created on ${hostName(context.world, context.destination)}`,
      ),
    })),
    enterResuming: assign(({ context, event }) => ({
      round: context.live.precopy.rounds.length,
      world: switchOver(context),
      ...enterStep(
        context,
        event.t,
        context.live.resumeS + context.live.switchUpdateS,
        `${vmName(context.world, context.vm)} runs on ${hostName(context.world, context.destination)} (Windows Server 2012 R2)`,
      ),
    })),
    finishLive: assign(({ context, event }) => {
      const text = `Migrated: ${vmName(context.world, context.vm)} moved from Windows Server 2012 to 2012 R2 while it ran; its pause was ${Math.round(context.live.precopy.downtimeS * 1000)} ms`;
      return endRun(context, event.t, 'migrated', null, text);
    }),
  },
}).createMachine({
  id: 'crossVersionLive',
  context: CV.context,
  initial: 'idle',
  states: {
    idle: { on: { START: startOrRefuse('live'), ...CV.on.idle } },
    live: {
      initial: 'connecting',
      on: CV.on.beforeSwitch,
      states: {
        connecting: {
          entry: 'enterConnecting',
          meta: {
            step: 1,
            title: 'Connect the 2012 host to the 2012 R2 host',
            narration:
              'The Windows Server 2012 host offers the VM to the 2012 R2 host. Moving to a newer version is allowed, so the destination builds an empty VM (a shell) to receive it. The VM\u2019s files stay on the SMB share both hosts use.',
            source: '000',
          },
          on: { STEP_DONE: 'copyingMemory' },
        },
        ...PRECOPY.states,
      },
    },
    switched: {
      on: CV.on.afterSwitch,
      initial: 'resuming',
      states: {
        resuming: {
          entry: 'enterResuming',
          meta: {
            step: 4,
            title: 'Run on Windows Server 2012 R2',
            narration:
              'The VM resumes on the 2012 R2 host and the physical switch learns its new port. The 2012 host can now be drained of its other VMs and upgraded.',
            source: '000',
          },
          on: { STEP_DONE: { target: '#crossVersionLive.migrated', actions: 'finishLive' } },
        },
      },
    },
    ...outcomeStates('migrated', 'failed', 'cancelled', 'refused'),
  },
});

export type CrossVersionLiveMachine = typeof crossVersionLiveMachine;
