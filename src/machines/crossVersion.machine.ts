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
import type { CrossVersionInput } from '../model/inputs';
import {
  type LiveMigrationParams,
  type LiveMigrationPlan,
  planLiveMigration,
} from '../model/liveMigration';
import { LM_NETWORK } from '../model/scenarios';
import {
  activeInstance,
  removeInstance,
  setHostUp,
  setInstance,
  setNetworkUp,
  setStorageController,
  setStoragePath,
  type World,
} from '../model/world';
import { hostDownWithVms, pathDownPausingVms, switchLearnsVm, vmsOn } from '../model/worldOps';
import { faultTable, forEach } from './faultTable';
import {
  addLog,
  endRun,
  hostName,
  initialRun,
  MOVE_GUARDS,
  noteFault,
  noteHostDown,
  noteInfo,
  outcomeStates,
  type RunEvent,
  type RunOutcome,
  type RunState,
  refusal,
  vmName,
} from './kernel';
import { precopyStates } from './precopyStates';
import { nextStep, type StepMeta } from './step';

export type { CrossVersionInput } from '../model/inputs';

export type CrossVersionOutcome = RunOutcome<'migrated' | 'upgraded' | 'restored'>;

export interface CrossVersionContext extends RunState<CrossVersionOutcome> {
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
}

export type CrossVersionEvent = RunEvent;

type Ctx = CrossVersionContext;

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
  return switchLearnsVm(w, c.vm, c.destination);
}

/** The run ends on a fault (or cancel): the world after it, no upgrade under way. */
function ended(
  c: Ctx,
  t: number,
  world: World,
  kind: 'failed' | 'cancelled',
  fault: string,
  text: string,
): Partial<Ctx> {
  return { world, upgrading: null, ...endRun(c, t, kind, fault, text) };
}

/** The run fails because `host` went down. */
function hostFailed(c: Ctx, t: number, world: World, host: string, text: string): Partial<Ctx> {
  return ended(c, t, world, 'failed', `${hostName(c.world, host)} failed`, text);
}

/** The run fails because `host` lost its path to the share. */
function shareLost(c: Ctx, t: number, world: World, host: string, text: string): Partial<Ctx> {
  return ended(
    c,
    t,
    world,
    'failed',
    `${hostName(c.world, host)} lost its path to the share`,
    text,
  );
}

/** A host goes down with the VMs on it (their files stay on the share). */
const hostDown = hostDownWithVms;

/** A host loses its path to the share: the VMs on it pause until storage returns. */
const pathDown = (w: World, hostId: string): World => pathDownPausingVms(w, SHARE_ID, hostId);

const LIVE_FAULT_TEXT = {
  CUT_NETWORK: 'Live migration network cut',
  FAIL_DESTINATION_HOST: 'Destination host failed',
  CANCEL: 'Cancel requested',
  FAIL_DESTINATION_STORAGE: 'The destination lost its path to the share',
} as const;

type Update = (c: Ctx, e: CrossVersionEvent) => Partial<Ctx>;

const liveRollback: Update = (context, event) => {
  const type = event.type as keyof typeof LIVE_FAULT_TEXT;
  let w = context.world;
  if (type === 'CUT_NETWORK') w = setNetworkUp(w, LM_NETWORK, false);
  // VMs moved to the destination earlier (rolling upgrade) share its fate.
  const others = vmsOn(context.world, context.destination).map((v) => vmName(context.world, v));
  if (type === 'FAIL_DESTINATION_HOST') w = hostDown(w, context.destination);
  if (type === 'FAIL_DESTINATION_STORAGE') w = pathDown(w, context.destination);
  w = rollBack(context, w);
  const rolling = context.scenario === 'rolling' ? '; the rolling upgrade stops here' : '';
  const fate =
    others.length === 0
      ? ''
      : type === 'FAIL_DESTINATION_HOST'
        ? `; ${others.join(' and ')} went down with ${hostName(context.world, context.destination)}`
        : type === 'FAIL_DESTINATION_STORAGE'
          ? `; ${others.join(' and ')} are paused on ${hostName(context.world, context.destination)} until storage returns`
          : '';
  const text = `${type === 'CANCEL' ? 'Cancelled' : 'Failed'} before the switch: ${vmName(context.world, context.vm)} keeps running on ${hostName(context.world, context.source)} and the shell on ${hostName(context.world, context.destination)} is removed${fate}${rolling}`;
  return ended(
    context,
    event.t,
    w,
    type === 'CANCEL' ? 'cancelled' : 'failed',
    LIVE_FAULT_TEXT[type],
    text,
  );
};

