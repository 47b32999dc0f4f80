/** Human-readable figures with units, as the Results region shows them ("12.3 s", "275 ms", "10.6 GB"). */

function trim(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** A duration in seconds: below one second in ms, below a minute in s, then min + s. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'never';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${trim(seconds, 1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes} min ${trim(rest, 0)} s`;
}

const DECIMAL_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count in decimal units (the way data sent over a network is quoted). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'unbounded';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : value >= 100 ? 0 : 1;
  return `${trim(value, digits)} ${DECIMAL_UNITS[unit]}`;
}

/** A memory size in MiB/GiB (the way VM memory is configured). */
export function formatMemory(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1024) return `${trim(mib / 1024, mib % 1024 === 0 ? 0 : 1)} GiB`;
  return `${trim(mib, mib >= 10 || Number.isInteger(mib) ? 0 : 1)} MiB`;
}

/** A throughput in bits per second, decimal. */
export function formatRate(bytesPerS: number): string {
  const bits = bytesPerS * 8;
  if (bits >= 1e9) return `${trim(bits / 1e9, 1)} Gbit/s`;
  if (bits >= 1e6) return `${trim(bits / 1e6, 0)} Mbit/s`;
  return `${trim(bits / 1e3, 0)} kbit/s`;
}

/** CPU work in core-seconds. */
export function formatCpu(coreSeconds: number): string {
  return `${trim(coreSeconds, coreSeconds >= 10 ? 0 : 1)} core-s`;
}

/** Sim time stamp for logs: "t = 12.34 s". */
export function formatClock(seconds: number): string {
  return `${trim(seconds, 2)} s`;
}

/** One formatter per number of decimals (building an Intl.NumberFormat is the costly part). */
const NUMBER_FORMATS = new Map<number, Intl.NumberFormat>();

/** A number with thousands separators and `decimals` digits after the point ("1,024", "3.50"). */
export function formatNumber(n: number, decimals = 0): string {
  let f = NUMBER_FORMATS.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    NUMBER_FORMATS.set(decimals, f);
  }
  return f.format(n);
}
