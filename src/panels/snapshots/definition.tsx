/** Snapshots (checkpoints) of a running VM (CATALOG 3): a session panel. */
import type { AnyMachineSnapshot } from 'xstate';
import {
  type SnapshotsMachine as M,
  SNAPSHOT_FAULTS,
  snapshotsMachine,
} from '../../machines/snapshots.machine';
import { formatBytes } from '../../model/format';
import { paramValue } from '../../model/parameters';
import { snapshotParams, snapshotsInput } from '../../model/snapshots';
import type { MergeMode } from '../../model/snapshotTree';
import type { RunnerView } from '../../sim/runner';
import { TreeView } from '../../views/controls';
import { DiskChainScene } from '../../views/scene';
import { ChainThumb, DiskFilesCard } from '../kit/DiskSessionViews';
import { knob, type PanelDefinition, processViews, type StageProps } from '../kit/definition';
import { CHAIN_COLUMNS } from '../kit/diskChain';
import { useTextValue } from '../kit/textRate';
import { useRunnerView } from '../kit/useRunner';
import { meta } from './meta';
import { questions } from './questions';
import * as selectors from './selectors';
import {
  chainFiles,
  chainSummary,
  diskFileRows,
  memoryProgress,
  selectedOf,
  treeNodes,
  type View,
} from './selectors';
import './snapshots.css';

export interface Knobs {
  /** 'offline': Windows Server 2008 R2 (merge when the VM is off); 'live': 2012 (live merge). */
  mergeMode: MergeMode;
  /** The snapshot the tree has selected (what Apply and Delete act on); page state only. */
  selected: string | null;
}

const LEGEND = [
  ['scn-key-pending', 'data in this file'],
  ['scn-key-instep', 'merged into the parent'],
  ['scn-key-sending', 'moving now'],
  ['scn-key-landing', 'guest write landing'],
] as const;

/** The snapshot an action acts on: the one selected in the tree, else the newest. */
const chosen = (selected: string | null) => (x: RunnerView<AnyMachineSnapshot>) => {
  const v = x as unknown as View;
  const order = v.snapshot.context.tree.order;
  const id = selectedOf(v, selected) ?? order[order.length - 1] ?? null;
  return id ? { id } : null;
};

function MemoryBar({ runner }: { runner: StageProps<M, Knobs>['runner'] }) {
  const v = useRunnerView(runner);
  const p = memoryProgress(v);
  if (!p || p.total <= 0) return null;
  return (
    <div className="snap-memory">
      <span>
        Memory saved: {formatBytes(p.saved)} of {formatBytes(p.total)}; copied on write first:{' '}
        {formatBytes(p.cow)}
      </span>
      <progress max={p.total} value={p.saved} aria-label="Memory saved" />
    </div>
  );
}

function Chain({ runner, reducedMotion }: StageProps<M, Knobs>) {
  const v = useRunnerView(runner);
  const c = v.snapshot.context;
  return (
    <DiskChainScene
      summary={chainSummary(v)}
      caption="The VM’s disk files: each AVHD hangs under its parent; reads walk up the chain, writes land in the file the VM writes to"
      header={`${c.world.vms[c.vm]?.name} on ${c.world.hosts[c.host]?.name}: ${selectors.inventory(v)[0]?.state}`}
      files={chainFiles(v)}
      columns={CHAIN_COLUMNS}
      legend={LEGEND}
      animate={!reducedMotion}
    />
  );
}