const sourceDownDuringMove: Update = (context, event) => {
  let w = removeInstance(context.world, context.vm, context.destination);
  w = hostDown(w, context.source);
  const lost = vmsOn(context.world, context.source).map((v) => vmName(context.world, v));
  const text = `Failed: ${hostName(context.world, context.source)} went down with ${lost.join(' and ') || 'its VMs'}; stand-alone hosts do not restart them, their files stay on the share to be started again`;
  return hostFailed(context, event.t, w, context.source, text);
};

const sourcePathDownDuringMove: Update = (context, event) => {
  let w = removeInstance(context.world, context.vm, context.destination);
  w = setStorageController(w, context.vm, context.source);
  w = pathDown(w, context.source);
  const text = `Failed: ${hostName(context.world, context.source)} lost its path to the share; its VMs are paused until storage returns, and the move is abandoned`;
  return shareLost(context, event.t, w, context.source, text);
};

const harmlessCut: Update = (context, event) =>
  noteFault(
    context,
    event.t,
    setNetworkUp(context.world, LM_NETWORK, false),
    'Live migration network cut: the VM already runs on the destination',
  );

const harmlessSourceDown: Update = (context, event) =>
  noteHostDown(context, event.t, context.source, 'the VM has already left it');

const harmlessSourcePath: Update = (context, event) =>
  noteFault(
    context,
    event.t,
    setStoragePath(context.world, SHARE_ID, context.source, false),
    `${hostName(context.world, context.source)} lost its path to the share: the VM has already left it`,
  );

const cancelRefused: Update = (context, event) =>
  noteInfo(
    context,
    event.t,
    context.upgrading
      ? `Cancel refused: the upgrade of ${hostName(context.world, context.upgrading)} cannot be interrupted`
      : context.saved
        ? 'Cancel refused: the saved state is the VM now; it is restored when the upgrade ends'
        : 'Cancel refused: the VM already runs on the destination',
  );

const destinationDownAfterSwitch: Update = (context, event) => {
  const w = hostDown(context.world, context.destination);
  const text = `Failed after the switch: ${hostName(context.world, context.destination)} went down with ${vmName(context.world, context.vm)}; its files stay on the share to be started again`;
  return hostFailed(context, event.t, w, context.destination, text);
};

const destinationPathAfterSwitch: Update = (context, event) => {
  const w = pathDown(context.world, context.destination);
  const text = `Failed after the switch: ${hostName(context.world, context.destination)} lost its path to the share; ${vmName(context.world, context.vm)} is paused there until storage returns`;
  return shareLost(context, event.t, w, context.destination, text);
};

const upgradeHostDown: Update = (context, event) => {
  const h = context.upgrading ?? context.source;
  const w = setHostUp(context.world, h, false);
  const text = context.saved
    ? `Failed: ${hostName(context.world, h)} went down during its upgrade; ${vmName(context.world, context.vm)}'s saved state is safe on the share and can be restored once the host is repaired`
    : `Failed: ${hostName(context.world, h)} went down during its upgrade; it had no VMs left, so every VM keeps running; the rolling upgrade stops here`;
  return hostFailed(context, event.t, w, h, text);
};

const cancelSave: Update = (context, event) =>
  ended(
    context,
    event.t,
    context.world,
    'cancelled',
    'Cancel requested',
    `Cancelled: the save stopped; ${vmName(context.world, context.vm)} keeps running on ${hostName(context.world, context.source)} (Windows Server 2012)`,
  );

const hostDownWhileSaving: Update = (context, event) =>
  hostFailed(
    context,
    event.t,
    hostDown(context.world, context.source),
    context.source,
    `Failed: ${hostName(context.world, context.source)} went down before the save completed; ${vmName(context.world, context.vm)}'s memory is lost and it must be started from its disk`,
  );

