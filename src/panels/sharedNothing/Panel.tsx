import { useState } from 'react';
import type { ParamValues } from '../../app/url';
import { MOVE_FAULTS } from '../../machines/faults';
import { sharedNothingMachine as machine } from '../../machines/sharedNothing.machine';
import { CHOICE_LABELS, type SharedNothingChoice } from '../../model/sharedNothing';
import { describeLocation } from '../../model/vmFiles';
import type { SimRunner } from '../../sim/runner';
import { DiskCopyStage, VmFilesTable } from '../kit/DiskMoveViews';
import { DestinationCpuKnob } from '../kit/knobs';
import { createRunnerAt, type ProcessViews, RunPanel } from '../kit/RunPanel';
import { useScenarioRunner } from '../kit/useScenarioRunner';
import type { PanelProps } from '../types';
import {
  buildInput,
  DEFAULT_KNOBS,
  fileRows,
  type Knobs,
  powershell,
  SCENARIO_PARAMS,
} from './scenario';
import { sceneProps } from './scene';
import { CHART, inventory, narration, results, STEPS, stepDetail, succeeded } from './selectors';

type Runner = SimRunner<typeof machine>;

export function createRunner(values: ParamValues, knobs: Knobs): Runner {
  return createRunnerAt(machine, buildInput(values, knobs), values.t);
}

export const VIEWS: ProcessViews<typeof machine> = {
  steps: STEPS,
  chart: CHART,
  chartTitle: 'Shared-nothing live migration statechart',
  faults: MOVE_FAULTS,
  startLabel: 'Start live migration',
  succeeded,
  narration,
  stepDetail,
  results,
  inventory,
  log: (v) => v.snapshot.context.log,
};

function FilesTable({ runner }: { runner: Runner }) {
  const input = runner.input;
  const w = input.world;
  const rows = fileRows(input).map((r) => ({
    component: r.component,
    from: describeLocation(w, r.from),
    to: input.choice === 'vm-only' ? 'stays on the share' : describeLocation(w, r.to),
  }));
  return <VmFilesTable titleId="sn-files-title" rows={rows} />;
}

const CHOICES = Object.keys(CHOICE_LABELS) as SharedNothingChoice[];

function WizardKnobs({ knobs, onChange }: { knobs: Knobs; onChange: (k: Knobs) => void }) {
  return (
    <fieldset className="card knobs">
      <legend>Move wizard and set-up</legend>
      <fieldset>
        <legend>Move option</legend>
        {CHOICES.map((c) => (
          <label key={c}>
            <input
              type="radio"
              name="sn-choice"
              value={c}
              checked={knobs.choice === c}
              onChange={() => onChange({ ...knobs, choice: c })}
            />{' '}
            {CHOICE_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <label>
        VM files before the move{' '}
        <select
          value={knobs.vmOnShare ? 'share' : 'local'}
          onChange={(e) => onChange({ ...knobs, vmOnShare: e.target.value === 'share' })}
        >
          <option value="local">HV-A local disk</option>
          <option value="share">SMB 3 share \\FS1\VMs (shared storage)</option>
        </select>
      </label>
      <DestinationCpuKnob
        value={knobs.destinationCpuVendor}
        onChange={(v) => onChange({ ...knobs, destinationCpuVendor: v })}
      />
    </fieldset>
  );
}

/** Shared-nothing live migration (CATALOG 4.5). */
export function Panel(props: PanelProps) {
  const [knobs, setKnobs] = useState<Knobs>(DEFAULT_KNOBS);
  const runner = useScenarioRunner(props.values, SCENARIO_PARAMS, knobs, createRunner);
  return (
    <RunPanel
      {...props}
      runner={runner}
      views={VIEWS}
      scenarioParams={SCENARIO_PARAMS}
      stage={
        <DiskCopyStage
          runner={runner}
          sceneProps={sceneProps}
          reducedMotion={props.reducedMotion}
        />
      }
      settings={<WizardKnobs knobs={knobs} onChange={setKnobs} />}
      below={<FilesTable runner={runner} />}
      powershell={powershell(runner.input)}
    />
  );
}
