/**
 * The frame every process panel shares: start button and fault menu, playback, the narration
 * live region, the panel's own picture, steps, results, inventory, event log, statechart,
 * parameter controls and the PowerShell equivalent. A panel supplies a runner, a `ProcessViews`
 * (pure selectors from the runner's view to the text equivalents) and its stage; the frame wires
 * them to the CONTRACT.md names so every panel reads the same way to people and to tests.
 */
import {
  type ComponentType,
  lazy,
  type ReactNode,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { AnyMachineSnapshot, AnyStateMachine, SnapshotFrom } from 'xstate';
import type { LogEntry } from '../../machines/step';
import { formatClock, formatDuration } from '../../model/format';
import {
  type NumericParamName,
  type ParamError,
  type ParamRanges,
  type ParamValues,
  specOf,
} from '../../model/parameters';
import { type RunnerView, type ScriptEntry, SimRunner } from '../../sim/runner';
import { activeLeafId, type ChartEdge, type ChartNode } from '../../sim/statechart';
import {
  ConfirmDialog,
  EventLog,
  FaultMenu,
  type InventoryRow,
  InventoryTable,
  Narration,
  type NarrationTone,
  Notice,
  ParameterControls,
  PlaybackControls,
  type ResultFigure,
  Results,
  type ResultsVerdict,
  type StepItem,
  StepsList,
  type TimelineMarker,
} from '../../views/controls';
import type { ShellModes } from '../types';
import { useAfterPaint } from './afterPaint';
import { type SelfCheckSetup, useAsking } from './asking';
import type { ActionDef, ActionPayload } from './definition';
import { ExportBar } from './ExportBar';
import type { PictureInfo } from './exportPicture';
import { isTypingTarget } from './keys';
import { canTake, eventAt } from './openMoment';
import type { PresenterViewProps } from './Presenter';
import type { AskedQuestion } from './quiz';
import { type CatalogPlace, stepSource } from './source';
import { completedStepKeys, currentStepKey, visitedStateIds } from './steps';
import { TourBar } from './TourBar';
import { TextRate, useTextValue } from './textRate';
import { nowOf, usePlaybackKeys, useRunnerValue, useSimClock } from './useRunner';
import './kit.css';
import './presenter.css';

// Presenter mode and the self-check load on first use (their own chunks, kept out of the code
// every panel preloads; the service worker precaches them for offline use).
const PresenterView = lazy(() => import('./Presenter').then((m) => ({ default: m.PresenterView })));
const SelfCheck = lazy(() =>
  import('./SelfCheck').then((m) => ({
    default: m.SelfCheck as ComponentType<{
      runner: SimRunner<AnyStateMachine>;
      route: string;
      asked: AskedQuestion | null;
      close: () => void;
    }>,
  })),
);

// The statechart is below the picture: it loads after the rest of the frame.
const Statechart = lazy(() =>
  import('../../views/scene/Statechart').then((m) => ({ default: m.Statechart })),
);

const NO_QUESTIONS: SelfCheckSetup<AnyStateMachine> = {
  questions: [],
  scenario: { input: undefined, values: {}, knobs: undefined },
  startEvent: 'START',
  route: '',
};

export interface FaultDef {
  type: string;
  label: string;
}

export interface NarrationText {
  title: string;
  text: string;
  tone: NarrationTone;
}

export interface ResultsData {
  figures: ResultFigure[];
  verdict?: ResultsVerdict;
}

/** What a process panel tells the frame: pure functions of the runner's view. */
export interface ProcessViews<M extends AnyStateMachine> {
  steps: readonly StepItem[];
  chart: { nodes: readonly ChartNode[]; edges: readonly ChartEdge[] };
  chartTitle: string;
  faults: readonly FaultDef[];
  /** The start button's name when it differs from the panel's (e.g. per scenario). */
  startLabel?: string;
  /** Whether the run finished every step (all steps shown as done). */
  succeeded(v: RunnerView<SnapshotFrom<M>>): boolean;
  narration(v: RunnerView<SnapshotFrom<M>>): NarrationText;
  stepDetail?(v: RunnerView<SnapshotFrom<M>>): string | undefined;
  results(v: RunnerView<SnapshotFrom<M>>): ResultsData;
  inventory(v: RunnerView<SnapshotFrom<M>>): InventoryRow[];
  log(v: RunnerView<SnapshotFrom<M>>): readonly LogEntry[];
  /**
   * Optional: the view of the sub-process the steps and the statechart follow (e.g. one lane of
   * runs shown side by side). Without it they follow the runner's own machine.
   */
  stepView?(v: RunnerView<SnapshotFrom<M>>): RunnerView<AnyMachineSnapshot>;
  /**
   * Optional, for a session machine that runs several processes (take, delete, apply a
   * snapshot): the steps and statechart of each (`scopes`) and which one the run is in or ran
   * last (`scopeOf`). The Steps list and the statechart then show that process only.
   */
  scopes?: Readonly<Record<string, ProcessScope>>;
  scopeOf?(v: RunnerView<SnapshotFrom<M>>): string;
}

/** One process of a session machine: its poster steps and its part of the statechart. */
export interface ProcessScope {
  steps: readonly StepItem[];
  chart: { nodes: readonly ChartNode[]; edges: readonly ChartEdge[] };
  chartTitle: string;
}

/** The steps and statechart the views follow at this moment (a session's current process). */
function scopeAt<M extends AnyStateMachine>(
  views: ProcessViews<M>,
  key: string | undefined,
): ProcessScope {
  return (key !== undefined ? views.scopes?.[key] : undefined) ?? views;
}

/** A runner for the scenario; a deep link's `t` opens the run at that moment, paused. */
export function createRunnerAt<M extends AnyStateMachine>(
  machine: M,
  input: ConstructorParameters<typeof SimRunner<M>>[1],
  t: number | undefined,
  startEvent = 'START',
): SimRunner<M> {
  const runner = new SimRunner(machine, input, { startEvent });
  if (t !== undefined && t > 0) {
    runner.stepForward(); // the start event, at t = 0
    runner.seek(t);
  }
  return runner;
}

interface RunnerProps<M extends AnyStateMachine> {
  runner: SimRunner<M>;
  views: ProcessViews<M>;
}

/** The text equivalents read the run through its text rate (see textRate.ts). */
interface TextProps<M extends AnyStateMachine> {
  text: TextRate<M>;
  views: ProcessViews<M>;
}

function Playback<M extends AnyStateMachine>({
  runner,
  text,
  views,
  actions,
  speed,
  onSpeed,
}: RunnerProps<M> & {
  text: TextRate<M>;
  actions: readonly ActionDef[];
  speed: number;
  onSpeed: (s: number) => void;
}) {
  // The clock changes every frame; the marks only when a fault is scheduled or the plan changes
  // (selected apart, so their value keeps its identity and the memoized marks do not render).
  const clock = useRunnerValue(runner, (x) => ({
    playing: x.playing,
    done: x.done,
    now: x.now,
    endT: x.endT,
  }));
  // The slider's value, its spoken value and the clock digits are text: they follow the run at
  // the text rate (the thumb is drawn from `now`, every frame).
  const shownNow = useTextValue(text, nowOf);
  const marks = useRunnerValue(
    runner,
    useMemo(
      () =>
        marksOf(
          (type) =>
            views.faults.find((f) => f.type === type)?.label ??
            actions.find((a) => a.type === type)?.label ??
            type,
        ),
      [views, actions],
    ),
  );
  // Stable handlers: the buttons and the speed slider are memoized and stay as they are while
  // the timeline follows the clock.
  const handlers = useMemo(
    () => ({
      onPlay: () => runner.play(),
      onPause: () => runner.pause(),
      onStepBack: () => runner.stepBack(),
      onStepForward: () => runner.stepForward(),
      onRestart: () => runner.restart(),
      onSkipToEnd: () => runner.skipToEnd(),
      onSeek: (t: number) => {
        runner.pause();
        runner.seek(t);
      },
    }),
    [runner],
  );
  return (
    <PlaybackControls
      {...clock}
      shownNow={shownNow}
      {...marks}
      {...handlers}
      speed={speed}
      onSpeed={onSpeed}
      formatTime={formatSimTime}
    />
  );
}

/**
 * The timeline's marks from the run: the same object while the script and the step starts are the
 * same arrays (the runner keeps them so), so a playing run does not build and compare them every
 * frame.
 */
function marksOf(labelOf: (type: string) => string) {
  let last: {
    script: readonly ScriptEntry[];
    stepStarts: readonly number[];
    value: { stepStarts: readonly number[]; markers: TimelineMarker[] };
  } | null = null;
  return (x: RunnerView<unknown>) => {
    if (last?.script === x.script && last.stepStarts === x.stepStarts) return last.value;
    const value = {
      stepStarts: x.stepStarts,
      markers: x.script
        .filter((e) => e.event.type !== 'START')
        .map((e) => ({ t: e.t, label: labelOf(e.event.type) })),
    };
    last = { script: x.script, stepStarts: x.stepStarts, value };
    return value;
  };
}

/** "12.3 s": the timeline's clock. */
const formatSimTime = (t: number) => `${t.toFixed(1)} s`;

function Faults<M extends AnyStateMachine>({
  runner,
  text,
  views,
}: RunnerProps<M> & { text: TextRate<M> }) {
  const faults = useTextValue(text, (x) =>
    views.faults.map((f) => ({
      type: f.type,
      label: f.label,
      disabled: x.done || !(x.snapshot as AnyMachineSnapshot).can({ type: f.type, t: x.now }),
    })),
  );
  const done = useTextValue(text, (x) => x.done);
  return <FaultMenu faults={faults} disabled={done} onInject={(type) => runner.inject(type)} />;
}

function StartButton<M extends AnyStateMachine>({
  runner,
  label,
}: {
  runner: SimRunner<M>;
  label: string;
}) {
  const started = useRunnerValue(runner, (x) => x.started || x.done);
  return (
    <button type="button" className="primary" disabled={started} onClick={() => runner.play()}>
      {label}
    </button>
  );
}

type View = RunnerView<AnyMachineSnapshot>;

/**
 * A session panel's actions: one button each, enabled when the machine can take its event now.
 * Pressing one sends the event and plays the process it starts; an action with `confirm` asks
 * first in a dialog whose choices each send the event with their own payload.
 */
function ActionBar<M extends AnyStateMachine>({
  runner,
  actions,
  inline = false,
}: {
  runner: SimRunner<M>;
  actions: readonly ActionDef[];
  /** Presenter mode: a confirm's choices are buttons of their own (no dialog takes the keys). */
  inline?: boolean;
}) {
  const enabled = useRunnerValue(runner, (x) =>
    actions.map((a) =>
      (a.confirm ? a.confirm.choices.map((c) => c.payload) : [a.payload]).some((p) =>
        canTake(x as View, a.type, p),
      ),
    ),
  );
  const [asking, setAsking] = useState<ActionDef | null>(null);
  const send = (type: string, payload: ActionPayload | undefined) => {
    const e = eventAt(runner.getSnapshot() as View, type, payload);
    if (!e) return;
    runner.inject(e);
    runner.play();
  };
  if (inline) {
    const x = runner.getSnapshot() as View;
    return (
      <>
        {actions.flatMap((a, i) =>
          a.confirm
            ? a.confirm.choices.map((c) => (
                <button
                  key={`${a.label}/${c.label}`}
                  type="button"
                  disabled={!canTake(x, a.type, c.payload)}
                  onClick={() => send(a.type, c.payload)}
                >
                  {c.label}
                </button>
              ))
            : [
                <button
                  key={a.label}
                  type="button"
                  disabled={!enabled[i]}
                  onClick={() => send(a.type, a.payload)}
                >
                  {a.label}
                </button>,
              ],
        )}
      </>
    );
  }
  return (
    <>
      {actions.map((a, i) => (
        <button
          key={a.label}
          type="button"
          className={i === 0 ? 'primary' : undefined}
          disabled={!enabled[i]}
          onClick={() => (a.confirm ? setAsking(a) : send(a.type, a.payload))}
        >
          {a.label}
        </button>
      ))}
      {asking?.confirm && (
        <ConfirmDialog
          title={asking.confirm.title}
          text={asking.confirm.text}
          choices={asking.confirm.choices.map((c) => ({
            label: c.label,
            onChoose: () => send(asking.type, c.payload),
          }))}
          onClose={() => setAsking(null)}
        />
      )}
    </>
  );
}

function PlannedRun<M extends AnyStateMachine>({ runner }: { runner: SimRunner<M> }) {
  const endT = useRunnerValue(runner, (x) => x.endT);
  return <span className="muted">Planned run: {formatDuration(endT)} of sim time</span>;
}

/** The narration at this moment, ending with the step's source (poster and section). */
function narrationAt<M extends AnyStateMachine>(
  views: ProcessViews<M>,
  x: RunnerView<SnapshotFrom<M>>,
  place: CatalogPlace | undefined,
): NarrationText & { source?: string } {
  const n = views.narration(x);
  const sv = views.stepView ? views.stepView(x) : x;
  const source = place ? stepSource(sv.snapshot as AnyMachineSnapshot, place) : undefined;
  return source ? { ...n, source } : n;
}

function RunNarration<M extends AnyStateMachine>({
  text,
  views,
  place,
}: TextProps<M> & { place: CatalogPlace | undefined }) {
  const n = useTextValue(text, (x) => narrationAt(views, x, place));
  return (
    <Narration
      title={n.title}
      text={n.text}
      tone={n.tone}
      {...(n.source ? { source: n.source } : {})}
    />
  );
}

function RunSteps<M extends AnyStateMachine>({ text, views }: TextProps<M>) {
  const s = useTextValue(text, (x) => {
    const sv = views.stepView ? views.stepView(x) : x;
    const scope = views.scopeOf?.(x);
    const { steps } = scopeAt(views, scope);
    return {
      scope,
      current: currentStepKey(steps, sv.snapshot),
      completed: completedStepKeys(steps, sv, views.succeeded(x)),
      detail: views.stepDetail?.(x),
    };
  });
  return (
    <StepsList
      steps={scopeAt(views, s.scope).steps}
      currentKey={s.current}
      completedKeys={s.completed}
      {...(s.detail ? { detail: s.detail } : {})}
    />
  );
}

function RunResults<M extends AnyStateMachine>({ text, views }: TextProps<M>) {
  const r = useTextValue(text, views.results);
  return <Results figures={r.figures} {...(r.verdict ? { verdict: r.verdict } : {})} />;
}

function RunInventory<M extends AnyStateMachine>({ text, views }: TextProps<M>) {
  const rows = useTextValue(text, views.inventory);
  return <InventoryTable rows={rows} />;
}

function RunLog<M extends AnyStateMachine>({ text, views }: TextProps<M>) {
  const entries = useTextValue(text, views.log);
  return <EventLog entries={entries} formatTime={formatClock} />;
}

function RunChart<M extends AnyStateMachine>({
  text,
  views,
  reducedMotion,
}: TextProps<M> & { reducedMotion: boolean }) {
  const s = useTextValue(text, (x) => {
    const sv = views.stepView ? views.stepView(x) : x;
    const scope = views.scopeOf?.(x);
    return {
      scope,
      active: activeLeafId((sv.snapshot as AnyMachineSnapshot).value),
      visited: visitedStateIds(scopeAt(views, scope).steps, sv, views.succeeded(x)),
    };
  });
  const { chart, chartTitle } = scopeAt(views, s.scope);
  const painted = useAfterPaint();
  const placeholder = (
    <figure className="scn-statechart">
      <figcaption className="scn-caption">{chartTitle}</figcaption>
    </figure>
  );
  if (!painted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <Statechart
        title={chartTitle}
        nodes={chart.nodes}
        edges={chart.edges}
        activeId={s.active}
        visitedIds={s.visited}
        animate={!reducedMotion}
      />
    </Suspense>
  );
}

/** The equivalent Windows PowerShell, copyable. */
export function PowerShellCard({ command }: { command: string }) {
  const [copied, setCopied] = useState(false);
  // A new command is not yet copied.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the command changes
  useEffect(() => setCopied(false), [command]);
  return (
    <section className="card powershell" aria-label="PowerShell">
      <h2>The same move in Windows PowerShell</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long command scrolls sideways; the keyboard must reach it (axe scrollable-region-focusable) */}
      <pre tabIndex={0}>
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

/** What the frame shows of the panel itself (presenter mode, notes, export, source lines). */
export interface PanelInfo extends CatalogPlace {
  route: string;
  talkingPoints?: readonly string[];
}

export interface RunPanelProps<M extends AnyStateMachine> {
  runner: SimRunner<M>;
  views: ProcessViews<M>;
  values: ParamValues;
  errors: readonly ParamError[];
  onChangeParams: (values: ParamValues) => void;
  reducedMotion: boolean;
  /** Playback speed (the app's setting, seeded by the URL's `speed`) and how to change it. */
  speed: number;
  onSpeed: (speed: number) => void;
  /** The start button's name, e.g. "Start live migration" (CONTRACT.md). */
  startLabel: string;
  /** A session panel's actions, in place of the start button (the first is the start). */
  actions?: readonly ActionDef[];
  /** The run as the text equivalents follow it (made here when not given). */
  text?: TextRate<M>;
  /** The numeric URL parameters this panel's scenario reads (shown as parameter controls). */
  scenarioParams: readonly NumericParamName[];
  /** The panel's own ranges or defaults for shared parameters. */
  ranges?: ParamRanges;
  /** The panel's picture. */
  stage: ReactNode;
  /** Panel-specific settings beside the parameter controls (requirements, choices). */
  settings?: ReactNode;
  /** Extra cards under the picture (e.g. a comparison table). */
  below?: ReactNode;
  /** The equivalent PowerShell command. */
  powershell: string;
  /** The panel's route, title, catalog section and talking points. */
  info?: PanelInfo;
  /** The shell's modes: presenter mode, questions, a tour stop. */
  shell?: ShellModes;
  /** The self-check questions (asked when `shell.quiz` is on). */
  selfCheck?: SelfCheckSetup<M>;
  /** Open the printable handout (every step with its picture). */
  onHandout?: () => void;
}

/** The scenario's parameters as one line: "VM memory 2048 MiB · Link speed 1 Gbit/s". */
export function paramsLine(
  names: readonly NumericParamName[],
  values: ParamValues,
  ranges?: ParamRanges,
): string {
  return names
    .map((n) => {
      const spec = specOf(n, ranges);
      const unit = spec.unit === 'count' || spec.unit === 'integer' ? '' : ` ${spec.unit}`;
      return `${spec.label} ${values[n] ?? spec.default}${unit}`;
    })
    .join(' · ');
}

/** `P` enters (or leaves) presenter mode, unless typing in a control. */
function usePresentKey(toggle: () => void): void {
  const ref = useRef(toggle);
  ref.current = toggle;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target))
        return;
      // A dialog (Apply the snapshot) keeps its keys.
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      if (e.key === 'p' || e.key === 'P') {
        e.preventDefault();
        ref.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The whole panel frame around a panel's own picture (or presenter mode's stage). */
export function RunPanel<M extends AnyStateMachine>(props: RunPanelProps<M>) {
  const { runner, views, values, errors, onChangeParams, reducedMotion, speed, onSpeed } = props;
  const { info, shell } = props;
  const [dismissed, setDismissed] = useState(false);
  // Stories and tests without a shell keep presenter mode here.
  const [ownPresent, setOwnPresent] = useState(false);
  const present = shell?.present ?? ownPresent;
  const setPresent = shell?.onPresent ?? setOwnPresent;
  useSimClock(runner, speed);
  usePlaybackKeys(runner);
  usePresentKey(() => setPresent(!present));
  const selfCheck = (props.selfCheck ?? NO_QUESTIONS) as unknown as SelfCheckSetup<M>;
  const quizOn = Boolean(shell?.quiz) && !present && selfCheck.questions.length > 0;
  const [asked, closeAsked] = useAsking(runner, selfCheck, quizOn);
  const painted = useAfterPaint();
  const own = useMemo(() => (props.text ? null : new TextRate(runner)), [runner, props.text]);
  const text = props.text ?? (own as TextRate<M>);
  const stageRef = useRef<HTMLDivElement>(null);
  const paramValue = (n: NumericParamName) => values[n] ?? specOf(n, props.ranges).default;
  const problems = [...errors.map((e) => e.message), ...(shell?.errors ?? [])];
  const notice =
    problems.length > 0 && !dismissed ? (
      <Notice
        tone="warn"
        title="Some link parameters were not usable"
        items={problems}
        onDismiss={() => setDismissed(true)}
      />
    ) : null;
  const start =
    props.actions && props.actions.length > 0 ? (
      <ActionBar runner={runner} actions={props.actions} inline={present} />
    ) : (
      <StartButton runner={runner} label={props.startLabel} />
    );
  const playback = (
    <Playback
      runner={runner}
      text={text}
      views={views}
      actions={props.actions ?? []}
      speed={speed}
      onSpeed={onSpeed}
    />
  );
  const narration = <RunNarration text={text} views={views} place={info} />;

  if (present) {
    return (
      <Presenting
        runner={runner}
        text={text}
        views={views}
        info={info}
        {...(shell?.tour ? { tour: shell.tour } : {})}
        narration={narration}
        notice={notice}
        stage={props.stage}
        controls={
          <>
            {playback}
            <div className="presenter-buttons">
              {start}
              <Faults runner={runner} text={text} views={views} />
            </div>
          </>
        }
        onSpeed={onSpeed}
        onLeave={() => setPresent(false)}
        reducedMotion={reducedMotion}
      />
    );
  }

  const pictureInfo = (): PictureInfo => {
    const x = runner.getSnapshot();
    const n = narrationAt(views, x, info);
    return {
      panel: info?.title ?? '',
      step: n.title,
      params: paramsLine(props.scenarioParams, values, props.ranges),
      source: n.source ?? (info ? `Catalog section ${info.catalog} (${info.title}).` : ''),
      now: x.now,
    };
  };

  return (
    <div className="run-panel">
      {notice}
      {shell?.tour && <TourBar tour={shell.tour} />}
      <div className="toolbar">
        {start}
        <Faults runner={runner} text={text} views={views} />
        <PlannedRun runner={runner} />
        <span className="toolbar-end">
          <button type="button" aria-keyshortcuts="P" onClick={() => setPresent(true)}>
            Present
          </button>
          <ExportBar
            stage={stageRef}
            info={pictureInfo}
            {...(props.onHandout ? { onHandout: props.onHandout } : {})}
          />
        </span>
      </div>
      {playback}
      <div className="panel-grid">
        <div className="panel-main">
          {narration}
          <div ref={stageRef} className="stage-frame">
            {props.stage}
          </div>
        </div>
        <div className="panel-side">
          {quizOn && painted && (
            <Suspense fallback={null}>
              <SelfCheck
                runner={runner as unknown as SimRunner<AnyStateMachine>}
                route={selfCheck.route}
                asked={asked}
                close={closeAsked}
              />
            </Suspense>
          )}
          <RunSteps text={text} views={views} />
          <RunResults text={text} views={views} />
        </div>
      </div>
      {props.below}
      <div className="panel-lower">
        <RunInventory text={text} views={views} />
        <RunLog text={text} views={views} />
      </div>
      <RunChart text={text} views={views} reducedMotion={reducedMotion} />
      <div className="panel-lower">
        <ParameterControls
          specs={props.scenarioParams.map((n) => specOf(n, props.ranges))}
          values={Object.fromEntries(props.scenarioParams.map((n) => [n, paramValue(n)]))}
          onChange={(name, value) => onChangeParams({ ...values, [name]: value, t: undefined })}
          errors={Object.fromEntries(errors.map((e) => [e.name, e.message]))}
        />
        {props.settings}
      </div>
      <PowerShellCard command={props.powershell} />
    </div>
  );
}

/** Presenter mode (its own chunk, loaded on first use). */
function Presenting<M extends AnyStateMachine>(
  props: Omit<PresenterViewProps, 'runner' | 'text' | 'views' | 'narrationOf'> & {
    runner: SimRunner<M>;
    text: TextRate<M>;
    views: ProcessViews<M>;
  },
) {
  const { runner, text, views, info } = props;
  const view: PresenterViewProps = {
    ...props,
    runner: runner as unknown as SimRunner<AnyStateMachine>,
    text: text as unknown as TextRate<AnyStateMachine>,
    views: views as unknown as ProcessViews<AnyStateMachine>,
    narrationOf: (x) => narrationAt(views, x as RunnerView<SnapshotFrom<M>>, info),
  };
  return (
    <Suspense fallback={null}>
      <PresenterView {...view} />
    </Suspense>
  );
}
