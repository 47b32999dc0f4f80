import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOTION, type MotionName, NO_MOTION, transitionFor } from './motion';

// Vitest runs from the project root.
const ROOT = process.cwd();

describe('MOTION', () => {
  it('gives every entry a real movement (a duration above zero or a spring)', () => {
    for (const [name, t] of Object.entries(MOTION)) {
      const moves = ('duration' in t && t.duration > 0) || ('type' in t && t.type === 'spring');
      expect(moves, name).toBe(true);
    }
  });

  it('gives no movement at all with reduced motion', () => {
    for (const name of Object.keys(MOTION) as MotionName[]) {
      expect(transitionFor(name, false)).toBe(NO_MOTION);
      expect(transitionFor(name, true)).toBe(MOTION[name]);
    }
    expect(NO_MOTION).toEqual({ duration: 0 });
  });

  it('is the only place the scenes write an animation timing', () => {
    const scenes = [
      ...readdirSync(resolve(ROOT, 'src/views/scene'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'))
        .map((f) => join('src/views/scene', f)),
      'src/panels/clusterMigration/ClusterScene.tsx',
      'src/panels/smbMigration/SmbScene.tsx',
    ];
    expect(scenes.length).toBeGreaterThan(8);
    for (const file of scenes) {
      const text = readFileSync(resolve(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/\bduration:\s*[\d.]/);
      expect(text, file).not.toMatch(/\bstiffness:/);
      expect(text, file).not.toMatch(/\bdamping:/);
    }
  });
});
