#!/usr/bin/env node
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
// `npm run bench -- --soak [--minutes 3]` (or `node scripts/soak.mjs`): a memory soak of the
// built app in Chromium. One page stays open for the whole stretch, as a presenter's would: it
// cycles through every route of scripts/bench-routes.json by changing the hash (a panel switch,
// no reload) and on each panel replays the run (Restart, Play, Skip to end, Restart, Skip to end).
// After each panel visit it forces garbage collection through the DevTools protocol
// (HeapProfiler.collectGarbage) and reads the JS heap in use (Runtime.getHeapUsage) and the DOM
// counters (Memory.getDOMCounters). It runs until the time is up and it is back on the route
// where the warm-up ended, then reports the heap after GC there at the first sample after the
// warm-up and at the end, and the slope per minute (least squares over the samples after
// warm-up, each route's mean removed). Exits 1 when the heap after GC grows by more than --limit-mb (default 1 MB) from the
// first sample after warm-up to the end, or when the page raised errors. A heap snapshot at the
// first sample after warm-up and at the end splits the growth into JS objects and V8's compiled
// code (which grows for minutes as the JIT optimizes hot functions, then levels off; run with
// `--js-flags=--jitless` to see the app's objects alone).
//
// Options: --minutes N (default 3)   --warmup S (seconds, default 60)
//          --warmup-passes N (the warm-up lasts at least N visits of every route, default 2)
//          --sample S (log interval, default 20)
//          --replays N (replays per panel visit, default 3)   --limit-mb M (default 1)
//          --gate heap|objects (default heap: the limit applies to the heap after GC; objects: to
//          the JS objects of the heap snapshots, leaving out V8's compiled code)
//          --only TEXT (only the routes containing TEXT: one panel replayed, no switching)
//          --js-flags FLAGS (passed to V8, e.g. --jitless to leave compiled code out of the heap)
//          --json FILE (write every sample)
//          --dist DIR (built app to serve, default dist; built when missing)
//          --snapshots DIR (after warm-up, a heap snapshot at each visit of the first panel route,
//          1.heapsnapshot, 2.heapsnapshot, ...: diff them to see what outlives a run or a panel)
// Never part of `npm test`.
import { questionsOff } from './quiz-off.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

/** What the limit applies to: the whole heap after GC, or the app's JS objects in it. */
function gateOf(v) {
  if (v === 'heap' || v === 'objects') return v;
  throw new Error(`soak: --gate must be heap or objects (got ${v})`);
}

function options(argv) {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--soak'),
    strict: false,
    options: {
      minutes: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '60' },
      'warmup-passes': { type: 'string', default: '2' },
      sample: { type: 'string', default: '20' },
      replays: { type: 'string', default: '3' },
      'limit-mb': { type: 'string', default: '1' },
      gate: { type: 'string', default: 'heap' },
      dist: { type: 'string', default: process.env.SOAK_DIST || 'dist' },
      snapshots: { type: 'string' },
      only: { type: 'string' },
      'js-flags': { type: 'string' },
      json: { type: 'string' },
    },
  });
  const num = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min)
      throw new Error(`soak: --${name} must be a number >= ${min}`);
    return n;
  };
  return {
    minutes: num('minutes', 0.1),
    warmupS: num('warmup', 0),
    warmupPasses: num('warmup-passes', 0),
    sampleS: num('sample', 1),
    replays: num('replays', 1),
    limitMB: num('limit-mb', 0),
    gate: gateOf(values.gate),
    dist: values.dist,
    snapshots: values.snapshots ? resolve(values.snapshots) : null,
    only: values.only ? String(values.only) : null,
    jsFlags: values['js-flags'] ? String(values['js-flags']) : null,
    json: values.json ? resolve(String(values.json)) : null,
  };
}

/**
 * The heap snapshot's self sizes split in two: V8's compiled code (bytecode, baseline and
 * optimized machine code, feedback; it grows as the JIT tiers hot functions up and is not the
 * app's) and the JS objects the app and its libraries hold (Blink's own DOM objects left out).
 */
async function heapSplit(cdp) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join(''));
  const meta = snap.snapshot.meta;
  const width = meta.node_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const types = meta.node_types[0];
  let code = 0;
  let objects = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const size = snap.nodes[i + sizeAt];
    if (type === 'code') code += size;
    else if (type === 'synthetic') continue;
    else if (type === 'native' && !snap.strings[snap.nodes[i + nameAt]].startsWith('system /'))
      continue;
    else objects += size;
  }
  return { codeMB: code / MB, objectsMB: objects / MB };
}

