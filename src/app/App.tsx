import { MotionConfig } from 'framer-motion';
import { useEffect } from 'react';
import { findPanel } from '../panels/registry';
import { useHash } from './location';
import { useMotionReduced } from './motion';
import { NotFound } from './NotFound';
import { Overview } from './Overview';
import { PanelPage } from './PanelPage';
import { type MotionPreference, useUi } from './store';
import { parseHash } from './url';
import './app.css';

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

export function App() {
  const hash = useHash();
  const { route, raw } = parseHash(hash);
  const reduced = useMotionReduced();
  const entry = findPanel(route);
  const title =
    route === '/'
      ? 'Hyper-V Poster, live'
      : entry
        ? `${entry.title} · Hyper-V Poster, live`
        : 'Not found · Hyper-V Poster, live';

  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <MotionConfig reducedMotion={reduced ? 'always' : 'never'}>
      <div className={`app${reduced ? ' reduced-motion' : ''}`}>
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
          <MotionSwitch />
        </header>
        {route === '/' ? (
          <Overview reducedMotion={reduced} />
        ) : entry ? (
          <PanelPage key={entry.route} entry={entry} raw={raw} reducedMotion={reduced} />
        ) : (
          <NotFound route={route} />
        )}
      </div>
    </MotionConfig>
  );
}
