/** Storage Quality of Service, Windows Server 2012 R2 (CATALOG 2.4). */

import { storageQosMachine as machine, QOS_FAULTS } from '../../machines/storageQos.machine';
import { NUMERIC_PARAMS, type ParamValues } from '../../model/parameters';
import { type QosInput, type QosOverrides, qosInput } from '../../model/storageQos';
import { DataTable } from '../../views/controls';
import {
  type KnobField,
  type PanelDefinition,
  processViews,
  type StageProps,
  worldName,
} from '../kit/definition';
import { paramRecord } from '../kit/params';
import { useTextValue } from '../kit/textRate';
import { useRunnerValue } from '../kit/useRunner';
import { meta } from './meta';
import { QosScene } from './QosScene';
import { questions } from './questions';
import * as selectors from './selectors';
import { QOS_COLUMNS, qosRows, scene, type View } from './selectors';
import './storageQos.css';

type M = typeof machine;

/** Per-VM settings beside the URL's (which seed the noisy VM's maximum and the others' minimum). */
export interface Knobs {
  offered: Record<string, number>;
  /** The other VMs' maximums (the noisy VM's is the URL's `maxIops`). */
  max: Record<string, number>;
  min: Record<string, number>;
}

export function buildInput(values: ParamValues, knobs: QosOverrides): QosInput {
  const p = paramRecord(values, meta.scenarioParams);
  return qosInput({ ioSizeKiB: p.ioSizeKiB, maxIops: p.maxIops, minIops: p.minIops }, knobs);
}

const LIMIT = { min: 0, max: NUMERIC_PARAMS.maxIops.max };

/** Each VM's three inputs in a group named by the VM (so "Maximum IOPS" is unique per group). */
function diskFields(values: ParamValues, knobs: Knobs, input: QosInput): KnobField<Knobs>[] {
  return input.disks.map((d) => ({
    kind: 'group',
    legend: worldName(input.world, d.vm),
    fields: [
      {
        kind: 'number',
        label: 'Maximum IOPS',
        value: d.maxIops,
        ...LIMIT,
        // The noisy VM's maximum is the URL's, so a shared link carries the story's cap.
        onChange: (x) =>
          d.vm === input.noisy
            ? { values: { ...values, maxIops: x } }
            : { knobs: { ...knobs, max: { ...knobs.max, [d.vm]: x } } },
      },
      {
        kind: 'number',
        label: 'Minimum IOPS',
        value: d.minIops,
        ...LIMIT,
        onChange: (x) => ({ knobs: { ...knobs, min: { ...knobs.min, [d.vm]: x } } }),
      },
      {
        kind: 'number',
        label: 'Offered IOPS',
        value: d.offeredIops,
        ...LIMIT,
        onChange: (x) => ({ knobs: { ...knobs, offered: { ...knobs.offered, [d.vm]: x } } }),
      },
    ],
  }));
}

function Scene({ runner, reducedMotion }: StageProps<M, Knobs>) {
  const props = useRunnerValue(runner, (v: View) => scene(v));
  return <QosScene {...props} animate={!reducedMotion} />;
}

function Stage(props: StageProps<M, Knobs>) {
  return (
    <div className="stage">
      <figure className="card">
        <figcaption className="scn-caption">
          Each VM&apos;s disk from left to right: the I/O it issues, the host&apos;s count in 8 KB
          units, the throttle queue before its maximum, and what the shared volume serves (the
          volume&apos;s bar: each disk&apos;s share of its capacity)
        </figcaption>
        <Scene {...props} />
      </figure>
    </div>
  );
}

function QosTable({ text }: StageProps<M, Knobs>) {
  const rows = useTextValue(text, qosRows);
  return (
    <section className="card">
      <DataTable
        label="Storage QoS"
        columns={QOS_COLUMNS}
        rows={rows.map((r) => QOS_COLUMNS.map((c) => r.cells[c]))}
        keys={rows.map((r) => r.vm)}
      />
    </section>
  );
}

/**
 * The limits of each VM's disk, then how to watch them. Long commands go on two lines (PowerShell's
 * backtick continues a line) so the card needs no sideways scrolling.
 */
export function powershellFor(input: QosInput): string {
  const w = input.world;
  const name = (id: string) => worldName(w, id);
  const all = input.disks.map((d) => `"${name(d.vm)}"`).join(', ');
  const limited = input.disks.filter((d) => d.maxIops > 0 || d.minIops > 0);
  return [
    `# Storage QoS on ${name(input.host)}: normalized IOPS (8 KB units), 0 = no limit`,
    ...limited.map(
      (d) =>
        `Set-VMHardDiskDrive -VMName "${name(d.vm)}" -ControllerType SCSI \`\n  -ControllerNumber 0 -ControllerLocation 0 -MaximumIOPS ${d.maxIops} -MinimumIOPS ${d.minIops}`,
    ),
    `$vms = ${all}`,
    'Get-VMHardDiskDrive -VMName $vms | Select-Object VMName, MaximumIOPS, MinimumIOPS',
    'Enable-VMResourceMetering -VMName $vms',
    'Measure-VM -VMName $vms |',
    '  Select-Object VMName, AggregatedAverageNormalizedIOPS, AggregatedAverageLatency',
  ].join('\n');
}

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  knobs: { offered: {}, max: {}, min: {} },
  // A new minimum in the URL sets every disk's minimum again.
  resetKnobs: { on: ['minIops'], keys: ['min'] },
  input: buildInput,
  views: processViews(selectors, 'Storage QoS statechart', QOS_FAULTS),
  settings: ({ values, knobs, input }) => [
    {
      legend: 'Storage QoS per virtual disk (normalized IOPS; 0 = no limit)',
      className: 'qos-disks',
      fields: [
        ...diskFields(values, knobs, input),
        {
          kind: 'note',
          text: 'Offered IOPS are the I/Os per second the VM issues, each of its I/O size; the host counts them in 8 KB units.',
        },
      ],
    },
  ],
  Stage,
  questions,
  Below: QosTable,
  powershell: ({ input }) => powershellFor(input),
  thumbnail: {
    speed: 2,
    scene: (v, animate) => <QosScene {...scene(v)} animate={animate} compact />,
  },
};
