/** Test-only helpers for disk copies. */

/** Blocks on which the two disks differ. */
export function differingBlocks(a: Int32Array, b: Int32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) out.push(i);
  return out;
}
