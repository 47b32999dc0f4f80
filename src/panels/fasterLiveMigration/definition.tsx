/** The faster live migration panel (CATALOG 4.7): four options side by side, in lock step. */
import { useMemo } from 'react';
import {
  type FasterLiveMigrationMachine as M,
  fasterLiveMigrationMachine as machine,
} from '../../machines/fasterLiveMigration.machine';
import { MOVE_FAULTS } from '../../machines/faults';
import {
  type ComparisonParams,
  fastestOption,
  GUIDANCE_THRESHOLD_GBPS,
  guidanceFor,
  OPTION_KINDS,
  OPTION_LABELS,
  type OptionKind,
} from '../../model/fasterLiveMigration';
import { NUMERIC_PARAMS, type ParamValues } from '../../model/parameters';
import { DataTable } from '../../views/controls';
import { CrossoverChart, LANE_RACE_CAPTION, LaneRace } from '../../views/scene';
import { type PanelDefinition, type StageProps, worldName } from '../kit/definition';
import type { ProcessViews } from '../kit/RunPanel';
import { useTextValue } from '../kit/textRate';
import { nowOf, useRunnerValue } from '../kit/useRunner';
import { CHART, STEPS } from '../liveMigration2008r2/selectors';
import { meta } from './meta';
import { questions } from './questions';
import { buildInput, comparisonParams, rdmaOf } from './scenario';
import {
  COMPARISON_COLUMNS,
  comparison,
  crossoverData,
  inventory,
  log,
  makeSelectors,
  raceLanes,
  raceMaxS,
  type View,
} from './selectors';

export interface Knobs {
  /** The option the Steps, statechart and Results follow; null = the poster's recommendation. */
  follow: OptionKind | null;
}

/** The option followed: the learner's choice, else the poster's guidance for the link speed. */
export function followedOption(knobs: Knobs, values: ParamValues): OptionKind {
  return knobs.follow ?? guidanceFor(comparisonParams(values).linkGbps, rdmaOf(values));
}

export function makeViews(followed: OptionKind): ProcessViews<M> {
  const s = makeSelectors(followed);
  return {
    steps: STEPS,
    chart: CHART,
    chartTitle: `Live migration statechart (${OPTION_LABELS[followed]})`,
    faults: MOVE_FAULTS,
    succeeded: s.succeeded,
    narration: s.narration,
    stepDetail: s.stepDetail,
    results: s.results,
    inventory,
    log,
    stepView: (v) => s.followedView(v) as never,
  };
}

function Race({
  runner,
  followed,
  rdma,
}: {
  runner: StageProps<M, Knobs>['runner'];
  followed: OptionKind;
  rdma: boolean;
}) {
  // Selected apart: the lanes (names, plans, status) keep their identity while the clock runs, so
  // the race redraws only its progress each frame.
  const lanes = useRunnerValue(runner, (x: View) => raceLanes(x, followed, rdma));
  const now = useRunnerValue(runner, nowOf);
  const maxS = useRunnerValue(runner, raceMaxS);
  return <LaneRace lanes={lanes} now={now} maxS={maxS} />;
}

function Stage({ runner, values, knobs }: StageProps<M, Knobs>) {
  const rdma = rdmaOf(values);
  const params = runner.getSnapshot().snapshot.context.params;
  return (
    <div className="stage">
      <figure className="card">
        <figcaption className="scn-caption">
          {LANE_RACE_CAPTION}: blue bars are memory copy rounds (the first copies everything), the
          orange bar is the final copy while the VM is paused, green is the handoff and the switch
          update. ★ marks the poster's recommendation.
        </figcaption>
        <Race runner={runner} followed={followedOption(knobs, values)} rdma={rdma} />
      </figure>
      <Guidance params={params} rdma={rdma} />
    </div>
  );
}

