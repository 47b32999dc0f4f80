import { Suspense, useEffect, useRef, useState } from 'react';
import { PANELS } from '../panels/registry';
import type { PanelEntry } from '../panels/types';
import { lazyPart } from './PanelPage';

/** Whether the element is on screen (always true where IntersectionObserver is missing). */
function useOnScreen<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) setVisible(e.isIntersecting);
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return [ref, visible];
}

function Thumb({ entry, reducedMotion }: { entry: PanelEntry; reducedMotion: boolean }) {
  const Lazy = lazyPart(entry, 'Thumbnail');
  // Off-screen thumbnails hold still (as with reduced motion), so a long overview costs only
  // the cards in view.
  const [ref, visible] = useOnScreen<HTMLDivElement>();
  return (
    <div ref={ref} className="thumb" aria-hidden="true">
      <Suspense fallback={<div className="thumb-placeholder" aria-hidden="true" />}>
        <Lazy reducedMotion={reducedMotion || !visible} />
      </Suspense>
    </div>
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
                <Thumb entry={p} reducedMotion={reducedMotion} />
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
