import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { PanelEntry } from '../panels/types';
import { ErrorBoundary } from './ErrorBoundary';
import { navigate } from './location';
import { buildHash, type ParamValues, parseParams } from './url';

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
  const Panel = useMemo(
    () => lazy(() => entry.load().then((m) => ({ default: m.Panel }))),
    [entry],
  );
  const rawKey = JSON.stringify(raw);
  // biome-ignore lint/correctness/useExhaustiveDependencies: rawKey stands for raw's contents
  const { values, errors } = useMemo(() => parseParams(raw, entry.params), [rawKey, entry]);
  const onChangeParams = useCallback(
    (next: ParamValues) => navigate(buildHash(entry.route, next), { replace: true }),
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
