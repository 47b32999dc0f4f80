/**
 * An in-place upgrade (CATALOG 4.8, seed 000): the VM's state is saved on Windows Server 2012, the
 * host is upgraded to 2012 R2, and the saved state is restored there. The saved state is a file on
 * the share: a host failure during the upgrade or the restore leaves it intact (see shared.ts).
 */
import { assign, setup } from 'xstate';
import { setHostOs } from '../../model/crossVersion';
import { setInstance } from '../../model/world';
import { addLog, endRun, hostName, outcomeStates, vmName } from '../kernel';
import { nextStep } from '../step';
import {
  CROSS_VERSION_GUARDS,
  CROSS_VERSION_TYPES,
  crossVersionContext,
  crossVersionFaults,
  refuse,
} from './shared';

const FAULTS = crossVersionFaults('inPlaceUpgrade');

export const inPlaceUpgradeMachine = setup({
  types: CROSS_VERSION_TYPES,
  guards: CROSS_VERSION_GUARDS,
  actions: {
    ...FAULTS.actions,
    refuse,
    enterSaving: assign(({ context, event }) => ({
      step: nextStep(context.step, context.inPlace.saveS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `Saving ${vmName(context.world, context.vm)}: its memory and device state are written to a file on the share`,
      ),
    })),
    enterUpgradingInPlace: assign(({ context, event }) => ({
      saved: true,
      upgrading: context.source,
      world: setInstance(context.world, context.vm, context.source, 'off'),
      step: nextStep(context.step, context.inPlace.upgradeS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `${vmName(context.world, context.vm)} is saved; upgrading ${hostName(context.world, context.source)} to Windows Server 2012 R2`,
      ),
    })),
    enterRestoring: assign(({ context, event }) => ({
      upgrading: null,
      world: setHostOs(context.world, context.source, '2012R2'),
      step: nextStep(context.step, context.inPlace.restoreS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `Restoring ${vmName(context.world, context.vm)} from the state saved on Windows Server 2012`,
      ),
    })),
    finishInPlace: assign(({ context, event }) => {
      const text = `Restored: ${vmName(context.world, context.vm)} runs again on ${hostName(context.world, context.source)}, now Windows Server 2012 R2, from the state saved on 2012; it was stopped for ${Math.round(context.inPlace.downtimeS)} s`;
      return {
        saved: false,
        world: setInstance(context.world, context.vm, context.source, 'running'),
        ...endRun(context, event.t, 'restored', null, text),
      };
    }),
  },
}).createMachine({
  id: 'inPlaceUpgrade',
  context: ({ input }) => crossVersionContext(input),
  initial: 'idle',
  states: {
    idle: {
      on: {
        START: 'inPlace',
        ...FAULTS.on.idleInPlace,
      },
    },
    inPlace: {
      initial: 'saving',
      states: {
        saving: {
          entry: 'enterSaving',
          meta: {
            step: 1,
            title: 'Save the VM\u2019s state on 2012',
            narration:
              'The VM stops and its memory and device state are written to a saved-state file on the share. From here until the restore, the VM does not run.',
            source: '000',
          },
          on: {
            STEP_DONE: 'upgrading',
            ...FAULTS.on.saving,
          },
        },
        upgrading: {
          entry: 'enterUpgradingInPlace',
          meta: {
            step: 2,
            title: 'Upgrade the host to 2012 R2',
            narration:
              'The host\u2019s operating system is upgraded in place to Windows Server 2012 R2. The saved state waits on the share.',
            source: '000',
          },
          on: {
            STEP_DONE: 'restoring',
            ...FAULTS.on.savedUpgrading,
          },
        },
        restoring: {
          entry: 'enterRestoring',
          meta: {
            step: 3,
            title: 'Restore the saved state on 2012 R2',
            narration:
              'Windows Server 2012 R2 accepts a state saved by 2012: the VM\u2019s memory is read back and it carries on where it stopped.',
            source: '000',
          },
          on: {
            STEP_DONE: { target: '#inPlaceUpgrade.restored', actions: 'finishInPlace' },
            ...FAULTS.on.restoring,
          },
        },
      },
    },
    ...outcomeStates('restored', 'failed', 'cancelled'),
  },
});

export type InPlaceUpgradeMachine = typeof inPlaceUpgradeMachine;
