import { scaleBand, scaleLinear, scaleLog } from 'd3';
import { useMemo } from 'react';
import { formatBytes, formatDuration } from '../../model/format';

export type RoundKind = 'full' | 'dirty' | 'final';

export interface RoundsChartRound {
  index: number;
  kind: RoundKind;
  /** Memory (and, for the final round, device state) sent, bytes. */
  bytes: number;
  durationS: number;
}

export interface RoundsChartProps {
  rounds: readonly RoundsChartRound[];
  /** Index of the round under way: -1 before the copy, rounds.length once all are done. */
  currentIndex: number;
  /** Progress through the current round, 0..1. */
  progress: number;
  /** false = reduced motion: the current bar jumps to its level instead of easing. */
  animate: boolean;
  /** When given, a dashed line marks the data that fits in this pause at the link's rate. */
  downtimeTargetS?: number;
}

export const ROUNDS_CAPTION = 'Memory sent per round';

const W = 480;
const H = 240;
const M = { top: 36, right: 14, bottom: 46, left: 80 } as const;
const MAX_BAR = 56;

const KIND_TEXT: Record<RoundKind, string> = {
  full: 'Full copy',
  dirty: 'Changed pages',
  final: 'Final copy (VM paused)',
};

type BarState = 'done' | 'current' | 'pending';

