/**
 * What the three availability panels' definitions share: their knobs (the fault's aim, a VM's
 * priority, a VM's protected network, the disk that fails), the input from the URL and the knobs,
 * the settings as data, the stage (the canvas picture, its legend and the "Cluster summary"), the
 * thumbnail and the PowerShell.
 */
import type { AnyStateMachine, InputFrom } from 'xstate';
import type { AvailKind } from '../../machines/availability';
import {
  NETWORK_FAULTS,
  NODE_FAULTS,
  nodeName,
  STORAGE_FAULTS,
  vmNameOf,
} from '../../machines/availability';
import {
  type AvailInput,
  availabilityInput,
  type ClusterSpec,
  DEFAULT_TARGET,
  firstChoice,
  PRIORITIES,
  PRIORITY_LABEL,
  PRIORITY_VALUE,
  type Priority,
  STORAGE_DISKS,
  type StorageDisk,
} from '../../model/availability';
import { type ParamValues, paramValue } from '../../model/parameters';
import {
  type KnobCard,
  type KnobField,
  type PanelDefinition,
  type PanelMeta,
  type PanelSelectors,
  processViews,
  type StageProps,
} from '../kit/definition';
import type { Question } from '../kit/quiz';
import type { ProcessViews } from '../kit/RunPanel';
import { useTextValue } from '../kit/textRate';
import { useRunnerValue } from '../kit/useRunner';
import { ClusterCanvas, ClusterLegend, type ViewSource } from './ClusterCanvas';
import {
  type AvailView,
  availFamily,
  clusterScene,
  clusterSummary,
  formatCount,
  inventory,
  results,
  sceneText,
  stepDetail,
  vmOptions,
} from './selectors';
import './availability.css';

export interface AvailKnobs {
  /** The node "Fail node" aims at (node failure) or the VM the fault aims at (storage, network). */
  target: string;
  /** The VM whose priority the settings change. */
  priorityVm: string;
  priorities: Record<string, Priority>;
  /** VMs whose adapter's network is not protected (network failure). */
  unprotected: string[];
  disk: StorageDisk;
}

export const DEFAULT_KNOBS: Omit<AvailKnobs, 'target'> = {
  priorityVm: 'vm-1',
  priorities: {},
  unprotected: [],
  disk: 'bootVhdxScsi',
};

/** Which thing the fault aims at: a node, or a VM. */
const AIM: Record<AvailKind, 'node' | 'vm'> = { node: 'node', storage: 'vm', network: 'vm' };

/** The machine's input from the URL's values (the panel's defaults filled in) and the knobs. */
export function availInput(kind: AvailKind, values: ParamValues, knobs: AvailKnobs): AvailInput {
  return availabilityInput(
    {
      nodes: paramValue(values, 'nodes'),
      vms: paramValue(values, 'vms'),
      heartbeatDelayMs: paramValue(values, 'heartbeatDelayMs'),
      heartbeatThreshold: paramValue(values, 'heartbeatThreshold'),
      vmBootS: paramValue(values, 'vmBootS'),
      seed: paramValue(values, 'seed'),
    },
    {
      aim: AIM[kind],
      target: knobs.target,
      overrides: { priorities: knobs.priorities, unprotected: knobs.unprotected },
      disk: knobs.disk,
    },
  );
}

const priorityOptions = PRIORITIES.map((p) => ({
  value: p,
  label: `${PRIORITY_LABEL[p]} (${PRIORITY_VALUE[p]})`,
}));

/** The VMs on a node at the start, as options: "VM-3 (High)". */
function vmsOn(spec: ClusterSpec, node: number) {
  return vmOptions(spec).filter((_, i) => spec.vms[i]?.home === node);
}

/**
 * The settings: the fault's aim (and what it breaks), then one VM's priority. A VM is chosen by
 * its node first ("Node", then "VM": at 8,000 VMs a list of all of them would be of no use to
 * anyone); the priority is set for one of the VMs of that node (the ones the fault hits first).
 */
