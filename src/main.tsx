import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerServiceWorkerLater } from './app/serviceWorker';
import { parseHash } from './app/url';
import { findPanel } from './panels/registry';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element in index.html');

const start = () => {
  // A deep link starts fetching its panel's code now, while the shell starts, rather than once
  // the shell has rendered and asks for it (the page shows the panel sooner on a slow network).
  // A failure here is left to the panel page, which reports it and tries again.
  findPanel(parseHash(window.location.hash).route)
    ?.load()
    .catch(() => undefined);
  const root = createRoot(container);
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
};

// The HTML's own first frame (the header; for a deep link the panel's title and summary, painted
// by the inline first-paint script) reaches the screen before the app's first render takes its
// place: the render waits two frames. A page opened in the background paints no frames until it
// is shown, so it starts at once.
if (document.visibilityState === 'visible')
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(start, 0)));
else start();

// The offline copy, once the page has settled (src/app/serviceWorker.ts). Only the build has one.
if (import.meta.env.PROD) registerServiceWorkerLater(window);
