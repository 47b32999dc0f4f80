#!/usr/bin/env node
// Makes sure a Chromium that Playwright/Vitest can drive is available.
// Uses CHROMIUM_PATH (default /usr/bin/chromium). Playwright's own browser download is not used.
// As root on Debian it installs the `chromium` package; otherwise prints the command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function chromiumVersion() {
  if (!existsSync(CHROMIUM_PATH)) return null;
  const result = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) return null;
  return result.stdout.trim().split('\n').at(-1) || null;
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

let version = chromiumVersion();
if (version) {
  console.log(`chromium: ${version} (${CHROMIUM_PATH})`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
const defaultPath = CHROMIUM_PATH === '/usr/bin/chromium';

if (isRoot && hasApt && defaultPath) {
  console.log(`chromium: not found at ${CHROMIUM_PATH}; installing Debian's chromium package`);
  if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium'])) {
    version = chromiumVersion();
    if (version) {
      console.log(`chromium: ${version} (${CHROMIUM_PATH})`);
      process.exit(0);
    }
  }
  console.error(`chromium: install finished but ${CHROMIUM_PATH} --version still fails`);
  process.exit(1);
}

console.error(`chromium: no working Chromium at ${CHROMIUM_PATH}. Run:`);
console.error(
  defaultPath && hasApt
    ? 'sudo apt-get install -y chromium'
    : 'export CHROMIUM_PATH=/path/to/chromium',
);
process.exit(1);
