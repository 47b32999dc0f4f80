/**
 * A rolling upgrade (CATALOG 4.8, seed 000): a small cloud upgraded host by host without stopping
 * a VM. Each Windows Server 2012 host is drained by live migrating its VMs to a 2012 R2 host, then
 * upgraded, and becomes a destination for the next. A fault during a move rolls that move back and
 * stops the upgrade (see shared.ts).
 */
import { assign, setup } from 'xstate';
import { actionDurationS, setHostOs } from '../../model/crossVersion';
import { setInstance } from '../../model/world';
import { endRun, enterStep, hostName, outcomeStates, startOrRefuse, vmName } from '../kernel';
import { crossVersionMachine, switchOver, timedStep } from './shared';
import { ROLLING_STEPS } from './steps';

const CV = crossVersionMachine('rollingUpgrade');

export const rollingUpgradeMachine = setup({
  types: CV.types,
  guards: {
    ...CV.guards,
    nextIsMigrate: ({ context }) => context.rolling[context.actionIndex + 1]?.kind === 'migrate',
    nextIsUpgrade: ({ context }) => context.rolling[context.actionIndex + 1]?.kind === 'upgrade',
  },
  actions: {
    ...CV.actions,
    enterMigrateVm: assign(({ context, event }) => {
      const index = context.actionIndex + 1;
      const a = context.rolling[index];
      if (a?.kind !== 'migrate') return {};
      const move = { ...context, vm: a.vm, source: a.from, destination: a.to };
      return {
        actionIndex: index,
        vm: a.vm,
        source: a.from,
        destination: a.to,
        world: setInstance(context.world, a.vm, a.to, 'shell'),
        ...enterStep(
          context,
          event.t,
          actionDurationS(a),
          `Draining ${hostName(move.world, a.from)}: live migrating ${vmName(move.world, a.vm)} to ${hostName(move.world, a.to)} (Windows Server 2012 R2)`,
        ),
      };
    }),
    completeMigrateVm: assign(({ context }) => ({ world: switchOver(context) })),
    enterUpgradeHost: assign(({ context, event }) => {
      const index = context.actionIndex + 1;
      const a = context.rolling[index];
      if (a?.kind !== 'upgrade') return {};
      return {
        actionIndex: index,
        source: a.host,
        destination: a.host,
        upgrading: a.host,
        ...enterStep(
          context,
          event.t,
          actionDurationS(a),
          `${hostName(context.world, a.host)} has no VMs left: upgrading it to Windows Server 2012 R2`,
        ),
      };
    }),
    completeUpgrade: assign(({ context }) => ({
      world: context.upgrading
        ? setHostOs(context.world, context.upgrading, '2012R2')
        : context.world,
      upgrading: null,
    })),
    finishRolling: assign(({ context, event }) => {
      const text = `Upgraded: every host runs Windows Server 2012 R2 and every VM kept running throughout (${context.rolling.filter((a) => a.kind === 'migrate').length} live migrations)`;
      return endRun(context, event.t, 'upgraded', null, text);
    }),
  },
}).createMachine({
  id: 'rollingUpgrade',
  context: CV.context,
  initial: 'idle',
  states: {
    idle: { on: { START: startOrRefuse('upgrade'), ...CV.on.idle } },
    upgrade: {
      initial: 'nextMove',
      states: {
        nextMove: {
          always: [
            { guard: 'nextIsMigrate', target: 'migratingVm' },
            { guard: 'nextIsUpgrade', target: 'upgradingHost' },
            { target: '#rollingUpgrade.upgraded', actions: 'finishRolling' },
          ],
        },
        migratingVm: timedStep(
          'enterMigrateVm',
          ROLLING_STEPS.migratingVm,
          { target: 'nextMove', actions: 'completeMigrateVm' },
          CV.on.beforeSwitch,
        ),
        upgradingHost: timedStep(
          'enterUpgradeHost',
          ROLLING_STEPS.upgradingHost,
          { target: 'nextMove', actions: 'completeUpgrade' },
          CV.on.upgradingHost,
        ),
      },
    },
    ...outcomeStates('upgraded', 'failed', 'cancelled', 'refused'),
  },
});

export type RollingUpgradeMachine = typeof rollingUpgradeMachine;
