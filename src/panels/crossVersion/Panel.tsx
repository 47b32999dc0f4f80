import { useMemo, useState } from 'react';
import type { ParamValues } from '../../app/url';
import { crossVersionInput } from '../../machines/crossVersion.fixture';
import {
  type CrossVersionMachine,
  crossVersionMachine as machine,
} from '../../machines/crossVersion.machine';
import { MOVE_FAULTS } from '../../machines/faults';
import {
  type CrossVersionScenario,
  planRollingUpgrade,
  SCENARIO_LABELS,
} from '../../model/crossVersion';
import { NUMERIC_PARAMS, type NumericParamName } from '../../model/parameters';
import type { SimRunner } from '../../sim/runner';
import { HostsScene } from '../../views/scene';
import { createRunnerAt, type ProcessViews, RunPanel, scenarioKey } from '../kit/RunPanel';
import { useRunnerValue } from '../kit/useRunner';
import type { PanelProps } from '../types';
import {
  chartOf,
  inventory,
  narration,
  results,
  scene,
  stepDetail,
  stepsFor,
  succeeded,
  type View,
} from './selectors';

type Runner = SimRunner<CrossVersionMachine>;

export const SCENARIO_PARAMS = [
  'memoryMiB',
  'dirtyMiBps',
  'wwsMiB',
  'linkGbps',
  'downtimeMs',
  'maxRounds',
] as const satisfies readonly NumericParamName[];

const value = (values: ParamValues, n: NumericParamName) => values[n] ?? NUMERIC_PARAMS[n].default;

export function buildInput(values: ParamValues, scenario: CrossVersionScenario) {
  return crossVersionInput(
    scenario,
    Object.fromEntries(SCENARIO_PARAMS.map((n) => [n, value(values, n)])),
    value(values, 'seed'),
  );
}

export function createRunner(values: ParamValues, scenario: CrossVersionScenario): Runner {
  return createRunnerAt(machine, buildInput(values, scenario), values.t);
}

const START_LABELS: Record<CrossVersionScenario, string> = {
  live: 'Start live migration',
  reverse: 'Start live migration',
  rolling: 'Start rolling upgrade',
  inPlace: 'Start in-place upgrade',
};

export function makeViews(scenario: CrossVersionScenario): ProcessViews<CrossVersionMachine> {
  return {
    steps: stepsFor(scenario),
    chart: chartOf(scenario),
    chartTitle: `Statechart: ${SCENARIO_LABELS[scenario]}`,
    faults: MOVE_FAULTS,
    startLabel: START_LABELS[scenario],
    succeeded,
    narration,
    stepDetail,
    results,
    inventory,
    log: (v) => v.snapshot.context.log,
  };
}

export function powershellFor(values: ParamValues, scenario: CrossVersionScenario): string {
  switch (scenario) {
    case 'live':
      return 'Move-VM -Name "SQL01" -ComputerName "HV-2012" -DestinationHost "HV-R2"';
    case 'reverse':
      return '# Refused: live migration goes only to the same or a newer version\nMove-VM -Name "SQL01" -ComputerName "HV-R2" -DestinationHost "HV-2012"';
    case 'inPlace':
      return [
        'Save-VM -Name "SQL01" -ComputerName "HV-2012"',
        '# Upgrade HV-2012 to Windows Server 2012 R2 (Setup, keeping files and settings)',
        'Start-VM -Name "SQL01" -ComputerName "HV-2012"',
      ].join('\n');
    case 'rolling': {
      const input = buildInput(values, 'rolling');
      const w = input.world;
      const name = (id: string) => w.hosts[id]?.name ?? id;
      return planRollingUpgrade(w, input.params)
        .map((a) =>
          a.kind === 'migrate'
            ? `Move-VM -Name "${w.vms[a.vm]?.name}" -ComputerName "${name(a.from)}" -DestinationHost "${name(a.to)}"`
            : `# Upgrade ${name(a.host)} to Windows Server 2012 R2; it now takes VMs`,
        )
        .join('\n');
    }
  }
}

function Stage({ runner, reducedMotion }: { runner: Runner; reducedMotion: boolean }) {
  const props = useRunnerValue(runner, (x: View) => scene(x));
  return (
    <div className="stage">
      <figure className="card">
        <figcaption className="scn-caption">
          Hosts and their Windows Server version (2012 R2 outlined in blue), their VMs, the live
          migration network and the share with every VM's files
        </figcaption>
        <HostsScene {...props} animate={!reducedMotion} />
      </figure>
    </div>
  );
}

function ScenarioChoice({
  scenario,
  onChange,
}: {
  scenario: CrossVersionScenario;
  onChange: (s: CrossVersionScenario) => void;
}) {
  return (
    <fieldset className="card knobs">
      <legend>Scenario</legend>
      {(Object.keys(SCENARIO_LABELS) as CrossVersionScenario[]).map((s) => (
        <label key={s}>
          <input
            type="radio"
            name="cross-version-scenario"
            value={s}
            checked={scenario === s}
            onChange={() => onChange(s)}
          />{' '}
          {SCENARIO_LABELS[s]}
        </label>
      ))}
    </fieldset>
  );
}

/** The cross-version live migration and in-place upgrade panel (CATALOG 4.8). */
export function Panel({ values, errors, onChangeParams, reducedMotion }: PanelProps) {
  const [scenario, setScenario] = useState<CrossVersionScenario>('live');
  const key = scenarioKey(values, SCENARIO_PARAMS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the scenario's values
  const runner = useMemo(() => createRunner(values, scenario), [key, scenario]);
  const views = useMemo(() => makeViews(scenario), [scenario]);
  return (
    <RunPanel
      runner={runner}
      views={views}
      values={values}
      errors={errors}
      onChangeParams={onChangeParams}
      reducedMotion={reducedMotion}
      scenarioParams={SCENARIO_PARAMS}
      stage={<Stage runner={runner} reducedMotion={reducedMotion} />}
      settings={<ScenarioChoice scenario={scenario} onChange={setScenario} />}
      powershell={powershellFor(values, scenario)}
    />
  );
}
