/**
 * Everything the cross-version panel shows, derived from the runner's view of the machine: the
 * picture and its text equivalents come from the same snapshot. The steps and statechart shown are
 * those of the chosen scenario.
 */
import type { AnyMachineSnapshot, SnapshotFrom, StateValue } from 'xstate';
import { type CrossVersionMachine, crossVersionMachineFor } from '../../machines/crossVersion';
import {
  actionDurationS,
  type CrossVersionScenario,
  OS_LABELS,
  SHARE_ID,
} from '../../model/crossVersion';
import { formatBytes, formatCpu, formatDuration } from '../../model/format';
import { MODEL_CONSTANTS } from '../../model/parameters';
import { copiedSoFar } from '../../model/precopy';
import { LM_NETWORK } from '../../model/scenarios';
import { activeInstance, instancesOf } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import { type ChartEdge, type ChartNode, statechartOf } from '../../sim/statechart';
import type { InventoryRow, StepItem } from '../../views/controls';
import type { HostsSceneProps } from '../../views/scene';
import { processSelectors } from '../kit/family';
import { stepsOf } from '../kit/steps';

export type Snap = SnapshotFrom<CrossVersionMachine>;
export type View = RunnerView<Snap>;

/** The statechart of one scenario: the states of its process, from idle to its endings. */
export function chartOf(scenario: CrossVersionScenario): {
  nodes: ChartNode[];
  edges: ChartEdge[];
} {
  return statechartOf(crossVersionMachineFor(scenario));
}

/** Whether the run is in `value` (the three processes' snapshots share one shape). */
const at = (s: Snap, value: StateValue) => (s as AnyMachineSnapshot).matches(value);

export function stepsFor(scenario: CrossVersionScenario): StepItem[] {
  return stepsOf(chartOf(scenario).nodes);
}

const hostName = (v: View, id: string) => v.snapshot.context.world.hosts[id]?.name ?? id;
const vmName = (v: View, id: string) => v.snapshot.context.world.vms[id]?.name ?? id;

export const SUCCESS = ['migrated', 'upgraded', 'restored'] as const;

const OUTCOME_TITLES = {
  migrated: 'Migrated',
  upgraded: 'Upgrade complete',
  restored: 'Restored',
  failed: 'Failed',
  cancelled: 'Cancelled',
  refused: 'Migration refused',
} as const;

/** The idle narration of a scenario, with the names and versions of its world. */
function idleText(c: Snap['context']): string {
  const w = c.world;
  const host = (id: string) =>
    `${w.hosts[id]?.name ?? id} (Windows Server ${OS_LABELS[w.hosts[id]?.os ?? '2012']})`;
  const vm = w.vms[c.vm]?.name ?? c.vm;
  switch (c.scenario) {
    case 'live':
      return `${vm} runs on ${host(c.source)}. Press Play or Start to live migrate it to ${host(c.destination)} while it keeps running.`;
    case 'reverse':
      return `${vm} runs on ${host(c.source)}. Press Start to try moving it back to ${host(c.destination)}.`;
    case 'rolling': {
      const hosts = Object.values(w.hosts);
      const old = hosts.filter((h) => h.os === '2012');
      const vms = Object.keys(w.vms).length;
      return `${old.length} Windows Server 2012 hosts and ${hosts.length - old.length} 2012 R2 host${hosts.length - old.length === 1 ? '' : 's'}, ${vms} VMs in all. Press Start to upgrade the cloud host by host without stopping a VM.`;
    }
    case 'inPlace':
      return `${vm} runs on ${host(c.source)}. Press Start to save its state, upgrade the host to 2012 R2 and restore the VM there.`;
  }
}

const PROCESS = processSelectors<Snap>({
  success: SUCCESS,
  titles: OUTCOME_TITLES,
  ready: (v) => ({ title: 'Ready', text: idleText(v.snapshot.context), tone: 'normal' }),
});
export const { succeeded, narration } = PROCESS;
const { measured } = PROCESS;

export function stepDetail(v: View): string | undefined {
  const s = v.snapshot;
  const c = s.context;
  if (at(s, 'live')) {
    const total = c.live.precopy.rounds.length;
    if (c.round < 0) return undefined;
    return `Round ${Math.min(c.round + 1, total)} of ${total}`;
  }
  if (at(s, 'upgrade')) {
    const a = c.rolling[c.actionIndex];
    if (a?.kind === 'migrate') {
      const k = c.rolling.slice(0, c.actionIndex + 1).filter((x) => x.kind === 'migrate').length;
      const n = c.rolling.filter((x) => x.kind === 'migrate').length;
      return `Move ${k} of ${n}: ${vmName(v, a.vm)} from ${hostName(v, a.from)} to ${hostName(v, a.to)}`;
    }
    if (a?.kind === 'upgrade') return `Upgrading ${hostName(v, a.host)}`;
  }
  return undefined;
}

