/**
 * What the three cross-version processes share (CATALOG 4.8, seed 000): their context, the world
 * changes of a live move (roll back, switch over), the fault table of every phase, the checks
 * before the start and the idle faults, put together for each machine by `crossVersionMachine`
 * (and its timed steps by `timedStep`; their meta: steps.ts). The processes themselves are three
 * machines:
 *  - `live.machine.ts`: a VM moves from a Windows Server 2012 host to a 2012 R2 host while it runs
 *    (the reverse direction is refused by the version rule before anything starts);
 *  - `rolling.machine.ts`: a small cloud upgraded host by host: each 2012 host is drained by live
 *    migrating its VMs to a 2012 R2 host, then upgraded, and becomes a destination for the next;
 *  - `inPlace.machine.ts`: the VM's state is saved on 2012, the host is upgraded to 2012 R2, the
 *    saved state is restored there.
 *
 * Failure rules: a live migration that has not switched over rolls back (the VM keeps running on
 * its source, the destination's shell is removed); after the switch the destination keeps the VM.
 * A failed source host takes its running VMs down (stand-alone hosts: no cluster restarts them; their
 * files stay on the share). A saved state is a file on the share: a host failure during the upgrade
 * or the restore leaves it intact, to be restored later.
 */
import { assign } from 'xstate';
import {
  type CrossVersionScenario,
  crossVersionRequirements,
  type InPlacePlan,
  planInPlace,
  planRollingUpgrade,
  type RollingAction,
  SHARE_ID,
} from '../../model/crossVersion';
import type { CrossVersionInput } from '../../model/inputs';
import {
  type LiveMigrationParams,
  type LiveMigrationPlan,
  planLiveMigration,
} from '../../model/liveMigration';
import { LM_NETWORK } from '../../model/scenarios';
import {
  removeInstance,
  setInstance,
  setNetworkUp,
  setStorageController,
  setStoragePath,
  type World,
} from '../../model/world';
import { hostDownWithVms, pathDownPausingVms, switchLearnsVm, vmsOn } from '../../model/worldOps';
import { afterSwitchFaults, cancelRefused, IDLE_CUT, IDLE_DESTINATION_DOWN } from '../faults';
import { faultTable, forEach } from '../faultTable';
import {
  endRun,
  hostName,
  initialRun,
  MOVE_GUARDS,
  noteFault,
  type RunEvent,
  type RunOutcome,
  type RunState,
  refusal,
  vmName,
} from '../kernel';
import type { StepMeta } from '../step';

export type { CrossVersionInput } from '../../model/inputs';

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

export type Ctx = CrossVersionContext;

/** A migration that has not switched over: drop the shell, keep the VM running on its source. */
function rollBack(c: Ctx, w: World): World {
  let out = removeInstance(w, c.vm, c.destination);
  if (out.hosts[c.source]?.up && out.storage[SHARE_ID]?.pathUp[c.source])
    out = setInstance(out, c.vm, c.source, 'running');
  return setStorageController(out, c.vm, c.source);
}

