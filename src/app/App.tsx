import { MotionConfig } from 'framer-motion';
import { lazy, Suspense, useEffect, useLayoutEffect } from 'react';
import { findPanel } from '../panels/registry';
import { useHash } from './location';
import { useMotionReduced } from './motion';
import { NotFound } from './NotFound';
import { Overview } from './Overview';
import { PanelPage } from './PanelPage';
import { type MotionPreference, useUi } from './store';
import { parseTourRoute } from './tourRoute';
import { parseHash, parseShell } from './url';
import './app.css';

// The notes window and the tours load on first use (their own chunks, precached for offline use).
const Notes = lazy(() => import('./Notes').then((m) => ({ default: m.Notes })));
const ToursPage = lazy(() => import('./Tours').then((m) => ({ default: m.ToursPage })));
const TourPage = lazy(() => import('./Tours').then((m) => ({ default: m.TourPage })));

function MotionSwitch() {
  const motion = useUi((s) => s.motion);
  const setMotion = useUi((s) => s.setMotion);
  return (
    <label className="motion-switch">
      Motion{' '}
      <select value={motion} onChange={(e) => setMotion(e.target.value as MotionPreference)}>
        <option value="system">Follow system</option>
        <option value="reduce">Reduced</option>
        <option value="full">Full</option>
      </select>
    </label>
  );
}

/** The settings switch for the self-check questions (on by default; `?quiz=0` overrides it). */
function QuizSwitch() {
  const quiz = useUi((s) => s.quiz);
  const setQuiz = useUi((s) => s.setQuiz);
  return (
    <label className="quiz-switch">
      <input type="checkbox" checked={quiz} onChange={(e) => setQuiz(e.target.checked)} />{' '}
      Self-check questions
    </label>
  );
}

const APP_TITLE = 'Hyper-V Poster, live';

/** The page's title for a route. */
function titleOf(route: string): string {
  if (route === '/') return APP_TITLE;
  if (route === '/notes') return `Speaker notes · ${APP_TITLE}`;
  if (route === '/tours') return `Tours · ${APP_TITLE}`;
  if (parseTourRoute(route)) return `Tour · ${APP_TITLE}`; // the stop names itself once loaded
  const entry = findPanel(route);
  return entry ? `${entry.title} · ${APP_TITLE}` : `Not found · ${APP_TITLE}`;
}

/**
 * The HTML's first-paint copy of a deep link's title and summary (index.html `#first-paint`),
 * retired in the app's first frame: its breadcrumb and title go at once (the page has one of
 * each), its summary is hidden and goes a second later. The summary stays that long because the
 * browser counts a paint (Largest Contentful Paint) only on a later frame, and forgets one whose
 * element is already gone.
 */
function retireFirstPaint() {
  const first = document.getElementById('first-paint');
  if (!first) return;
  first.classList.add('retired');
  first.setAttribute('aria-hidden', 'true');
  for (const extra of first.querySelectorAll('nav, h1')) extra.remove();
  const later = setTimeout(() => first.remove(), 1000);
  return () => clearTimeout(later);
}

export function App() {
  const hash = useHash();
  const { route, raw } = parseHash(hash);
  const reduced = useMotionReduced();
  const entry = findPanel(route);
  const tour = parseTourRoute(route);
  const title = titleOf(route);
  // Presenter mode covers the window: the shell's header steps aside.
  const presenting = parseShell(raw).shell.present === true && (entry !== undefined || tour);

  useEffect(() => {
    document.title = title;
  }, [title]);

  useLayoutEffect(retireFirstPaint, []);

  return (
    <MotionConfig reducedMotion={reduced ? 'always' : 'never'}>
      <div className={`app${reduced ? ' reduced-motion' : ''}${presenting ? ' presenting' : ''}`}>
        <button
          type="button"
          className="skip-link"
          onClick={() => document.getElementById('main')?.focus()}
        >
          Skip to content
        </button>
        <header className="app-header">
          <a href="#/" className="brand">
            Hyper-V Poster, live
          </a>
          <span className="app-settings">
            <QuizSwitch />
            <MotionSwitch />
          </span>
        </header>
        {route === '/' ? (
          <Overview reducedMotion={reduced} />
        ) : route === '/notes' || route === '/tours' || tour ? (
          <Suspense fallback={<p role="status">Loading…</p>}>
            {route === '/notes' ? (
              <Notes />
            ) : tour ? (
              <TourPage id={tour.id} stop={tour.stop} raw={raw} reducedMotion={reduced} />
            ) : (
              <ToursPage />
            )}
          </Suspense>
        ) : entry ? (
          <PanelPage key={entry.route} entry={entry} raw={raw} reducedMotion={reduced} />
        ) : (
          <NotFound route={route} />
        )}
      </div>
    </MotionConfig>
  );
}
