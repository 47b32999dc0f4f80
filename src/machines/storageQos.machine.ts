/**
 * Storage Quality of Service (CATALOG 2.4, seed 000): several VMs issue I/O to one shared volume;
 * the host counts each disk's normalized IOPS; a maximum caps the noisy neighbour (its excess
 * waits); a disk below its minimum raises an alert (Msvm_StorageAlert 32930) and clears it when
 * it is back (32931). The figures at each step come from the model (`model/storageQos.ts`); the
 * machine says which moment of the story the run is at (`phase`) and logs every alert the moment
 * a disk's status crosses its minimum.
 */
import { assign, setup } from 'xstate';
import {
  type DiskShare,
  failVolume,
  formatCount,
  formatIoSize,
  QOS_CONSTANTS,
  type QosInput,
  type QosPhase,
  runFigures,
} from '../model/storageQos';
import { faultTable } from './faultTable';
import {
  addLog,
  endRun,
  hostName,
  initialRun,
  outcomeStates,
  type RunState,
  storageName,
  vmName,
} from './kernel';
import { type LogEntry, nextStep, type StepMeta, type TimedEvent } from './step';

/** The faults of this panel, with their menu names ("Inject fault"). */
export const QOS_FAULTS = [
  { type: 'FAIL_STORAGE', label: 'Fail storage' },
  { type: 'BURST_NOISY_VM', label: 'Burst noisy VM' },
] as const;

export type QosFaultType = (typeof QOS_FAULTS)[number]['type'];
export type QosEvent = TimedEvent<'START' | 'STEP_DONE' | QosFaultType>;
export type QosOutcome = { kind: 'settled' | 'failed'; text: string };

/** The run's input (model/storageQos), then what the run adds. */
export interface QosContext extends RunState<QosOutcome>, QosInput {
  /** The moment of the story the figures are at. */
  phase: QosPhase;
  /** The noisy VM is bursting ("Burst noisy VM"). */
  burst: boolean;
  /** VMs whose disks the host has reported out of policy (32930) and not yet back (32931). */
  alerts: string[];
}

export function qosContext(input: QosInput): QosContext {
  return {
    world: input.world,
    host: input.host,
    volume: input.volume,
    noisy: input.noisy,
    capacity: input.capacity,
    disks: input.disks,
    phase: 'idle',
    burst: false,
    alerts: [],
    ...initialRun(),
  };
}

/** Names joined for a sentence: "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const n = formatCount;

/**
 * The context with the figures of `next` (a new moment, a burst, a failed volume): each disk that
 * has just fallen below its minimum is reported out of policy (32930), each that is back in
 * policy (32931), in the log at `t`.
 */
function reportAlerts(c: QosContext, t: number, next: Partial<QosContext>): Partial<QosContext> {
  const to = { ...c, ...next };
  const figures = runFigures(to);
  let log: LogEntry[] = to.log;
  const alerts: string[] = [];
  for (const d of figures.disks) {
    const name = vmName(c.world, d.vm);
    const was = c.alerts.includes(d.vm);
    if (d.status === 'Below minimum') {
      alerts.push(d.vm);
      if (!was)
        log = addLog(
          log,
          t,
          'info',
          `Msvm_StorageAlert 32930 (out of policy): ${name}'s disk gets ${n(d.served)} normalized IOPS, below its minimum of ${n(d.minIops)}`,
        );
    } else if (was) {
      log = addLog(
        log,
        t,
        'info',
        `Msvm_StorageAlert 32931 (back in policy): ${name}'s disk gets ${n(d.served)} normalized IOPS, its minimum is ${n(d.minIops)}`,
      );
    }
  }
  return { ...next, log, alerts };
}

/** A step begins: the figures of `phase`, its duration, what happens in the log, then the alerts. */
function enterStep(
  c: QosContext,
  t: number,
  phase: QosPhase,
  durationS: number,
  text: (d: DiskShare[]) => string,
): Partial<QosContext> {
  const figures = runFigures({ ...c, phase });
  return reportAlerts(c, t, {
    phase,
    step: nextStep(c.step, durationS),
    log: addLog(c.log, t, 'step', text(figures.disks)),
  });
}

