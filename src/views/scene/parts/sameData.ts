/**
 * Props equal in content, for `memo` on a scene part whose props are plain data (names, numbers,
 * rows, boxes): a playing run builds new objects every frame, mostly with the same content, and
 * a part whose content is unchanged need not render, nor React compare its SVG attributes again.
 * Functions and React elements (children) are equal only when identical: a part given either
 * renders as it did before.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if ('$$typeof' in a || '$$typeof' in b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (
    Object.getPrototypeOf(a) !== Object.prototype ||
    Object.getPrototypeOf(b) !== Object.prototype
  )
    return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every(
    (k) =>
      Object.hasOwn(b, k) &&
      sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
