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
 * Build-only: a `modulepreload` link for the chunks most panels import (the kit, XState, D3,
 * framer-motion). A deep link to a panel otherwise waits for the shell's script to run before it
 * asks for them (a waterfall that put the panels' largest paint near 2.7 s on Lighthouse's mobile
 * preset); the overview's thumbnails need them too.
 */
function preloadPanelKit(): Plugin {
  return {
    name: 'hyperv:preload-panel-kit',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        // The panels' chunks (src/panels/<name>/index.ts), not the kit's own lazy parts
        // (presenter mode, the self-check, export, the handout), which load on first use.
        const panels = chunks.filter(
          (c) =>
            c.isDynamicEntry &&
            /[\\/]src[\\/]panels[\\/][^\\/]+[\\/]index\.tsx?$/.test(c.facadeModuleId ?? ''),
        );
        if (panels.length === 0) return html;
        const entries = new Set(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
        // The chunks most panels import: the kit, XState, D3, and framer-motion (which the
        // canvas-drawn availability panels do without, so it is not in every panel's imports).
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        /** Every chunk a panel's chunk loads with it (its static imports, and theirs). */
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
        const count = new Map<string, number>();
        for (const p of panels)
          for (const f of closure(p.imports)) count.set(f, (count.get(f) ?? 0) + 1);
        const shared = [...count]
          .filter(([file, n]) => !entries.has(file) && n * 2 >= panels.length)
          .map(([file]) => file);
        return {
          html,
          tags: shared.map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head' as const,
          })),
        };
      },
    },
  };
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
    preloadPanelKit(),
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