export function availSettings(
  kind: AvailKind,
  knobs: AvailKnobs,
  input: AvailInput,
): KnobCard<AvailKnobs>[] {
  const spec = input.spec;
  const node = kind === 'node' ? input.target : Math.max(0, spec.vms[input.target]?.home ?? 0);
  const vm = kind === 'node' ? undefined : spec.vms[input.target];
  const nodeField: KnobField<AvailKnobs> = {
    kind: 'select',
    label: 'Node',
    value: spec.nodes[node]?.id ?? '',
    options: spec.nodes.map((n) => ({ value: n.id, label: n.name })),
    onChange: (v) => {
      if (kind === 'node') return { knobs: { ...knobs, target: v } };
      const n = spec.nodes.findIndex((x) => x.id === v);
      const first = spec.vms.find((x) => x.home === n);
      return { knobs: { ...knobs, target: first?.id ?? knobs.target } };
    },
  };
  const fault: KnobField<AvailKnobs>[] = [nodeField];
  if (kind === 'node')
    fault.push({
      kind: 'note',
      text: '\u201cFail node\u201d fails this node (at the end of step 1, or when injected); once it is down, the next node that is up.',
    });
  else
    fault.push({
      kind: 'select',
      label: 'VM',
      value: vm?.id ?? '',
      options: vmsOn(spec, node),
      onChange: (v) => ({ knobs: { ...knobs, target: v } }),
    });
  if (kind === 'storage')
    fault.push(
      {
        kind: 'select',
        label: 'Disk that fails',
        value: knobs.disk,
        options: Object.entries(STORAGE_DISKS).map(([value, label]) => ({ value, label })),
        onChange: (v) => ({ knobs: { ...knobs, disk: v as StorageDisk } }),
      },
      {
        kind: 'note',
        text: '\u201cFail VM storage\u201d hits this VM if it runs, else the next VM that runs.',
      },
    );
  if (kind === 'network') {
    const id = vm?.id ?? '';
    fault.push(
      {
        kind: 'checkbox',
        label: `Protected network on ${vm?.name ?? 'the VM'}\u2019s adapter`,
        checked: !knobs.unprotected.includes(id),
        onChange: (on) => ({
          knobs: {
            ...knobs,
            unprotected: on
              ? knobs.unprotected.filter((x) => x !== id)
              : [...knobs.unprotected, id],
          },
        }),
      },
      {
        kind: 'note',
        text: '\u201cUnplug VM network cable\u201d pulls the cable of this VM\u2019s node; once it is out, the next node\u2019s.',
      },
    );
  }
  const options = vmsOn(spec, node);
  const pv =
    spec.vms.find((v) => v.id === knobs.priorityVm && v.home === node) ??
    spec.vms.find((v) => v.home === node);
  const priority: KnobField<AvailKnobs>[] = pv
    ? [
        {
          kind: 'select',
          label: 'Priority of VM',
          value: pv.id,
          options,
          onChange: (v) => ({ knobs: { ...knobs, priorityVm: v } }),
        },
        {
          kind: 'select',
          label: 'Priority',
          value: pv.priority,
          options: priorityOptions,
          onChange: (v) => ({
            knobs: { ...knobs, priorities: { ...knobs.priorities, [pv.id]: v as Priority } },
          }),
        },
      ]
    : [];
  return [
    { legend: 'Faults', fields: fault },
    {
      legend: `VM priority (restart order), VMs of ${nodeName(spec, node)}`,
      fields: [
        ...priority,
        {
          kind: 'note',
          text: 'High VMs restart first, then Medium (the default), then Low; No auto start VMs stay off.',
        },
      ],
    },
  ];
}

// ---- the stage --------------------------------------------------------------------------------------

