import { percent } from './VmCard';

export interface LinkProps {
  /** Class of the link's group; its parts are `<className>-line` and `<className>-text`. */
  className: string;
  /** The line, from x1 to x2 at height y. */
  at: { x1: number; x2: number; y: number };
  up: boolean;
  /** Data is crossing it now. */
  active: boolean;
  /** Its throughput (or name) in words, and where it is written; omitted: no text. */
  label?: { text: string; x: number; y: number; anchor?: 'start' | 'middle' | 'end' };
}

/** A network as a line, with its throughput written along it. Static: CSS colours its state. */
export function Link({ className, at, up, active, label }: LinkProps) {
  return (
    <g className={className} data-up={up} data-active={active}>
      <line className={`${className}-line`} x1={at.x1} x2={at.x2} y1={at.y} y2={at.y} />
      {label ? (
        <text className={`${className}-text`} x={label.x} y={label.y} textAnchor={label.anchor}>
          {label.text}
        </text>
      ) : null}
    </g>
  );
}

export interface PipeLinkState {
  /** e.g. "Live migration network". */
  label: string;
  up: boolean;
  /** Memory is crossing the link. */
  active: boolean;
  /** Share of the line rate in use, 0..1. */
  utilisation: number;
  /** e.g. "0.9 Gbit/s". */
  rateText: string;
  direction: 'forward' | 'none';
  /** Sim seconds; places the moving packets deterministically. */
  phase: number;
  /** Playback is paused (packets hold still; nothing else changes). */
  paused?: boolean;
}

const PIPE_H = 16;
const PACKET_W = 14;
const PACKET_H = 8;

/** Offsets (0..1 along the pipe) of the packets in flight: (phase * speed + i / n) mod 1. */
export function packetOffsets(phase: number, utilisation: number): number[] {
  const u = Math.min(1, Math.max(0, Number.isFinite(utilisation) ? utilisation : 0));
  const n = 1 + Math.round(u * 5);
  const speed = 0.4 + 0.8 * u;
  const base = Number.isFinite(phase) ? phase * speed : 0;
  return Array.from({ length: n }, (_, i) => {
    const f = (base + i / n) % 1;
    return f < 0 ? f + 1 : f;
  });
}

/**
 * A network as a pipe from x1 to x2 centred on y: its rate above, its name below, packets moving
 * along it while data flows (placed by sim time, so they stand still when paused; none with
 * reduced motion), a cut mark when it is down.
 */
export function PipeLink({
  link,
  x1,
  x2,
  y,
  animate,
}: {
  link: PipeLinkState;
  x1: number;
  x2: number;
  y: number;
  animate: boolean;
}) {
  const len = x2 - x1;
  const cx = (x1 + x2) / 2;
  const top = y - PIPE_H / 2;
  const flowing = link.up && link.active && link.direction === 'forward';
  const u = percent(link.utilisation);
  const moving = flowing && animate;
  const offsets = moving ? packetOffsets(link.phase, link.utilisation) : [];
  const state = !link.up ? 'cut' : flowing ? 'active' : 'idle';
  return (
    <g className="scn-link" data-state={state} data-paused={link.paused || undefined}>
      <title>
        {!link.up
          ? `${link.label}: cut`
          : flowing
            ? `${link.label}: ${link.rateText}, ${u}% of the line rate, towards the destination`
            : `${link.label}: ${link.rateText}`}
      </title>
      <rect
        className="scn-pipe"
        x={x1}
        y={top}
        width={len}
        height={PIPE_H}
        rx={PIPE_H / 2}
        style={flowing ? { fillOpacity: 0.15 + 0.45 * (u / 100) } : undefined}
      />
      {offsets.map((f, i) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: packets are interchangeable slots
          key={i}
          className="scn-packet"
          x={x1 + 6 + f * (len - 12 - PACKET_W)}
          y={y - PACKET_H / 2}
          width={PACKET_W}
          height={PACKET_H}
          rx={2}
        />
      ))}
      {flowing ? <path className="scn-link-arrow" d={`M${x2 - 2},${y} l-12,-9 v18 z`} /> : null}
      {!link.up ? (
        <>
          <path
            className="scn-link-cut-mark"
            d={`M${cx - 10},${y - 12} l20,24 M${cx + 10},${y - 12} l-20,24`}
          />
          <text className="scn-link-cut" x={cx} y={top - 8} textAnchor="middle">
            Cut
          </text>
        </>
      ) : (
        <text className="scn-link-rate" x={cx} y={top - 8} textAnchor="middle">
          {flowing ? `${link.rateText} \u2192` : link.rateText}
        </text>
      )}
      <text className="scn-link-label" x={cx} y={top + PIPE_H + 18} textAnchor="middle">
        {link.label}
      </text>
    </g>
  );
}