// ---- results ---------------------------------------------------------------------------------

function liveProgress(v: View): { bytes: number; rounds: number; pauseS: number } {
  const c = v.snapshot.context;
  const pre = c.live.precopy;
  const { s, elapsed } = measured(v);
  const finalIdx = pre.rounds.length - 1;
  const final = pre.rounds[finalIdx];
  if (c.outcome?.kind === 'migrated')
    return { bytes: pre.bytesCopied, rounds: pre.rounds.length, pauseS: pre.downtimeS };
  if (at(s, 'switched')) {
    return {
      bytes: pre.bytesCopied,
      rounds: pre.rounds.length,
      pauseS: (final?.durationS ?? 0) + c.live.storageHandoffS + Math.min(elapsed, c.live.resumeS),
    };
  }
  if (at(s, { live: 'stopAndCopy' })) {
    const fr = final && final.durationS > 0 ? Math.min(1, elapsed / final.durationS) : 1;
    return { bytes: copiedSoFar(pre, finalIdx, fr), rounds: pre.rounds.length, pauseS: elapsed };
  }
  if (at(s, { live: 'copyingMemory' }) || at(s, { live: 'copyingDirtyPages' })) {
    const r = pre.rounds[s.context.round];
    const fr = r && r.durationS > 0 ? Math.min(1, elapsed / r.durationS) : 1;
    return { bytes: copiedSoFar(pre, s.context.round, fr), rounds: s.context.round + 1, pauseS: 0 };
  }
  return { bytes: 0, rounds: 0, pauseS: 0 };
}

export interface Figure {
  label: string;
  value: string;
  hint?: string;
}

function migrationFigures(
  bytes: number,
  wireRatio: number,
  rate: number,
  cores: number,
  rounds: number,
  pauseS: number,
  totalS: number,
  extra: Figure[] = [],
): Figure[] {
  const sendingS = bytes / rate;
  return [
    { label: 'Total time', value: formatDuration(totalS) },
    { label: 'Downtime', value: formatDuration(pauseS), hint: 'time the VMs were paused' },
    {
      label: 'Rounds',
      value: `${rounds}`,
      hint: 'memory copy passes, the final stop-and-copy included',
    },
    { label: 'Data sent', value: formatBytes(bytes * wireRatio) },
    { label: 'CPU used', value: formatCpu(sendingS * cores) },
    ...extra,
  ];
}

export function results(v: View): {
  figures: Figure[];
  verdict?: { tone: 'ok' | 'warn' | 'failed'; text: string };
} {
  const c = v.snapshot.context;
  const started = v.started && c.outcome?.kind !== 'refused';
  const totalS = started ? v.now : 0;
  const link = c.live.link;
  let figures: Figure[];
  if (c.scenario === 'inPlace') {
    const { s, elapsed } = measured(v);
    const p = c.inPlace;
    const stopped =
      c.outcome?.kind === 'restored'
        ? p.downtimeS
        : at(s, { inPlace: 'saving' })
          ? c.outcome?.kind === 'cancelled'
            ? 0
            : elapsed
          : at(s, { inPlace: 'upgrading' })
            ? p.saveS + elapsed
            : at(s, { inPlace: 'restoring' })
              ? p.saveS + p.upgradeS + elapsed
              : 0;
    figures = [
      { label: 'Total time', value: formatDuration(totalS) },
      {
        label: 'Downtime',
        value: formatDuration(started ? stopped : 0),
        hint: 'the VM does not run from the save to the end of the restore',
      },
      { label: 'Rounds', value: '0', hint: 'no memory copy: the state goes to a file' },
      { label: 'Data sent', value: formatBytes(0), hint: 'nothing crosses the network' },
      { label: 'CPU used', value: formatCpu(0) },
      { label: 'Saved state', value: formatBytes(p.savedBytes) },
    ];
  } else if (c.scenario === 'rolling') {
    const done = c.rolling.slice(0, Math.max(0, c.actionIndex));
    const cur = c.rolling[c.actionIndex];
    const moves = done.filter((a) => a.kind === 'migrate');
    const { elapsed } = measured(v);
    const curFraction =
      cur?.kind === 'migrate' && !c.outcome ? Math.min(1, elapsed / actionDurationS(cur)) : 0;
    const finished = c.outcome?.kind === 'upgraded';
    const movedCount = finished
      ? c.rolling.filter((a) => a.kind === 'migrate').length
      : moves.length;
    const pre = c.live.precopy;
    const bytes = (movedCount + curFraction) * (pre.bytesCopied + MODEL_CONSTANTS.configBytes);
    const upgrades = c.rolling.filter((a) => a.kind === 'upgrade');
    const upgraded = upgrades.filter(
      (a) => a.kind === 'upgrade' && c.world.hosts[a.host]?.os === '2012R2',
    ).length;
    figures = migrationFigures(
      bytes,
      link.wireBytesPerMemoryByte,
      link.memoryBytesPerS,
      link.cpuCores,
      movedCount * pre.rounds.length,
      movedCount * pre.downtimeS,
      totalS,
      [
        {
          label: 'VMs moved',
          value: `${movedCount} of ${c.rolling.filter((a) => a.kind === 'migrate').length}`,
        },
        { label: 'Hosts upgraded', value: `${upgraded} of ${upgrades.length}` },
      ],
    );
  } else {
    const p = started ? liveProgress(v) : { bytes: 0, rounds: 0, pauseS: 0 };
    const config = started ? MODEL_CONSTANTS.configBytes : 0;
    figures = migrationFigures(
      p.bytes + config,
      link.wireBytesPerMemoryByte,
      link.memoryBytesPerS,
      link.cpuCores,
      p.rounds,
      p.pauseS,
      totalS,
    );
  }
  if (c.outcome && !succeeded(v))
    return { figures, verdict: { tone: 'failed', text: c.outcome.text } };
  if (c.outcome) return { figures, verdict: { tone: 'ok', text: c.outcome.text } };
  return { figures };
}

