/**
 * Everything the snapshot panel shows, from the runner's view of the session machine: the
 * snapshot tree with "Now", the disk files (table and chain picture, the same rows), the figures,
 * the inventory and the narration. The picture and its text equivalents come from one snapshot.
 */
import {
  type SnapshotProcess,
  type SnapshotsContext,
  type SnapshotsMachine,
  snapshotsMachine,
} from '../../machines/snapshots.machine';
import { BLOCK_PENDING } from '../../model/diskCopy';
import { formatBytes, formatDuration } from '../../model/format';
import { snapshotMergeS } from '../../model/snapshots';
import { MAX_SNAPSHOTS, type SnapshotState } from '../../model/snapshotTree';
import {
  allocatedBytes,
  chainOf,
  type DiskFile,
  diskSizeLabel,
  mergeBytes,
  sizeOnHost,
} from '../../model/vdisk';
import type { RunnerView } from '../../sim/runner';
import type { InventoryRow, TreeNode } from '../../views/controls';
import type { ChainFile, ChainTone } from '../../views/scene';
import { chainFile, fileStrips, mergeAt } from '../kit/diskChain';
import { diskSessionFamily, hostNameOf, vmNameOf } from '../kit/diskSession';
import type { ResultsData } from '../kit/RunPanel';

export type View = RunnerView<import('xstate').SnapshotFrom<SnapshotsMachine>>;

export const PROCESS_TITLES: Record<SnapshotProcess, string> = {
  taking: 'take a snapshot',
  applying: 'apply a snapshot',
  deleting: 'delete a snapshot',
  shuttingDown: 'shut down the VM',
  starting: 'start the VM',
  merging: 'merge an AVHD into its parent',
};

const POWER: Record<SnapshotState['vm'], string> = {
  running: 'Running',
  off: 'Off',
  saved: 'Saved',
  paused: 'Paused',
};

/** The VM's power as shown: the tree's, or paused while its storage is lost. */
function powerOf(c: SnapshotsContext): string {
  if (c.interrupted === 'host') return 'Off (host down)';
  const inst = c.world.instances.find((i) => i.vm === c.vm);
  if (inst?.status === 'paused' || c.tree.vm === 'paused') return 'Paused';
  return POWER[c.tree.vm];
}

function readyText(v: View): string {
  const c = v.snapshot.context;
  const leaf = c.tree.files[c.tree.now.file]?.name ?? '';
  return `${vmNameOf(c)} runs on ${hostNameOf(c)} from ${leaf}, with no snapshot yet. Press Take snapshot to watch the poster's seven steps; then write to the disk, take more, apply or delete one and see what happens to the files.`;
}

const FAMILY = diskSessionFamily(snapshotsMachine, {
  processes: PROCESS_TITLES,
  ready: readyText,
  outcomes: {
    taken: 'Snapshot taken',
    applied: 'Snapshot applied',
    deleted: 'Snapshot deleted',
    shutDown: 'VM off',
    started: 'VM running',
    written: 'Guest write',
    merged: 'Merged',
  },
  failed: 'Failed',
});

export const { CHART, STEPS, scopes, scopeOf, succeeded, narration, log } = FAMILY;

// ---- the files -----------------------------------------------------------------------------------

/** A file's blocks as cells: lit where the file holds data in that slice of the disk. */
export const fileCells = fileStrips(() => BLOCK_PENDING);

/** The merge under way at this moment: its child, parent and the blocks copied so far. */
export function mergeNow(v: View) {
  const c = v.snapshot.context;
  return mergeAt(c.tree.files, c.tree.merge, c.merging, v.now);
}

