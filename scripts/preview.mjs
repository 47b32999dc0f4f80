#!/usr/bin/env node
// Serves dist/ with `vite preview` (strict CSP headers from vite.config.ts), building first
// when dist/index.html is missing. Used by playwright.config.ts as its webServer.
// Usage: node scripts/preview.mjs [--port 4173] [--host 127.0.0.1]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4173' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

// E2E_DIST lets parallel work build and serve its own output folder (default dist).
const outDir = process.env.E2E_DIST || 'dist';
if (!existsSync(new URL(`../${outDir}/index.html`, import.meta.url))) {
  console.log(`preview: ${outDir}/index.html missing, running vite build first`);
  await build({ root, logLevel: 'warn', build: { outDir } });
}

const server = await preview({
  root,
  build: { outDir },
  preview: { port: Number(values.port), strictPort: true, host: values.host },
});
server.printUrls();

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
