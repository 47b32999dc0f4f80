// A deep link to a panel starts fetching that panel's code as soon as the page arrives, beside the
// shell's own script, rather than once the shell has run and asks for it. The build writes the
// list (route -> chunks and stylesheets) into index.html as JSON (#panel-chunks); anything missing
// or malformed here only means no head start: the app loads what it needs either way.
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
  const files = Object.hasOwn(map, route) ? map[route] : null;
  if (!Array.isArray(files)) return;
  for (const file of files) {
    if (typeof file !== 'string') continue;
    const link = document.createElement('link');
    const css = file.endsWith('.css');
    link.rel = css ? 'preload' : 'modulepreload';
    if (css) link.as = 'style';
    // The shell's script and stylesheet come first; these are for the picture after it.
    link.fetchPriority = 'low';
    link.crossOrigin = '';
    link.href = file;
    document.head.appendChild(link);
  }
})();
