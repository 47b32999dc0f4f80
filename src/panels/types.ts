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
}

export interface ThumbnailProps {
  reducedMotion: boolean;
}

export interface PanelModule {
  Panel: ComponentType<PanelProps>;
  Thumbnail: ComponentType<ThumbnailProps>;
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