/** The region "Cluster summary": nodes up and VMs running, starting, off (they add up). */
export function SummaryRegion<M extends AnyStateMachine, K>({
  text,
}: Pick<StageProps<M, K>, 'text'>) {
  const k = useTextValue(text, (v) => clusterSummary(v as unknown as AvailView));
  return (
    <section className="card avail-summary" aria-label="Cluster summary">
      <h2>Cluster summary</h2>
      <dl>
        <div>
          <dt>Nodes up</dt>
          <dd>
            {k.nodesUp} of {k.nodes}
          </dd>
        </div>
        <div>
          <dt>VMs running</dt>
          <dd>{formatCount(k.running)}</dd>
        </div>
        <div>
          <dt>VMs starting</dt>
          <dd>{formatCount(k.starting)}</dd>
        </div>
        <div>
          <dt>VMs off</dt>
          <dd>{formatCount(k.off)}</dd>
        </div>
      </dl>
      <p className="muted">
        {formatCount(k.vms)} VMs in all
        {k.down.length > 0 ? `; down: ${k.down.join(', ')}` : ''}
        {k.noNetwork > 0 ? `; ${formatCount(k.noNetwork)} running without network` : ''}.
        Priorities: {k.priorities.map((p) => `${formatCount(p.count)} ${p.label}`).join(', ')}.
      </p>
    </section>
  );
}

function Picture<M extends AnyStateMachine, K>({ runner, text, reducedMotion }: StageProps<M, K>) {
  const label = useRunnerValue(runner, (v) => sceneText(v as unknown as AvailView));
  const legend = useTextValue(text, (v) => {
    const s = clusterScene(v as unknown as AvailView);
    return { counts: s.counts, unplaced: s.unplaced };
  });
  return (
    <figure className="card avail-figure">
      <figcaption className="scn-caption">
        Every VM a cell on its node (green running); the bar under each node&apos;s name is its
        memory in use. A VM that restarts or moves travels to its new node.
      </figcaption>
      <ClusterCanvas
        source={runner as unknown as ViewSource}
        label={label}
        animate={!reducedMotion}
      />
      <ClusterLegend counts={legend.counts} unplaced={legend.unplaced} />
    </figure>
  );
}

/** The stage of every availability panel: the picture, then the Cluster summary. */
export function AvailStage<M extends AnyStateMachine, K>(props: StageProps<M, K>) {
  return (
    <div className="stage">
      <Picture {...props} />
      <SummaryRegion text={props.text} />
    </div>
  );
}

/** The overview's miniature of a view. */
export function thumbnailScene(v: AvailView, animate: boolean) {
  return (
    <ClusterCanvas
      source={{ getSnapshot: () => v }}
      view={v}
      label={sceneText(v)}
      animate={animate}
      compact
    />
  );
}

// ---- PowerShell ---------------------------------------------------------------------------------

/** The cluster's heartbeat settings and priorities, then what the panel's failure does by hand. */
export function availPowerShell(kind: AvailKind, input: AvailInput, knobs: AvailKnobs): string {
  const spec: ClusterSpec = input.spec;
  const p = spec.params;
  const lines = ['Import-Module FailoverClusters', 'Get-ClusterNode | Select-Object Name, State'];
  if (kind === 'node')
    lines.push(
      `# Heartbeats: one every ${p.heartbeatDelayMs} ms; ${p.heartbeatThreshold} missed and a node is removed (event 1135)`,
      `(Get-Cluster).SameSubnetDelay = ${p.heartbeatDelayMs}`,
      `(Get-Cluster).SameSubnetThreshold = ${p.heartbeatThreshold}`,
    );
  lines.push(
    '# Restart order: Priority 3000 High, 2000 Medium, 1000 Low, 0 No auto start',
    'Get-ClusterGroup | Select-Object Name, OwnerNode, Priority',
  );
  for (const [id, pr] of Object.entries(knobs.priorities)) {
    const vm = spec.vms.find((v) => v.id === id);
    if (vm) lines.push(`(Get-ClusterGroup -Name "${vm.name}").Priority = ${PRIORITY_VALUE[pr]}`);
  }
  if (kind === 'node') {
    lines.push(
      `# Take ${nodeName(spec, input.target)} out as a test: its cluster service stops, its VMs fail over`,
      `Stop-ClusterNode -Name "${nodeName(spec, input.target)}"`,
    );
  } else {
    const vm = vmNameOf(spec, input.target);
    const home = spec.vms[input.target]?.home ?? 0;
    const to = firstChoice(spec, input.target);
    const other = to >= 0 ? nodeName(spec, to) : 'another node';
    if (kind === 'storage')
      lines.push(
        `# What the cluster does after ${vm}'s disk failed: turn it off, bring it up on another node`,
        `Move-ClusterVirtualMachineRole -Name "${vm}" -Node "${other}" -MigrationType TurnOff`,
      );
    else
      lines.push(
        `# What the cluster does when ${vm}'s network fails on ${nodeName(spec, home)}: live migration`,
        `Move-ClusterVirtualMachineRole -Name "${vm}" -Node "${other}" -MigrationType Live`,
      );
  }
  return lines.join('\n');
}

