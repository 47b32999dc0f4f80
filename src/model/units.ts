/** Units and conversions. Memory is counted in binary units (the poster's pages are 4 KiB),
 * network speeds in decimal bits per second, as adapters are sold. */
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const PAGE_BYTES = 4 * KiB;

/** Bytes per second carried by a link of `gbps` gigabits per second at 100 % efficiency. */
export function gbpsToBytesPerS(gbps: number): number {
  return (gbps * 1e9) / 8;
}

export function mibToBytes(mib: number): number {
  return mib * MiB;
}

export function gibToBytes(gib: number): number {
  return gib * GiB;
}

export function msToS(ms: number): number {
  return ms / 1000;
}
