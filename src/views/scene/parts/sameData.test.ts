import fc from 'fast-check';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { sameData } from './sameData';

describe('sameData', () => {
  it('plain data is equal by content, at any depth', () => {
    expect(sameData({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] })).toBe(true);
    expect(sameData({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'y' }] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData([], {})).toBe(false);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
    expect(sameData(null, {})).toBe(false);
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (x, y) => {
        expect(sameData(x, structuredClone(x))).toBe(true);
        // Equal content is what JSON with sorted keys would say, for JSON values.
        const canon = (v: unknown): unknown =>
          Array.isArray(v)
            ? v.map(canon)
            : v && typeof v === 'object'
              ? Object.fromEntries(
                  Object.keys(v)
                    .sort()
                    .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
                )
              : Object.is(v, -0)
                ? -0
                : v;
        if (sameData(x, y)) expect(JSON.stringify(canon(x))).toBe(JSON.stringify(canon(y)));
      }),
    );
  });

  it('functions, React elements and class instances are equal only when identical', () => {
    const f = () => 1;
    expect(sameData({ f }, { f })).toBe(true);
    expect(sameData({ f }, { f: () => 1 })).toBe(false);
    const el = createElement('g');
    expect(sameData({ children: el }, { children: el })).toBe(true);
    expect(sameData({ children: el }, { children: createElement('g') })).toBe(false);
    expect(sameData(new Date(0), new Date(0))).toBe(false);
  });
});