// ---- inventory and picture --------------------------------------------------------------------

const SHORT_OS = { '2008R2': '2008 R2', '2012': '2012', '2012R2': '2012 R2' } as const;

function vmState(v: View, vm: string): { state: string; host: string } {
  const c = v.snapshot.context;
  const w = c.world;
  const active = activeInstance(w, vm);
  const shell = instancesOf(w, vm).find((i) => i.status === 'shell');
  const hostText = (id: string) =>
    `${w.hosts[id]?.name ?? id} (${SHORT_OS[w.hosts[id]?.os ?? '2012']})`;
  if (c.saved && vm === c.vm) return { state: 'Saved', host: hostText(c.source) };
  if (!active) return { state: 'Off', host: '—' };
  let state = {
    running: 'Running',
    paused: 'Paused',
    starting: 'Starting',
    off: 'Off',
    shell: 'Shell',
  }[active.status];
  if (shell) state += ` (migrating to ${w.hosts[shell.host]?.name})`;
  return { state, host: hostText(active.host) };
}

export function inventory(v: View): InventoryRow[] {
  const w = v.snapshot.context.world;
  return Object.values(w.vms).map((vm) => ({
    vm: vm.name,
    ...vmState(v, vm.id),
    storage: `${w.storage[SHARE_ID]?.name ?? 'share'} (SMB 3 share)${w.storage[SHARE_ID]?.pathUp[activeInstance(w, vm.id)?.host ?? ''] === false ? ', unreachable from its host' : ''}`,
  }));
}

export function scene(v: View): Omit<HostsSceneProps, 'animate'> {
  const s = v.snapshot;
  const c = s.context;
  const w = c.world;
  const hosts = Object.values(w.hosts).map((h) => {
    const vms = Object.values(w.vms).flatMap((vm) => {
      const inst = instancesOf(w, vm.id).filter((i) => i.host === h.id);
      const out = inst
        .filter((i) => i.status !== 'off')
        .map((i) => ({
          name: vm.name,
          status: i.status === 'starting' ? ('running' as const) : i.status,
          ...(i.status === 'shell' ? { fill: shellFill(v) } : {}),
        }));
      if (c.saved && vm.id === c.vm && h.id === c.source && out.length === 0)
        out.push({ name: vm.name, status: 'saved' as never });
      return out;
    });
    const upgrading = c.upgrading === h.id && h.up;
    return {
      id: h.id,
      name: h.name,
      os: OS_LABELS[h.os],
      newer: h.os === '2012R2',
      state: (!h.up ? 'down' : upgrading ? 'upgrading' : 'up') as 'up' | 'down' | 'upgrading',
      ...(upgrading ? { progress: v.stepFraction } : {}),
      vms,
    };
  });
  const moving = at(s, 'live') || at(s, { upgrade: 'migratingVm' });
  const net = w.networks[LM_NETWORK];
  const summary = [
    ...hosts.map(
      (h) =>
        `${h.name} (${h.os})${h.state === 'down' ? ' is down' : h.state === 'upgrading' ? ' is being upgraded' : ''}: ${
          h.vms.length > 0 ? h.vms.map((x) => `${x.name} ${x.status}`).join(', ') : 'no VMs'
        }`,
    ),
    net?.up ? '' : 'the live migration network is cut',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    hosts,
    network: { up: net?.up ?? false, active: moving && (net?.up ?? false) },
    share: w.storage[SHARE_ID]?.name ?? 'share',
    summary: `${summary}.`,
  };
}

function shellFill(v: View): number {
  const s = v.snapshot;
  if (at(s, { upgrade: 'migratingVm' })) return v.stepFraction;
  const pre = s.context.live.precopy;
  if (at(s, 'live')) {
    const p = liveProgress(v);
    return Math.min(1, p.bytes / pre.bytesCopied);
  }
  return 0;
}
