#!/usr/bin/env node
// Fails (exit 1) if app, story or e2e code uses a forbidden construct, naming file:line.
// Comments are ignored; string contents are checked too.
// Usage: node scripts/check-forbidden.mjs [dir ...]   (default: src stories e2e)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const DIRS = process.argv.length > 2 ? process.argv.slice(2) : ['src', 'stories', 'e2e'];
const EXTENSIONS = /\.(?:[cm]?[jt]sx?|mdx|html|css)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git']);

const RULES = [
  { re: /\bMath\.random\s*\(/, why: 'Math.random( — use the seeded RNG so runs are reproducible' },
  { re: /\.innerHTML\b/, why: '.innerHTML — build DOM nodes / use React instead' },
  { re: /dangerouslySetInnerHTML/, why: 'dangerouslySetInnerHTML — render React elements instead' },
  { re: /(?<![\w$.])eval\s*\(|\.eval\s*\(/, why: 'eval( — not allowed (CSP forbids unsafe-eval)' },
  { re: /\bnew\s+Function\s*\(/, why: 'new Function( — not allowed (CSP forbids unsafe-eval)' },
  {
    re: /\b(?:it|test|describe|suite|bench)(?:\.\w+)*\.(?:skip|only|todo)\s*\(/,
    why: 'skipped/focused/todo test — every test must run',
  },
];

/** Wall-clock time is forbidden where the simulation lives: sim time drives the machines. */
const SIM_ONLY = /^src\/(?:machines|model)\//;
const WALL_CLOCK = {
  re: /\b(?:Date\.now|performance\.now|new\s+Date|setTimeout|setInterval|requestAnimationFrame)\s*\(/,
  why: 'wall-clock time in machines/ or model/ — sim time (the runner) drives them',
};

/**
 * A stylesheet's font size keeps the presenter's floor (`max(<size>, var(--text-floor, 0px))`):
 * any text can end up in a picture on the stage, where the floor keeps it readable (20 px at
 * 1080p). The stage's own sheet sizes everything from the stage and is left out.
 */
const CSS = /\.css$/;
const STAGE_SHEET = /^src\/panels\/kit\/presenter\.css$/;
const FONT_FLOOR = {
  re: /font-size:(?![^;]*var\(--text-floor)/,
  why: 'font-size without the presenter floor — write max(<size>, var(--text-floor, 0px))',
};

/** Replace comments with spaces (newlines kept), so line numbers stay right. */
function stripComments(src) {
  let out = '';
  let i = 0;
  let quote = null; // current string delimiter: ' " or `
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += n ?? '';
        i += 2;
        continue;
      }
      if (c === quote || (c === '\n' && quote !== '`')) quote = null;
      i++;
    } else if (c === '/' && n === '/') {
      while (i < src.length && src[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      if (c === "'" || c === '"' || c === '`') quote = c;
      out += c;
      i++;
    }
  }
  return out;
}

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return; // directory does not exist (yet)
  }
  for (const name of entries) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (EXTENSIONS.test(name)) yield path;
  }
}

const problems = [];
let files = 0;
for (const dir of DIRS) {
  for (const file of walk(join(ROOT, dir))) {
    files++;
    const lines = stripComments(readFileSync(file, 'utf8')).split('\n');
    const rel = relative(ROOT, file);
    const rules = CSS.test(rel)
      ? STAGE_SHEET.test(rel)
        ? []
        : [FONT_FLOOR]
      : SIM_ONLY.test(rel)
        ? [...RULES, WALL_CLOCK]
        : RULES;
    lines.forEach((line, index) => {
      for (const { re, why } of rules) {
        if (re.test(line)) problems.push(`${relative(ROOT, file)}:${index + 1}: forbidden ${why}`);
      }
    });
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\ncheck-forbidden: ${problems.length} problem(s) in ${files} file(s).`);
  process.exit(1);
}
console.log(`check-forbidden: ${files} file(s) clean (${DIRS.join(', ')}).`);
