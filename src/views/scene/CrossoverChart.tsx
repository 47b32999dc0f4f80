import { line as d3line, scaleLog } from 'd3';
import { useMemo } from 'react';
import { formatNumber } from '../../model/format';

export interface CrossoverCurve {
  key: string;
  label: string;
  points: readonly { linkGbps: number; totalS: number }[];
}

export interface CrossoverMark {
  linkGbps: number;
  /** e.g. "SMB Multichannel overtakes Compression". */
  text: string;
}

export interface CrossoverChartProps {
  curves: readonly CrossoverCurve[];
  /** The link speed of the current run, Gbit/s (marked). */
  currentGbps: number;
  /** The poster's threshold between its two recommendations, Gbit/s. */
  thresholdGbps: number;
  crossovers: readonly CrossoverMark[];
}

export const CROSSOVER_CAPTION = 'Total time against link speed, each option';

const W = 520;
const H = 300;
const M = { top: 30, right: 16, bottom: 40, left: 62 } as const;

function fmtGbps(g: number): string {
  return `${g >= 10 ? g.toFixed(0) : g >= 1 ? g.toFixed(1) : g.toFixed(2)} Gb/s`;
}

/** Where the figures cross over: log-log lines of total time, the guidance zones, this run's speed. */
export function CrossoverChart({
  curves,
  currentGbps,
  thresholdGbps,
  crossovers,
}: CrossoverChartProps) {
  const all = curves.flatMap((c) => c.points);
  const xs = all.map((p) => p.linkGbps);
  const ys = all.map((p) => p.totalS).filter((t) => t > 0 && Number.isFinite(t));
  const x = useMemo(
    () =>
      scaleLog()
        .domain([Math.min(...xs, currentGbps), Math.max(...xs, currentGbps)])
        .range([M.left, W - M.right])
        .clamp(true),
    [xs, currentGbps],
  );
  const y = useMemo(
    () =>
      scaleLog()
        .domain([Math.min(...ys) / 1.3, Math.max(...ys) * 1.3])
        .range([H - M.bottom, M.top])
        .clamp(true),
    [ys],
  );
  const path = d3line<{ linkGbps: number; totalS: number }>()
    .x((p) => x(p.linkGbps))
    .y((p) => y(Math.max(p.totalS, 1e-6)));
  const [x0, x1] = x.domain() as [number, number];
  const xTicks = [0.1, 1, 10, 100].filter((t) => t >= x0 && t <= x1);
  const yTicks = y.ticks(4).filter((t) => {
    const s = Math.log10(t);
    return Math.abs(s - Math.round(s)) < 1e-9;
  });
  const tx = x(thresholdGbps);
  const summary = `${CROSSOVER_CAPTION}. Below ${thresholdGbps} Gb/s the poster recommends compression; from ${thresholdGbps} Gb/s SMB Direct or SMB Multichannel. This run: ${fmtGbps(currentGbps)}. ${
    crossovers.length > 0
      ? `Crossovers: ${crossovers.map((c) => `${c.text} at ${fmtGbps(c.linkGbps)}`).join('; ')}.`
      : 'No crossover: the same option is fastest at every speed.'
  }`;
  return (
    <svg className="scn-xover" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
      <rect className="scn-scene-bg" x={0} y={0} width={W} height={H} rx={6} />
      <rect
        className="scn-xover-zone-low"
        x={M.left}
        y={M.top}
        width={Math.max(0, tx - M.left)}
        height={H - M.top - M.bottom}
      />
      <rect
        className="scn-xover-zone-high"
        x={tx}
        y={M.top}
        width={Math.max(0, W - M.right - tx)}
        height={H - M.top - M.bottom}
      />
      <text className="scn-xover-zone-text" x={M.left + 6} y={M.top - 8}>
        Compression
      </text>
      <text className="scn-xover-zone-text" x={W - M.right} y={M.top - 8} textAnchor="end">
        SMB Direct / Multichannel
      </text>
      {xTicks.map((t) => (
        <text key={t} className="scn-race-tick" x={x(t)} y={H - M.bottom + 16} textAnchor="middle">
          {t >= 1 ? t : t.toFixed(1)}
        </text>
      ))}
      <text className="scn-race-tick" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
        link speed per adapter (Gb/s)
      </text>
      {yTicks.map((t) => (
        <g key={t}>
          <line className="scn-race-grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          <text className="scn-race-tick" x={M.left - 6} y={y(t) + 4} textAnchor="end">
            {/* Powers of ten of seconds: "100 s" reads along a log axis, "1 min 40 s" does not. */}
            {`${formatNumber(t, t < 1 ? 1 : 0)} s`}
          </text>
        </g>
      ))}
      {curves.map((c, i) => (
        <path
          key={c.key}
          className="scn-xover-line"
          data-series={i}
          d={path([...c.points]) ?? ''}
        />
      ))}
      {crossovers.map((c) => (
        <circle key={c.text} className="scn-xover-cross" cx={x(c.linkGbps)} cy={M.top + 6} r={4} />
      ))}
      <line
        className="scn-xover-now"
        x1={x(currentGbps)}
        x2={x(currentGbps)}
        y1={M.top}
        y2={H - M.bottom}
      />
      <text className="scn-xover-now-text" x={x(currentGbps) + 4} y={H - M.bottom - 6}>
        this run
      </text>
      <g className="scn-xover-legend">
        {curves.map((c, i) => (
          <g key={c.key} transform={`translate(${W - M.right - 140}, ${M.top + 28 + i * 16})`}>
            <line className="scn-xover-line" data-series={i} x1={0} x2={18} y1={-4} y2={-4} />
            <text className="scn-race-tick" x={24} y={0}>
              {c.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
