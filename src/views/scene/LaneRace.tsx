import { type ScaleLinear, scaleLinear } from 'd3';
import { memo, useMemo } from 'react';
import { formatDuration } from '../../model/format';

export type LaneSegmentKind = 'setup' | 'full' | 'dirty' | 'final' | 'after';

export interface LaneSegment {
  kind: LaneSegmentKind;
  startS: number;
  durationS: number;
}

export type LaneTone = 'running' | 'ok' | 'failed' | 'idle';

export interface RaceLane {
  key: string;
  label: string;
  /** The planned steps of the lane, from the model. */
  segments: readonly LaneSegment[];
  /** Sim time the lane ended (done, failed, cancelled, refused), or null while it runs. */
  endedAt: number | null;
  /** Short state text, e.g. "Round 2 of 4" or "Migrated in 10.3 s". */
  status: string;
  tone: LaneTone;
  /** The poster recommends this option for the link speed. */
  recommended: boolean;
  /** The Results region shows this lane. */
  followed: boolean;
}

export interface LaneRaceProps {
  lanes: readonly RaceLane[];
  /** Sim time, s. */
  now: number;
  /** Right end of the time axis, s. */
  maxS: number;
}

export const LANE_RACE_CAPTION = 'The same migration with each option, on one clock';

const W = 720;
const ROW = 46;
const M = { top: 26, right: 210, bottom: 28, left: 172 } as const;

const SEGMENT_CLASS: Record<LaneSegmentKind, string> = {
  setup: 'scn-race-setup',
  full: 'scn-race-full',
  dirty: 'scn-race-dirty',
  final: 'scn-race-final',
  after: 'scn-race-after',
};

/** Four runs side by side on one time axis: each round a bar, the VM's pause marked, one cursor. */
export function LaneRace({ lanes, now, maxS }: LaneRaceProps) {
  const h = M.top + lanes.length * ROW + M.bottom;
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, Math.max(maxS, 1e-3)])
        .range([M.left, W - M.right])
        .nice(5),
    [maxS],
  );
  const cx = x(Math.min(now, x.domain()[1] ?? now));
  const summary = lanes
    .map((l) => `${l.label}: ${l.status}${l.recommended ? ' (recommended)' : ''}`)
    .join('; ');
  return (
    <svg
      className="scn-race"
      viewBox={`0 0 ${W} ${h}`}
      role="img"
      aria-label={`${LANE_RACE_CAPTION} at ${formatDuration(now)}. ${summary}.`}
    >
      {/* What stays while the clock runs (a playing run renders only the bars' progress). */}
      <RacePlan lanes={lanes} x={x} h={h} />
      {lanes.map((lane, i) => {
        const y = M.top + i * ROW;
        const end = lane.endedAt;
        return (
          <g key={lane.key} className="scn-race-progress" data-progress={lane.key}>
            {lane.segments.map((seg) => {
              const x0 = x(seg.startS);
              const ran = Math.max(
                0,
                Math.min(now, end ?? now, seg.startS + seg.durationS) - seg.startS,
              );
              return (
                <rect
                  key={`${seg.kind}-${seg.startS}`}
                  className={SEGMENT_CLASS[seg.kind]}
                  x={x0}
                  y={y + 12}
                  width={Math.max(0, x(seg.startS + ran) - x0)}
                  height={ROW - 24}
                />
              );
            })}
          </g>
        );
      })}
      <line
        className="scn-race-cursor"
        x1={cx}
        x2={cx}
        y1={M.top - 10}
        y2={M.top + lanes.length * ROW + 4}
      />
    </svg>
  );
}

/** The axis, each lane's name, planned bars and status: the same from frame to frame. */
const RacePlan = memo(function RacePlan({
  lanes,
  x,
  h,
}: {
  lanes: readonly RaceLane[];
  x: ScaleLinear<number, number>;
  h: number;
}) {
  const ticks = x.ticks(5);
  return (
    <>
      <rect className="scn-scene-bg" x={0} y={0} width={W} height={h} rx={6} />
      {ticks.map((t) => (
        <g key={t}>
          <line
            className="scn-race-grid"
            x1={x(t)}
            x2={x(t)}
            y1={M.top - 6}
            y2={M.top + lanes.length * ROW}
          />
          <text className="scn-race-tick" x={x(t)} y={h - 8} textAnchor="middle">
            {formatDuration(t)}
          </text>
        </g>
      ))}
      {lanes.map((lane, i) => {
        const y = M.top + i * ROW;
        const end = lane.endedAt;
        return (
          <g key={lane.key} data-lane={lane.key} data-tone={lane.tone}>
            {lane.followed ? (
              <rect
                className="scn-race-follow"
                x={4}
                y={y + 2}
                width={W - 8}
                height={ROW - 4}
                rx={4}
              />
            ) : null}
            <text className="scn-race-label" x={12} y={y + ROW / 2 + 5}>
              {lane.label}
              {lane.recommended ? ' \u2605' : ''}
            </text>
            {lane.segments.map((seg) => {
              const x0 = x(seg.startS);
              const segEnd = seg.startS + seg.durationS;
              // Past the lane's end (a fault stopped it) the plan is drawn as never run.
              const cut = end !== null && end < segEnd;
              const x1 = x(cut ? Math.max(seg.startS, end) : segEnd);
              return (
                <g key={`${seg.kind}-${seg.startS}`}>
                  {cut && end !== null && end < segEnd ? (
                    <rect
                      className="scn-race-unrun"
                      x={x(Math.max(seg.startS, end))}
                      y={y + 12}
                      width={Math.max(1, x(segEnd) - x(Math.max(seg.startS, end)))}
                      height={ROW - 24}
                    />
                  ) : null}
                  <rect
                    className="scn-race-plan"
                    x={x0}
                    y={y + 12}
                    width={Math.max(1, x1 - x0)}
                    height={ROW - 24}
                  />
                </g>
              );
            })}
            <text className="scn-race-status" x={W - M.right + 10} y={y + ROW / 2 + 5}>
              {lane.status}
            </text>
          </g>
        );
      })}
    </>
  );
});
