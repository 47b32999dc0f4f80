#!/usr/bin/env node
// `npm test`: the whole pipeline, in order, stopping at the first failing stage.
// Last line of output is exactly `N passed, N failed` (test counts from the JSON reports;
// a failing stage that produced no report counts as one failure).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = (name) => `${ROOT}node_modules/.bin/${name}`;
const REPORTS = `${ROOT}test-results`;
const STAGE_TIMEOUT_MS = 15 * 60_000;

/** Vitest JSON report (jest-compatible): counts. */
function vitestCounts(file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: r.numPassedTests ?? 0,
    failed: (r.numFailedTests ?? 0) + (r.success === false && !r.numFailedTests ? 1 : 0),
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

/** Playwright JSON report: counts. */
function playwrightCounts(file) {
  const { stats = {}, errors = [] } = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (stats.unexpected ? 0 : errors.length),
    skipped: stats.skipped ?? 0,
  };
}

const vitest = (project) => ({
  name: `${project === 'unit' ? 'unit' : 'story'} tests (vitest --project ${project})`,
  cmd: BIN('vitest'),
  args: [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=test-results/${project}.json`,
  ],
  report: `${REPORTS}/${project}.json`,
  counts: vitestCounts,
});

const STAGES = [
  { name: 'ensure chromium', cmd: process.execPath, args: ['scripts/ensure-chromium.mjs'] },
  { name: 'typecheck (tsc -b)', cmd: BIN('tsc'), args: ['-b'] },
  { name: 'lint (biome check)', cmd: BIN('biome'), args: ['check', '.'] },
  { name: 'lint (check-forbidden)', cmd: process.execPath, args: ['scripts/check-forbidden.mjs'] },
  vitest('unit'),
  vitest('storybook'),
  { name: 'build (vite build)', cmd: BIN('vite'), args: ['build'] },
  {
    name: 'storybook build',
    cmd: BIN('storybook'),
    args: ['build', '--quiet', '-o', 'storybook-static'],
  },
  {
    name: 'e2e (playwright test)',
    cmd: BIN('playwright'),
    args: ['test'],
    report: `${REPORTS}/e2e.json`,
    counts: playwrightCounts,
  },
];

function run(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd, stage.args, {
      cwd: ROOT,
      stdio: 'inherit',
      detached: true, // own process group, so a timeout kills browsers/servers too
      env: {
        ...process.env,
        STORYBOOK_DISABLE_TELEMETRY: '1',
        FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
      },
    });
    const timer = setTimeout(() => {
      console.error(`\n!! ${stage.name}: timed out after ${STAGE_TIMEOUT_MS / 1000}s, killing`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, STAGE_TIMEOUT_MS);
    const forward = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {}
    };
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`!! ${stage.name}: ${error.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];
const started = Date.now();
let failedStage = null;

for (const [index, stage] of STAGES.entries()) {
  const header = `=== [${index + 1}/${STAGES.length}] ${stage.name} `;
  console.log(`\n${header.padEnd(78, '=')}`);
  console.log(`$ ${[stage.cmd.replace(ROOT, ''), ...stage.args].join(' ')}\n`);
  const t0 = Date.now();
  const code = await run(stage);
  const seconds = (Date.now() - t0) / 1000;
  timings.push({ name: stage.name, seconds, ok: code === 0 });

  let counted = false;
  if (stage.report && existsSync(stage.report)) {
    try {
      const c = stage.counts(stage.report);
      totals.passed += c.passed;
      totals.failed += c.failed;
      totals.skipped += c.skipped;
      counted = c.failed > 0 || code === 0;
      console.log(
        `\n--- ${stage.name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`,
      );
    } catch (error) {
      console.error(`!! could not read ${stage.report}: ${error.message}`);
    }
  }
  if (code !== 0) {
    if (!counted) totals.failed += 1;
    failedStage = stage.name;
    console.error(`\n!! FAILED: ${stage.name} (exit ${code}) — stopping.`);
    break;
  }
}

console.log(`\n${'=== summary '.padEnd(78, '=')}`);
for (const t of timings) {
  console.log(`${t.ok ? 'ok  ' : 'FAIL'} ${t.seconds.toFixed(1).padStart(7)}s  ${t.name}`);
}
console.log(`     ${((Date.now() - started) / 1000).toFixed(1).padStart(7)}s  total`);
if (failedStage) console.log(`failed stage: ${failedStage}`);
const ranNothing = !failedStage && totals.passed + totals.failed === 0;
if (ranNothing) console.log('no tests ran');
if (totals.skipped) console.log(`${totals.skipped} skipped`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStage || totals.failed > 0 || ranNothing ? 1 : 0);
