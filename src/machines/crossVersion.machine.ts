/**
 * Cross-version live migration and in-place upgrade (CATALOG 4.8, seed 000). One machine, three
 * processes chosen by the scenario:
 *  - live: a VM moves from a Windows Server 2012 host to a 2012 R2 host while it runs (the reverse
 *    direction is refused by the version rule before anything starts);
 *  - rolling: a small cloud upgraded host by host: each 2012 host is drained by live migrating its
 *    VMs to a 2012 R2 host, then upgraded, and becomes a destination for the next;
 *  - inPlace: the VM's state is saved on 2012, the host is upgraded to 2012 R2, the saved state is
 *    restored there.
 *
 * Failure rules: a live migration that has not switched over rolls back (the VM keeps running on
 * its source, the destination's shell is removed); after the switch the destination keeps the VM.
 * A failed source host takes its running VMs down (stand-alone hosts: no cluster restarts them; their
 * files stay on the share). A saved state is a file on the share: a host failure during the upgrade
 * or the restore leaves it intact, to be restored later.
 */
import { and, assign, not, setup } from 'xstate';
import {
  actionDurationS,
  type CrossVersionScenario,
  crossVersionRequirements,
  type InPlacePlan,
  planInPlace,
  planRollingUpgrade,
  type RollingAction,
  SHARE_ID,
  setHostOs,
} from '../model/crossVersion';
import {
  type LiveMigrationParams,
  type LiveMigrationPlan,
  planLiveMigration,
} from '../model/liveMigration';
import type { Requirement } from '../model/requirements';
import { LM_NETWORK } from '../model/scenarios';
import {
  activeInstance,
  learnMac,
  removeInstance,
  setHostUp,
  setInstance,
  setNetworkUp,
  setStorageController,
  setStoragePath,
  vmNetworkPort,
  type World,
} from '../model/world';
import { addLog, hostName } from './moveHelpers';
import { type LogEntry, nextStep, type StepClock, type StepMeta } from './step';

export interface CrossVersionInput {
  scenario: CrossVersionScenario;
  params: LiveMigrationParams;
  seed: number;
  world: World;
  /** The VM and hosts of the single move (live, reverse, in-place: source is the upgraded host). */
  vm: string;
  source: string;
  destination: string;
}

export type CrossVersionOutcome =
  | { kind: 'migrated' | 'upgraded' | 'restored'; text: string }
  | { kind: 'failed' | 'cancelled'; text: string }
  | { kind: 'refused'; text: string; failed: Requirement[] };

export interface CrossVersionContext {
  scenario: CrossVersionScenario;
  params: LiveMigrationParams;
  seed: number;
  world: World;
  live: LiveMigrationPlan;
  rolling: RollingAction[];
  inPlace: InPlacePlan;
  /** The move under way (for rolling: the current action's VM and hosts). */
  vm: string;
  source: string;
  destination: string;
  /** Live: index of the pre-copy round under way (-1 before the copy). */
  round: number;
  /** Rolling: index of the action under way (-1 before the start). */
  actionIndex: number;
  /** In-place: the VM's state is in its saved-state file. */
  saved: boolean;
  /** The host whose operating system is being upgraded. */
  upgrading: string | null;
  outcome: CrossVersionOutcome | null;
  step: StepClock;
  log: LogEntry[];
}

type T = { t: number };
export type CrossVersionEvent =
  | ({ type: 'START' } & T)
  | ({ type: 'STEP_DONE' } & T)
  | ({ type: 'CUT_NETWORK' } & T)
  | ({ type: 'FAIL_SOURCE_HOST' } & T)
  | ({ type: 'FAIL_DESTINATION_HOST' } & T)
  | ({ type: 'FAIL_SOURCE_STORAGE' } & T)
  | ({ type: 'FAIL_DESTINATION_STORAGE' } & T)
  | ({ type: 'CANCEL' } & T);

type Ctx = CrossVersionContext;

const vmName = (c: Ctx, id = c.vm) => c.world.vms[id]?.name ?? id;

/** The VMs executing on a host. */
function vmsOn(w: World, hostId: string): string[] {
  return w.instances
    .filter((i) => i.host === hostId && i.status !== 'shell' && i.status !== 'off')
    .map((i) => i.vm);
}

/** A migration that has not switched over: drop the shell, keep the VM running on its source. */
function rollBack(c: Ctx, w: World): World {
  let out = removeInstance(w, c.vm, c.destination);
  if (out.hosts[c.source]?.up && out.storage[SHARE_ID]?.pathUp[c.source])
    out = setInstance(out, c.vm, c.source, 'running');
  return setStorageController(out, c.vm, c.source);
}