/** The names of the VMs of these disks. */
const names = (c: QosContext, disks: readonly DiskShare[]) =>
  joinNames(disks.map((d) => vmName(c.world, d.vm)));

/** The outcome of a run that went through every step. */
export function settledText(c: QosContext): string {
  const f = runFigures(c);
  const held = f.disks.filter((d) => d.throttled > 0);
  const below = f.disks.filter((d) => d.status === 'Below minimum');
  const full = f.disks.filter((d) => d.throttled === 0 && d.served === d.offered);
  const parts = [
    held.length > 0
      ? held
          .map(
            (d) =>
              `${vmName(c.world, d.vm)} is held to its maximum of ${n(d.maxIops)} normalized IOPS (${n(d.throttled)} wait)`,
          )
          .join('; ')
      : 'no disk has a maximum it exceeds, so nothing is held back',
    full.length > 0
      ? `${names(c, full)} ${full.length === 1 ? 'gets all it asks' : 'get all they ask'}`
      : '',
    below.length > 0
      ? `${names(c, below)} ${below.length === 1 ? 'is' : 'are'} still below ${below.length === 1 ? 'its' : 'their'} minimum`
      : 'no disk is below its minimum',
  ].filter(Boolean);
  return `Settled: ${parts.join('; ')}.`;
}

type Update = (c: QosContext, e: QosEvent) => Partial<QosContext>;

const failStorage: Update = (c, e) => {
  const fault = `${storageName(c.world, c.volume)} failed`;
  const paused = Object.values(c.world.vms).filter((v) =>
    v.disks.some((d) => d.storage === c.volume),
  );
  const withFault = { ...c, log: addLog(c.log, e.t, 'fault', fault) };
  const next = reportAlerts(withFault, e.t, {
    phase: 'stopped',
    world: failVolume(c.world, c.volume),
    log: withFault.log,
  });
  const text = `Failed: ${storageName(c.world, c.volume)} failed; every I/O to it stops and ${joinNames(paused.map((v) => v.name))} pause on ${hostName(c.world, c.host)} until the volume returns`;
  return {
    ...next,
    ...endRun({ step: c.step, log: next.log ?? c.log }, e.t, 'failed', null, text),
  };
};

const burstNoisy: Update = (c, e) => {
  const d = c.disks.find((x) => x.vm === c.noisy);
  const iops = (d?.offeredIops ?? 0) * QOS_CONSTANTS.burstFactor;
  const size = d?.ioSizeKiB ?? 0;
  const text = `${vmName(c.world, c.noisy)} bursts: it now issues ${n(iops)} IOPS of ${formatIoSize(size)}`;
  return reportAlerts(c, e.t, { burst: true, log: addLog(c.log, e.t, 'fault', text) });
};

const FAULTS = faultTable<QosContext, QosEvent>()({
  any: {
    FAIL_STORAGE: { target: '#storageQos.failed', action: 'failStorage', update: failStorage },
    BURST_NOISY_VM: { guard: 'calm', action: 'burstNoisy', update: burstNoisy },
  },
});

const STEP_S = QOS_CONSTANTS.stepS;

