// Inlined into the built index.html (vite.config.ts, allowed by its hash in the CSP). Text only
// (textContent), never markup; anything missing or malformed only means less head start.
// 1. A deep link to a panel shows its breadcrumb, title and summary in the first frame, from the
//    HTML alone, in #first-paint below the app's root (words from #panel-leads, written by the
//    build from the metas). The app hides it once its own render is in and removes it (App.tsx).
// 2. Once that frame is painted, the chunks the page will need soon are asked for at low priority
//    (#panel-chunks: `*` the chunks most panels import, and the panel's own chunks and
//    stylesheets), so a deep link fetches its panel beside the shell's script, not after it.
(() => {
  const json = (id) => {
    try {
      return JSON.parse(document.getElementById(id)?.textContent || '{}');
    } catch {
      return {};
    }
  };
  const own = (map, key) => (Object.hasOwn(map, key) ? map[key] : null);
  // The route as the app reads it (src/app/url.ts parseHash): the hash up to '?', no trailing '/'.
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  let route = path.trim() || '/';
  if (!route.startsWith('/')) route = `/${route}`;
  if (route.length > 1 && route.endsWith('/')) route = route.slice(0, -1);

  const box = document.getElementById('first-paint');
  const lead = own(json('panel-leads'), route);
  // Presenter mode and the handout show no summary: leave those to the app.
  const shell = new URLSearchParams(query);
  const painted =
    box &&
    lead &&
    !shell.has('present') &&
    !shell.has('handout') &&
    [lead.section, lead.title, lead.summary].every((s) => typeof s === 'string');
  if (painted) {
    const el = (tag, className, text) => {
      const e = document.createElement(tag);
      if (className) e.className = className;
      if (text) e.textContent = text;
      return e;
    };
    // 'first-paint': its summary's lines are set a little apart (app.css), so that the app's own
    // render of the same words, a frame later, is no larger a paint than this one.
    const main = el('main', 'panel-page first-paint');
    const nav = el('nav', 'breadcrumb');
    nav.setAttribute('aria-label', 'Breadcrumb');
    const home = el('a', '', 'Poster overview');
    home.href = '#/';
    const sep = el('span', '', '›');
    sep.setAttribute('aria-hidden', 'true');
    nav.append(home, ' ', sep, ` ${lead.section}`);
    main.append(nav, el('h1', '', lead.title), el('p', 'lede panel-lede', lead.summary));
    box.append(main);
  }

  const chunks = json('panel-chunks');
  const list = (key) => {
    const files = own(chunks, key);
    return Array.isArray(files) ? files : [];
  };
  const files = [...list('*'), ...(route === '*' ? [] : list(route))];
  // One link per task: Chrome compiles a module it already holds as its link is added, and a
  // shared chunk can take tens of milliseconds on a slow laptop; one at a time, the page stays
  // responsive between them.
  const ask = (i) => {
    if (i >= files.length) return;
    const file = files[i];
    if (typeof file === 'string') {
      const link = document.createElement('link');
      const css = file.endsWith('.css');
      link.rel = css ? 'preload' : 'modulepreload';
      if (css) link.as = 'style';
      link.fetchPriority = 'low';
      link.crossOrigin = '';
      link.href = file;
      document.head.appendChild(link);
    }
    setTimeout(() => ask(i + 1), 0);
  };
  // After the next frame is painted; a page in the background paints none until shown: at once.
  if (document.visibilityState === 'visible')
    requestAnimationFrame(() => setTimeout(() => ask(0), 0));
  else ask(0);
})();