/** The VM moves: it runs on the destination, the switch learns its new port. */
function switchOver(c: Ctx): World {
  let w = removeInstance(c.world, c.vm, c.source);
  w = setInstance(w, c.vm, c.destination, 'running');
  w = setStorageController(w, c.vm, c.destination);
  const vm = w.vms[c.vm];
  const port = vmNetworkPort(w, c.destination);
  return vm && port !== undefined ? learnMac(w, vm.mac, port) : w;
}

/** A host goes down with the VMs on it (their files stay on the share). */
function hostDown(w: World, hostId: string): World {
  let out = w;
  for (const v of vmsOn(w, hostId)) out = setInstance(out, v, hostId, 'off');
  out = setHostUp(out, hostId, false);
  return out;
}

/** A host loses its path to the share: the VMs on it pause until storage returns. */
function pathDown(w: World, hostId: string): World {
  let out = setStoragePath(w, SHARE_ID, hostId, false);
  for (const v of vmsOn(out, hostId)) out = setInstance(out, v, hostId, 'paused');
  return out;
}

function ended(
  c: Ctx,
  t: number,
  world: World,
  kind: 'failed' | 'cancelled',
  fault: string,
  text: string,
): Partial<Ctx> {
  return {
    world,
    upgrading: null,
    outcome: { kind, text },
    step: nextStep(c.step, null),
    log: addLog(addLog(c.log, t, 'fault', fault), t, 'outcome', text),
  };
}

const LIVE_FAULT_TEXT = {
  CUT_NETWORK: 'Live migration network cut',
  FAIL_DESTINATION_HOST: 'Destination host failed',
  CANCEL: 'Cancel requested',
  FAIL_DESTINATION_STORAGE: 'The destination lost its path to the share',
} as const;