async function takeSnapshot(cdp, file) {
  const out = createWriteStream(file);
  const onChunk = ({ chunk }) => out.write(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await new Promise((ok) => out.end(ok));
}

/** Run the soak; resolves to the exit code. */
export async function soak(argv = process.argv.slice(2)) {
  const opt = options(argv);
  const all = JSON.parse(readFileSync(new URL('./bench-routes.json', import.meta.url), 'utf8'));
  const routes = opt.only ? all.filter((r) => r.route.includes(opt.only)) : all;
  if (routes.length === 0)
    throw new Error(`soak: no route of bench-routes.json contains ${opt.only}`);
  if (!existsSync(join(resolve(ROOT, opt.dist), 'index.html'))) {
    console.log(`soak: ${opt.dist}/index.html missing, running vite build`);
    await build({ root: ROOT, logLevel: 'warn', build: { outDir: opt.dist } });
  }
  if (opt.snapshots) mkdirSync(opt.snapshots, { recursive: true });

  const port = await freePort();
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: opt.dist },
    preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  });
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: opt.jsFlags ? [...CHROMIUM_ARGS, `--js-flags=${opt.jsFlags}`] : CHROMIUM_ARGS,
  });

  const samples = [];
  const errors = [];
  let runs = 0;
  let switches = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await questionsOff(page);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await page.goto(`${base}#/`, { waitUntil: 'load' });

    const t0 = Date.now();
    const elapsedS = () => (Date.now() - t0) / 1000;
    const endS = opt.minutes * 60;
    let snapshotCount = 0;

    // A sample after each panel visit, once its last replay has ended (the page is still).
    const sample = async (route) => {
      for (let i = 0; i < 3; i += 1) await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters').catch(() => ({}));
      const s = {
        route,
        t: elapsedS(),
        heapMB: usedSize / MB,
        nodes: dom.nodes ?? Number.NaN,
        listeners: dom.jsEventListeners ?? Number.NaN,
        runs,
        switches,
        // Warm once the time has passed and every route has been visited warmupPasses times (each
        // panel's code loaded and compiled: a later panel's first visit is not growth).
        warm: elapsedS() >= opt.warmupS && visits >= opt.warmupPasses * routes.length,
      };
      if (s.warm && !samples.some((x) => x.warm)) s.split = await heapSplit(cdp);
      samples.push(s);
      if (opt.snapshots && s.warm && route === (routes[1] ?? routes[0]).route) {
        snapshotCount += 1;
        await takeSnapshot(cdp, join(opt.snapshots, `${snapshotCount}.heapsnapshot`));
      }
      if (s.t - lastLog >= opt.sampleS) {
        lastLog = s.t;
        console.log(
          `soak: ${(s.t / 60).toFixed(2)} min  heap after GC ${s.heapMB.toFixed(2)} MB  ` +
            `runs ${runs}  switches ${switches}  DOM nodes ${s.nodes}  listeners ${s.listeners}`,
        );
      }
    };
    let lastLog = -Infinity;
    let visits = 0;

    const click = async (name) => {
      const button = page.getByRole('button', { name, exact: true }).first();
      if (!(await button.isVisible().catch(() => false))) return false;
      if (!(await button.isEnabled().catch(() => false))) return false;
      // The button may turn disabled between the check and the click (the run ended on its
      // own): that is the page working, not a failure of the soak.
      return button
        .click({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
    };

    // Until the time is up and back on the route where the warm-up ended (like with like).
    for (let i = 0; ; i += 1) {
      const { route, play } = routes[i % routes.length];
      visits = i + 1;
      await page.evaluate((r) => {
        window.location.hash = r.slice(1);
      }, route);
      switches += 1;
      if (play) {
        const ready = await page
          .getByRole('button', { name: play, exact: true })
          .first()
          .waitFor({ state: 'visible', timeout: 15_000 })
          .then(() => true)
          .catch(() => false);
        if (!ready) errors.push(`${route}: no "${play}" button`);
        for (let r = 0; ready && r < opt.replays; r += 1) {
          await click('Restart');
          if (await click(play)) await page.waitForTimeout(600); // animate for a moment
          if (await click('Skip to end')) runs += 1;
          await click('Restart');
          if (await click('Skip to end')) runs += 1;
        }
        await page.waitForTimeout(200);
      } else {
        await page.waitForTimeout(1_500); // the overview's thumbnails loop on their own
      }
      await sample(route);
      const warmRoute = samples.find((x) => x.warm)?.route;
      if (elapsedS() >= endS && (warmRoute === undefined || warmRoute === route)) break;
    }
    const end = samples.at(-1);
    end.split = await heapSplit(cdp);
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }

  // Like with like: the end is the last sample, compared with the first sample after warm-up
  // on the same route (each panel has its own resting size). The slope is fitted over all warm
  // samples with each route's mean removed.
  const last = samples.at(-1);
  const warm = samples.filter((s) => s.warm);
  const first = warm.find((s) => s.route === last.route) ?? samples[0];
  const growthMB = last.heapMB - first.heapMB;
  const means = new Map();
  for (const s of warm) {
    const m = means.get(s.route) ?? { sum: 0, n: 0 };
    m.sum += s.heapMB;
    m.n += 1;
    means.set(s.route, m);
  }
  const centred = warm.map((s) => {
    const m = means.get(s.route);
    return { x: s.t / 60, y: s.heapMB - m.sum / m.n };
  });
  const perMin = slope(centred);
  const perRun = last.runs > first.runs ? (growthMB * 1024) / (last.runs - first.runs) : Number.NaN;

  const row = (label, s) =>
    `${label.padEnd(22)}${(s.t / 60).toFixed(2).padStart(7)}${s.heapMB.toFixed(2).padStart(10)}` +
    `${String(s.runs).padStart(7)}${String(s.switches).padStart(10)}${String(s.nodes).padStart(11)}` +
    `${String(s.listeners).padStart(11)}`;
  console.log(`\nMemory soak (${opt.minutes} min, ${routes.length} routes, dist ${opt.dist})`);
  console.log(
    `${'sample'.padEnd(22)}${'min'.padStart(7)}${'heap MB'.padStart(10)}${'runs'.padStart(7)}` +
      `${'switches'.padStart(10)}${'DOM nodes'.padStart(11)}${'listeners'.padStart(11)}`,
  );
  console.log(row('first', samples[0]));
  console.log(row('after warm-up', first));
  console.log(row('end', last));
  console.log(`(after warm-up and end: ${last.route})`);
  console.log(
    `growth after warm-up ${growthMB >= 0 ? '+' : ''}${growthMB.toFixed(3)} MB ` +
      `(limit ${opt.limitMB} MB), slope ${Number.isFinite(perMin) ? perMin.toFixed(3) : '-'} MB/min, ` +
      `${Number.isFinite(perRun) ? perRun.toFixed(2) : '-'} KB/run`,
  );
  const warmSplit = samples.find((x) => x.split && x !== last)?.split;
  if (warmSplit && last.split) {
    const d = (k) => last.split[k] - warmSplit[k];
    const sign = (n) => `${n >= 0 ? '+' : ''}${n.toFixed(3)}`;
    console.log(
      `heap snapshots (first warm sample -> end): JS objects ${warmSplit.objectsMB.toFixed(2)} -> ` +
        `${last.split.objectsMB.toFixed(2)} MB (${sign(d('objectsMB'))}), compiled code ` +
        `${warmSplit.codeMB.toFixed(2)} -> ${last.split.codeMB.toFixed(2)} MB (${sign(d('codeMB'))})`,
    );
  }
  // The JS objects' growth (heap snapshots): the app's own memory, without V8's compiled code.
  const objectsMB =
    warmSplit && last.split ? last.split.objectsMB - warmSplit.objectsMB : Number.NaN;
  const gated = opt.gate === 'objects' ? objectsMB : growthMB;
  const ok = Number.isFinite(gated) && gated <= opt.limitMB && errors.length === 0;
  console.log(
    `gate (--gate ${opt.gate}): ${opt.gate === 'objects' ? 'JS objects' : 'heap after GC'} ` +
      `${gated >= 0 ? '+' : ''}${gated.toFixed(3)} MB, limit ${opt.limitMB} MB; ` +
      `heap ${growthMB <= opt.limitMB ? 'within' : 'over'} the limit, JS objects ` +
      `${objectsMB <= opt.limitMB ? 'within' : 'over'} it`,
  );
  for (const e of errors.slice(0, 10)) console.log(`page error: ${e}`);
  if (opt.json)
    writeFileSync(opt.json, `${JSON.stringify({ options: opt, samples, errors }, null, 1)}\n`);
  console.log(`soak: ${ok ? 'PASS' : 'FAIL'}`);
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exit(await soak());
}
