import { useState } from 'react';
import type { ParamValues } from '../../app/url';
import { MOVE_FAULTS } from '../../machines/faults';
import { liveMigration2008r2Machine as machine } from '../../machines/liveMigration2008r2.machine';
import type { SimRunner } from '../../sim/runner';
import { MemoryGrid, MigrationScene, RoundsChart } from '../../views/scene';
import { DestinationCpuKnob } from '../kit/knobs';
import { createRunnerAt, type ProcessViews, RunPanel } from '../kit/RunPanel';
import { useRunnerView } from '../kit/useRunner';
import { useScenarioRunner } from '../kit/useScenarioRunner';
import type { PanelProps } from '../types';
import { buildInput, DEFAULT_KNOBS, type Knobs, SCENARIO_PARAMS } from './scenario';
import { sceneProps } from './scene';
import {
  CHART,
  copyMoment,
  grid,
  gridLabel,
  inventory,
  narration,
  results,
  STEPS,
  stepDetail,
  succeeded,
} from './selectors';

type Runner = SimRunner<typeof machine>;

/** A runner for the scenario; a deep link's `t` opens the run at that moment, paused. */
export function createRunner(values: ParamValues, knobs: Knobs): Runner {
  return createRunnerAt(machine, buildInput(values, knobs), values.t);
}

export const VIEWS: ProcessViews<typeof machine> = {
  steps: STEPS,
  chart: CHART,
  chartTitle: 'Live migration statechart',
  faults: MOVE_FAULTS,
  startLabel: 'Start live migration',
  succeeded,
  narration,
  stepDetail,
  results,
  inventory,
  log: (v) => v.snapshot.context.log,
};

function Stage({ runner, reducedMotion }: { runner: Runner; reducedMotion: boolean }) {
  const v = useRunnerView(runner);
  const g = grid(v);
  const plan = v.snapshot.context.plan.precopy;
  const moment = copyMoment(v);
  return (
    <div className="stage">
      <MigrationScene {...sceneProps(v, g)} animate={!reducedMotion} />
      <div className="stage-row">
        <figure className="card memory-card">
          <figcaption>
            VM memory, {v.snapshot.context.params.memoryMiB} MiB in 4 KiB pages
          </figcaption>
          <MemoryGrid
            cells={g.cells}
            columns={32}
            label={gridLabel(v, g)}
            animate={!reducedMotion}
          />
        </figure>
        <figure className="card rounds-card">
          <RoundsChart
            rounds={plan.rounds}
            currentIndex={moment.round}
            progress={moment.fraction}
            animate={!reducedMotion}
            downtimeTargetS={v.snapshot.context.params.downtimeMs / 1000}
          />
        </figure>
      </div>
    </div>
  );
}

function ClusterKnobs({ knobs, onChange }: { knobs: Knobs; onChange: (k: Knobs) => void }) {
  return (
    <fieldset className="card knobs">
      <legend>Cluster set-up (try breaking a requirement)</legend>
      <DestinationCpuKnob
        value={knobs.destinationCpuVendor}
        onChange={(v) => onChange({ ...knobs, destinationCpuVendor: v })}
      />
      <label>
        <input
          type="checkbox"
          checked={knobs.destinationClustering}
          onChange={(e) => onChange({ ...knobs, destinationClustering: e.target.checked })}
        />{' '}
        Failover Clustering on HV-B
      </label>
      <label>
        VM disk{' '}
        <select
          value={knobs.diskKind}
          onChange={(e) => onChange({ ...knobs, diskKind: e.target.value as Knobs['diskKind'] })}
        >
          <option value="vhd">VHD on the Cluster Shared Volume</option>
          <option value="passthrough">Pass-through disk</option>
        </select>
      </label>
    </fieldset>
  );
}

const POWERSHELL = `Import-Module FailoverClusters\nMove-ClusterVirtualMachineRole -Name "SQL01" -Node "HV-B"`;

/** The classic live migration panel (CATALOG 4.2). */
export function Panel(props: PanelProps) {
  const [knobs, setKnobs] = useState<Knobs>(DEFAULT_KNOBS);
  // The run restarts when the scenario changes; playback parameters (speed, t) do not restart it.
  const runner = useScenarioRunner(props.values, SCENARIO_PARAMS, knobs, createRunner);
  return (
    <RunPanel
      {...props}
      runner={runner}
      views={VIEWS}
      scenarioParams={SCENARIO_PARAMS}
      stage={<Stage runner={runner} reducedMotion={props.reducedMotion} />}
      settings={<ClusterKnobs knobs={knobs} onChange={setKnobs} />}
      powershell={POWERSHELL}
    />
  );
}
