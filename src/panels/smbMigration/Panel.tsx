import { useMemo, useState } from 'react';
import type { ParamValues } from '../../app/url';
import { MOVE_FAULTS } from '../../machines/faults';
import { smbMigrationMachine as machine } from '../../machines/smbMigration.machine';
import { SHARE_PATH, SMB_VM_NAMES, type SmbFileKind, smbVmId } from '../../model/smbScenario';
import type { SimRunner } from '../../sim/runner';
import { LanesStage } from '../kit/LanesStage';
import { createRunnerAt, type ProcessViews, RunPanel, scenarioKey } from '../kit/RunPanel';
import type { PanelProps } from '../types';
import { SmbScene } from './SmbScene';
import { buildInput, DEFAULT_KNOBS, type Knobs, SCENARIO_PARAMS } from './scenario';
import { sceneProps } from './scene';
import {
  CHART,
  inventory,
  laneRows,
  narration,
  results,
  runTime,
  STEPS,
  stepDetail,
  succeeded,
} from './selectors';
import './smb.css';

type Runner = SimRunner<typeof machine>;

export function createRunner(values: ParamValues, knobs: Knobs): Runner {
  return createRunnerAt(machine, buildInput(values, knobs), values.t);
}

export const VIEWS: ProcessViews<typeof machine> = {
  steps: STEPS,
  chart: CHART,
  chartTitle: 'SMB live migration statechart',
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
  return (
    <LanesStage
      runner={runner}
      reducedMotion={reducedMotion}
      scene={(v, animate) => <SmbScene {...sceneProps(v, animate)} />}
      title="Each migration, lane by lane (sim seconds from the start)"
      rows={laneRows}
      nowS={runTime}
    />
  );
}

const LOCAL_CHOICES: { value: SmbFileKind | ''; label: string }[] = [
  { value: '', label: `All on ${SHARE_PATH}` },
  { value: 'configuration', label: "Configuration on HV-A's local disk" },
  { value: 'snapshots', label: "Snapshots on HV-A's local disk" },
  { value: 'vhd', label: "VHD on HV-A's local disk" },
];

function SmbKnobs({ knobs, onChange }: { knobs: Knobs; onChange: (k: Knobs) => void }) {
  const all = SMB_VM_NAMES.map((_, i) => smbVmId(i));
  return (
    <fieldset className="card knobs">
      <legend>VMs to migrate together, and the set-up (try breaking a requirement)</legend>
      {all.map((id, i) => (
        <label key={id}>
          <input
            type="checkbox"
            checked={knobs.selected.includes(id)}
            onChange={(e) => {
              const next = e.target.checked
                ? [...knobs.selected, id]
                : knobs.selected.filter((x) => x !== id);
              onChange({ ...knobs, selected: all.filter((x) => next.includes(x)) });
            }}
          />{' '}
          {SMB_VM_NAMES[i]}
        </label>
      ))}
      <label>
        SQL01&rsquo;s files{' '}
        <select
          value={knobs.localFile ?? ''}
          onChange={(e) =>
            onChange({ ...knobs, localFile: (e.target.value || null) as SmbFileKind | null })
          }
        >
          {LOCAL_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={knobs.grantDestination}
          onChange={(e) => onChange({ ...knobs, grantDestination: e.target.checked })}
        />{' '}
        Share grants access to HV-B&rsquo;s computer account
      </label>
      <label>
        Processors in HV-B{' '}
        <select
          value={knobs.destinationCpuVendor}
          onChange={(e) =>
            onChange({
              ...knobs,
              destinationCpuVendor: e.target.value as Knobs['destinationCpuVendor'],
            })
          }
        >
          <option value="Intel">Intel (same as HV-A)</option>
          <option value="AMD">AMD</option>
        </select>
      </label>
    </fieldset>
  );
}

/** Move-VM for each selected VM; several run at once as background jobs. */
export function powershellFor(knobs: Knobs): string {
  const names = knobs.selected.map((id) => SMB_VM_NAMES[Number(id.replace('vm-', '')) - 1] ?? id);
  if (names.length <= 1) return `Move-VM -Name "${names[0] ?? 'SQL01'}" -DestinationHost "HV-B"`;
  return [
    '# Each move runs as a job, so the live migrations run at the same time',
    ...names.map((n) => `Move-VM -Name "${n}" -DestinationHost "HV-B" -AsJob`),
  ].join('\n');
}

/** Live migration with SMB shared storage (CATALOG 4.4). */
export function Panel({ values, errors, onChangeParams, reducedMotion }: PanelProps) {
  const [knobs, setKnobs] = useState<Knobs>(DEFAULT_KNOBS);
  const key = scenarioKey(values, SCENARIO_PARAMS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the scenario's values
  const runner = useMemo(() => createRunner(values, knobs), [key, knobs]);
  return (
    <RunPanel
      runner={runner}
      views={VIEWS}
      values={values}
      errors={errors}
      onChangeParams={onChangeParams}
      reducedMotion={reducedMotion}
      scenarioParams={SCENARIO_PARAMS}
      stage={<Stage runner={runner} reducedMotion={reducedMotion} />}
      settings={<SmbKnobs knobs={knobs} onChange={setKnobs} />}
      powershell={powershellFor(knobs)}
    />
  );
}
