import { useMemo, useState } from 'react';
import type { ParamValues } from '../../app/url';
import {
  type FasterLiveMigrationMachine,
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
import type { SimRunner } from '../../sim/runner';
import { CrossoverChart, LANE_RACE_CAPTION, LaneRace } from '../../views/scene';
import { createRunnerAt, type ProcessViews, RunPanel, scenarioKey } from '../kit/RunPanel';
import { useRunnerValue } from '../kit/useRunner';
import { CHART, STEPS } from '../liveMigration2008r2/selectors';
import type { PanelProps } from '../types';
import { buildInput, comparisonParams, rdmaOf, SCENARIO_PARAMS } from './scenario';
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

type Runner = SimRunner<FasterLiveMigrationMachine>;

/** A runner for the scenario; a deep link's `t` opens the run at that moment, paused. */
export function createRunner(values: ParamValues): Runner {
  return createRunnerAt(machine, buildInput(values), values.t);
}

export function makeViews(followed: OptionKind): ProcessViews<FasterLiveMigrationMachine> {
  const s = makeSelectors(followed);
  return {
    steps: STEPS,
    chart: CHART,
    chartTitle: `Live migration statechart (${OPTION_LABELS[followed]})`,
    faults: MOVE_FAULTS,
    startLabel: 'Start live migrations',
    succeeded: s.succeeded,
    narration: s.narration,
    stepDetail: s.stepDetail,
    results: s.results,
    inventory,
    log,
    stepView: (v) => s.followedView(v) as never,
  };
}

function Stage({
  runner,
  reducedMotion,
  followed,
  rdma,
}: {
  runner: Runner;
  reducedMotion: boolean;
  followed: OptionKind;
  rdma: boolean;
}) {
  const race = useRunnerValue(runner, (x: View) => ({
    lanes: raceLanes(x, followed, rdma),
    now: x.now,
    maxS: raceMaxS(x),
  }));
  const params = runner.getSnapshot().snapshot.context.params;
  return (
    <div className="stage">
      <figure className="card">
        <figcaption className="scn-caption">
          {LANE_RACE_CAPTION}: blue bars are memory copy rounds (the first copies everything), the
          orange bar is the final copy while the VM is paused, green is the handoff and the switch
          update. ★ marks the poster's recommendation.
        </figcaption>
        <LaneRace {...race} animate={!reducedMotion} />
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
      <section className="card" aria-labelledby="flm-guidance">
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

function ComparisonTable({ runner }: { runner: Runner }) {
  const rows = useRunnerValue(runner, comparison);
  return (
    <section className="card">
      <table className="ctl-table" aria-label="Comparison">
        <caption>Comparison</caption>
        <thead>
          <tr>
            {COMPARISON_COLUMNS.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.kind} data-outcome={r.note}>
              <th scope="row">{r.option}</th>
              <td>{r.cells['Total time']}</td>
              <td>{r.cells.Downtime}</td>
              <td>{r.cells.Rounds}</td>
              <td>{r.cells['Data sent']}</td>
              <td>{r.cells['CPU used']}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const PERFORMANCE_OPTION: Record<OptionKind, string> = {
  tcp: 'TCPIP',
  compression: 'Compression',
  'smb-multichannel': 'SMB',
  'smb-direct': 'SMB',
};

export function powershellFor(kind: OptionKind, nics: number): string {
  const note: Record<OptionKind, string> = {
    tcp: '# Plain TCP/IP: one connection, no compression',
    compression: '# Compression: uses only the CPU the VMs leave spare',
    'smb-multichannel': `# SMB Multichannel: spreads the copy over all ${nics} live migration adapters`,
    'smb-direct': '# SMB Direct: used automatically when the adapters are RDMA-capable',
  };
  return [
    note[kind],
    `Set-VMHost -ComputerName "HV-A","HV-B" -VirtualMachineMigrationPerformanceOption ${PERFORMANCE_OPTION[kind]}`,
    'Move-VM -Name "SQL01" -ComputerName "HV-A" -DestinationHost "HV-B"',
  ].join('\n');
}

function Settings({
  values,
  onChangeParams,
  followed,
  onFollow,
}: {
  values: ParamValues;
  onChangeParams: (v: ParamValues) => void;
  followed: OptionKind;
  onFollow: (k: OptionKind) => void;
}) {
  return (
    <fieldset className="card knobs">
      <legend>Adapters and results</legend>
      <label>
        <input
          type="checkbox"
          checked={rdmaOf(values)}
          onChange={(e) => onChangeParams({ ...values, rdma: e.target.checked, t: undefined })}
        />{' '}
        RDMA-capable adapters (SMB Direct needs them)
      </label>
      <label>
        Results follow{' '}
        <select value={followed} onChange={(e) => onFollow(e.target.value as OptionKind)}>
          {OPTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {OPTION_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

/** The faster live migration panel (CATALOG 4.7). */
export function Panel({ values, errors, onChangeParams, reducedMotion }: PanelProps) {
  const key = scenarioKey(values, [...SCENARIO_PARAMS, 'rdma']);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the scenario's values
  const runner = useMemo(() => createRunner(values), [key]);
  const rdma = rdmaOf(values);
  const params = comparisonParams(values);
  const [choice, setChoice] = useState<OptionKind | null>(null);
  const followed = choice ?? guidanceFor(params.linkGbps, rdma);
  const views = useMemo(() => makeViews(followed), [followed]);
  return (
    <RunPanel
      runner={runner}
      views={views}
      values={values}
      errors={errors}
      onChangeParams={onChangeParams}
      reducedMotion={reducedMotion}
      scenarioParams={SCENARIO_PARAMS}
      stage={
        <Stage runner={runner} reducedMotion={reducedMotion} followed={followed} rdma={rdma} />
      }
      below={<ComparisonTable runner={runner} />}
      settings={
        <Settings
          values={values}
          onChangeParams={onChangeParams}
          followed={followed}
          onFollow={setChoice}
        />
      }
      powershell={powershellFor(followed, params.nics)}
    />
  );
}