export const crossVersionMachine = setup({
  types: {
    context: {} as CrossVersionContext,
    events: {} as CrossVersionEvent,
    input: {} as CrossVersionInput,
    meta: {} as StepMeta,
  },
  guards: {
    isLive: ({ context }) => context.scenario === 'live' || context.scenario === 'reverse',
    isRolling: ({ context }) => context.scenario === 'rolling',
    isInPlace: ({ context }) => context.scenario === 'inPlace',
    requirementsMet: ({ context }) =>
      crossVersionRequirements(
        context.world,
        context.vm,
        context.source,
        context.destination,
      ).every((r) => r.ok),
    moreDirtyRounds: ({ context }) => context.round + 1 < context.live.precopy.precopyRounds,
    nextIsMigrate: ({ context }) => context.rolling[context.actionIndex + 1]?.kind === 'migrate',
    nextIsUpgrade: ({ context }) => context.rolling[context.actionIndex + 1]?.kind === 'upgrade',
    networkUp: ({ context }) => context.world.networks[LM_NETWORK]?.up === true,
    sourceUp: ({ context }) => context.world.hosts[context.source]?.up === true,
    destinationUp: ({ context }) => context.world.hosts[context.destination]?.up === true,
    sourcePathUp: ({ context }) => context.world.storage[SHARE_ID]?.pathUp[context.source] === true,
    destinationPathUp: ({ context }) =>
      context.world.storage[SHARE_ID]?.pathUp[context.destination] === true,
  },
  actions: {
    refuse: assign(({ context, event }) => {
      const failed = crossVersionRequirements(
        context.world,
        context.vm,
        context.source,
        context.destination,
      ).filter((r) => !r.ok);
      const text =
        `Refused: ${failed.map((r) => `${r.label}. ${r.problem ?? ''}`).join(' ')}`.trim();
      return {
        outcome: { kind: 'refused' as const, text, failed },
        step: nextStep(context.step, null),
        log: addLog(context.log, event.t, 'outcome', text),
      };
    }),
    // ---- live ------------------------------------------------------------------------------
    enterConnecting: assign(({ context, event }) => ({
      world: setInstance(context.world, context.vm, context.destination, 'shell'),
      step: nextStep(context.step, context.live.setupS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `${hostName(context, context.source)} (2012) and ${hostName(context, context.destination)} (2012 R2) agree on the move; a VM shell is created on ${hostName(context, context.destination)}`,
      ),
    })),
    enterFullCopy: assign(({ context, event }) => ({
      round: 0,
      step: nextStep(context.step, context.live.precopy.rounds[0]?.durationS ?? 0),
      log: addLog(context.log, event.t, 'step', 'Round 1: copying all memory'),
    })),
    enterDirtyRound: assign(({ context, event }) => {
      const index = context.round + 1;
      return {
        round: index,
        step: nextStep(context.step, context.live.precopy.rounds[index]?.durationS ?? 0),
        log: addLog(
          context.log,
          event.t,
          'step',
          `Round ${index + 1}: copying the pages changed since`,
        ),
      };
    }),
    enterStopAndCopy: assign(({ context, event }) => {
      const index = context.live.precopy.rounds.length - 1;
      return {
        round: index,
        world: setInstance(context.world, context.vm, context.source, 'paused'),
        step: nextStep(
          context.step,
          (context.live.precopy.rounds[index]?.durationS ?? 0) + context.live.storageHandoffS,
        ),
        log: addLog(
          context.log,
          event.t,
          'step',
          'VM paused; the last pages and device state go across',
        ),
      };
    }),
    enterResuming: assign(({ context, event }) => ({
      round: context.live.precopy.rounds.length,
      world: switchOver(context),
      step: nextStep(context.step, context.live.resumeS + context.live.switchUpdateS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `${vmName(context)} runs on ${hostName(context, context.destination)} (Windows Server 2012 R2)`,
      ),
    })),
    finishLive: assign(({ context, event }) => {
      const text = `Migrated: ${vmName(context)} moved from Windows Server 2012 to 2012 R2 while it ran; its pause was ${Math.round(context.live.precopy.downtimeS * 1000)} ms`;
      return {
        outcome: { kind: 'migrated' as const, text },
        step: nextStep(context.step, null),
        log: addLog(context.log, event.t, 'outcome', text),
      };
    }),
    liveRollback: assign(({ context, event }) => {
      const type = event.type as keyof typeof LIVE_FAULT_TEXT;
      let w = context.world;
      if (type === 'CUT_NETWORK') w = setNetworkUp(w, LM_NETWORK, false);
      // VMs moved to the destination earlier (rolling upgrade) share its fate.
      const others = vmsOn(context.world, context.destination).map((v) => vmName(context, v));
      if (type === 'FAIL_DESTINATION_HOST') w = hostDown(w, context.destination);
      if (type === 'FAIL_DESTINATION_STORAGE') w = pathDown(w, context.destination);
      w = rollBack(context, w);
      const rolling = context.scenario === 'rolling' ? '; the rolling upgrade stops here' : '';
      const fate =
        others.length === 0
          ? ''
          : type === 'FAIL_DESTINATION_HOST'
            ? `; ${others.join(' and ')} went down with ${hostName(context, context.destination)}`
            : type === 'FAIL_DESTINATION_STORAGE'
              ? `; ${others.join(' and ')} are paused on ${hostName(context, context.destination)} until storage returns`
              : '';
      const text = `${type === 'CANCEL' ? 'Cancelled' : 'Failed'} before the switch: ${vmName(context)} keeps running on ${hostName(context, context.source)} and the shell on ${hostName(context, context.destination)} is removed${fate}${rolling}`;
      return ended(
        context,
        event.t,
        w,
        type === 'CANCEL' ? 'cancelled' : 'failed',
        LIVE_FAULT_TEXT[type],
        text,
      );
    }),
    sourceDownDuringMove: assign(({ context, event }) => {
      let w = removeInstance(context.world, context.vm, context.destination);
      w = hostDown(w, context.source);
      const lost = vmsOn(context.world, context.source).map((v) => vmName(context, v));
      const text = `Failed: ${hostName(context, context.source)} went down with ${lost.join(' and ') || 'its VMs'}; stand-alone hosts do not restart them, their files stay on the share to be started again`;
      return ended(
        context,
        event.t,
        w,
        'failed',
        `${hostName(context, context.source)} failed`,
        text,
      );
    }),
    sourcePathDownDuringMove: assign(({ context, event }) => {
      let w = removeInstance(context.world, context.vm, context.destination);
      w = setStorageController(w, context.vm, context.source);
      w = pathDown(w, context.source);
      const text = `Failed: ${hostName(context, context.source)} lost its path to the share; its VMs are paused until storage returns, and the move is abandoned`;
      return ended(
        context,
        event.t,
        w,
        'failed',
        `${hostName(context, context.source)} lost its path to the share`,
        text,
      );
    }),
    // after the switch (live only)
    harmlessCut: assign(({ context, event }) => ({
      world: setNetworkUp(context.world, LM_NETWORK, false),
      log: addLog(
        context.log,
        event.t,
        'fault',
        'Live migration network cut: the VM already runs on the destination',
      ),
    })),
    harmlessSourceDown: assign(({ context, event }) => ({
      world: setHostUp(context.world, context.source, false),
      log: addLog(
        context.log,
        event.t,
        'fault',
        `${hostName(context, context.source)} failed: the VM has already left it`,
      ),
    })),
    harmlessSourcePath: assign(({ context, event }) => ({
      world: setStoragePath(context.world, SHARE_ID, context.source, false),
      log: addLog(
        context.log,
        event.t,
        'fault',
        `${hostName(context, context.source)} lost its path to the share: the VM has already left it`,
      ),
    })),
    cancelRefused: assign(({ context, event }) => ({
      log: addLog(
        context.log,
        event.t,
        'info',
        context.upgrading
          ? `Cancel refused: the upgrade of ${hostName(context, context.upgrading)} cannot be interrupted`
          : context.saved
            ? 'Cancel refused: the saved state is the VM now; it is restored when the upgrade ends'
            : 'Cancel refused: the VM already runs on the destination',
      ),
    })),
    destinationDownAfterSwitch: assign(({ context, event }) => {
      const w = hostDown(context.world, context.destination);
      const text = `Failed after the switch: ${hostName(context, context.destination)} went down with ${vmName(context)}; its files stay on the share to be started again`;
      return ended(
        context,
        event.t,
        w,
        'failed',
        `${hostName(context, context.destination)} failed`,
        text,
      );
    }),
    destinationPathAfterSwitch: assign(({ context, event }) => {
      const w = pathDown(context.world, context.destination);
      const text = `Failed after the switch: ${hostName(context, context.destination)} lost its path to the share; ${vmName(context)} is paused there until storage returns`;
      return ended(
        context,
        event.t,
        w,
        'failed',
        `${hostName(context, context.destination)} lost its path to the share`,
        text,
      );
    }),
    // ---- rolling ---------------------------------------------------------------------------
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
          `Draining ${hostName(move, a.from)}: live migrating ${vmName(move, a.vm)} to ${hostName(move, a.to)} (Windows Server 2012 R2)`,
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
          `${hostName(context, a.host)} has no VMs left: upgrading it to Windows Server 2012 R2`,
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
      return {
        outcome: { kind: 'upgraded' as const, text },
        step: nextStep(context.step, null),
        log: addLog(context.log, event.t, 'outcome', text),
      };
    }),
    upgradeHostDown: assign(({ context, event }) => {
      const h = context.upgrading ?? context.source;
      const w = setHostUp(context.world, h, false);
      const text = context.saved
        ? `Failed: ${hostName(context, h)} went down during its upgrade; ${vmName(context)}'s saved state is safe on the share and can be restored once the host is repaired`
        : `Failed: ${hostName(context, h)} went down during its upgrade; it had no VMs left, so every VM keeps running; the rolling upgrade stops here`;
      return ended(context, event.t, w, 'failed', `${hostName(context, h)} failed`, text);
    }),
    // ---- in place --------------------------------------------------------------------------
    enterSaving: assign(({ context, event }) => ({
      step: nextStep(context.step, context.inPlace.saveS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `Saving ${vmName(context)}: its memory and device state are written to a file on the share`,
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
        `${vmName(context)} is saved; upgrading ${hostName(context, context.source)} to Windows Server 2012 R2`,
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
        `Restoring ${vmName(context)} from the state saved on Windows Server 2012`,
      ),
    })),
    finishInPlace: assign(({ context, event }) => {
      const text = `Restored: ${vmName(context)} runs again on ${hostName(context, context.source)}, now Windows Server 2012 R2, from the state saved on 2012; it was stopped for ${Math.round(context.inPlace.downtimeS)} s`;
      return {
        saved: false,
        world: setInstance(context.world, context.vm, context.source, 'running'),
        outcome: { kind: 'restored' as const, text },
        step: nextStep(context.step, null),
        log: addLog(context.log, event.t, 'outcome', text),
      };
    }),
    cancelSave: assign(({ context, event }) =>
      ended(
        context,
        event.t,
        context.world,
        'cancelled',
        'Cancel requested',
        `Cancelled: the save stopped; ${vmName(context)} keeps running on ${hostName(context, context.source)} (Windows Server 2012)`,
      ),
    ),
    hostDownWhileSaving: assign(({ context, event }) =>
      ended(
        context,
        event.t,
        hostDown(context.world, context.source),
        'failed',
        `${hostName(context, context.source)} failed`,
        `Failed: ${hostName(context, context.source)} went down before the save completed; ${vmName(context)}'s memory is lost and it must be started from its disk`,
      ),
    ),
    pathDownWhileSaving: assign(({ context, event }) =>
      ended(
        context,
        event.t,
        pathDown(context.world, context.source),
        'failed',
        `${hostName(context, context.source)} lost its path to the share`,
        `Failed: the saved-state file cannot be written; ${vmName(context)} is paused on ${hostName(context, context.source)} until storage returns`,
      ),
    ),
    hostDownWhileRestoring: assign(({ context, event }) =>
      ended(
        context,
        event.t,
        setHostUp(removeInstance(context.world, context.vm, context.source), context.source, false),
        'failed',
        `${hostName(context, context.source)} failed`,
        `Failed: ${hostName(context, context.source)} went down during the restore; the saved state is still on the share and can be restored again`,
      ),
    ),
    pathDownWhileSaved: assign(({ context, event }) => ({
      ...ended(
        context,
        event.t,
        setStoragePath(context.world, SHARE_ID, context.source, false),
        'failed',
        `${hostName(context, context.source)} lost its path to the share`,
        `Failed: the saved state on the share cannot be read; ${vmName(context)} stays saved until storage returns`,
      ),
    })),
    // ---- before the start ------------------------------------------------------------------
    idleCut: assign(({ context, event }) => ({
      world: setNetworkUp(context.world, LM_NETWORK, false),
      log: addLog(context.log, event.t, 'fault', 'Live migration network cut'),
    })),
    idleDestinationDown: assign(({ context, event }) => ({
      world: setHostUp(context.world, context.destination, false),
      log: addLog(
        context.log,
        event.t,
        'fault',
        `${hostName(context, context.destination)} failed`,
      ),
    })),
    idleSourceDown: assign(({ context, event }) =>
      ended(
        context,
        event.t,
        hostDown(context.world, context.source),
        'failed',
        `${hostName(context, context.source)} failed`,
        `Failed before the start: ${hostName(context, context.source)} went down with ${vmsOn(
          context.world,
          context.source,
        )
          .map((v) => vmName(context, v))
          .join(' and ')}`,
      ),
    ),
  },
}).createMachine({
  id: 'crossVersion',
  context: ({ input }) => ({
    scenario: input.scenario,
    params: input.params,
    seed: input.seed,
    world: input.world,
    live: planLiveMigration(input.params),
    rolling: input.scenario === 'rolling' ? planRollingUpgrade(input.world, input.params) : [],
    inPlace: planInPlace(input.params.memoryMiB),
    vm: input.vm,
    source: input.source,
    destination: input.destination,
    round: -1,
    actionIndex: -1,
    saved: false,
    upgrading: null,
    outcome: null,
    step: { durationS: null, seq: 0 },
    log: [],
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        START: [
          { guard: 'isInPlace', target: 'inPlace' },
          { guard: and(['isRolling', 'requirementsMet']), target: 'upgrade' },
          { guard: 'requirementsMet', target: 'live' },
          { target: 'refused', actions: 'refuse' },
        ],
        CUT_NETWORK: { guard: 'networkUp', actions: 'idleCut' },
        FAIL_DESTINATION_HOST: {
          // An in-place upgrade has no destination.
          guard: and(['destinationUp', not('isInPlace')]),
          actions: 'idleDestinationDown',
        },
        FAIL_SOURCE_HOST: { target: 'failed', actions: 'idleSourceDown' },
      },
    },
    live: {
      initial: 'connecting',
      on: {
        CUT_NETWORK: { target: 'failed', actions: 'liveRollback' },
        FAIL_DESTINATION_HOST: { target: 'failed', actions: 'liveRollback' },
        FAIL_DESTINATION_STORAGE: { target: 'failed', actions: 'liveRollback' },
        CANCEL: { target: 'cancelled', actions: 'liveRollback' },
        FAIL_SOURCE_HOST: { target: 'failed', actions: 'sourceDownDuringMove' },
        FAIL_SOURCE_STORAGE: { target: 'failed', actions: 'sourcePathDownDuringMove' },
      },
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
        copyingMemory: {
          entry: 'enterFullCopy',
          meta: {
            step: 2,
            title: 'Copy the memory',
            narration:
              'All of the VM\u2019s memory crosses the live migration network while it keeps running on 2012.',
            source: '000',
          },
          on: {
            STEP_DONE: [
              { guard: 'moreDirtyRounds', target: 'copyingDirtyPages' },
              { target: 'stopAndCopy' },
            ],
          },
        },
        copyingDirtyPages: {
          entry: 'enterDirtyRound',
          meta: {
            step: 2,
            title: 'Copy the changed pages again',
            narration:
              'Pages the guest changed during the last round are sent again, each round shorter.',
            source: '000',
          },
          on: {
            STEP_DONE: [
              { guard: 'moreDirtyRounds', target: 'copyingDirtyPages', reenter: true },
              { target: 'stopAndCopy' },
            ],
          },
        },
        stopAndCopy: {
          entry: 'enterStopAndCopy',
          meta: {
            step: 3,
            title: 'Pause briefly and send the rest',
            narration:
              'For a moment the VM pauses while the last pages and its device state go across and the share\u2019s handle passes to the 2012 R2 host. The pause is far too short for users or connections to notice: no downtime.',
            source: '000',
          },
          on: { STEP_DONE: '#crossVersion.switched.resuming' },
        },
      },
    },
    switched: {
      on: {
        CUT_NETWORK: { guard: 'networkUp', actions: 'harmlessCut' },
        FAIL_SOURCE_HOST: { guard: 'sourceUp', actions: 'harmlessSourceDown' },
        FAIL_SOURCE_STORAGE: { guard: 'sourcePathUp', actions: 'harmlessSourcePath' },
        CANCEL: { actions: 'cancelRefused' },
        FAIL_DESTINATION_HOST: { target: 'failed', actions: 'destinationDownAfterSwitch' },
        FAIL_DESTINATION_STORAGE: { target: 'failed', actions: 'destinationPathAfterSwitch' },
      },
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
          on: { STEP_DONE: { target: '#crossVersion.migrated', actions: 'finishLive' } },
        },
      },
    },
    upgrade: {
      initial: 'nextMove',
      states: {
        nextMove: {
          always: [
            { guard: 'nextIsMigrate', target: 'migratingVm' },
            { guard: 'nextIsUpgrade', target: 'upgradingHost' },
            { target: '#crossVersion.upgraded', actions: 'finishRolling' },
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
            CUT_NETWORK: { target: '#crossVersion.failed', actions: 'liveRollback' },
            FAIL_DESTINATION_HOST: { target: '#crossVersion.failed', actions: 'liveRollback' },
            FAIL_DESTINATION_STORAGE: { target: '#crossVersion.failed', actions: 'liveRollback' },
            CANCEL: { target: '#crossVersion.cancelled', actions: 'liveRollback' },
            FAIL_SOURCE_HOST: { target: '#crossVersion.failed', actions: 'sourceDownDuringMove' },
            FAIL_SOURCE_STORAGE: {
              target: '#crossVersion.failed',
              actions: 'sourcePathDownDuringMove',
            },
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
            FAIL_SOURCE_HOST: { target: '#crossVersion.failed', actions: 'upgradeHostDown' },
            CANCEL: { actions: 'cancelRefused' },
          },
        },
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
            CANCEL: { target: '#crossVersion.cancelled', actions: 'cancelSave' },
            FAIL_SOURCE_HOST: { target: '#crossVersion.failed', actions: 'hostDownWhileSaving' },
            FAIL_SOURCE_STORAGE: { target: '#crossVersion.failed', actions: 'pathDownWhileSaving' },
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
            CANCEL: { actions: 'cancelRefused' },
            FAIL_SOURCE_HOST: { target: '#crossVersion.failed', actions: 'upgradeHostDown' },
            FAIL_SOURCE_STORAGE: { target: '#crossVersion.failed', actions: 'pathDownWhileSaved' },
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
            STEP_DONE: { target: '#crossVersion.restored', actions: 'finishInPlace' },
            CANCEL: { actions: 'cancelRefused' },
            FAIL_SOURCE_HOST: { target: '#crossVersion.failed', actions: 'hostDownWhileRestoring' },
            FAIL_SOURCE_STORAGE: { target: '#crossVersion.failed', actions: 'pathDownWhileSaved' },
          },
        },
      },
    },
    migrated: { type: 'final' },
    upgraded: { type: 'final' },
    restored: { type: 'final' },
    failed: { type: 'final' },
    cancelled: { type: 'final' },
    refused: { type: 'final' },
  },
});

export type CrossVersionMachine = typeof crossVersionMachine;

export function vmHost(c: CrossVersionContext, vm = c.vm): string | undefined {
  return activeInstance(c.world, vm)?.host;
}
