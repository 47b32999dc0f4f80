import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { parseHash } from './app/url';
import { findPanel } from './panels/registry';
import './styles.css';

// A deep link starts fetching its panel's code now, while the shell starts, rather than once the
// shell has rendered and asks for it (the page shows the panel sooner on a slow network). A
// failure here is left to the panel page, which reports it and tries again.
findPanel(parseHash(window.location.hash).route)
  ?.load()
  .catch(() => undefined);

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element in index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
