/**
 * A rolling upgrade (CATALOG 4.8, seed 000): a small cloud upgraded host by host without stopping
 * a VM. Each Windows Server 2012 host is drained by live migrating its VMs to a 2012 R2 host, then
 * upgraded, and becomes a destination for the next. A fault during a move rolls that move back and
 * stops the upgrade (see shared.ts).
 */
import { assign, setup } from 'xstate';
import { actionDurationS, setHostOs } from '../../model/crossVersion';
import { setInstance } from '../../model/world';
import { addLog, endRun, hostName, outcomeStates, startOrRefuse, vmName } from '../kernel';
import { nextStep } from '../step';
import {
  CROSS_VERSION_GUARDS,
  CROSS_VERSION_TYPES,
  crossVersionContext,
  crossVersionFaults,
  refuse,
  switchOver,
} from './shared';

const FAULTS = crossVersionFaults('rollingUpgrade');

export const rollingUpgradeMachine = setup({
  types: CROSS_VERSION_TYPES,
  guards: {
    ...CROSS_VERSION_GUARDS,
    nextIsMigrate: ({ context }) => context.rolling[context.actionIndex + 1]?.kind === 'migrate',
    nextIsUpgrade: ({ context }) => context.rolling[context.actionIndex + 1]?.kind === 'upgrade',
  },
  actions: {
    ...FAULTS.actions,
    refuse,
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
        step: nextStep(context.step, actionDurationS(a)),
        log: addLog(
          context.log,
          event.t,
          'step',
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
        step: nextStep(context.step, actionDurationS(a)),
        log: addLog(
          context.log,
          event.t,
          'step',
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
  context: ({ input }) => crossVersionContext(input),
  initial: 'idle',
  states: {
    idle: {
      on: {
        START: startOrRefuse('upgrade'),
        ...FAULTS.on.idle,
      },
    },
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
        migratingVm: {
          entry: 'enterMigrateVm',
          meta: {
            step: 1,
            title: 'Drain a 2012 host: live migrate a VM to 2012 R2',
            narration:
              'One of the host\u2019s VMs is live migrated to a Windows Server 2012 R2 host while it runs: memory copied round by round, then a pause too short to notice.',
            source: '000',
          },
          on: {
            STEP_DONE: { target: 'nextMove', actions: 'completeMigrateVm' },
            ...FAULTS.on.beforeSwitch,
          },
        },
        upgradingHost: {
          entry: 'enterUpgradeHost',
          meta: {
            step: 2,
            title: 'Upgrade the empty host to 2012 R2',
            narration:
              'With no VMs left on it, the host is upgraded to Windows Server 2012 R2. It then takes VMs from the next host to be drained.',
            source: '000',
          },
          on: {
            STEP_DONE: { target: 'nextMove', actions: 'completeUpgrade' },
            ...FAULTS.on.upgradingHost,
          },
        },
      },
    },
    ...outcomeStates('upgraded', 'failed', 'cancelled', 'refused'),
  },
});

export type RollingUpgradeMachine = typeof rollingUpgradeMachine;