/** The VM moves: it runs on the destination, the switch learns its new port. */
export function switchOver(c: Ctx): World {
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

const harmlessSourcePath: Update = (context, event) =>
  noteFault(
    context,
    event.t,
    setStoragePath(context.world, SHARE_ID, context.source, false),
    `${hostName(context.world, context.source)} lost its path to the share: the VM has already left it`,
  );

const CANCEL_REFUSED = cancelRefused((c: Ctx) =>
  c.upgrading
    ? `Cancel refused: the upgrade of ${hostName(c.world, c.upgrading)} cannot be interrupted`
    : c.saved
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
  const w = hostDown(context.world, h);
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

/**
 * A fault at the source that ends the run: its host goes down (`host`), or loses its path to the
 * share (`share`); `world` is the world after it, `text` what the log says of the failure.
 */
function sourceFault(
  kind: 'host' | 'share',
  world: (c: Ctx) => World,
  text: (c: Ctx) => string,
): Update {
  const fail = kind === 'host' ? hostFailed : shareLost;
  return (c, e) => fail(c, e.t, world(c), c.source, text(c));
}

const hostDownWhileSaving = sourceFault(
  'host',
  (c) => hostDown(c.world, c.source),
  (c) =>
    `Failed: ${hostName(c.world, c.source)} went down before the save completed; ${vmName(c.world, c.vm)}'s memory is lost and it must be started from its disk`,
);

const pathDownWhileSaving = sourceFault(
  'share',
  (c) => pathDown(c.world, c.source),
  (c) =>
    `Failed: the saved-state file cannot be written; ${vmName(c.world, c.vm)} is paused on ${hostName(c.world, c.source)} until storage returns`,
);

// The saved state is a file on the share: it outlives the host, and waits for the share.
const hostDownWhileRestoring = sourceFault(
  'host',
  (c) => hostDown(c.world, c.source),
  (c) =>
    `Failed: ${hostName(c.world, c.source)} went down during the restore; the saved state is still on the share and can be restored again`,
);

const pathDownWhileSaved = sourceFault(
  'share',
  (c) => setStoragePath(c.world, SHARE_ID, c.source, false),
  (c) =>
    `Failed: the saved state on the share cannot be read; ${vmName(c.world, c.vm)} stays saved until storage returns`,
);

const idleSourceDown = sourceFault(
  'host',
  (c) => hostDown(c.world, c.source),
  (c) =>
    `Failed before the start: ${hostName(c.world, c.source)} went down with ${vmsOn(
      c.world,
      c.source,
    )
      .map((v) => vmName(c.world, v))
      .join(' and ')}`,
);

/**
 * The fault table of the machine with id `id` (its outcome states are `#id.failed` and
 * `#id.cancelled`): per phase of a live move (before and after the switch), of a host upgrade, and
 * of a saved state (being written, waiting, being read back).
 */
function crossVersionFaults(id: string) {
  const FAILED = `#${id}.failed`;
  const CANCELLED = `#${id}.cancelled`;
  const idleSource = {
    CUT_NETWORK: IDLE_CUT,
    FAIL_SOURCE_HOST: { target: FAILED, action: 'idleSourceDown', update: idleSourceDown },
  } as const;
  return faultTable<Ctx, CrossVersionEvent>()({
    // Before the start: a live move (or a rolling upgrade) has a destination to lose.
    idle: {
      ...idleSource,
      FAIL_DESTINATION_HOST: IDLE_DESTINATION_DOWN,
    },
    // Before an in-place upgrade starts: there is no destination.
    idleInPlace: idleSource,
    beforeSwitch: {
      ...forEach(['CUT_NETWORK', 'FAIL_DESTINATION_HOST', 'FAIL_DESTINATION_STORAGE'], {
        target: FAILED,
        action: 'liveRollback',
        update: liveRollback,
      }),
      CANCEL: { target: CANCELLED, action: 'liveRollback', update: liveRollback },
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
      CANCEL: CANCEL_REFUSED,
    },
    // In place: the VM's state is being written to its saved-state file on the share.
    saving: {
      CANCEL: { target: CANCELLED, action: 'cancelSave', update: cancelSave },
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
      CANCEL: CANCEL_REFUSED,
      FAIL_SOURCE_HOST: { target: FAILED, action: 'upgradeHostDown', update: upgradeHostDown },
      FAIL_SOURCE_STORAGE: {
        target: FAILED,
        action: 'pathDownWhileSaved',
        update: pathDownWhileSaved,
      },
    },
    // In place: the saved state is read back on the upgraded host.
    restoring: {
      CANCEL: CANCEL_REFUSED,
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
      ...afterSwitchFaults('the VM already runs on the destination'),
      FAIL_SOURCE_STORAGE: {
        guard: 'sourcePathUp',
        action: 'harmlessSourcePath',
        update: harmlessSourcePath,
      },
      CANCEL: CANCEL_REFUSED,
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
}

/** The guards every cross-version machine uses. */
const CROSS_VERSION_GUARDS = {
  ...MOVE_GUARDS,
  requirementsMet: ({ context }: { context: Ctx }) =>
    crossVersionRequirements(context.world, context.vm, context.source, context.destination).every(
      (r) => r.ok,
    ),
  sourcePathUp: ({ context }: { context: Ctx }) =>
    context.world.storage[SHARE_ID]?.pathUp[context.source] === true,
  destinationPathUp: ({ context }: { context: Ctx }) =>
    context.world.storage[SHARE_ID]?.pathUp[context.destination] === true,
};

/** The refusal: the run ends before it starts, naming each requirement that failed. */
const refuse = assign<Ctx, CrossVersionEvent, undefined, CrossVersionEvent, never>(
  ({ context, event }) => {
    const failed = crossVersionRequirements(
      context.world,
      context.vm,
      context.source,
      context.destination,
    ).filter((r) => !r.ok);
    return refusal(context, failed, event.t);
  },
);

/** Every cross-version machine starts from the same context: the plans of its scenario. */
function crossVersionContext(input: CrossVersionInput): CrossVersionContext {
  return {
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
  };
}

/**
 * What every cross-version machine with id `id` is made of: the types, the guards and the actions
 * every such machine shares (the fault table's and the refusal) for its `setup`, its context, and
 * the fault table's transitions per phase (`on`).
 */
export function crossVersionMachine(id: string) {
  const faults = crossVersionFaults(id);
  return {
    types: {
      context: {} as Ctx,
      events: {} as CrossVersionEvent,
      input: {} as CrossVersionInput,
      meta: {} as StepMeta,
    },
    guards: CROSS_VERSION_GUARDS,
    actions: { ...faults.actions, refuse },
    context: ({ input }: { input: CrossVersionInput }) => crossVersionContext(input),
    on: faults.on,
  };
}

/** A timed step: its entry action and meta, where its STEP_DONE goes, and the faults of its phase. */
export function timedStep<const En extends string, const D, const F extends object>(
  entry: En,
  meta: StepMeta,
  done: D,
  faults: F,
) {
  return { entry, meta, on: { STEP_DONE: done, ...faults } } as const;
}
