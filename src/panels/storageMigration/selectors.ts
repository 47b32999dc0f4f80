/** Everything the storage migration panel shows, derived from the runner's view. Pure. */
import type { SnapshotFrom } from 'xstate';
import {
  destinationStorageOf,
  type StorageMigrationMachine,
  storageMigrationMachine,
} from '../../machines/storageMigration.machine';
import { formatBytes, formatDuration, formatMemory, formatRate } from '../../model/format';
import { FILE_SHARE } from '../../model/storageMigration';
import { activeInstance } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import {
  diskCopyFigures,
  diskSeconds,
  disks,
  endedVerdict,
  movedStorageText,
} from '../kit/diskCopy';
import { processBasics } from '../kit/family';
import { STATUS_TEXT } from '../kit/inventory';
import { runNarration } from '../kit/steps';

export { diskSeconds, disks };

export type Snap = SnapshotFrom<StorageMigrationMachine>;
export type View = RunnerView<Snap>;

export const { CHART, STEPS, succeeded } = processBasics(storageMigrationMachine, 'moved');

const OUTCOME_TITLES = {
  moved: 'Storage moved',
  failed: 'Storage migration failed',
  cancelled: 'Storage migration cancelled',
  refused: 'Storage migration refused',
} as const;

export function narration(v: View): {
  title: string;
  text: string;
  tone: 'normal' | 'ok' | 'failed';
} {
  const c = v.snapshot.context;
  const n = runNarration(v.snapshot, c.outcome, OUTCOME_TITLES, 'moved', () => ({
    title: 'Ready to move storage',
    text: `${c.world.vms[c.vm]?.name ?? 'The VM'} is ${c.params.vmRunning ? 'running' : 'off'} on ${c.world.hosts[c.host]?.name}. Press Play or Start storage migration to move its storage; the VM itself stays on this host.`,
    tone: 'normal',
  }));
  // While mirroring (a step under way: no outcome yet), say why an off VM needs none.
  return !c.params.vmRunning && v.snapshot.matches({ moving: 'mirroring' })
    ? { ...n, text: `${n.text} The VM is off: no guest writes, so no mirroring is needed.` }
    : n;
}

export function stepDetail(v: View): string | undefined {
  const s = v.snapshot;
  const plan = s.context.plan.disk;
  const d = disks(v);
  if (!d || !plan) return undefined;
  if (s.matches({ moving: 'copying' }))
    return `Initial copy: ${plan.blocks - d.blocksLeft} of ${plan.blocks} blocks; ${d.writes} guest writes on the source so far`;
  if (s.matches({ moving: 'mirroring' }))
    return s.context.params.vmRunning
      ? `Outstanding changes: ${d.blocksLeft} of ${plan.recopiedBlocks} blocks left; ${d.writesMirrored} writes mirrored`
      : 'VM off: no guest writes, no mirroring needed';
  return undefined;
}

export function results(v: View): {
  figures: { label: string; value: string; hint?: string }[];
  verdict?: { tone: 'ok' | 'warn' | 'failed'; text: string };
} {
  const c = v.snapshot.context;
  const plan = c.plan;
  const started = v.started && c.outcome?.kind !== 'refused';
  const d = started ? disks(v) : null;
  const t = diskSeconds(v);
  const overNetwork = c.destinationPlacement.vhd.storage === FILE_SHARE;
  const copied = d?.bytesCopied ?? 0;
  const mirrored = d?.bytesMirrored ?? 0;
  const figures = [
    { label: 'Total time', value: formatDuration(started ? v.now : 0) },
    {
      label: 'Downtime',
      value: formatDuration(0),
      hint: 'the VM is never paused: only its storage moves',
    },
    {
      label: 'Data sent',
      value: formatBytes(overNetwork ? copied + mirrored : 0),
      hint: overNetwork
        ? `over the storage network at ${formatRate(plan.copyBytesPerS)}`
        : 'none: a local copy',
    },
  ];
  if (plan.disk) {
    figures.push(
      ...diskCopyFigures(plan.disk, d, t, {
        copiedHint: `VHD of ${formatMemory(plan.disk.input.diskBytes)} at ${formatRate(plan.copyBytesPerS)}`,
        firstPass: 'initial copy',
      }),
    );
  }
  let verdict: { tone: 'ok' | 'warn' | 'failed'; text: string } | undefined;
  if (c.outcome && c.outcome.kind !== 'moved') {
    verdict = endedVerdict(c, c.outcome.text);
  } else if (c.outcome?.kind === 'moved') {
    const disk = plan.disk;
    verdict = {
      tone: 'ok',
      text: disk
        ? `The VHDs matched block for block after ${disk.passes} copy passes (${disk.outstandingBlocks} outstanding blocks, ${disk.writesMirrored} writes mirrored, ${disk.staleCopiesDiscarded} stale copies dropped). The VM never left ${c.world.hosts[c.host]?.name}.`
        : `The files moved; the VHD stayed where it was. The VM never left ${c.world.hosts[c.host]?.name}.`,
    };
  }
  return verdict ? { figures, verdict } : { figures };
}

export function inventory(v: View): { vm: string; state: string; host: string; storage: string }[] {
  const c = v.snapshot.context;
  const w = c.world;
  const vm = w.vms[c.vm];
  if (!vm) return [];
  const active = activeInstance(w, c.vm);
  const hostUp = w.hosts[c.host]?.up === true;
  const state = active ? STATUS_TEXT[active.status] : 'Off';
  const destId = destinationStorageOf(c);
  const destName = w.storage[destId]?.name ?? destId;
  const storage = movedStorageText(v, vm.name, {
    name: destName,
    mirrored: c.params.vmRunning ? `; writes mirrored to ${destName}` : `; copied to ${destName}`,
  });
  return [
    {
      vm: vm.name,
      state: hostUp ? state : 'Off (host down)',
      host: w.hosts[c.host]?.name ?? c.host,
      storage,
    },
  ];
}
