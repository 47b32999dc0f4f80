import { type LazyExoticComponent, lazy, Suspense, useCallback, useMemo } from 'react';
import type { PanelEntry, PanelModule } from '../panels/types';
import { ErrorBoundary } from './ErrorBoundary';
import { navigate } from './location';
import { buildHash, type ParamValues, parseParams } from './url';

type Part = keyof PanelModule;
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

/** One panel: its parameters from the URL, loaded lazily, guarded by an error boundary. */
export function PanelPage({
  entry,
  raw,
  reducedMotion,
}: {
  entry: PanelEntry;
  raw: Record<string, string>;
  reducedMotion: boolean;
}) {
  const Panel = lazyPart(entry, 'Panel');
  const rawKey = JSON.stringify(raw);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rawKey stands for raw's contents
  const { values, errors } = useMemo(
    () => parseParams(raw, entry.params, entry.ranges),
    [rawKey, entry],
  );
  const onChangeParams = useCallback(
    (next: ParamValues) => navigate(buildHash(entry.route, next, entry.ranges), { replace: true }),
    [entry],
  );
  return (
    <main id="main" tabIndex={-1} className="panel-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href="#/">Poster overview</a> <span aria-hidden="true">›</span> {entry.section}
      </nav>
      <h1>{entry.title}</h1>
      <ErrorBoundary resetKey={entry.route + rawKey}>
        <Suspense fallback={<p role="status">Loading the panel…</p>}>
          <Panel
            values={values}
            errors={errors}
            onChangeParams={onChangeParams}
            reducedMotion={reducedMotion}
          />
        </Suspense>
      </ErrorBoundary>
    </main>
  );
}
