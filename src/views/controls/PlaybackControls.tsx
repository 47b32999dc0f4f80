import { type ChangeEvent, memo, useId } from 'react';

export interface TimelineMarker {
  /** Sim time of the marker, s. */
  t: number;
  /** What happened there (shown as a tooltip; the marker itself is decorative). */
  label: string;
}

export interface PlaybackControlsProps {
  playing: boolean;
  done: boolean;
  /** Current sim time, s: where the timeline's thumb is drawn (every frame while playing). */
  now: number;
  /**
   * The sim time the timeline's text follows: the slider's value (what assistive technology
   * reads, and where an arrow key steps from), its spoken value and the clock digits. A playing
   * panel gives it at the text rate (the thumb still moves every frame, drawn apart from the
   * native slider, so a frame does not lay the slider out again); default `now`.
   */
  shownNow?: number;
  /** Sim time at which the run ends (or the timeline's current extent), s. */
  endT: number;
  /** Playback speed multiplier (0.25 … 64). */
  speed: number;
  /** Sim times at which poster steps start: drawn as ticks under the timeline. */
  stepStarts: readonly number[];
  /** Fault (or other) markers drawn under the timeline. */
  markers: readonly TimelineMarker[];
  onPlay(): void;
  onPause(): void;
  onStepBack(): void;
  onStepForward(): void;
  onRestart(): void;
  onSkipToEnd(): void;
  onSeek(t: number): void;
  onSpeed(s: number): void;
  formatTime(t: number): string;
}

export const SPEED_MIN = 0.25;
export const SPEED_MAX = 64;
const LOG_MIN = Math.log2(SPEED_MIN);
const LOG_MAX = Math.log2(SPEED_MAX);

type IconName = 'restart' | 'back' | 'play' | 'pause' | 'forward' | 'end';

/** SVG paths on a 16×16 grid (font-independent, unlike the ⏮ ⏯ characters). */
const ICON_PATHS: Record<IconName, string> = {
  restart: 'M3 3h2v10H3zM13 3v10L6 8z',
  back: 'M8 3v10L2 8zM15 3v10L9 8z',
  play: 'M4 2.5v11L13.5 8z',
  pause: 'M3.5 3h3v10h-3zM9.5 3h3v10h-3z',
  forward: 'M1 3v10l6-5zM8 3v10l6-5z',
  end: 'M3 3v10l7-5zM11 3h2v10h-2z',
};

function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="ctl-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={ICON_PATHS[name]} fill="currentColor" />
    </svg>
  );
}

/** A playback button: its icon, and its name as text (shown when there is room; always its name). */
function IconButton(p: {
  icon: IconName;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      className={p.primary ? 'primary ctl-icon-button ctl-toggle' : 'ctl-icon-button'}
      onClick={p.onClick}
      disabled={p.disabled}
      title={p.label}
    >
      <Icon name={p.icon} />
      <span className="ctl-button-text">{p.label}</span>
    </button>
  );
}

