// Inlined into the built index.html (vite.config.ts, allowed by its hash in the CSP): a deep link to
// a panel shows its breadcrumb, title and summary in the first frame, from the HTML alone, while
// the app's script is still on its way, in #first-paint below the app's root. The app hides it
// once its own render (the same elements) is in, and removes it a moment later (App.tsx).
// The build writes each panel's words as JSON (#panel-leads); anything missing or malformed only
// means the header alone until the app has run. Text only (textContent), never markup.
(() => {
  const data = document.getElementById('panel-leads');
  const box = document.getElementById('first-paint');
  if (!data || !box) return;
  let leads;
  try {
    leads = JSON.parse(data.textContent || '{}');
  } catch {
    return;
  }
  // The route as the app reads it (src/app/url.ts parseHash): the hash up to '?', no trailing '/'.
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  let route = path.trim() || '/';
  if (!route.startsWith('/')) route = `/${route}`;
  if (route.length > 1 && route.endsWith('/')) route = route.slice(0, -1);
  // Presenter mode and the handout show no summary: leave those to the app.
  const shell = new URLSearchParams(query);
  if (shell.has('present') || shell.has('handout')) return;
  const lead = Object.hasOwn(leads, route) ? leads[route] : null;
  if (!lead || ![lead.section, lead.title, lead.summary].every((s) => typeof s === 'string'))
    return;
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
})();
