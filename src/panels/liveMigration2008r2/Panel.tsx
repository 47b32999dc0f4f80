import { useEffect, useMemo, useState } from 'react';
import { useUi } from '../../app/store';
import type { ParamValues } from '../../app/url';
import { MOVE_FAULTS } from '../../machines/faults';
import { liveMigration2008r2Machine as machine } from '../../machines/liveMigration2008r2.machine';
import { formatClock, formatDuration } from '../../model/format';
import { NUMERIC_PARAMS } from '../../model/parameters';
import { SimRunner } from '../../sim/runner';
import { activeLeafId } from '../../sim/statechart';
import {
  EventLog,
  FaultMenu,
  InventoryTable,
  Narration,
  Notice,
  ParameterControls,
  PlaybackControls,
  Results,
  StepsList,
} from '../../views/controls';
import { MemoryGrid, MigrationScene, RoundsChart, Statechart } from '../../views/scene';
import type { PanelProps } from '../types';
import { buildInput, DEFAULT_KNOBS, type Knobs, paramValue, SCENARIO_PARAMS } from './scenario';
import { sceneProps } from './scene';
import {
  CHART,
  completedKeys,
  copyMoment,
  currentKey,
  grid,
  gridLabel,
  inventory,
  narration,
  results,
  STEPS,
  stepDetail,
  type View,
  visitedIds,
} from './selectors';
import { usePlaybackKeys, useRunnerValue, useSimClock } from './useRunner';
import './panel.css';

type Runner = SimRunner<typeof machine>;

/** A runner for the scenario; a deep link's `t` opens the run at that moment, paused. */
export function createRunner(values: ParamValues, knobs: Knobs): Runner {
  const runner = new SimRunner(machine, buildInput(values, knobs), { startEvent: 'START' });
  const t = values.t ?? 0;
  if (t > 0) {
    runner.stepForward(); // START at t = 0
    runner.seek(t);
  }
  return runner;
}

function Playback({
  runner,
  speed,
  onSpeed,
}: {
  runner: Runner;
  speed: number;
  onSpeed: (s: number) => void;
}) {
  const v = useRunnerValue(runner, (x) => ({
    playing: x.playing,
    done: x.done,
    now: x.now,
    endT: x.endT,
    stepStarts: x.stepStarts,
    markers: x.script
      .filter((e) => e.event.type !== 'START')
      .map((e) => ({
        t: e.t,
        label: MOVE_FAULTS.find((f) => f.type === e.event.type)?.label ?? e.event.type,
      })),
  }));
  return (
    <PlaybackControls
      {...v}
      speed={speed}
      onPlay={() => runner.play()}
      onPause={() => runner.pause()}
      onStepBack={() => runner.stepBack()}
      onStepForward={() => runner.stepForward()}
      onRestart={() => runner.restart()}
      onSkipToEnd={() => runner.skipToEnd()}
      onSeek={(t) => {
        runner.pause();
        runner.seek(t);
      }}
      onSpeed={onSpeed}
      formatTime={(t) => `${t.toFixed(1)} s`}
    />
  );
}

function Faults({ runner }: { runner: Runner }) {
  const faults = useRunnerValue(runner, (x) =>
    MOVE_FAULTS.map((f) => ({
      type: f.type,
      label: f.label,
      disabled: x.done || !x.snapshot.can({ type: f.type, t: x.now }),
    })),
  );
  const done = useRunnerValue(runner, (x) => x.done);
  return <FaultMenu faults={faults} disabled={done} onInject={(type) => runner.inject(type)} />;
}

function StartButton({ runner }: { runner: Runner }) {
  const started = useRunnerValue(runner, (x) => x.started || x.done);
  return (
    <button type="button" className="primary" disabled={started} onClick={() => runner.play()}>
      Start live migration
    </button>
  );
}

