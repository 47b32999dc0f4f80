import { lazy, Suspense, useMemo } from 'react';
import { PANELS } from '../panels/registry';
import type { PanelEntry } from '../panels/types';

function Thumb({ entry, reducedMotion }: { entry: PanelEntry; reducedMotion: boolean }) {
  const Lazy = useMemo(
    () => lazy(() => entry.load().then((m) => ({ default: m.Thumbnail }))),
    [entry],
  );
  return (
    <Suspense fallback={<div className="thumb-placeholder" aria-hidden="true" />}>
      <Lazy reducedMotion={reducedMotion} />
    </Suspense>
  );
}

/** The poster overview (`#/`): every built panel as a live thumbnail and a link. */
export function Overview({ reducedMotion }: { reducedMotion: boolean }) {
  const sections = [...new Set(PANELS.map((p) => p.section))];
  return (
    <main id="main" tabIndex={-1} className="overview">
      <h1>Hyper-V Poster, live</h1>
      <p className="lede">
        The Hyper-V component architecture posters (Windows Server 2008 R2 SP1, 2012 and 2012 R2),
        as simulations you can play, pause, step, rewind and break. Pick a panel.
      </p>
      {sections.map((section) => (
        <section key={section} aria-labelledby={`sec-${section}`}>
          <h2 id={`sec-${section}`}>{section}</h2>
          <ul className="panel-cards">
            {PANELS.filter((p) => p.section === section).map((p) => (
              <li key={p.route} className="card panel-card">
                <a href={`#${p.route}`} className="panel-link">
                  <span className="panel-title">{p.title}</span>
                </a>
                <div className="thumb" aria-hidden="true">
                  <Thumb entry={p} reducedMotion={reducedMotion} />
                </div>
                <p>{p.summary}</p>
                <p className="muted">Poster section {p.catalog}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
