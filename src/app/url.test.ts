import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMERIC_PARAMS, type NumericParamName } from '../model/parameters';
import { buildHash, parseHash, parseParams, parseShell } from './url';

describe('parseHash', () => {
  it('splits route and query', () => {
    expect(parseHash('#/mobility/shared-nothing?memoryMiB=4096&linkGbps=10')).toEqual({
      route: '/mobility/shared-nothing',
      raw: { memoryMiB: '4096', linkGbps: '10' },
    });
  });
  it('normalises empty and trailing-slash routes', () => {
    expect(parseHash('').route).toBe('/');
    expect(parseHash('#').route).toBe('/');
    expect(parseHash('#/snapshots/').route).toBe('/snapshots');
    expect(parseHash('#snapshots').route).toBe('/snapshots');
  });
});

describe('parseParams', () => {
  const accepted = [
    'memoryMiB',
    'linkGbps',
    'seed',
    't',
    'transport',
    'rdma',
    'maxRounds',
  ] as const;

  it('accepts values in range', () => {
    const r = parseParams(
      { memoryMiB: '4096', linkGbps: '2.5', seed: '9', t: '3.5', transport: 'smb', rdma: '1' },
      accepted,
    );
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({
      memoryMiB: 4096,
      linkGbps: 2.5,
      seed: 9,
      t: 3.5,
      transport: 'smb',
      rdma: true,
    });
  });

  it('names the parameter and its range for out-of-range, malformed and fractional values', () => {
    const r = parseParams(
      {
        memoryMiB: '99999999',
        linkGbps: 'fast',
        maxRounds: '2.5',
        transport: 'carrier-pigeon',
        rdma: 'yes',
      },
      accepted,
    );
    expect(r.values).toEqual({});
    const byName = Object.fromEntries(r.errors.map((e) => [e.name, e.message]));
    expect(byName.memoryMiB).toMatch(/memoryMiB must be between 512 and 1048576 MiB/);
    expect(byName.memoryMiB).toMatch(/using the default, 2048/);
    expect(byName.linkGbps).toMatch(/linkGbps must be a number between 0.1 and 100 Gbit\/s/);
    expect(byName.maxRounds).toMatch(/whole number/);
    expect(byName.transport).toMatch(/tcp, compression, smb/);
    expect(byName.rdma).toMatch(/0 or 1/);
  });

  it('ignores parameters the panel does not use', () => {
    expect(parseParams({ vms: 'abc' }, accepted)).toEqual({ values: {}, errors: [] });
  });

  it('never throws and never accepts a value outside the range (property)', () => {
    const names = Object.keys(NUMERIC_PARAMS) as NumericParamName[];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string({ maxLength: 30 }), (name, value) => {
        const r = parseParams({ [name]: value }, names);
        const got = r.values[name];
        if (got === undefined) {
          expect(r.errors).toHaveLength(1);
          expect(r.errors[0]?.message).toContain(name);
        } else {
          expect(got).toBeGreaterThanOrEqual(NUMERIC_PARAMS[name].min);
          expect(got).toBeLessThanOrEqual(NUMERIC_PARAMS[name].max);
        }
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('round-trips through buildHash', () => {
    const hash = buildHash('/mobility/live-migration-2008r2', {
      memoryMiB: 4096,
      linkGbps: 1,
      seed: 3,
      t: 2,
    });
    expect(hash).toBe('#/mobility/live-migration-2008r2?memoryMiB=4096&seed=3&t=2');
    const back = parseHash(hash);
    expect(parseParams(back.raw, accepted).values).toEqual({ memoryMiB: 4096, seed: 3, t: 2 });
  });
});

describe('the shell switches (present, quiz, handout)', () => {
  it('accept 0 and 1 and go back into the hash beside the panel’s parameters', () => {
    expect(parseShell({ present: '1', quiz: '0', memoryMiB: '4096' })).toEqual({
      shell: { present: true, quiz: false },
      errors: [],
    });
    expect(
      buildHash('/mobility/smb', { memoryMiB: 4096 }, undefined, { present: true, quiz: false }),
    ).toBe('#/mobility/smb?memoryMiB=4096&present=1&quiz=0');
    expect(buildHash('/mobility/smb', {}, undefined, { present: false, handout: true })).toBe(
      '#/mobility/smb?handout=1',
    );
  });

  it('refuse anything else with a message naming the switch and what it accepts', () => {
    const r = parseShell({ present: 'yes', quiz: '2' });
    expect(r.shell).toEqual({});
    expect(r.errors.map((e) => e.name)).toEqual(['present', 'quiz']);
    expect(r.errors[0]?.message).toBe(
      'present must be 0 or 1 (1 opens the panel in presenter mode); got "yes", so presenter mode stays off.',
    );
    expect(r.errors[1]?.message).toContain('quiz must be 0 or 1');
  });
});