const pathDownWhileSaving: Update = (context, event) =>
  shareLost(
    context,
    event.t,
    pathDown(context.world, context.source),
    context.source,
    `Failed: the saved-state file cannot be written; ${vmName(context.world, context.vm)} is paused on ${hostName(context.world, context.source)} until storage returns`,
  );

const hostDownWhileRestoring: Update = (context, event) =>
  hostFailed(
    context,
    event.t,
    setHostUp(removeInstance(context.world, context.vm, context.source), context.source, false),
    context.source,
    `Failed: ${hostName(context.world, context.source)} went down during the restore; the saved state is still on the share and can be restored again`,
  );

const pathDownWhileSaved: Update = (context, event) => ({
  ...shareLost(
    context,
    event.t,
    setStoragePath(context.world, SHARE_ID, context.source, false),
    context.source,
    `Failed: the saved state on the share cannot be read; ${vmName(context.world, context.vm)} stays saved until storage returns`,
  ),
});

const FAILED = '#crossVersion.failed';

/** The faults of a live move (the live scenario, or one VM of a rolling upgrade), per phase. */
const FAULTS = faultTable<Ctx, CrossVersionEvent>()({
  beforeSwitch: {
    ...forEach(['CUT_NETWORK', 'FAIL_DESTINATION_HOST', 'FAIL_DESTINATION_STORAGE'], {
      target: FAILED,
      action: 'liveRollback',
      update: liveRollback,
    }),
    CANCEL: { target: '#crossVersion.cancelled', action: 'liveRollback', update: liveRollback },
    FAIL_SOURCE_HOST: {
      target: FAILED,
      action: 'sourceDownDuringMove',
      update: sourceDownDuringMove,
    },
    FAIL_SOURCE_STORAGE: {
      target: FAILED,
      action: 'sourcePathDownDuringMove',
      update: sourcePathDownDuringMove,
    },
  },
  // The host upgrade of a rolling upgrade (it has no VMs left) and of an in-place upgrade.
  upgradingHost: {
    FAIL_SOURCE_HOST: { target: FAILED, action: 'upgradeHostDown', update: upgradeHostDown },
    CANCEL: { action: 'cancelRefused', update: cancelRefused },
  },
  // In place: the VM's state is being written to its saved-state file on the share.
  saving: {
    CANCEL: { target: '#crossVersion.cancelled', action: 'cancelSave', update: cancelSave },
    FAIL_SOURCE_HOST: {
      target: FAILED,
      action: 'hostDownWhileSaving',
      update: hostDownWhileSaving,
    },
    FAIL_SOURCE_STORAGE: {
      target: FAILED,
      action: 'pathDownWhileSaving',
      update: pathDownWhileSaving,
    },
  },
  // In place: the saved state waits on the share while the host is upgraded.
  savedUpgrading: {
    CANCEL: { action: 'cancelRefused', update: cancelRefused },
    FAIL_SOURCE_HOST: { target: FAILED, action: 'upgradeHostDown', update: upgradeHostDown },
    FAIL_SOURCE_STORAGE: {
      target: FAILED,
      action: 'pathDownWhileSaved',
      update: pathDownWhileSaved,
    },
  },
  // In place: the saved state is read back on the upgraded host.
  restoring: {
    CANCEL: { action: 'cancelRefused', update: cancelRefused },
    FAIL_SOURCE_HOST: {
      target: FAILED,
      action: 'hostDownWhileRestoring',
      update: hostDownWhileRestoring,
    },
    FAIL_SOURCE_STORAGE: {
      target: FAILED,
      action: 'pathDownWhileSaved',
      update: pathDownWhileSaved,
    },
  },
  afterSwitch: {
    CUT_NETWORK: { guard: 'networkUp', action: 'harmlessCut', update: harmlessCut },
    FAIL_SOURCE_HOST: {
      guard: 'sourceUp',
      action: 'harmlessSourceDown',
      update: harmlessSourceDown,
    },
    FAIL_SOURCE_STORAGE: {
      guard: 'sourcePathUp',
      action: 'harmlessSourcePath',
      update: harmlessSourcePath,
    },
    CANCEL: { action: 'cancelRefused', update: cancelRefused },
    FAIL_DESTINATION_HOST: {
      target: FAILED,
      action: 'destinationDownAfterSwitch',
      update: destinationDownAfterSwitch,
    },
    FAIL_DESTINATION_STORAGE: {
      target: FAILED,
      action: 'destinationPathAfterSwitch',
      update: destinationPathAfterSwitch,
    },
  },
});

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
  next: '#crossVersion.switched.resuming',
});

