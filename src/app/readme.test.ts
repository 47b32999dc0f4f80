/**
 * The README documents the public surface (CONTRACT.md). These checks keep it honest: its URL
 * parameter table matches the specs the codec and controls use, and every built panel's route is
 * listed as built.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NUMERIC_PARAMS } from '../model/parameters';
import { PANELS } from '../panels/registry';

// Vitest runs from the project root.
const readme = readFileSync(resolve(process.cwd(), 'README.md'), 'utf8');

function tableRow(first: string): string[] | undefined {
  const line = readme.split('\n').find((l) => l.startsWith(`| \`${first}\` |`));
  return line
    ?.split('|')
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('README', () => {
  it('lists every numeric URL parameter with the range and default of its spec', () => {
    for (const spec of Object.values(NUMERIC_PARAMS)) {
      const row = tableRow(spec.name);
      expect(row, spec.name).toBeDefined();
      const [lo, hi] = (row?.[3] ?? '').split('–').map((x) => Number(x.trim()));
      expect({ name: spec.name, lo, hi, def: Number(row?.[4]) }).toEqual({
        name: spec.name,
        lo: spec.min,
        hi: spec.max,
        def: spec.default,
      });
    }
  });

  it('marks every registered panel route as built', () => {
    for (const panel of PANELS) {
      const row = tableRow(`#${panel.route}`);
      expect(row?.[2], panel.route).toBe('yes');
    }
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