function Guidance({ params, rdma }: { params: ComparisonParams; rdma: boolean }) {
  const data = useMemo(() => crossoverData(params, rdma), [params, rdma]);
  const recommended = guidanceFor(params.linkGbps, rdma);
  const kinds = OPTION_KINDS.filter((k) => rdma || k !== 'smb-direct');
  const fastest = fastestOption(params, kinds);
  return (
    <div className="stage-row">
      <figure className="card">
        <figcaption>Where the figures cross over (computed from the model)</figcaption>
        <CrossoverChart {...data} currentGbps={params.linkGbps} />
      </figure>
      <section className="card" aria-labelledby="flm-guidance" data-presenter-omit>
        <h2 id="flm-guidance">The poster's guidance</h2>
        <p>
          Below {GUIDANCE_THRESHOLD_GBPS} Gb/s the network is the bottleneck: use{' '}
          <strong>compression</strong>, which spends spare CPU to send less. At{' '}
          {GUIDANCE_THRESHOLD_GBPS} Gb/s and above use <strong>SMB Direct</strong> (RDMA adapters,
          almost no CPU) or <strong>SMB Multichannel</strong> (several adapters at once).
        </p>
        <p>
          At {params.linkGbps} Gb/s per adapter the poster recommends{' '}
          <strong>{OPTION_LABELS[recommended]}</strong>. With these settings the fastest is{' '}
          <strong>{OPTION_LABELS[fastest]}</strong>
          {fastest === recommended
            ? '.'
            : ' (the rule of thumb and these figures differ: look at the adapters, spare cores and compression ratio).'}
        </p>
        {data.crossovers.length > 0 ? (
          <ul>
            {data.crossovers.map((c) => (
              <li key={c.text}>
                {c.text} at {c.linkGbps.toFixed(c.linkGbps >= 10 ? 0 : 1)} Gb/s
              </li>
            ))}
          </ul>
        ) : (
          <p>No crossover between 0.1 and 100 Gb/s: the same option is fastest everywhere.</p>
        )}
      </section>
    </div>
  );
}

/** The figures each option reached, one row an option (the shared named table). */
function ComparisonTable({ text }: StageProps<M, Knobs>) {
  const rows = useTextValue(text, comparison);
  const [, ...figures] = COMPARISON_COLUMNS;
  return (
    <DataTable
      label="Comparison"
      columns={COMPARISON_COLUMNS}
      rows={rows.map((r) => [r.option, ...figures.map((f) => r.cells[f])])}
      keys={rows.map((r) => r.kind)}
    />
  );
}

const PERFORMANCE_OPTION: Record<OptionKind, string> = {
  tcp: 'TCPIP',
  compression: 'Compression',
  'smb-multichannel': 'SMB',
  'smb-direct': 'SMB',
};

export function powershellFor(
  kind: OptionKind,
  nics: number,
  names: { vm: string; source: string; destination: string },
): string {
  const note: Record<OptionKind, string> = {
    tcp: '# Plain TCP/IP: one connection, no compression',
    compression: '# Compression: uses only the CPU the VMs leave spare',
    'smb-multichannel': `# SMB Multichannel: spreads the copy over all ${nics} live migration adapters`,
    'smb-direct': '# SMB Direct: used automatically when the adapters are RDMA-capable',
  };
  return [
    note[kind],
    `Set-VMHost -ComputerName "${names.source}","${names.destination}" -VirtualMachineMigrationPerformanceOption ${PERFORMANCE_OPTION[kind]}`,
    `Move-VM -Name "${names.vm}" -ComputerName "${names.source}" -DestinationHost "${names.destination}"`,
  ].join('\n');
}

const THUMB_FOLLOWED = guidanceFor(NUMERIC_PARAMS.linkGbps.default, true);

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  knobs: { follow: null },
  // Which option the views follow does not change the run.
  runKnobs: () => null,
  input: (values) => buildInput(values),
  views: ({ knobs, values }) => makeViews(followedOption(knobs, values)),
  settings: ({ knobs, values }) => [
    {
      legend: 'Adapters and results',
      fields: [
        {
          kind: 'checkbox',
          label: 'RDMA-capable adapters (SMB Direct needs them)',
          checked: rdmaOf(values),
          onChange: (rdma) => ({ values: { ...values, rdma } }),
        },
        {
          kind: 'select',
          label: 'Results follow',
          value: followedOption(knobs, values),
          options: OPTION_KINDS.map((k) => ({ value: k, label: OPTION_LABELS[k] })),
          onChange: (k) => ({ knobs: { follow: k as OptionKind } }),
        },
      ],
    },
  ],
  Stage,
  questions,
  Below: ComparisonTable,
  powershell: ({ knobs, values, input }) => {
    const w = input.lanes[0]?.world;
    const name = (id: string) => (w ? worldName(w, id) : id);
    return powershellFor(followedOption(knobs, values), comparisonParams(values).nics, {
      vm: name(input.vm),
      source: name(input.source),
      destination: name(input.destination),
    });
  },
  thumbnail: {
    speed: 2,
    scene: (v) => (
      <LaneRace lanes={raceLanes(v, THUMB_FOLLOWED, true)} now={v.now} maxS={raceMaxS(v)} />
    ),
  },
};