export const storageQosMachine = setup({
  types: {
    context: {} as QosContext,
    events: {} as QosEvent,
    input: {} as QosInput,
    meta: {} as StepMeta,
  },
  guards: {
    calm: ({ context }) => !context.burst,
  },
  actions: {
    ...FAULTS.actions,
    enterIssuing: assign(({ context: c, event }) =>
      enterStep(c, event.t, 'uncapped', STEP_S.issuing, (disks) => {
        const asked = disks.reduce((a, d) => a + d.offered, 0);
        return `${names(c, disks)} issue I/O to ${storageName(c.world, c.volume)}: ${n(asked)} normalized IOPS asked of its ${n(c.capacity)}; no maximum is in force yet`;
      }),
    ),
    enterNormalizing: assign(({ context: c, event }) =>
      enterStep(
        c,
        event.t,
        'uncapped',
        STEP_S.normalizing,
        (disks) =>
          `${hostName(c.world, c.host)} counts normalized IOPS per disk: ${disks
            .map(
              (d) =>
                `${vmName(c.world, d.vm)} ${n(d.offeredIops)} x ${formatIoSize(d.ioSizeKiB)} = ${n(d.offered)}`,
            )
            .join(', ')}`,
      ),
    ),
    enterCapping: assign(({ context: c, event }) =>
      enterStep(c, event.t, 'capping', STEP_S.capping, (disks) => {
        const held = disks.filter((d) => d.throttled > 0);
        if (held.length === 0)
          return 'No disk asks for more than a maximum: the host holds nothing back';
        return held
          .map(
            (d) =>
              `${vmName(c.world, d.vm)}'s maximum of ${n(d.maxIops)} normalized IOPS takes effect: ${n(d.throttled)} wait in ${hostName(c.world, c.host)}'s queue`,
          )
          .join('; ');
      }),
    ),
    enterSharing: assign(({ context: c, event }) =>
      enterStep(c, event.t, 'capped', STEP_S.sharing, (disks) => {
        const others = disks.filter((d) => d.throttled === 0);
        return `${storageName(c.world, c.volume)} serves ${others
          .map((d) => `${vmName(c.world, d.vm)} ${n(d.served)}`)
          .join(', ')} normalized IOPS`;
      }),
    ),
    finish: assign(({ context: c, event }) => endRun(c, event.t, 'settled', null, settledText(c))),
  },
}).createMachine({
  id: 'storageQos',
  context: ({ input }) => qosContext(input),
  initial: 'idle',
  states: {
    idle: {
      on: { START: 'running', ...FAULTS.on.any },
    },
    running: {
      initial: 'issuing',
      on: FAULTS.on.any,
      states: {
        issuing: {
          entry: 'enterIssuing',
          meta: {
            step: 1,
            title: 'VMs issue I/O',
            narration:
              'The VMs on the host read and write their virtual disks, all on one shared volume. No maximum is in force yet, so the volume serves whoever asks most: the noisy neighbour\u2019s large I/O fills its queue and the others get less than they ask. A disk served less than its minimum raises an alert.',
            source: '000',
          },
          on: { STEP_DONE: 'normalizing' },
        },
        normalizing: {
          entry: 'enterNormalizing',
          meta: {
            step: 2,
            title: 'The host normalizes each disk\u2019s I/O',
            narration:
              'Hyper-V counts every disk\u2019s I/O in 8 KB units: an I/O of 8 KB or less counts one, a larger one its size divided by 8 KB, rounded up. A 64 KB read counts eight, so a VM issuing fewer but larger I/Os is the volume\u2019s biggest user. Maximums and minimums are set in these normalized IOPS.',
            source: '000',
          },
          on: { STEP_DONE: 'capping' },
        },
        capping: {
          entry: 'enterCapping',
          meta: {
            step: 3,
            title: 'A maximum caps the noisy VM',
            narration:
              'The maximum set on the noisy VM\u2019s disk takes effect: the host lets that many normalized IOPS through and holds the rest back. The excess waits in a queue on the host, so each of its I/Os takes longer, and the volume has capacity to spare.',
            source: '000',
          },
          on: { STEP_DONE: 'sharing' },
        },
        sharing: {
          entry: 'enterSharing',
          meta: {
            step: 4,
            title: 'The others get their share back; the minimum alert clears',
            narration:
              'The other VMs\u2019 I/O no longer queues behind the noisy neighbour\u2019s and is served in full. A disk back above its minimum is reported back in policy. In Windows Server 2012 R2 a minimum only notifies: it reserves nothing.',
            source: '000',
          },
          on: { STEP_DONE: { target: '#storageQos.settled', actions: 'finish' } },
        },
      },
    },
    ...outcomeStates('settled', 'failed'),
  },
});

export type StorageQosMachine = typeof storageQosMachine;