/** Depth-first order of the live and deleted files, each under its parent. */
function fileOrder(tree: SnapshotState): { file: DiskFile; depth: number }[] {
  const files = Object.values(tree.files);
  const out: { file: DiskFile; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const f of files.filter((x) => x.parent === parent)) {
      out.push({ file: f, depth });
      visit(f.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** Which snapshot(s) a file is the disk of, and whether the VM writes there. */
function roleOf(c: SnapshotsContext, f: DiskFile): string {
  const owners = c.tree.order
    .map((id) => c.tree.snapshots[id])
    .filter((s) => s?.file === f.id)
    .map((s) => `${s?.name}'s disk`);
  if (c.tree.now.file === f.id) owners.push(`${vmNameOf(c)} writes here`);
  if (c.tree.taking?.avhd === f.id && c.tree.now.file !== f.id) owners.push('being created');
  return owners.join(', ');
}

const KIND = (f: DiskFile) =>
  f.type === 'differencing' ? (f.format === 'vhd' ? 'AVHD' : 'AVHDX') : f.format.toUpperCase();

const TONE: Record<string, ChainTone> = {
  'in use': 'active',
  'merge pending': 'pending',
  merging: 'merging',
  deleted: 'gone',
  'read-only': 'normal',
};

/** The disk files as the chain picture draws them (and the Disk files table lists them). */
export function chainFiles(v: View): ChainFile[] {
  const c = v.snapshot.context;
  const merge = mergeNow(v);
  return fileOrder(c.tree).map(({ file: f, depth }) => {
    const held = f.state === 'deleted' ? 0 : Object.keys(f.blocks).length;
    const moved = merge && (f.id === merge.child || f.id === merge.parent) ? merge.moved : [];
    return chainFile(f, depth, fileCells(f), moved, c.lastWrite, {
      kind: KIND(f),
      tone: TONE[f.state] ?? 'normal',
      note: roleOf(c, f),
      size:
        f.state === 'deleted'
          ? 'deleted'
          : `${formatBytes(sizeOnHost(f))} on the host, ${diskSizeLabel(f.virtualBytes)} virtual`,
      label: `${f.name}: ${held} blocks of data${merge?.child === f.id ? `, ${merge.moved.length} merged into its parent so far` : ''}`,
    });
  });
}

/** The "Disk files" table: File, Kind, Parent, State. */
export function diskFileRows(v: View): string[][] {
  const c = v.snapshot.context;
  return fileOrder(c.tree).map(({ file: f }) => [
    f.name,
    KIND(f),
    f.parent ? (c.tree.files[f.parent]?.name ?? f.parent) : '—',
    f.state,
  ]);
}

/** The picture's name: the chain Now reads through, and each file's state. */
export function chainSummary(v: View): string {
  const c = v.snapshot.context;
  const chain = chainOf(c.tree.files, c.tree.now.file)
    .map((id) => {
      const f = c.tree.files[id];
      return f ? `${f.name} (${f.state})` : id;
    })
    .join(' → ');
  return `${vmNameOf(c)} on ${hostNameOf(c)}, ${powerOf(c).toLowerCase()}: reads ${chain}. ${c.tree.order.length} snapshot${c.tree.order.length === 1 ? '' : 's'}.`;
}

// ---- the tree ------------------------------------------------------------------------------------

/** The snapshot tree with "Now" under the snapshot the running state hangs from. */
export function treeNodes(v: View): TreeNode[] {
  const t = v.snapshot.context.tree;
  const now: TreeNode = { id: 'now', name: 'Now', children: [], current: true };
  const build = (parent: string | null): TreeNode[] => {
    const kids: TreeNode[] = t.order
      .filter((id) => t.snapshots[id]?.parent === parent)
      .map((id) => ({ id, name: t.snapshots[id]?.name ?? id, children: build(id) }));
    return t.now.parent === parent ? [...kids, now] : kids;
  };
  return build(null);
}

/** The selected snapshot if it still exists, else none. */
export function selectedOf(v: View, selected: string | null): string | null {
  return selected && v.snapshot.context.tree.snapshots[selected] ? selected : null;
}

// ---- figures -------------------------------------------------------------------------------------

export function results(v: View): ResultsData {
  const c = v.snapshot.context;
  const live = Object.values(c.tree.files).filter((f) => f.state !== 'deleted');
  const pending = live.filter((f) => f.state === 'merge pending');
  const pendingBytes = pending.reduce((sum, f) => sum + mergeBytes(c.tree.files, f.id), 0);
  const figures = [
    { label: 'Snapshots', value: `${c.tree.order.length} of ${MAX_SNAPSHOTS}` },
    { label: 'Disk files', value: String(live.length) },
    { label: 'Chain depth', value: String(chainOf(c.tree.files, c.tree.now.file).length) },
    {
      label: 'Merge pending',
      value:
        pending.length === 0
          ? 'none'
          : `${pending.length} file${pending.length === 1 ? '' : 's'}, ${formatBytes(pendingBytes)} (${formatDuration(snapshotMergeS(pendingBytes))} to merge)`,
    },
    {
      label: 'Space on host',
      value: formatBytes(live.reduce((sum, f) => sum + sizeOnHost(f), 0)),
    },
    {
      label: 'Data in AVHDs',
      value: formatBytes(
        live.filter((f) => f.type === 'differencing').reduce((s, f) => s + allocatedBytes(f), 0),
      ),
    },
  ];
  if (c.lastTake) {
    figures.push(
      { label: 'Pause', value: formatDuration(c.lastTake.pauseS) },
      { label: 'Memory saved', value: formatBytes(c.lastTake.memoryBytes) },
      { label: 'Copy-on-write', value: formatBytes(c.lastTake.cowBytes) },
    );
  }
  return { figures };
}

export function inventory(v: View): InventoryRow[] {
  const c = v.snapshot.context;
  const leaf = c.tree.files[c.tree.now.file]?.name ?? '';
  const volume = c.world.storage[c.world.vms[c.vm]?.disks[0]?.storage ?? '']?.name ?? '';
  return [
    {
      vm: vmNameOf(c),
      state: powerOf(c),
      host: hostNameOf(c),
      storage: `${leaf} on ${volume}`,
    },
  ];
}

/** Step 6's progress: memory saved so far and copied on write. */
export function memoryProgress(v: View): { saved: number; total: number; cow: number } | null {
  const c = v.snapshot.context;
  if (!v.snapshot.matches({ taking: 'savingMemory' }) || !c.lastTake) return null;
  const f = v.stepFraction;
  return {
    saved: c.lastTake.memoryBytes * f,
    total: c.lastTake.memoryBytes,
    cow: c.lastTake.cowBytes * f,
  };
}

export function stepDetail(v: View): string | undefined {
  const m = mergeNow(v);
  if (m) {
    const c = v.snapshot.context;
    return `${m.moved.length} of ${c.merging?.blocks ?? 0} blocks copied into ${c.tree.files[m.parent]?.name ?? ''}`;
  }
  const p = memoryProgress(v);
  if (p) return `${formatBytes(p.saved)} of ${formatBytes(p.total)} saved`;
  return undefined;
}
