import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, runnerImport } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import type { PanelMeta } from './src/panels/kit/definition';

/**
 * The one inline script of the built page (src/app/firstPaint.inline.js): it paints a deep-linked
 * panel's title and summary in the first frame. The CSP allows it by its hash, nothing else inline.
 */
const FIRST_PAINT = readFileSync(
  new URL('./src/app/firstPaint.inline.js', import.meta.url),
  'utf8',
).replace(/^\s*\/\/.*\n/gm, ''); // its comment lines are for the source, not the page
const FIRST_PAINT_HASH = `'sha256-${createHash('sha256').update(FIRST_PAINT).digest('base64')}'`;

/**
 * Strict Content-Security-Policy. No 'unsafe-inline', no 'unsafe-eval':
 * the built app must not contain inline <script>/<style> elements (but the first-paint script,
 * allowed by its hash) or inline style attributes in HTML, and must not use eval/new Function.
 * (Styles set through the CSSOM, e.g. React's `style={{…}}` prop, are allowed.)
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': `'self' ${FIRST_PAINT_HASH}`,
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

const toPolicy = (directives: Readonly<Record<string, string>>): string =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** Full policy, sent as an HTTP header by `vite preview`. */
export const CSP_HEADER = toPolicy(CSP_DIRECTIVES);

/** Same policy for a <meta> tag: frame-ancestors is not allowed there. */
export const CSP_META = toPolicy(
  Object.fromEntries(Object.entries(CSP_DIRECTIVES).filter(([name]) => name !== 'frame-ancestors')),
);

/** Build-only: embed the policy in index.html so a static copy (file share, any host) is protected. */
function cspMetaTag(): Plugin {
  return {
    name: 'hyperv:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tag = `<meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`;
        // Right after <meta charset>, before any script or stylesheet.
        const charset = /<meta\s+charset=[^>]*>/i;
        return charset.test(html)
          ? html.replace(charset, (m) => `${m}\n    ${tag}`)
          : html.replace(/<head>/i, `<head>\n    ${tag}`);
      },
    },
  };
}

/**
 * Build-only: what a page needs before the panel it shows can paint, named in the HTML.
 *
 * - Each panel's section, title and summary, as JSON (`#panel-leads`), and the inline script that
 *   paints them for a deep link in the first frame (src/app/firstPaint.inline.js): the largest
 *   text a phone sees at first is there before any script has arrived.
 * - As JSON (`#panel-chunks`) that the same inline script reads: under `*` the chunks most
 *   panels import (the kit, XState, D3, framer-motion; the overview's thumbnails need them too),
 *   and for each panel's route its own chunks and stylesheets. A deep link fetches its panel beside
 *   the shell rather than after it has run (that waterfall put the panels' largest paint near 2.7 s
 *   on Lighthouse's mobile preset). The script asks for them once the first frame is painted
 *   and at low priority: the shell's own script and stylesheet, and that frame, go first.
 *
 * The words and routes come from the panels' own `meta.ts`, imported at build time.
 */
function preloadPanels(): Plugin {
  return {
    name: 'hyperv:preload-panels',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        // The panels' chunks (src/panels/<name>/index.ts), not the kit's own lazy parts
        // (presenter mode, the self-check, export, the handout), which load on first use.
        const panelChunk = /[\\/]src[\\/]panels[\\/]([^\\/]+)[\\/]index\.tsx?$/;
        const panels = chunks.filter(
          (c) => c.isDynamicEntry && panelChunk.test(c.facadeModuleId ?? ''),
        );
        if (panels.length === 0) return html;
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        /** Every chunk these load with them (their static imports, and theirs). */
        const closure = (start: readonly string[]): Set<string> => {
          const seen = new Set<string>();
          const todo = [...start];
          for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
            if (seen.has(f)) continue;
            seen.add(f);
            todo.push(...(byName.get(f)?.imports ?? []));
          }
          return seen;
        };
        // The entry and what it imports are in the page already (Vite links them).
        const entry = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
        const cssOf = (files: Iterable<string>) =>
          new Set([...files].flatMap((f) => [...(byName.get(f)?.viteMetadata?.importedCss ?? [])]));
        const entryCss = cssOf(entry);
        const count = new Map<string, number>();
        for (const p of panels)
          for (const f of closure(p.imports)) count.set(f, (count.get(f) ?? 0) + 1);
        const shared = new Set(
          [...count]
            .filter(([file, n]) => !entry.has(file) && n * 2 >= panels.length)
            .map(([file]) => file),
        );
        // Route -> the panel's chunks not already linked, and every stylesheet they bring.
        const routes: Record<string, string[]> = {};
        const leads: Record<string, Pick<PanelMeta, 'section' | 'title' | 'summary'>> = {};
        for (const p of panels) {
          const folder = panelChunk.exec(p.facadeModuleId ?? '')?.[1];
          const meta = folder ? await readMeta(folder) : null;
          if (!meta) throw new Error(`preload-panels: no meta in src/panels/${folder}/meta.ts`);
          const { route, section, title, summary } = meta;
          leads[route] = { section, title, summary };
          const files = closure([p.fileName]);
          routes[route] = [
            ...[...files].filter((f) => !entry.has(f) && !shared.has(f)),
            ...[...cssOf(files)].filter((f) => !entryCss.has(f)),
          ].map((f) => `./${f}`);
        }
        return {
          html,
          tags: [
            {
              tag: 'script',
              attrs: { type: 'application/json', id: 'panel-chunks' },
              // JSON inside a <script> data block: '<' escaped so no text can close the element.
              children: JSON.stringify({
                '*': [...shared].map((f) => `./${f}`),
                ...routes,
              }).replaceAll('<', '\\u003c'),
              injectTo: 'head' as const,
            },
            // After #root, so that it is there to fill; before the first frame.
            {
              tag: 'script',
              attrs: { type: 'application/json', id: 'panel-leads' },
              children: JSON.stringify(leads).replaceAll('<', '\\u003c'),
              injectTo: 'body' as const,
            },
            { tag: 'script', children: FIRST_PAINT, injectTo: 'body' as const },
          ],
        };
      },
    },
  };
}

/** A panel's meta (src/panels/<folder>/meta.ts), imported through Vite at build time. */
async function readMeta(folder: string): Promise<PanelMeta | null> {
  const file = new URL(`./src/panels/${folder}/meta.ts`, import.meta.url).pathname;
  const { module } = await runnerImport<{ meta?: PanelMeta }>(file, {
    configFile: false,
    logLevel: 'error',
  });
  return module.meta ?? null;
}

export default defineConfig({
  // Relative base: the built app works from any static path; routing is hash-based.
  base: './',
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // Registered by the app once the page has settled (src/app/serviceWorker.ts), not at load.
      injectRegister: false,
      // Everything in dist/ is precached through workbox.globPatterns below; don't list icons twice.
      includeManifestIcons: false,
      manifest: {
        name: 'Hyper-V Poster, live',
        short_name: 'Hyper-V Live',
        description:
          "Microsoft's Hyper-V component architecture posters as a live, steppable simulation in the browser.",
        theme_color: '#0b3d91',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
        // The page that installed the worker is served by it at once: after the first load the
        // app needs no network (a presenter's laptop that goes offline mid-talk).
        clientsClaim: true,
      },
    }),
    cspMetaTag(),
    preloadPanels(),
  ],
  // No CSP in dev: the dev server relies on inline scripts (React refresh preamble).
  preview: {
    headers: {
      'Content-Security-Policy': CSP_HEADER,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  },
  build: {
    target: 'es2022',
  },
});
