/**
 * `definePanel(definition)`: the panel and its overview thumbnail from a `PanelDefinition`. Every
 * panel gets the same wiring: the knobs' state, a new run when the scenario changes (and only
 * then: speed and t do not restart it), a deep link's `t` opening the run paused at that moment,
 * the settings drawn from data, and the `RunPanel` frame with the CONTRACT names.
 */
import { type ComponentType, lazy, Suspense, useMemo, useRef, useState } from 'react';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { NUMERIC_PARAMS, type ParamName, type ParamValues } from '../../model/parameters';
import type { RunnerView, SimRunner } from '../../sim/runner';
import type { PanelModule, PanelProps, ThumbnailProps } from '../types';
import type { KnobChange, PanelDefinition, ScenarioContext } from './definition';
import type { HandoutProps } from './Handout';
import { KnobCards } from './KnobCards';
import { openAt } from './openMoment';
import { createPanelRunner, panelValues } from './panelRunner';
import { RunPanel } from './RunPanel';
import { TextRate, useTextValue } from './textRate';
import { useLoopingRunner, useRunnerView } from './useRunner';

export { createPanelRunner, panelValues };

/** The handout loads on first use (its own chunk). */
const Handout = lazy(() =>
  import('./Handout').then((m) => ({
    default: m.Handout as ComponentType<HandoutProps<AnyStateMachine, unknown>>,
  })),
);

/** The scenario part of the URL values (not speed or t): a change restarts the run. */
export function scenarioKey(values: ParamValues, names: readonly ParamName[]): string {
  return JSON.stringify([...names, 'seed'].map((n) => values[n as keyof ParamValues]));
}

/** The knobs, reset per `resetKnobs` when the URL parameters it names change. */
function useKnobs<M extends AnyStateMachine, K>(
  def: PanelDefinition<M, K>,
  values: ParamValues,
  initial: Partial<K> | undefined,
): [K, (k: K) => void] {
  const [knobs, setKnobs] = useState<K>(() => ({ ...def.knobs, ...initial }));
  const watched = def.resetKnobs
    ? JSON.stringify(def.resetKnobs.on.map((n) => values[n as keyof ParamValues]))
    : '';
  const [seen, setSeen] = useState(watched);
  if (seen !== watched && def.resetKnobs) {
    setSeen(watched);
    const reset = { ...knobs };
    for (const key of def.resetKnobs.keys) reset[key] = def.knobs[key];
    setKnobs(reset);
  }
  return [knobs, setKnobs];
}

/** Playback speed: the URL's `speed`, or the one the user set here (stories have no URL). */
function useSpeed(values: ParamValues, onChangeParams: (v: ParamValues) => void) {
  const [own, setOwn] = useState<number | null>(null);
  const [seenUrl, setSeenUrl] = useState(values.speed);
  if (seenUrl !== values.speed) {
    setSeenUrl(values.speed);
    setOwn(null);
  }
  const speed = own ?? values.speed ?? NUMERIC_PARAMS.speed.default;
  const onSpeed = (s: number) => {
    setOwn(s);
    onChangeParams({ ...values, speed: s });
  };
  return { speed, onSpeed };
}

export interface DefinedPanelProps<K> extends PanelProps {
  /** Knob values to open with (stories and tests); the rest are the definition's defaults. */
  initialKnobs?: Partial<K>;
}

