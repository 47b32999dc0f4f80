/**
 * An in-place upgrade (CATALOG 4.8, seed 000): the VM's state is saved on Windows Server 2012, the
 * host is upgraded to 2012 R2, and the saved state is restored there. The saved state is a file on
 * the share: a host failure during the upgrade or the restore leaves it intact (see shared.ts).
 */
import { assign, setup } from 'xstate';
import { setHostOs } from '../../model/crossVersion';
import { setInstance } from '../../model/world';
import { endRun, enterStep, hostName, outcomeStates, vmName } from '../kernel';
import { crossVersionMachine, timedStep } from './shared';
import { IN_PLACE_STEPS } from './steps';

const CV = crossVersionMachine('inPlaceUpgrade');

export const inPlaceUpgradeMachine = setup({
  types: CV.types,
  guards: CV.guards,
  actions: {
    ...CV.actions,
    enterSaving: assign(({ context, event }) =>
      enterStep(
        context,
        event.t,
        context.inPlace.saveS,
        `Saving ${vmName(context.world, context.vm)}: its memory and device state are written to a file on the share`,
      ),
    ),
    enterUpgradingInPlace: assign(({ context, event }) => ({
      saved: true,
      upgrading: context.source,
      world: setInstance(context.world, context.vm, context.source, 'off'),
      ...enterStep(
        context,
        event.t,
        context.inPlace.upgradeS,
        `${vmName(context.world, context.vm)} is saved; upgrading ${hostName(context.world, context.source)} to Windows Server 2012 R2`,
      ),
    })),
    enterRestoring: assign(({ context, event }) => ({
      upgrading: null,
      world: setHostOs(context.world, context.source, '2012R2'),
      ...enterStep(
        context,
        event.t,
        context.inPlace.restoreS,
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
  context: CV.context,
  initial: 'idle',
  states: {
    idle: { on: { START: 'inPlace', ...CV.on.idleInPlace } },
    inPlace: {
      initial: 'saving',
      states: {
        saving: timedStep('enterSaving', IN_PLACE_STEPS.saving, 'upgrading', CV.on.saving),
        upgrading: timedStep(
          'enterUpgradingInPlace',
          IN_PLACE_STEPS.upgrading,
          'restoring',
          CV.on.savedUpgrading,
        ),
        restoring: timedStep(
          'enterRestoring',
          IN_PLACE_STEPS.restoring,
          { target: '#inPlaceUpgrade.restored', actions: 'finishInPlace' },
          CV.on.restoring,
        ),
      },
    },
    ...outcomeStates('restored', 'failed', 'cancelled'),
  },
});

export type InPlaceUpgradeMachine = typeof inPlaceUpgradeMachine;