export const crossVersionMachine = setup({
  types: {
    context: {} as CrossVersionContext,
    events: {} as CrossVersionEvent,
    input: {} as CrossVersionInput,
    meta: {} as StepMeta,
  },
  guards: {
    ...PRECOPY.guards,
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
    nextIsMigrate: ({ context }) => context.rolling[context.actionIndex + 1]?.kind === 'migrate',
    nextIsUpgrade: ({ context }) => context.rolling[context.actionIndex + 1]?.kind === 'upgrade',
    ...MOVE_GUARDS,
    sourcePathUp: ({ context }) => context.world.storage[SHARE_ID]?.pathUp[context.source] === true,
    destinationPathUp: ({ context }) =>
      context.world.storage[SHARE_ID]?.pathUp[context.destination] === true,
  },
  actions: {
    ...PRECOPY.actions,
    ...FAULTS.actions,
    refuse: assign(({ context, event }) => {
      const failed = crossVersionRequirements(
        context.world,
        context.vm,
        context.source,
        context.destination,
      ).filter((r) => !r.ok);
      return refusal(context, failed, event.t);
    }),
    // ---- live ------------------------------------------------------------------------------
    enterConnecting: assign(({ context, event }) => ({
      world: setInstance(context.world, context.vm, context.destination, 'shell'),
      step: nextStep(context.step, context.live.setupS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `${hostName(context.world, context.source)} (2012) and ${hostName(context.world, context.destination)} (2012 R2) agree on the move; a VM shell is created on ${hostName(context.world, context.destination)}`,
      ),
    })),
    enterResuming: assign(({ context, event }) => ({
      round: context.live.precopy.rounds.length,
      world: switchOver(context),
      step: nextStep(context.step, context.live.resumeS + context.live.switchUpdateS),
      log: addLog(
        context.log,
        event.t,
        'step',
        `${vmName(context.world, context.vm)} runs on ${hostName(context.world, context.destination)} (Windows Server 2012 R2)`,
      ),
    })),
    finishLive: assign(({ context, event }) => {
      const text = `Migrated: ${vmName(context.world, context.vm)} moved from Windows Server 2012 to 2012 R2 while it ran; its pause was ${Math.round(context.live.precopy.downtimeS * 1000)} ms`;
      return endRun(context, event.t, 'migrated', null, text);
    }),
    // after the switch (live only)
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
    // ---- in place --------------------------------------------------------------------------
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
    // ---- before the start ------------------------------------------------------------------
    idleCut: assign(({ context, event }) =>
      noteFault(
        context,
        event.t,
        setNetworkUp(context.world, LM_NETWORK, false),
        'Live migration network cut',
      ),
    ),
    idleDestinationDown: assign(({ context, event }) =>
      noteHostDown(context, event.t, context.destination),
    ),
    idleSourceDown: assign(({ context, event }) =>
      hostFailed(
        context,
        event.t,
        hostDown(context.world, context.source),
        context.source,
        `Failed before the start: ${hostName(context.world, context.source)} went down with ${vmsOn(
          context.world,
          context.source,
        )
          .map((v) => vmName(context.world, v))
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
    ...initialRun(),
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
      on: FAULTS.on.beforeSwitch,
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
      on: FAULTS.on.afterSwitch,
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
            STEP_DONE: { target: '#crossVersion.restored', actions: 'finishInPlace' },
            ...FAULTS.on.restoring,
          },
        },
      },
    },
    ...outcomeStates('migrated', 'upgraded', 'restored', 'failed', 'cancelled', 'refused'),
  },
});

export type CrossVersionMachine = typeof crossVersionMachine;

export function vmHost(c: CrossVersionContext, vm = c.vm): string | undefined {
  return activeInstance(c.world, vm)?.host;
}
