/**
 * The declarative panel definition. A panel is two things a newcomer writes:
 *  - `meta.ts`: a `PanelMeta` (route, title, section, catalog number, the URL parameters it reads,
 *    the start action's name and its named moments). Small and eager: the overview, the router,
 *    the URL validation, the generated e2e specs and the bench read it without loading the panel.
 *  - `definition.tsx`: a `PanelDefinition` (the machine, how its input is built from the URL and
 *    the knobs, the knobs as data, the views' selectors, the stage picture, the PowerShell command
 *    and the thumbnail). Loaded lazily; `definePanel` turns it into the panel and its thumbnail.
 */
import type { ComponentType, ReactNode } from 'react';
import type { AnyMachineSnapshot, AnyStateMachine, InputFrom, SnapshotFrom } from 'xstate';
import type { LogEntry } from '../../machines/step';
import {
  type NumericParamName,
  type ParamName,
  type ParamRanges,
  type ParamValues,
  PLAYBACK_PARAMS,
} from '../../model/parameters';
import type { World } from '../../model/world';
import type { RunnerView, SimRunner } from '../../sim/runner';
import type { Question } from './quiz';
import type { ProcessViews } from './RunPanel';
import type { TextRate } from './textRate';

/**
 * A named moment of a panel, as a user reaches it (so the same data drives a story in Storybook
 * and a spec in the browser): open the panel (with `values` in the URL), press "Step forward"
 * `forward` times or "Skip to end", optionally inject a fault by its menu name, then expect the
 * status and the current step.
 */
export interface Moment {
  /** URL parameters to open with (scenario values only; no `t`). */
  values?: ParamValues;
  /** Buttons to press first, by name, in order (a session panel's actions: "Shut down VM"). */
  press?: readonly string[];
  /** Presses of "Step forward" after opening. */
  forward?: number;
  /** Press "Skip to end" after opening. */
  end?: boolean;
  /** The "Inject fault" menu item to choose, by its accessible name. */
  inject?: string;
  /** Text the status (narration live region) contains. */
  status?: string;
  /** Text the current step (`aria-current="step"`) contains. */
  step?: string;
}

/** The moments every panel names (CONTRACT: stories and e2e per panel are generated from them). */
export interface PanelMoments {
  idle: Moment;
  midStep: Moment;
  failed: Moment;
  done: Moment;
}

/** A run that meets its fault after step 1 (the moments `faultAfterStepOne` makes of it). */
export interface StepOneFault {
  /** Step 1's title: after one Step forward the run is in it. */
  running: string;
  /** The fault's "Inject fault" menu name, injected then. */
  fault: string;
  /** The title of the step the fault leads to (the status and the current step both name it). */
  leadsTo: string;
  /** What the status says at the end. */
  done: string;
}

/** The moments of a panel whose run meets its fault after step 1. */
export function faultAfterStepOne(m: StepOneFault): PanelMoments {
  return {
    idle: { status: 'Ready' },
    midStep: { forward: 1, step: m.running },
    failed: { forward: 1, inject: m.fault, status: m.leadsTo, step: m.leadsTo },
    done: { end: true, status: m.done },
  };
}

export const MOMENT_NAMES = ['idle', 'midStep', 'failed', 'done'] as const;
export type MomentName = (typeof MOMENT_NAMES)[number];

/** What the registry, the router and the generated tests know of a panel without loading it. */
export interface PanelMeta {
  route: string;
  title: string;
  section: string;
  /** CATALOG.md section. */
  catalog: string;
  summary: string;
  /** The numeric URL parameters the scenario reads (shown as parameter controls, in this order). */
  scenarioParams: readonly NumericParamName[];
  /** Other URL parameters the scenario reads (e.g. `rdma`), set from the panel's settings. */
  extraParams?: readonly ParamName[];
  /** The panel's own ranges or defaults for shared parameters (see `ParamRanges`). */
  ranges?: ParamRanges;
  /** The start button's name, e.g. "Start live migration" (CONTRACT.md). */
  startLabel: string;
  moments: PanelMoments;
  /**
   * A few lines for the speaker notes (`#/notes`): what to say about this panel, in our own words
   * from the seeds. Optional.
   */
  talkingPoints?: readonly string[];
}

/** Every URL parameter a panel reads: its scenario's, its extra ones, then playback (seed, speed, t). */
export function panelParams(meta: Pick<PanelMeta, 'scenarioParams' | 'extraParams'>): ParamName[] {
  return [...meta.scenarioParams, ...(meta.extraParams ?? []), ...PLAYBACK_PARAMS];
}

// ---- knobs as data ------------------------------------------------------------------------------

/** What a knob's change writes: new knobs (page state), new URL values, or both. */
export interface KnobChange<K> {
  knobs?: K;
  values?: ParamValues;
}

