import { useState } from 'react';
import type { ParamValues } from '../../app/url';
import {
  storageMigrationMachine as machine,
  STORAGE_FAULTS,
} from '../../machines/storageMigration.machine';
import { OPTION_LABELS, type StorageMoveOption } from '../../model/storageMigration';
import { COMPONENT_LABELS, describeLocation, VM_COMPONENTS } from '../../model/vmFiles';
import type { SimRunner } from '../../sim/runner';
import { DiskCopyStage, VmFilesTable } from '../kit/DiskMoveViews';
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
  chartTitle: 'Storage migration statechart',
  faults: STORAGE_FAULTS,
  startLabel: 'Start storage migration',
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
    to: r.moves ? describeLocation(w, r.to) : 'stays where it is',
  }));
  return <VmFilesTable titleId="sm-files-title" rows={rows} />;
}

const OPTIONS = Object.keys(OPTION_LABELS) as StorageMoveOption[];

function MoveKnobs({ knobs, onChange }: { knobs: Knobs; onChange: (k: Knobs) => void }) {
  return (
    <fieldset className="card knobs">
      <legend>Move options</legend>
      <fieldset>
        <legend>The VM during the move</legend>
        <label>
          <input
            type="radio"
            name="sm-running"
            checked={knobs.vmRunning}
            onChange={() => onChange({ ...knobs, vmRunning: true })}
          />{' '}
          Running
        </label>
        <label>
          <input
            type="radio"
            name="sm-running"
            checked={!knobs.vmRunning}
            onChange={() => onChange({ ...knobs, vmRunning: false })}
          />{' '}
          Off
        </label>
      </fieldset>
      <fieldset>
        <legend>What to move</legend>
        {OPTIONS.map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="sm-option"
              checked={knobs.option === o}
              onChange={() => onChange({ ...knobs, option: o })}
            />{' '}
            {OPTION_LABELS[o]}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={knobs.option !== 'different-locations'}>
        <legend>Components (different locations)</legend>
        {VM_COMPONENTS.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={knobs.components[c]}
              onChange={(e) =>
                onChange({ ...knobs, components: { ...knobs.components, [c]: e.target.checked } })
              }
            />{' '}
            {COMPONENT_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <label>
        Destination of the VHD{' '}
        <select
          value={knobs.toShare ? 'share' : 'local'}
          onChange={(e) => onChange({ ...knobs, toShare: e.target.value === 'share' })}
        >
          <option value="local">HV-A local disk E:</option>
          <option value="share">SMB 3 share \\FS1\VMs</option>
        </select>
      </label>
      <label>
        VM disk{' '}
        <select
          value={knobs.diskKind}
          onChange={(e) => onChange({ ...knobs, diskKind: e.target.value as Knobs['diskKind'] })}
        >
          <option value="vhdx">Virtual hard disk (VHDX)</option>
          <option value="passthrough">Pass-through disk</option>
        </select>
      </label>
    </fieldset>
  );
}

/** Storage migration (CATALOG 4.6). */
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
      settings={<MoveKnobs knobs={knobs} onChange={setKnobs} />}
      below={<FilesTable runner={runner} />}
      powershell={powershell(runner.input)}
    />
  );
}
