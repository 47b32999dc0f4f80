import { type LazyExoticComponent, lazy, Suspense, useMemo, useState } from 'react';
import type {
  OpenMoment,
  PanelEntry,
  PanelModule,
  ShellModes,
  TourStopInfo,
} from '../panels/types';
import { ErrorBoundary } from './ErrorBoundary';
import { navigate } from './location';
import { useUi } from './store';
import { buildHash, type ParamValues, parseParams, parseShell, type ShellParams } from './url';

type Part = 'Panel' | 'Thumbnail';
const parts = new WeakMap<PanelEntry, Map<Part, unknown>>();

/**
 * The lazily loaded part (`Panel` or `Thumbnail`) of a registry entry: one component per entry
 * and part for the page's lifetime, so a panel visited again renders at once instead of a new
 * `lazy()` wrapper (and a Suspense fallback, and a new component type) on every visit. A load
 * that fails is forgotten, so the next visit tries again.
 */
export function lazyPart<K extends Part>(
  entry: PanelEntry,
  part: K,
): LazyExoticComponent<PanelModule[K]> {
  let own = parts.get(entry);
  if (!own) {
    own = new Map();
    parts.set(entry, own);
  }
  const cached = own.get(part);
  if (cached) return cached as LazyExoticComponent<PanelModule[K]>;
  const store = own;
  const component = lazy(() =>
    entry.load().then(
      (m) => ({ default: m[part] }),
      (error: unknown) => {
        store.delete(part);
        throw error;
      },
    ),
  );
  store.set(part, component);
  return component;
}

/** A panel shown as a tour stop: its values and moment come from the tour, not the URL. */
export interface StopPage {
  /** The stop's own route (`/tour/<id>/<n>`), where the shell's switches are written. */
  route: string;
  values: ParamValues;
  open?: OpenMoment;
  tour: TourStopInfo;
}

/**
 * One panel: its parameters from the URL (or a tour stop's), the shell's switches (presenter
 * mode, questions, handout), loaded lazily, guarded by an error boundary.
 */
export function PanelPage({
  entry,
  raw,
  reducedMotion,
  stop,
}: {
  entry: PanelEntry;
  raw: Record<string, string>;
  reducedMotion: boolean;
  stop?: StopPage;
}) {
  const Panel = lazyPart(entry, 'Panel');
  const rawKey = JSON.stringify(raw);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rawKey stands for raw's contents
  const parsed = useMemo(() => parseParams(raw, entry.params, entry.ranges), [rawKey, entry]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rawKey stands for raw's contents
  const { shell, errors: shellErrors } = useMemo(() => parseShell(raw), [rawKey]);
  const quizSetting = useUi((s) => s.quiz);
  // A tour stop keeps its own values; a change of parameter there stays on the stop.
  const [stopValues, setStopValues] = useState<ParamValues | null>(null);
  const values = stop ? (stopValues ?? stop.values) : parsed.values;
  const errors = stop ? [] : parsed.errors;
  const route = stop ? stop.route : entry.route;
  const go = (next: ParamValues, switches: ShellParams, replace = true) =>
    navigate(buildHash(route, stop ? {} : next, entry.ranges, switches), { replace });
  const present = shell.present ?? false;
  const modes: ShellModes = {
    present,
    onPresent: (on) => go(values, { ...shell, present: on }),
    quiz: !present && (shell.quiz ?? quizSetting),
    handout: shell.handout ?? false,
    onHandout: (on) => go(values, { ...shell, handout: on }, false),
    ...(stop?.open ? { open: stop.open } : {}),
    ...(shellErrors.length > 0 ? { errors: shellErrors.map((e) => e.message) } : {}),
    ...(stop ? { tour: stop.tour } : {}),
  };
  const onChangeParams = (next: ParamValues) => {
    if (stop) setStopValues(next);
    else go(next, shell);
  };
  return (
    <main id="main" tabIndex={-1} className="panel-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href="#/">Poster overview</a> <span aria-hidden="true">›</span>{' '}
        {stop ? (
          <>
            <a href="#/tours">Tours</a> <span aria-hidden="true">›</span> {stop.tour.title}
          </>
        ) : (
          entry.section
        )}
      </nav>
      <h1>{entry.title}</h1>
      {/* What the panel shows, in a sentence or two: it is there with the title, before the
          panel's own code has arrived (the first large paint of a deep link). */}
      {modes.handout ? null : <p className="lede panel-lede">{entry.summary}</p>}
      <ErrorBoundary resetKey={route + rawKey}>
        <Suspense fallback={<p role="status">Loading the panel…</p>}>
          <Panel
            values={values}
            errors={errors}
            onChangeParams={onChangeParams}
            reducedMotion={reducedMotion}
            shell={modes}
          />
        </Suspense>
      </ErrorBoundary>
    </main>
  );
}