/** "0.25x", "1x", "64x". */
export function formatSpeed(speed: number): string {
  return `${Number(speed.toFixed(2))}x`;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function percent(t: number, endT: number): string {
  return `${(clamp(t / endT, 0, 1) * 100).toFixed(3)}%`;
}

/**
 * Transport buttons (one Play/Pause toggle, step back/forward, restart, skip to end), the
 * "Timeline" slider with step ticks and fault markers, and the log2 "Speed" slider.
 *
 * While a run plays this renders every frame (the timeline follows the clock); the buttons, the
 * speed slider and the timeline's marks are memoized parts that render again only when what they
 * show changes (give stable handlers to keep them so: the caller's `useMemo`).
 */
export function PlaybackControls(props: PlaybackControlsProps) {
  const { playing, done, now, endT, speed, stepStarts, markers, formatTime } = props;
  const extent = endT > 0 && Number.isFinite(endT) ? endT : 0;
  const hasTimeline = extent > 0;
  const max = hasTimeline ? extent : 1;
  const at = (t: number) => (hasTimeline ? clamp(Number.isFinite(t) ? t : 0, 0, extent) : 0);
  const value = at(props.shownNow ?? now);
  const fraction = hasTimeline ? at(now) / extent : 0;
  const { onSeek } = props;

  const onTimeline = (event: ChangeEvent<HTMLInputElement>) => {
    const t = Number(event.currentTarget.value);
    if (Number.isFinite(t)) onSeek(clamp(t, 0, extent));
  };

  return (
    <div className="ctl-playback">
      <Transport
        playing={playing}
        done={done}
        atStart={at(now) <= 0}
        onPlay={props.onPlay}
        onPause={props.onPause}
        onStepBack={props.onStepBack}
        onStepForward={props.onStepForward}
        onRestart={props.onRestart}
        onSkipToEnd={props.onSkipToEnd}
      />

      <div className="ctl-timeline">
        <div className="ctl-timeline-clock" aria-hidden="true">
          <span>{formatTime(value)}</span>
          <span>{formatTime(extent)}</span>
        </div>
        <div className="ctl-timeline-track">
          <input
            type="range"
            className="ctl-range ctl-timeline-range"
            aria-label="Timeline"
            min={0}
            max={max}
            // "any": the slider holds the exact sim time (a deep link's t, a fault's moment) rather
            // than rounding it to a step; arrow keys still move it by a fraction of the run.
            step="any"
            value={value}
            aria-valuetext={`${formatTime(value)} of ${formatTime(extent)}`}
            disabled={!hasTimeline}
            onChange={onTimeline}
          />
          {/*
           * The rail, its filled part and the thumb, drawn over the native slider (whose own are
           * transparent; it keeps the keyboard, the pointer and what is read out). They move by
           * transforms on their own layers: a frame of a playing run neither lays out nor
           * repaints the slider.
           */}
          <span className="ctl-timeline-rail" aria-hidden="true">
            <span
              className="ctl-timeline-fill"
              style={{ transform: `scaleX(${fraction.toFixed(5)})` }}
            />
            <span
              className="ctl-timeline-mover"
              data-fraction={fraction.toFixed(5)}
              style={{ transform: `translateX(${(fraction * 100).toFixed(3)}%)` }}
            >
              <span className="ctl-timeline-thumb" />
            </span>
          </span>
        </div>
        <TimelineMarks
          extent={extent}
          stepStarts={stepStarts}
          markers={markers}
          formatTime={formatTime}
        />
      </div>

      <SpeedControl speed={speed} onSpeed={props.onSpeed} />
    </div>
  );
}

type TransportProps = Pick<
  PlaybackControlsProps,
  | 'playing'
  | 'done'
  | 'onPlay'
  | 'onPause'
  | 'onStepBack'
  | 'onStepForward'
  | 'onRestart'
  | 'onSkipToEnd'
> & { atStart: boolean };

const Transport = memo(function Transport(p: TransportProps) {
  const toggleLabel = p.playing && !p.done ? 'Pause' : 'Play';
  const onToggle = () => {
    if (p.done) return;
    if (p.playing) p.onPause();
    else p.onPlay();
  };
  return (
    <div className="ctl-playback-buttons">
      <IconButton icon="restart" label="Restart" onClick={p.onRestart} />
      <IconButton icon="back" label="Step back" onClick={p.onStepBack} disabled={p.atStart} />
      <IconButton
        icon={toggleLabel === 'Pause' ? 'pause' : 'play'}
        label={toggleLabel}
        onClick={onToggle}
        disabled={p.done}
        primary
      />
      <IconButton icon="forward" label="Step forward" onClick={p.onStepForward} disabled={p.done} />
      <IconButton icon="end" label="Skip to end" onClick={p.onSkipToEnd} disabled={p.done} />
    </div>
  );
});

/** The step ticks and fault markers under the timeline (decorative; the steps list names them). */
const TimelineMarks = memo(function TimelineMarks({
  extent,
  stepStarts,
  markers,
  formatTime,
}: Pick<PlaybackControlsProps, 'stepStarts' | 'markers' | 'formatTime'> & { extent: number }) {
  const hasTimeline = extent > 0;
  return (
    <div className="ctl-timeline-marks" aria-hidden="true">
      {hasTimeline &&
        stepStarts.map((t, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: times may repeat; order is the identity
            key={`s${i}`}
            className="ctl-tick"
            style={{ left: percent(t, extent) }}
          />
        ))}
      {hasTimeline &&
        markers.map((m, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: markers may repeat; order is the identity
            key={`m${i}`}
            className="ctl-marker"
            style={{ left: percent(m.t, extent) }}
            title={`${m.label} at ${formatTime(m.t)}`}
          />
        ))}
    </div>
  );
});

const SpeedControl = memo(function SpeedControl({
  speed,
  onSpeed,
}: Pick<PlaybackControlsProps, 'speed' | 'onSpeed'>) {
  const speedId = useId();
  const logSpeed = clamp(Math.log2(speed > 0 ? speed : 1), LOG_MIN, LOG_MAX);
  const onSpeedInput = (event: ChangeEvent<HTMLInputElement>) => {
    const exponent = Number(event.currentTarget.value);
    if (Number.isFinite(exponent)) onSpeed(2 ** clamp(exponent, LOG_MIN, LOG_MAX));
  };
  return (
    <div className="ctl-speed">
      <label htmlFor={speedId}>Speed</label>
      <input
        id={speedId}
        type="range"
        className="ctl-range ctl-speed-range"
        min={LOG_MIN}
        max={LOG_MAX}
        step={1}
        value={logSpeed}
        aria-valuetext={formatSpeed(speed)}
        onChange={onSpeedInput}
      />
      <span className="ctl-speed-value" aria-hidden="true">
        {formatSpeed(speed)}
      </span>
    </div>
  );
});
