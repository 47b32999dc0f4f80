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

/**
 * A number with thousands separators and `decimals` digits after the point ("1,024", "3.50"), as
 * en-US writes it. Written out rather than with Intl.NumberFormat: the first Intl formatter (or
 * collator) a page builds loads ICU's locale data, 15-25 ms on the main thread here, 60-100 ms on
 * a slow laptop, in the middle of a panel's first paint.
 */
export function formatNumber(n: number, decimals = 0): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '\u221e' : '-\u221e';
  const fixed = Math.abs(n).toFixed(decimals);
  const point = fixed.indexOf('.');
  const whole = point < 0 ? fixed : fixed.slice(0, point);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  const sign = n < 0 && /[1-9]/.test(fixed) ? '-' : '';
  return `${sign}${grouped}${point < 0 ? '' : fixed.slice(point)}`;
}

/**
 * Names in the order a person reads them: digit runs by value ("HV-2" before "HV-10"), letters
 * without regard to case, then by code unit so that no two different names tie. Without ICU's
 * collator for the same reason as `formatNumber`.
 */
export function compareNames(a: string, b: string): number {
  const byCode = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  // Digit runs by value however long (no Number overflow): fewer digits first, then digit by
  // digit; "07" after "7".
  const byValue = (x: string, y: string) => {
    const [p, q] = [x.replace(/^0+/, ''), y.replace(/^0+/, '')];
    return p.length - q.length || byCode(p, q) || x.length - y.length;
  };
  const runs = /(\d+)|(\D+)/g;
  const pa = a.match(runs) ?? [];
  const pb = b.match(runs) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i += 1) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    const digits = /^\d/.test(x) && /^\d/.test(y);
    const d = digits ? byValue(x, y) : byCode(x.toLowerCase(), y.toLowerCase());
    if (d !== 0) return d;
  }
  return pa.length - pb.length || byCode(a, b);
}
