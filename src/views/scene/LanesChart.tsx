/**
 * One lane per migration: its wait in the queue, then its phases over sim time, with a cursor at
 * the moment shown. D3 computes the scale; React draws. Pure props in.
 */
import { scaleLinear } from 'd3';
import type { LanePhaseKind } from '../../model/concurrentMigration';
import './lanes.css';

/** A lane's phase (model/concurrentMigration), or waiting in the queue before it. */
export type LaneSegmentKind = 'queued' | LanePhaseKind;

export interface LaneSegment {
  kind: LaneSegmentKind;
  startS: number;
  endS: number;
  /** e.g. "round 2". */
  label?: string;
}

export interface LaneRow {
  key: string;
  name: string;
  segments: readonly LaneSegment[];
  /** The lane's state now, in words (also the row's accessible text). */
  text: string;
  /** The lane ended early (fault or cancel) at this moment, s. */
  cutAtS?: number;
}

export interface LanesChartProps {
  rows: readonly LaneRow[];
  /** The moment shown, s from the batch start. */
  nowS: number;
  /** The planned end of the batch, s. */
  totalS: number;
  title: string;
}

const W = 960;
const ROW_H = 26;
const LABEL_W = 96;
const TOP = 8;
const AXIS_H = 26;

const KIND_TEXT: Record<LaneSegmentKind, string> = {
  queued: 'waiting in the queue',
  connecting: 'connecting',
  copying: 'copying memory',
  stopAndCopy: 'paused, final copy',
  handoff: 'handoff',
  resuming: 'resuming',
  switchUpdate: 'switch update',
};

export const LEGEND: readonly LaneSegmentKind[] = [
  'queued',
  'connecting',
  'copying',
  'stopAndCopy',
  'handoff',
];

export function LanesChart({ rows, nowS, totalS, title }: LanesChartProps) {
  const h = TOP + rows.length * ROW_H + AXIS_H;
  const x = scaleLinear()
    .domain([0, Math.max(totalS, 1e-6)])
    .range([LABEL_W, W - 12]);
  const ticks = x.ticks(6);
  const cursor = x(Math.min(Math.max(nowS, 0), totalS));
  const summary = `${title}: ${rows.map((r) => `${r.name} ${r.text}`).join('; ')}.`;
  return (
    <figure className="card cl-lanes-figure">
      <figcaption>{title}</figcaption>
      <svg className="cl-lanes" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={summary}>
        {rows.map((r, i) => {
          const y = TOP + i * ROW_H;
          return (
            <g key={r.key} className="cl-lane">
              <title>{`${r.name}: ${r.text}`}</title>
              <text className="cl-lane-name" x={4} y={y + ROW_H / 2 + 4}>
                {r.name}
              </text>
              {r.segments.map((s) => {
                const end = r.cutAtS !== undefined ? Math.min(s.endS, r.cutAtS) : s.endS;
                if (end <= s.startS && !(s.endS === s.startS)) return null;
                return (
                  <rect
                    key={`${s.kind}-${s.startS}`}
                    className="cl-seg"
                    data-kind={s.kind}
                    x={x(s.startS)}
                    y={y + 4}
                    width={Math.max(0.5, x(end) - x(s.startS))}
                    height={ROW_H - 8}
                  />
                );
              })}
              {r.cutAtS !== undefined ? (
                <path
                  className="cl-cut"
                  d={`M${x(r.cutAtS) - 5},${y + 4} l10,${ROW_H - 8} M${x(r.cutAtS) + 5},${y + 4} l-10,${ROW_H - 8}`}
                />
              ) : null}
            </g>
          );
        })}
        <g className="cl-axis">
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={h - 8} textAnchor="middle">
              {`${t} s`}
            </text>
          ))}
        </g>
        <line className="cl-cursor" x1={cursor} x2={cursor} y1={2} y2={h - AXIS_H + 2} />
      </svg>
      <ul className="cl-legend" aria-label="Lane colours">
        {LEGEND.map((k) => (
          <li key={k}>
            <svg width="14" height="10" aria-hidden="true">
              <rect className="cl-seg" data-kind={k} width="14" height="10" />
            </svg>{' '}
            {KIND_TEXT[k]}
          </li>
        ))}
      </ul>
    </figure>
  );
}