/** What each kind of failure strikes and how its statechart is named. */
const KIND: Record<
  AvailKind,
  { faults: readonly { type: string; label: string }[]; chart: string; target: string }
> = {
  node: { faults: NODE_FAULTS, chart: 'Node failure statechart', target: DEFAULT_TARGET.node },
  storage: {
    faults: STORAGE_FAULTS,
    chart: 'Storage failure statechart',
    target: DEFAULT_TARGET.vm,
  },
  network: {
    faults: NETWORK_FAULTS,
    chart: 'Network failure statechart',
    target: DEFAULT_TARGET.vm,
  },
};

/**
 * The part of an availability panel's definition that follows from its kind: knobs, input,
 * settings, picture, PowerShell and thumbnail (`availPanel` adds the panel's meta, machine and
 * questions).
 */
function availDefinition<M extends AnyStateMachine>(
  kind: AvailKind,
  selectors: PanelSelectors<M>,
): Omit<PanelDefinition<M, AvailKnobs>, 'meta' | 'machine' | 'questions'> {
  const k = KIND[kind];
  return {
    knobs: { ...DEFAULT_KNOBS, target: k.target },
    // A new seed or VM count is a new cluster: per-VM settings start again.
    resetKnobs: { on: ['vms', 'seed'], keys: ['priorities', 'unprotected', 'priorityVm'] },
    input: (values, knobs) => availInput(kind, values, knobs) as InputFrom<M>,
    // The kind names the machine, so its fault events are the machine's own.
    views: processViews(selectors, k.chart, k.faults as ProcessViews<M>['faults']),
    settings: ({ knobs, input }) => availSettings(kind, knobs, input as AvailInput),
    Stage: AvailStage,
    powershell: ({ input, knobs }) => availPowerShell(kind, input as AvailInput, knobs),
    thumbnail: {
      speed: 4,
      scene: (v, animate) => thumbnailScene(v as unknown as AvailView, animate),
    },
  };
}

/**
 * An availability panel's selectors and definition. The three panels differ only in their kind,
 * machine, meta and questions (and node failure's name for the poster step its restart waves
 * share, `stepTitles`), so everything else is built here once.
 */
export function availPanel<M extends AnyStateMachine>(
  kind: AvailKind,
  machine: M,
  meta: PanelMeta,
  questions: readonly Question<M, AvailKnobs>[],
  stepTitles?: Record<number, string>,
) {
  const selectors = {
    ...availFamily(machine, kind, stepTitles),
    clusterSummary,
    inventory,
    results,
    stepDetail,
  };
  const definition: PanelDefinition<M, AvailKnobs> = {
    meta,
    machine,
    questions,
    ...availDefinition<M>(kind, selectors),
  };
  return { selectors, definition };
}