function stateOf(i: number, currentIndex: number): BarState {
  if (i < currentIndex) return 'done';
  if (i === currentIndex) return 'current';
  return 'pending';
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

interface YAxis {
  y: (v: number) => number;
  ticks: number[];
  log: boolean;
  base: number;
}

/** Linear from 0, or log when the rounds span more than a factor of 20 (so late rounds show). */
export function yAxisFor(bytes: readonly number[], extra: number | undefined): YAxis {
  const positive = bytes.filter((b) => b > 0);
  const all = extra !== undefined && extra > 0 ? [...positive, extra] : positive;
  const max = Math.max(1, ...all);
  const min = Math.min(max, ...all);
  const bottom = H - M.bottom;
  if (positive.length > 0 && max / min >= 20) {
    const lo = 10 ** Math.floor(Math.log10(min / 2));
    const hi = max * 1.15;
    const scale = scaleLog().domain([lo, hi]).range([bottom, M.top]).clamp(true);
    let ticks: number[] = [];
    for (let k = Math.ceil(Math.log10(lo)); k <= Math.floor(Math.log10(hi)); k += 1) {
      ticks.push(10 ** k);
    }
    if (ticks.length > 5) ticks = ticks.filter((_, i) => (ticks.length - 1 - i) % 2 === 0);
    return { y: (v) => (v > 0 ? scale(v) : bottom), ticks, log: true, base: bottom };
  }
  const scale = scaleLinear()
    .domain([0, max * 1.1])
    .nice(4)
    .range([bottom, M.top]);
  return { y: (v) => scale(Math.max(0, v)), ticks: scale.ticks(4), log: false, base: bottom };
}

/** Bytes that fit in `seconds` at the rate the rounds were sent (final round first). */
function targetBytes(rounds: readonly RoundsChartRound[], seconds: number): number | undefined {
  const final = rounds.find((r) => r.kind === 'final' && r.durationS > 0);
  if (final) return (final.bytes / final.durationS) * seconds;
  const timed = rounds.filter((r) => r.durationS > 0);
  const t = timed.reduce((s, r) => s + r.durationS, 0);
  if (t <= 0) return undefined;
  return (timed.reduce((s, r) => s + r.bytes, 0) / t) * seconds;
}

/** Bar chart of the data each pre-copy round sent, with a text-equivalent table. */
export function RoundsChart({
  rounds,
  currentIndex,
  progress,
  animate,
  downtimeTargetS,
}: RoundsChartProps) {
  const target =
    downtimeTargetS !== undefined && downtimeTargetS > 0
      ? targetBytes(rounds, downtimeTargetS)
      : undefined;
  const axis = useMemo(
    () =>
      yAxisFor(
        rounds.map((r) => r.bytes),
        target,
      ),
    [rounds, target],
  );
  const x = useMemo(
    () =>
      scaleBand<string>()
        .domain(rounds.map((r) => String(r.index)))
        .range([M.left, W - M.right])
        .paddingInner(0.28)
        .paddingOuter(0.18),
    [rounds],
  );
  const barW = Math.min(MAX_BAR, x.bandwidth());
  const showValues = barW >= 38;
  const p = clamp01(progress);
  const statusText = (i: number) => {
    const s = stateOf(i, currentIndex);
    if (s === 'done') return 'Sent';
    if (s === 'current') return `In progress, ${Math.round(p * 100)}%`;
    return 'Not yet';
  };

  return (
    <figure className="scn-rounds" data-animate={animate}>
      {/* The axis's name is the caption's: a title turned on its side crowds the ticks. */}
      <figcaption className="scn-caption">
        {axis.log ? `${ROUNDS_CAPTION} (log scale)` : ROUNDS_CAPTION}
      </figcaption>
      <svg
        className="scn-rounds-svg"
        viewBox={`0 0 ${W} ${H}`}
        aria-hidden="true"
        data-scale={axis.log ? 'log' : 'linear'}
      >
        <g className="scn-axis">
          {axis.ticks.map((t) => (
            <g key={t}>
              <line
                className="scn-grid"
                x1={M.left}
                x2={W - M.right}
                y1={axis.y(t)}
                y2={axis.y(t)}
              />
              <text className="scn-tick" x={M.left - 6} y={axis.y(t) + 4} textAnchor="end">
                {formatBytes(t)}
              </text>
            </g>
          ))}
          <line
            className="scn-baseline"
            x1={M.left}
            x2={W - M.right}
            y1={axis.base}
            y2={axis.base}
          />
          <text
            className="scn-axis-title"
            x={(M.left + W - M.right) / 2}
            y={H - 4}
            textAnchor="middle"
          >
            Round
          </text>
        </g>

        {rounds.map((r, i) => {
          const band = x(String(r.index)) ?? 0;
          const bx = band + (x.bandwidth() - barW) / 2;
          const top = axis.y(r.bytes);
          const h = Math.max(0, axis.base - top);
          const state = stateOf(i, currentIndex);
          const fillH = state === 'done' ? h : state === 'current' ? h * p : 0;
          const cx = bx + barW / 2;
          return (
            <g
              key={r.index}
              className="scn-bar"
              data-kind={r.kind}
              data-state={state}
              data-round={i + 1}
            >
              <rect className="scn-bar-outline" x={bx} y={top} width={barW} height={h} rx={2} />
              <rect
                className="scn-bar-fill"
                x={bx}
                y={axis.base - fillH}
                width={barW}
                height={fillH}
                rx={2}
              />
              {showValues ? (
                <text className="scn-bar-value" x={cx} y={top - 5} textAnchor="middle">
                  {formatBytes(r.bytes)}
                </text>
              ) : null}
              <text className="scn-tick" x={cx} y={axis.base + 15} textAnchor="middle">
                {i + 1}
              </text>
              {r.kind === 'final' ? (
                <text className="scn-bar-pause" x={cx} y={axis.base + 33} textAnchor="middle">
                  pause
                </text>
              ) : null}
            </g>
          );
        })}

        {target !== undefined && downtimeTargetS !== undefined ? (
          <g className="scn-target">
            <line
              className="scn-target-line"
              x1={M.left}
              x2={W - M.right}
              y1={axis.y(target)}
              y2={axis.y(target)}
            />
            {/* Legend for the dashed line, above the plot so it never sits on a bar. */}
            <line
              className="scn-target-line"
              x1={W - M.right - 22}
              x2={W - M.right}
              y1={12}
              y2={12}
            />
            <text className="scn-target-text" x={W - M.right - 28} y={17} textAnchor="end">
              {`fits in the ${formatDuration(downtimeTargetS)} pause target`}
            </text>
          </g>
        ) : null}
      </svg>
      <table className="visually-hidden">
        <caption>{`Data sent in each round${target !== undefined && downtimeTargetS !== undefined ? `; about ${formatBytes(target)} fits in the ${formatDuration(downtimeTargetS)} pause target` : ''}`}</caption>
        <thead>
          <tr>
            <th scope="col">Round</th>
            <th scope="col">Kind</th>
            <th scope="col">Data</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r, i) => (
            <tr key={r.index}>
              <th scope="row">{i + 1}</th>
              <td>{KIND_TEXT[r.kind]}</td>
              <td>{formatBytes(r.bytes)}</td>
              <td>{formatDuration(r.durationS)}</td>
              <td>{statusText(i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