export interface KnobOption {
  value: string;
  label: string;
}

/** One control of a panel's settings. Labels are computed from the scenario's world. */
export type KnobField<K> =
  | {
      kind: 'select';
      label: string;
      value: string;
      options: readonly KnobOption[];
      onChange: (value: string) => KnobChange<K>;
    }
  | { kind: 'checkbox'; label: string; checked: boolean; onChange: (on: boolean) => KnobChange<K> }
  | {
      kind: 'radio';
      legend: string;
      /** The radio group's name (unique in the page). */
      name: string;
      value: string;
      options: readonly KnobOption[];
      onChange: (value: string) => KnobChange<K>;
    }
  | {
      kind: 'checklist';
      legend?: string;
      /** The ticked option values, in option order. */
      values: readonly string[];
      options: readonly KnobOption[];
      onChange: (values: string[]) => KnobChange<K>;
      className?: string;
      disabled?: boolean;
    }
  | {
      kind: 'number';
      label: string;
      value: number;
      min: number;
      max: number;
      onChange: (value: number) => KnobChange<K>;
    }
  | {
      kind: 'group';
      legend: string;
      disabled?: boolean;
      fields: readonly KnobField<K>[];
    }
  | { kind: 'note'; text: string };

/** One card of settings: a fieldset with a legend. */
export interface KnobCard<K> {
  legend: string;
  fields: readonly KnobField<K>[];
  className?: string;
}

/** What the settings, the views and the PowerShell command are computed from. */
export interface ScenarioContext<M extends AnyStateMachine, K> {
  values: ParamValues;
  knobs: K;
  /** The machine's input for these values and knobs (its world names the hosts and VMs). */
  input: InputFrom<M>;
}

export interface StageProps<M extends AnyStateMachine, K> {
  runner: SimRunner<M>;
  /** The run at the text rate, for the text in the picture's cards (tables, figures). */
  text: TextRate<M>;
  reducedMotion: boolean;
  values: ParamValues;
  knobs: K;
  /** Change the knobs or the URL values from the picture (a selection in a tree, say). */
  apply: (change: KnobChange<K>) => void;
}

/**
 * A session panel's action: a button named for what it does, sending `event` (with its payload,
 * e.g. which snapshot) when the machine can take it now. The first action is the panel's start
 * (its label is `meta.startLabel`). Pressing one sends it and plays the process it starts.
 */
export interface ActionDef {
  label: string;
  /** The event's type. */
  type: string;
  /**
   * The event's payload, read from the run at this moment (which snapshot is selected now);
   * null: nothing to act on (the button is disabled). None: the event has no payload.
   */
  payload?: ActionPayload;
  /** Ask first, in a dialog: each choice sends the event with its own payload ("Cancel" is added). */
  confirm?: {
    title: string;
    text: string;
    choices: readonly { label: string; payload?: ActionPayload }[];
  };
}

/** An action's payload at a moment of the run (null: nothing to act on). */
export type ActionPayload = (v: RunnerView<AnyMachineSnapshot>) => Record<string, unknown> | null;

/** The lazily loaded half of a panel: its machine, scenario, views, picture and command. */
export interface PanelDefinition<M extends AnyStateMachine, K> {
  meta: PanelMeta;
  /**
   * The machine, or (for a panel whose scenarios are different processes) the machine of the
   * knobs' scenario. The machines of one panel share their context and events.
   */
  machine: M | ((knobs: K) => M);
  /** The event the Start button sends (default `START`). */
  startEvent?: string;
  /**
   * A session panel's actions (its machine rests between them and takes each as an event), as
   * data from the scenario and the knobs; they replace the single start button. Optional.
   */
  actions?: (ctx: ScenarioContext<M, K>) => readonly ActionDef[];
  /** The knobs' defaults (page state beside the URL: requirements, choices, selections). */
  knobs: K;
  /**
   * The part of the knobs that restarts the run when it changes (default: all of them). A knob
   * that only changes what the views follow (e.g. which option the Results follow) is left out.
   */
  runKnobs?: (knobs: K) => unknown;
  /** Knob fields that go back to their defaults when one of these URL parameters changes. */
  resetKnobs?: { on: readonly ParamName[]; keys: readonly (keyof K)[] };
  /** The machine's input for the URL's values (defaults fill the rest) and the knobs. */
  input: (values: ParamValues, knobs: K) => InputFrom<M>;
  /** The text equivalents: pure selectors of the runner's view. */
  views: ProcessViews<M> | ((ctx: ScenarioContext<M, K>) => ProcessViews<M>);
  /** The settings cards beside the parameter controls, as data. */
  settings?: (ctx: ScenarioContext<M, K>) => readonly KnobCard<K>[];
  /** The panel's picture. */
  Stage: ComponentType<StageProps<M, K>>;
  /** Extra cards under the picture (a comparison table, where the files go). */
  Below?: ComponentType<StageProps<M, K>>;
  /**
   * The equivalent Windows PowerShell. `view` is the run at the text rate, for a command that
   * follows it (a session's selected snapshot by its name, say).
   */
  powershell: (ctx: ScenarioContext<M, K> & { view: RunnerView<SnapshotFrom<M>> }) => string;
  /**
   * Self-check questions (predict, then see): each asked when a playing run reaches its moment.
   * Answers are functions of the run and the scenario, never stored figures (see `quiz.ts`).
   */
  questions?: readonly Question<M, K>[];
  /** The overview's live miniature: the default run (or `values`) looping at `speed`. */
  thumbnail: {
    speed: number;
    values?: ParamValues;
    knobs?: K;
    /** The miniature's picture of the runner's view. */
    scene: (v: RunnerView<SnapshotFrom<M>>, animate: boolean) => ReactNode;
  };
}

