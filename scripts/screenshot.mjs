#!/usr/bin/env node
// Takes the README's screenshot: the classic live migration panel mid-copy, from the built app.
// Usage: npm run build && node scripts/screenshot.mjs [route] [out.png]
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { preview } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const route = process.argv[2] ?? '#/mobility/live-migration-2008r2?t=9';
const out = process.argv[3] ?? join(ROOT, 'docs/screenshot.png');
const server = await preview({
  root: ROOT,
  logLevel: 'warn',
  preview: { port: 4199, strictPort: true, host: '127.0.0.1' },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`http://127.0.0.1:4199/${route}`);
  await page.getByRole('region', { name: 'Steps' }).waitFor();
  await page.waitForTimeout(500);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
  await server.close();
}
