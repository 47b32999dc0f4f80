/** Everything the storage migration panel shows, derived from the runner's view. Pure. */
import type { SnapshotFrom } from 'xstate';
import {
  destinationStorageOf,
  type StorageMigrationMachine,
  storageMigrationMachine,
} from '../../machines/storageMigration.machine';
import { formatBytes, formatDuration, formatMemory, formatRate } from '../../model/format';
import { FILE_SHARE } from '../../model/storageMigration';
import type { RunnerView } from '../../sim/runner';
import { diskCopyFigures, diskMoveInventory, diskMoveVerdict, disks } from '../kit/diskCopy';
import { processBasics } from '../kit/family';
import { runNarration } from '../kit/steps';

export type View = RunnerView<SnapshotFrom<StorageMigrationMachine>>;

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
    ...diskCopyFigures(v, started, {
      copiedHint: (disk) =>
        `VHD of ${formatMemory(disk.input.diskBytes)} at ${formatRate(plan.copyBytesPerS)}`,
      firstPass: 'initial copy',
    }),
  ];
  const verdict = diskMoveVerdict(c, 'moved', () => {
    const disk = plan.disk;
    return {
      tone: 'ok',
      text: disk
        ? `The VHDs matched block for block after ${disk.passes} copy passes (${disk.outstandingBlocks} outstanding blocks, ${disk.writesMirrored} writes mirrored, ${disk.staleCopiesDiscarded} stale copies dropped). The VM never left ${c.world.hosts[c.host]?.name}.`
        : `The files moved; the VHD stayed where it was. The VM never left ${c.world.hosts[c.host]?.name}.`,
    };
  });
  return verdict ? { figures, verdict } : { figures };
}

export function inventory(v: View): { vm: string; state: string; host: string; storage: string }[] {
  const c = v.snapshot.context;
  const w = c.world;
  return diskMoveInventory(v, destinationStorageOf(c), ({ state, destName }) => ({
    state: w.hosts[c.host]?.up === true ? state : 'Off (host down)',
    host: w.hosts[c.host]?.name ?? c.host,
    mirrored: c.params.vmRunning ? `; writes mirrored to ${destName}` : `; copied to ${destName}`,
  }));
}
