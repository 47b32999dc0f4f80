/** What a panel module provides to the app shell. Adding a panel = one folder + one registry line. */
import type { ComponentType } from 'react';
import type { ParamError, ParamName, ParamRanges, ParamValues } from '../model/parameters';

export interface PanelProps {
  /** Validated values from the URL (defaults fill the rest). */
  values: ParamValues;
  /** Problems with the URL's values, to show the user. */
  errors: readonly ParamError[];
  /** Write new parameter values to the URL (the run restarts with them). */
  onChangeParams: (values: ParamValues) => void;
  /** Whether movement is reduced (system preference or the in-app switch). */
  reducedMotion: boolean;
  /** The shell's modes (presenter mode, questions, handout, a tour stop); all off when absent. */
  shell?: ShellModes;
}

/** Where to open a panel's run (a tour stop): buttons pressed, steps taken, a fault injected. */
export interface OpenMoment {
  /** Action buttons (or a confirm dialog's choices) to press first, by name. */
  press?: readonly string[];
  /** Presses of "Step forward". */
  forward?: number;
  /** Press "Skip to end". */
  end?: boolean;
  /** The "Inject fault" menu item to choose, by its name. */
  inject?: string;
}

/** The tour a panel is shown as a stop of (the panel draws the "Tour" region). */
export interface TourStopInfo {
  id: string;
  title: string;
  /** Counted from 1. */
  stop: number;
  of: number;
  caption: string;
  onNext?: () => void;
  onPrevious?: () => void;
}

/** What the shell asks of a panel beyond its parameters (CONTRACT "Presenting, touring ..."). */
export interface ShellModes {
  /** Presenter mode, and how to enter or leave it. */
  present?: boolean;
  onPresent?: (on: boolean) => void;
  /** Ask the panel's self-check questions (off when absent: stories and tests opt in). */
  quiz?: boolean;
  /** The printable handout in place of the panel (every step with its picture). */
  handout?: boolean;
  onHandout?: (on: boolean) => void;
  /** Open the run at this moment (after the URL's `t`, if any). */
  open?: OpenMoment;
  /** Messages about the shell's switches in the URL that were refused (shown with the panel's). */
  errors?: readonly string[];
  tour?: TourStopInfo;
}

export interface ThumbnailProps {
  reducedMotion: boolean;
}

export interface PanelModule {
  Panel: ComponentType<PanelProps>;
  Thumbnail: ComponentType<ThumbnailProps>;
  /** The ids of the panel's self-check questions (the overview counts them). */
  questionIds?: readonly string[];
}

/** A registry entry: what the shell needs to list, route and validate a panel before loading it. */
export interface PanelEntry {
  route: string;
  title: string;
  section: string;
  /** CATALOG.md section. */
  catalog: string;
  summary: string;
  /** URL parameters the panel reads (CONTRACT.md). */
  params: readonly ParamName[];
  /** The panel's own ranges or defaults for shared parameters. */
  ranges?: ParamRanges;
  load: () => Promise<PanelModule>;
}
