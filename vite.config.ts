import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Strict Content-Security-Policy. No 'unsafe-inline', no 'unsafe-eval':
 * the built app must not contain inline <script>/<style> elements or inline
 * style attributes in HTML, and must not use eval/new Function.
 * (Styles set through the CSSOM, e.g. React's `style={{…}}` prop, are allowed.)
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
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
 * Build-only: what a page needs before the panel it shows can paint, asked for from the HTML.
 *
 * - A `modulepreload` link for the chunks most panels import (the kit, XState, D3, framer-motion).
 *   A deep link to a panel otherwise waits for the shell's script to run before it asks for them
 *   (a waterfall that put the panels' largest paint near 2.7 s on Lighthouse's mobile preset); the
 *   overview's thumbnails need them too.
 * - For each panel's route, its own chunks and stylesheets, as JSON (`#panel-chunks`) that
 *   `public/route-preload.js` reads: a deep link fetches its panel beside the shell, not after.
 *
 * Both at low priority: the shell's own script and stylesheet, which paint the page's header and
 * title, go first.
 */
function preloadPanels(): Plugin {
  return {
    name: 'hyperv:preload-panels',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
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
        for (const p of panels) {
          const folder = panelChunk.exec(p.facadeModuleId ?? '')?.[1];
          const meta = folder ? readMeta(folder) : null;
          const route = meta ? /\broute:\s*'([^']+)'/.exec(meta)?.[1] : undefined;
          if (!route) throw new Error(`preload-panels: no route in src/panels/${folder}/meta.ts`);
          const files = closure([p.fileName]);
          routes[route] = [
            ...[...files].filter((f) => !entry.has(f) && !shared.has(f)),
            ...[...cssOf(files)].filter((f) => !entryCss.has(f)),
          ].map((f) => `./${f}`);
        }
        return {
          html,
          tags: [
            ...[...shared].map((file) => ({
              tag: 'link',
              attrs: {
                rel: 'modulepreload',
                fetchpriority: 'low',
                crossorigin: true,
                href: `./${file}`,
              },
              injectTo: 'head' as const,
            })),
            {
              tag: 'script',
              attrs: { type: 'application/json', id: 'panel-chunks' },
              // JSON inside a <script> data block: '<' escaped so no text can close the element.
              children: JSON.stringify(routes).replaceAll('<', '\\u003c'),
              injectTo: 'head' as const,
            },
            {
              tag: 'script',
              attrs: { async: true, src: './route-preload.js' },
              injectTo: 'head' as const,
            },
          ],
        };
      },
    },
  };
}

/** A panel's meta.ts, where its route is written (src/panels/<folder>/meta.ts). */
function readMeta(folder: string): string | null {
  try {
    return readFileSync(new URL(`./src/panels/${folder}/meta.ts`, import.meta.url), 'utf8');
  } catch {
    return null;
  }
}

export default defineConfig({
  // Relative base: the built app works from any static path; routing is hash-based.
  base: './',
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // External registerSW.js (no inline script, CSP-safe).
      injectRegister: 'script',
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
