// The chunks a page will need soon, asked for once its first frame is painted (so they do not
// compete with the shell's own script and stylesheet, or hold that frame back): the chunks most
// panels import (`*`: the overview's thumbnails need them too), and for a deep link to a panel its
// own chunks and stylesheets, so that it is fetched beside the shell's script rather than once the
// shell has run and asks for it. The build writes the list (route -> chunks and stylesheets) into
// index.html as JSON (#panel-chunks); anything missing or malformed here only means no head start:
// the app loads what it needs either way.
(() => {
  const data = document.getElementById('panel-chunks');
  if (!data) return;
  let map;
  try {
    map = JSON.parse(data.textContent || '{}');
  } catch {
    return;
  }
  // The route as the app reads it (src/app/url.ts parseHash): the hash up to '?', no trailing '/'.
  let route = location.hash.replace(/^#/, '').split('?')[0].trim() || '/';
  if (!route.startsWith('/')) route = `/${route}`;
  if (route.length > 1 && route.endsWith('/')) route = route.slice(0, -1);
  const list = (key) => (Object.hasOwn(map, key) && Array.isArray(map[key]) ? map[key] : []);
  const files = [...list('*'), ...(route === '*' ? [] : list(route))];
  const ask = () => {
    for (const file of files) {
      if (typeof file !== 'string') continue;
      const link = document.createElement('link');
      const css = file.endsWith('.css');
      link.rel = css ? 'preload' : 'modulepreload';
      if (css) link.as = 'style';
      link.fetchPriority = 'low';
      link.crossOrigin = '';
      link.href = file;
      document.head.appendChild(link);
    }
  };
  // After the next frame is painted; a page in the background paints none until shown: at once.
  if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(ask, 0));
  else ask();
})();
