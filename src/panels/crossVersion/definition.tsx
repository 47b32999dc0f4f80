/** The cross-version live migration and in-place upgrade panel (CATALOG 4.8). */

import { crossVersionMachineFor, type CrossVersionMachine as M } from '../../machines/crossVersion';
import { MOVE_FAULTS } from '../../machines/faults';
import {
  type CrossVersionScenario,
  planRollingUpgrade,
  SCENARIO_LABELS,
} from '../../model/crossVersion';
import { crossVersionInput } from '../../model/inputs';
import { type ParamValues, paramValue } from '../../model/parameters';
import { HostsScene } from '../../views/scene';
import { knob, type PanelDefinition, type StageProps, worldName } from '../kit/definition';
import { paramRecord } from '../kit/params';
import type { ProcessViews } from '../kit/RunPanel';
import { useRunnerValue } from '../kit/useRunner';
import { meta } from './meta';
import { questions } from './questions';
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

export interface Knobs {
  scenario: CrossVersionScenario;
}

export function buildInput(values: ParamValues, scenario: CrossVersionScenario) {
  return crossVersionInput(
    scenario,
    paramRecord(values, meta.scenarioParams),
    paramValue(values, 'seed'),
  );
}

const START_LABELS: Record<CrossVersionScenario, string> = {
  live: 'Start live migration',
  reverse: 'Start live migration',
  rolling: 'Start rolling upgrade',
  inPlace: 'Start in-place upgrade',
};

export function makeViews(scenario: CrossVersionScenario): ProcessViews<M> {
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

export function powershellFor(
  input: ReturnType<typeof buildInput>,
  scenario: CrossVersionScenario,
): string {
  const w = input.world;
  const name = (id: string) => worldName(w, id);
  const move = `Move-VM -Name "${name(input.vm)}" -ComputerName "${name(input.source)}" -DestinationHost "${name(input.destination)}"`;
  switch (scenario) {
    case 'live':
      return move;
    case 'reverse':
      return `# Refused: live migration goes only to the same or a newer version\n${move}`;
    case 'inPlace':
      return [
        `Save-VM -Name "${name(input.vm)}" -ComputerName "${name(input.source)}"`,
        `# Upgrade ${name(input.source)} to Windows Server 2012 R2 (Setup, keeping files and settings)`,
        `Start-VM -Name "${name(input.vm)}" -ComputerName "${name(input.source)}"`,
      ].join('\n');
    case 'rolling': {
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

function Scene({ runner }: { runner: StageProps<M, Knobs>['runner'] }) {
  const props = useRunnerValue(runner, (x: View) => scene(x));
  return <HostsScene {...props} />;
}

function Stage({ runner }: StageProps<M, Knobs>) {
  return (
    <div className="stage">
      <figure className="card">
        <figcaption className="scn-caption">
          Hosts and their Windows Server version (2012 R2 outlined in blue), their VMs, the live
          migration network and the share with every VM's files
        </figcaption>
        <Scene runner={runner} />
      </figure>
    </div>
  );
}

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine: (knobs) => crossVersionMachineFor(knobs.scenario),
  knobs: { scenario: 'live' },
  input: (values, knobs) => buildInput(values, knobs.scenario),
  views: ({ knobs }) => makeViews(knobs.scenario),
  settings: ({ knobs }) => [
    {
      legend: 'Scenario',
      fields: [
        knob.radio(
          knobs,
          'scenario',
          'Scenario',
          'cross-version-scenario',
          (Object.keys(SCENARIO_LABELS) as CrossVersionScenario[]).map((s) => ({
            value: s,
            label: SCENARIO_LABELS[s],
          })),
        ),
      ],
    },
  ],
  Stage,
  questions,
  powershell: ({ input, knobs }) => powershellFor(input, knobs.scenario),
  thumbnail: { speed: 4, scene: (v) => <HostsScene {...scene(v)} /> },
};