/** The machine a definition runs for these knobs. */
export function machineOf<M extends AnyStateMachine, K>(def: PanelDefinition<M, K>, knobs: K): M {
  return typeof def.machine === 'function' ? (def.machine as (knobs: K) => M)(knobs) : def.machine;
}

/** What a panel's `selectors.ts` exports for the text equivalents (see `processViews`). */
export interface PanelSelectors<M extends AnyStateMachine> {
  STEPS: ProcessViews<M>['steps'];
  CHART: ProcessViews<M>['chart'];
  succeeded: ProcessViews<M>['succeeded'];
  narration: ProcessViews<M>['narration'];
  stepDetail?: ProcessViews<M>['stepDetail'];
  results: ProcessViews<M>['results'];
  inventory: ProcessViews<M>['inventory'];
  /** Default: the machine context's `log`. */
  log?: ProcessViews<M>['log'];
  /** A session's processes (see `sessionFamily`). */
  scopes?: ProcessViews<M>['scopes'];
  scopeOf?: ProcessViews<M>['scopeOf'];
}

/** The views of a panel from its selectors module, its statechart's title and its faults. */
export function processViews<M extends AnyStateMachine>(
  s: PanelSelectors<M>,
  chartTitle: string,
  faults: ProcessViews<M>['faults'],
): ProcessViews<M> {
  return {
    steps: s.STEPS,
    chart: s.CHART,
    chartTitle,
    faults,
    succeeded: s.succeeded,
    narration: s.narration,
    ...(s.stepDetail ? { stepDetail: s.stepDetail } : {}),
    ...(s.scopes && s.scopeOf ? { scopes: s.scopes, scopeOf: s.scopeOf } : {}),
    results: s.results,
    inventory: s.inventory,
    log: s.log ?? ((v) => (v.snapshot as { context: { log: LogEntry[] } }).context.log),
  };
}

/** A host's or VM's name in the scenario's world (labels come from the world, never literals). */
export const worldName = (w: World, id: string): string =>
  w.hosts[id]?.name ?? w.vms[id]?.name ?? w.storage[id]?.name ?? id;

/** Helpers for the common knob fields: one knob key, its value as the control's value. */
export const knob = {
  select<K, Key extends keyof K>(
    knobs: K,
    key: Key,
    label: string,
    options: readonly KnobOption[],
  ): KnobField<K> {
    return {
      kind: 'select',
      label,
      value: String(knobs[key]),
      options,
      onChange: (v) => ({ knobs: { ...knobs, [key]: v as K[Key] } }),
    };
  },
  checkbox<K, Key extends keyof K>(knobs: K, key: Key, label: string): KnobField<K> {
    return {
      kind: 'checkbox',
      label,
      checked: Boolean(knobs[key]),
      onChange: (on) => ({ knobs: { ...knobs, [key]: on as K[Key] } }),
    };
  },
  radio<K, Key extends keyof K>(
    knobs: K,
    key: Key,
    legend: string,
    name: string,
    options: readonly KnobOption[],
  ): KnobField<K> {
    return {
      kind: 'radio',
      legend,
      name,
      value: String(knobs[key]),
      options,
      onChange: (v) => ({ knobs: { ...knobs, [key]: v as K[Key] } }),
    };
  },
};

/** The settings' label for the destination's processors (a different maker breaks the move). */
export function cpuVendorKnob<K extends { destinationCpuVendor: string }>(
  knobs: K,
  world: World,
  source: string,
  destination: string,
): KnobField<K> {
  return knob.select(
    knobs,
    'destinationCpuVendor',
    `Processors in ${worldName(world, destination)}`,
    [
      { value: 'Intel', label: `Intel (same as ${worldName(world, source)})` },
      { value: 'AMD', label: 'AMD' },
    ],
  );
}