function Stage({ runner, reducedMotion }: { runner: Runner; reducedMotion: boolean }) {
  const v = useRunnerValue(runner, (x: View) => x);
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

function Chart({ runner, reducedMotion }: { runner: Runner; reducedMotion: boolean }) {
  const s = useRunnerValue(runner, (x) => ({
    active: activeLeafId(x.snapshot.value),
    visited: visitedIds(x),
  }));
  return (
    <Statechart
      title="Live migration statechart"
      nodes={CHART.nodes}
      edges={CHART.edges}
      activeId={s.active}
      visitedIds={s.visited}
      animate={!reducedMotion}
    />
  );
}

function StepNarration({ runner }: { runner: Runner }) {
  const n = useRunnerValue(runner, narration);
  return <Narration title={n.title} text={n.text} tone={n.tone} />;
}

function Steps({ runner }: { runner: Runner }) {
  const s = useRunnerValue(runner, (x) => ({
    current: currentKey(x.snapshot),
    completed: completedKeys(x),
    detail: stepDetail(x),
  }));
  return (
    <StepsList
      steps={STEPS}
      currentKey={s.current}
      completedKeys={s.completed}
      {...(s.detail ? { detail: s.detail } : {})}
    />
  );
}

function Figures({ runner }: { runner: Runner }) {
  const r = useRunnerValue(runner, results);
  return <Results figures={r.figures} {...(r.verdict ? { verdict: r.verdict } : {})} />;
}

function Inventory({ runner }: { runner: Runner }) {
  const rows = useRunnerValue(runner, inventory);
  return <InventoryTable rows={rows} />;
}

function Log({ runner }: { runner: Runner }) {
  const entries = useRunnerValue(runner, (x) => x.snapshot.context.log);
  return <EventLog entries={entries} formatTime={formatClock} />;
}

function ClusterKnobs({ knobs, onChange }: { knobs: Knobs; onChange: (k: Knobs) => void }) {
  return (
    <fieldset className="card knobs">
      <legend>Cluster set-up (try breaking a requirement)</legend>
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

function PowerShell({ vm, node }: { vm: string; node: string }) {
  const command = `Import-Module FailoverClusters\nMove-ClusterVirtualMachineRole -Name "${vm}" -Node "${node}"`;
  const [copied, setCopied] = useState(false);
  return (
    <section className="card powershell" aria-label="PowerShell">
      <h2>The same move in Windows PowerShell</h2>
      <pre>
        <code>{command}</code>
      </pre>
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(command).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        Copy command
      </button>
      <span aria-live="polite" className="muted">
        {copied ? ' Copied.' : ''}
      </span>
    </section>
  );
}

/** The classic live migration panel (CATALOG 4.2). */
export function Panel({ values, errors, onChangeParams, reducedMotion }: PanelProps) {
  const [knobs, setKnobs] = useState<Knobs>(DEFAULT_KNOBS);
  const [dismissed, setDismissed] = useState(false);
  const speed = useUi((s) => s.speed);
  const setSpeed = useUi((s) => s.setSpeed);
  // The run restarts when the scenario changes; playback parameters (speed, t) do not restart it.
  const scenarioKey = JSON.stringify(
    [...SCENARIO_PARAMS, 'seed'].map((n) => values[n as keyof ParamValues]),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: scenarioKey stands for the scenario's values
  const runner = useMemo(() => createRunner(values, knobs), [scenarioKey, knobs]);
  useEffect(() => {
    setSpeed(values.speed ?? NUMERIC_PARAMS.speed.default);
  }, [values.speed, setSpeed]);
  useSimClock(runner, speed);
  usePlaybackKeys(runner);
  const totalS = runner.getSnapshot().endT;

  return (
    <div className="lm-panel">
      {errors.length > 0 && !dismissed && (
        <Notice
          tone="warn"
          title="Some link parameters were not usable"
          items={errors.map((e) => e.message)}
          onDismiss={() => setDismissed(true)}
        />
      )}
      <div className="toolbar">
        <StartButton runner={runner} />
        <Faults runner={runner} />
        <span className="muted">Planned run: {formatDuration(totalS)} of sim time</span>
      </div>
      <Playback
        runner={runner}
        speed={speed}
        onSpeed={(s) => {
          setSpeed(s);
          onChangeParams({ ...values, speed: s });
        }}
      />
      <div className="panel-grid">
        <div className="panel-main">
          <StepNarration runner={runner} />
          <Stage runner={runner} reducedMotion={reducedMotion} />
        </div>
        <div className="panel-side">
          <Steps runner={runner} />
          <Figures runner={runner} />
        </div>
      </div>
      <div className="panel-lower">
        <Inventory runner={runner} />
        <Log runner={runner} />
      </div>
      <Chart runner={runner} reducedMotion={reducedMotion} />
      <div className="panel-lower">
        <ParameterControls
          specs={SCENARIO_PARAMS.map((n) => NUMERIC_PARAMS[n])}
          values={Object.fromEntries(SCENARIO_PARAMS.map((n) => [n, paramValue(values, n)]))}
          onChange={(name, value) => onChangeParams({ ...values, [name]: value, t: undefined })}
          errors={Object.fromEntries(errors.map((e) => [e.name, e.message]))}
        />
        <ClusterKnobs knobs={knobs} onChange={setKnobs} />
      </div>
      <PowerShell vm="SQL01" node="HV-B" />
    </div>
  );
}