/** The panel module (`{ Panel, Thumbnail }`) of a definition. */
export function definePanel<M extends AnyStateMachine, K>(
  def: PanelDefinition<M, K>,
): PanelModule & {
  Panel: (props: DefinedPanelProps<K>) => React.JSX.Element;
  questionIds: readonly string[];
  definition: PanelDefinition<M, K>;
  thumbnailRunner: () => SimRunner<M>;
} {
  const scenarioNames = [...def.meta.scenarioParams, ...(def.meta.extraParams ?? [])];

  function Panel(props: DefinedPanelProps<K>) {
    const { values, onChangeParams, reducedMotion } = props;
    const [knobs, setKnobs] = useKnobs(def, values, props.initialKnobs);
    const { speed, onSpeed } = useSpeed(values, onChangeParams);
    const key = scenarioKey(values, scenarioNames);
    const runKey = JSON.stringify(def.runKnobs ? def.runKnobs(knobs) : knobs);
    const shell = props.shell;
    // biome-ignore lint/correctness/useExhaustiveDependencies: the keys stand for values and knobs
    const runner = useMemo(() => createPanelRunner(def, values, knobs), [key, runKey]);
    // Stories and tests without a shell keep the handout here.
    const [ownHandout, setOwnHandout] = useState(false);
    const handout = shell?.handout ?? ownHandout;
    const setHandout = shell?.onHandout ?? setOwnHandout;
    const [printOnOpen, setPrintOnOpen] = useState(false);
    const ctx: ScenarioContext<M, K> = {
      values: panelValues(def, values),
      knobs,
      input: runner.input,
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the views follow the knobs only
    const views = useMemo(
      () => (typeof def.views === 'function' ? def.views(ctx) : def.views),
      [runner, JSON.stringify(knobs)],
    );
    const apply = (change: KnobChange<K>) => {
      if (change.knobs) setKnobs(change.knobs);
      if (change.values) onChangeParams({ ...change.values, t: undefined });
    };
    const text = useMemo(() => new TextRate(runner), [runner]);
    const powershell = useTextValue(text, (view) => def.powershell({ ...ctx, view }));
    const stageProps = { runner, text, reducedMotion, values, knobs, apply };
    const actions = def.actions?.(ctx);
    // Play (or Step forward, Skip to end) from the start sends the first action with its payload
    // read now, as its button would: "Create disk" with the disk type chosen at this moment.
    const start = actions?.[0];
    if (start?.payload && start.type === (def.startEvent ?? 'START')) {
      const payload = start.payload;
      runner.setStartPayload(
        () => payload(runner.getSnapshot() as RunnerView<AnyMachineSnapshot>) ?? {},
      );
    }
    // A tour stop opens the run at its moment, once, before the first render shows it.
    const opened = useRef<SimRunner<M> | null>(null);
    if (shell?.open && opened.current !== runner) {
      opened.current = runner;
      openAt(runner, shell.open, views.faults, actions, views.startLabel ?? def.meta.startLabel);
    }
    if (handout) {
      return (
        <Suspense fallback={<p role="status">Drawing the handout…</p>}>
          <Handout
            def={def as unknown as PanelDefinition<AnyStateMachine, unknown>}
            values={values}
            knobs={knobs}
            print={printOnOpen}
            onPrinted={() => setPrintOnOpen(false)}
            onClose={() => setHandout(false)}
          />
        </Suspense>
      );
    }
    const cards = def.settings?.(ctx) ?? [];
    const { Stage, Below } = def;
    const info = {
      route: def.meta.route,
      title: def.meta.title,
      catalog: def.meta.catalog,
      ...(def.meta.talkingPoints ? { talkingPoints: def.meta.talkingPoints } : {}),
    };
    return (
      <RunPanel
        runner={runner}
        views={views}
        values={values}
        errors={props.errors}
        onChangeParams={onChangeParams}
        reducedMotion={reducedMotion}
        speed={speed}
        onSpeed={onSpeed}
        scenarioParams={def.meta.scenarioParams}
        {...(def.meta.ranges ? { ranges: def.meta.ranges } : {})}
        startLabel={views.startLabel ?? def.meta.startLabel}
        {...(actions ? { actions } : {})}
        text={text}
        stage={<Stage {...stageProps} />}
        settings={cards.length > 0 ? <KnobCards cards={cards} apply={apply} /> : undefined}
        below={Below ? <Below {...stageProps} /> : undefined}
        powershell={powershell}
        info={info}
        {...(shell ? { shell } : {})}
        selfCheck={{
          questions: (def.questions ?? []) as NonNullable<typeof def.questions>,
          scenario: ctx,
          startEvent: def.startEvent ?? 'START',
          route: def.meta.route,
        }}
        onHandout={() => {
          setPrintOnOpen(true);
          setHandout(true);
        }}
      />
    );
  }

  /**
   * The thumbnail's runner, made once per panel and kept. Not a `useMemo`: creating it runs the
   * whole process once (to know its end), and a render that the overview's other thumbnails
   * interrupt (their clock updates are urgent) is thrown away with its memo; on a slow laptop the
   * last thumbnails were then created again and again and never shown. Kept, it also costs
   * nothing when the overview is opened again.
   */
  let thumbRunner: SimRunner<M> | null = null;
  const thumbnailRunner = (): SimRunner<M> => {
    const t = def.thumbnail;
    thumbRunner ??= createPanelRunner(def, t.values ?? {}, t.knobs ?? def.knobs);
    return thumbRunner;
  };

  function Thumbnail({ reducedMotion }: ThumbnailProps) {
    const t = def.thumbnail;
    const runner = thumbnailRunner();
    useLoopingRunner(runner, reducedMotion, t.speed);
    const v = useRunnerView(runner);
    return <>{t.scene(v, !reducedMotion)}</>;
  }

  const questionIds = (def.questions ?? []).map((q) => q.id);
  return { Panel, Thumbnail, definition: def, thumbnailRunner, questionIds };
}
