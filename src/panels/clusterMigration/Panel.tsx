import { useMemo, useState } from 'react';
import type { ParamValues } from '../../app/url';
import { clusterMigrationMachine as machine } from '../../machines/clusterMigration.machine';
import { MOVE_FAULTS } from '../../machines/faults';
import { CLUSTER_VM_NAMES, clusterVmId } from '../../model/clusterScenario';
import { CONCURRENT_CONSTANTS } from '../../model/concurrentMigration';
import type { SimRunner } from '../../sim/runner';
import { LanesStage } from '../kit/LanesStage';
import { createRunnerAt, type ProcessViews, RunPanel, scenarioKey } from '../kit/RunPanel';
import type { PanelProps } from '../types';
import { ClusterScene } from './ClusterScene';
import {
  buildInput,
  DEFAULT_KNOBS,
  type Knobs,
  SCENARIO_PARAMS,
  selectedVms,
  vmCount,
} from './scenario';
import { laneRows, sceneProps } from './scene';
import {
  batchTime,
  CHART,
  inventory,
  narration,
  results,
  STEPS,
  stepDetail,
  succeeded,
} from './selectors';
import './cluster.css';

type Runner = SimRunner<typeof machine>;

/** The faults this panel supports: the move faults, storage as a node's path to the CSV. */
export const CLUSTER_FAULTS = MOVE_FAULTS;

export function createRunner(values: ParamValues, knobs: Knobs): Runner {
  return createRunnerAt(machine, buildInput(values, knobs), values.t);
}

export const VIEWS: ProcessViews<typeof machine> = {
  steps: STEPS,
  chart: CHART,
  chartTitle: 'Cluster live migration statechart',
  faults: CLUSTER_FAULTS,
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
      scene={(v, animate) => <ClusterScene {...sceneProps(v, animate)} />}
      title="Each migration, lane by lane (sim seconds from the start of the batch)"
      rows={laneRows}
      nowS={batchTime}
    />
  );
}

function Selection({
  values,
  knobs,
  onChange,
}: {
  values: ParamValues;
  knobs: Knobs;
  onChange: (k: Knobs) => void;
}) {
  const selected = selectedVms(values, knobs);
  const all = Array.from({ length: vmCount(values) }, (_, i) => clusterVmId(i));
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...selected, id] : selected.filter((x) => x !== id);
    // Keep the list order as the queue order.
    onChange({ ...knobs, selected: all.filter((x) => next.includes(x)) });
  };
  return (
    <fieldset className="card knobs cl-knobs">
      <legend>VMs to migrate from HV-1 to HV-2</legend>
      <div className="cl-checks">
        {all.map((id, i) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={selected.includes(id)}
              onChange={(e) => toggle(id, e.target.checked)}
            />{' '}
            {CLUSTER_VM_NAMES[i] ?? id}
          </label>
        ))}
      </div>
      <label>
        Simultaneous live migrations{' '}
        <input
          type="number"
          min={1}
          max={CONCURRENT_CONSTANTS.maxLimit}
          step={1}
          value={knobs.limit}
          onChange={(e) => {
            const n = Math.round(Number(e.target.value));
            if (n >= 1 && n <= CONCURRENT_CONSTANTS.maxLimit) onChange({ ...knobs, limit: n });
          }}
        />
      </label>
      <p className="muted cl-note">
        Queuing exists only inside a failover cluster: the cluster holds the moves beyond the
        host&rsquo;s limit and starts each one as a slot frees.
      </p>
    </fieldset>
  );
}

function RequirementKnobs({ knobs, onChange }: { knobs: Knobs; onChange: (k: Knobs) => void }) {
  return (
    <fieldset className="card knobs">
      <legend>Cluster set-up (try breaking a requirement)</legend>
      <label>
        Processors in HV-2{' '}
        <select
          value={knobs.destinationCpuVendor}
          onChange={(e) =>
            onChange({
              ...knobs,
              destinationCpuVendor: e.target.value as Knobs['destinationCpuVendor'],
            })
          }
        >
          <option value="Intel">Intel (same as HV-1)</option>
          <option value="AMD">AMD</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={knobs.destinationClustering}
          onChange={(e) => onChange({ ...knobs, destinationClustering: e.target.checked })}
        />{' '}
        Failover Clustering on HV-2
      </label>
    </fieldset>
  );
}

/** The equivalent PowerShell: the host's limit, then every selected VM moved live without waiting. */
export function powershellFor(values: ParamValues, knobs: Knobs): string {
  const names = selectedVms(values, knobs).map((id) => {
    const i = Number(id.replace('vm-', '')) - 1;
    return `"${CLUSTER_VM_NAMES[i] ?? id}"`;
  });
  return [
    'Import-Module FailoverClusters',
    `Set-VMHost -ComputerName "HV-1" -MaximumVirtualMachineMigrations ${knobs.limit}`,
    `foreach ($vm in ${names.join(', ') || '@()'}) {`,
    '  Move-ClusterVirtualMachineRole -Name $vm -Node "HV-2" -MigrationType Live -Wait 0',
    '}',
  ].join('\n');
}

/** Live migration of several VMs in a failover cluster, with the queue (CATALOG 4.3). */
export function Panel({ values, errors, onChangeParams, reducedMotion }: PanelProps) {
  const [knobs, setKnobs] = useState<Knobs>(DEFAULT_KNOBS);
  const key = scenarioKey(values, SCENARIO_PARAMS);
  // A new `vms` count resets the ticked VMs to the first ones (the link carries the count only).
  const [vmsSeen, setVmsSeen] = useState(values.vms);
  if (vmsSeen !== values.vms) {
    setVmsSeen(values.vms);
    if (knobs.selected) setKnobs({ ...knobs, selected: null });
  }
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
      settings={
        <>
          <Selection values={values} knobs={knobs} onChange={setKnobs} />
          <RequirementKnobs knobs={knobs} onChange={setKnobs} />
        </>
      }
      powershell={powershellFor(values, knobs)}
    />
  );
}