function Tree({ text, knobs, apply }: StageProps<M, Knobs>) {
  const nodes = useTextValue(text, treeNodes);
  const selected = useTextValue(text, (v) => selectedOf(v, knobs.selected));
  const folder = useTextValue(text, (v) =>
    v.snapshot.context.tree.order.map((id) => {
      const s = v.snapshot.context.tree.snapshots[id];
      return `${s?.name}: configuration${s?.savedState ? ', saved state (.vsv, .bin)' : ''}`;
    }),
  );
  return (
    <section className="card snap-tree" aria-labelledby="snap-tree-title">
      <h2 id="snap-tree-title">Snapshot tree</h2>
      <TreeView
        label="Snapshot tree"
        roots={nodes}
        selected={selected}
        onSelect={(id) => apply({ knobs: { ...knobs, selected: id } })}
      />
      <p className="muted">
        Select a snapshot to apply or delete it (with none selected, the newest one).
      </p>
      <h3>Snapshot folder</h3>
      {folder.length === 0 ? (
        <p className="muted">Empty</p>
      ) : (
        <ul className="snap-folder">
          {folder.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Stage(props: StageProps<M, Knobs>) {
  return (
    <div className="stage snap-stage">
      <Tree {...props} />
      <div className="snap-picture">
        <MemoryBar runner={props.runner} />
        <Chain {...props} />
      </div>
    </div>
  );
}

function Below({ text }: StageProps<M, Knobs>) {
  return (
    <DiskFilesCard text={text} columns={['File', 'Kind', 'Parent', 'State']} rows={diskFileRows} />
  );
}

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine: snapshotsMachine,
  startEvent: 'TAKE_SNAPSHOT',
  knobs: { mergeMode: 'offline', selected: null },
  runKnobs: (k) => k.mergeMode,
  input: (values, knobs) =>
    snapshotsInput(
      snapshotParams(
        paramValue(values, 'memoryMiB'),
        paramValue(values, 'dirtyMiBps'),
        paramValue(values, 'diskGiB'),
      ),
      knobs.mergeMode,
      paramValue(values, 'seed'),
    ),
  views: processViews(selectors, 'Statechart: take a snapshot', SNAPSHOT_FAULTS),
  actions: ({ knobs }) => {
    const target = chosen(knobs.selected);
    return [
      { label: 'Take snapshot', type: 'TAKE_SNAPSHOT' },
      {
        label: 'Apply snapshot',
        type: 'APPLY_SNAPSHOT',
        payload: target,
        confirm: {
          title: 'Apply the snapshot',
          text: 'Applying a snapshot discards the VM’s current state. Take a snapshot of the current state first?',
          choices: [
            {
              label: 'Take snapshot and apply',
              payload: (x) => {
                const t = target(x);
                return t ? { ...t, saveFirst: true } : null;
              },
            },
            { label: 'Apply without saving', payload: target },
          ],
        },
      },
      { label: 'Delete snapshot', type: 'DELETE_SNAPSHOT', payload: target },
      { label: 'Delete snapshot subtree', type: 'DELETE_SUBTREE', payload: target },
      { label: 'Shut down VM', type: 'SHUT_DOWN' },
      { label: 'Start VM', type: 'START_VM' },
      { label: 'Write to disk', type: 'WRITE' },
    ];
  },
  settings: ({ knobs }) => [
    {
      legend: 'How deleted snapshots are merged',
      fields: [
        knob.radio(knobs, 'mergeMode', 'Merge', 'snapshot-merge-mode', [
          { value: 'offline', label: 'Windows Server 2008 R2: when the VM is shut down' },
          { value: 'live', label: 'Windows Server 2012: live merge while the VM runs' },
        ]),
      ],
    },
  ],
  Stage,
  questions,
  Below,
  powershell: ({ input, knobs, view }) => {
    const vm = input.world.vms[input.vm]?.name ?? input.vm;
    const id = selectedOf(view, knobs.selected) ?? view.snapshot.context.tree.order.at(-1);
    const name = id ? view.snapshot.context.tree.snapshots[id]?.name : undefined;
    const target = name ?? 'Snapshot 1';
    return [
      `Checkpoint-VM -Name "${vm}" -SnapshotName "Snapshot ${view.snapshot.context.tree.nextSnapshot}"`,
      `Get-VMSnapshot -VMName "${vm}"`,
      `Restore-VMSnapshot -VMName "${vm}" -Name "${target}" -Confirm:$false`,
      `Remove-VMSnapshot -VMName "${vm}" -Name "${target}"            # add -IncludeAllChildSnapshots for the subtree`,
      `Stop-VM -Name "${vm}"${knobs.mergeMode === 'offline' ? '                                   # Windows Server 2008 R2 merges pending AVHDs now' : ''}`,
      `Start-VM -Name "${vm}"`,
    ].join('\n');
  },
  thumbnail: {
    speed: 2,
    scene: (v, animate) => (
      <ChainThumb
        className="snap-thumb"
        files={chainFiles(v).filter((f) => f.tone !== 'gone')}
        indent={6}
        columns={CHAIN_COLUMNS}
        cellSize={2}
        animate={animate}
      />
    ),
  },
};
