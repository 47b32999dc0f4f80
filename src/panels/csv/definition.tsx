/** Cluster Shared Volumes: the coordinator, direct and redirected I/O, failover (CATALOG 2.2). */
import {
  CSV_FAULTS,
  type CsvMachine as M,
  csvMachine as machine,
} from '../../machines/csv.machine';
import { CSV_DEFAULT_TARGET, CSV_VOLUME, coordinatorOf, csvInput } from '../../model/csv';
import type { ParamValues } from '../../model/parameters';
import { knob, type PanelDefinition, processViews, type StageProps } from '../kit/definition';
import { paramRecord } from '../kit/params';
import { useTextValue } from '../kit/textRate';
import { useRunnerValue } from '../kit/useRunner';
import { CsvScene } from './CsvScene';
import { meta } from './meta';
import { questions } from './questions';
import * as selectors from './selectors';
import { sceneData, type View, volumeView } from './selectors';
import './csv.css';

export interface Knobs {
  /** The node "Fail node storage path" and "Fail node" hit. */
  target: string;
}

export function buildInput(values: ParamValues, knobs: Knobs) {
  return csvInput(paramRecord(values, meta.scenarioParams), knobs.target);
}

function Picture({ runner, reducedMotion }: StageProps<M, Knobs>) {
  const data = useRunnerValue(runner, (v: View) => sceneData(v));
  return <CsvScene {...data} animate={!reducedMotion} />;
}

/** CONTRACT: a region "Cluster Shared Volume" naming the coordinator and each node's I/O mode. */
function VolumeRegion({ text }: StageProps<M, Knobs>) {
  const vol = useTextValue(text, (v: View) => volumeView(v));
  return (
    <section className="card csv-region" aria-label="Cluster Shared Volume">
      <h2>Cluster Shared Volume</h2>
      <p>
        {vol.name} ({vol.path}). Coordinator: {vol.coordinator}
        {vol.takingOver ? ' (taking over; I/O queued meanwhile)' : ''}
        {vol.online ? '' : ' (the volume is offline)'}
      </p>
      <dl className="csv-modes">
        {vol.nodes.map((n) => (
          <div key={n.id} className="csv-mode-row">
            <dt>{n.name}</dt>
            <dd>{n.mode}</dd>
            <dd className="csv-mode-note">
              {n.coordinator ? 'coordinator; ' : ''}
              {n.note}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Stage(props: StageProps<M, Knobs>) {
  return (
    <div className="stage">
      <Picture {...props} />
      <VolumeRegion {...props} />
    </div>
  );
}

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  knobs: { target: CSV_DEFAULT_TARGET },
  input: buildInput,
  views: processViews(selectors, 'Cluster Shared Volume statechart', CSV_FAULTS),
  settings: ({ knobs, input }) => {
    const w = input.world;
    const coord = coordinatorOf(w);
    return [
      {
        legend: 'Faults',
        fields: [
          knob.select(
            knobs,
            'target',
            'Node the path and node faults hit',
            Object.values(w.hosts).map((h) => ({
              value: h.id,
              label: h.id === coord ? `${h.name} (the coordinator at the start)` : h.name,
            })),
          ),
          {
            kind: 'note',
            text: '\u201cFail coordinator node\u201d always hits the node that is coordinator at that moment.',
          },
        ],
      },
    ];
  },
  Stage,
  questions,
  powershell: ({ input }) => {
    const w = input.world;
    const vol = w.storage[CSV_VOLUME]?.name ?? 'Cluster Disk 1';
    const target = w.hosts[input.target]?.name ?? input.target;
    return [
      'Import-Module FailoverClusters',
      '# The coordinator: the node that owns the volume',
      `Get-ClusterSharedVolume -Name "${vol}" | Select-Object Name, OwnerNode, State`,
      '# Each node\u2019s I/O to it: Direct, or FileSystemRedirected once its path is lost',
      '# (Get-ClusterSharedVolumeState: Windows Server 2012 R2 and later)',
      `Get-ClusterSharedVolumeState -Name "${vol}" |`,
      '  Format-Table Node, StateInfo, FileSystemRedirectedIOReason',
      `# Hand the coordinator role to ${target} by hand`,
      `Move-ClusterSharedVolume -Name "${vol}" -Node "${target}"`,
    ].join('\n');
  },
  thumbnail: {
    speed: 8,
    scene: (v, animate) => <CsvScene {...sceneData(v)} animate={animate} compact />,
  },
};
