import { motion } from 'framer-motion';
import { memo, type ReactNode } from 'react';
import { type MotionName, transitionFor } from '../../motion';
import type { Box, DataAttributes } from './types';

export interface VmCardProps {
  /** Class of the card's group; its parts are `<className>-box`, `-fill`, `-dot`. */
  className: string;
  /** Where it is (top-left corner) and its size. */
  box: Box;
  rx: number;
  /** The card in words (its SVG title). */
  title: string;
  /** A shell: how much of the memory it holds, in percent; drawn as a bar under the outline. */
  fillPct?: number;
  /** The status dot, in the card's own coordinates. */
  dot?: { cx: number; cy: number; r: number };
  /** Glide to a new (x, y) with this MOTION entry; omitted: drawn in place, never moving. */
  move?: MotionName;
  /** false = reduced motion: the card jumps to its new place. */
  animate: boolean;
  data?: DataAttributes;
  /** The card's text, in its own coordinates (0, 0 is the top-left corner). */
  children?: ReactNode;
}

/** A VM (or its shell) as a card; it glides between hosts when `move` is given and `animate`. */
export function VmCard({
  className,
  box,
  rx,
  title,
  fillPct,
  dot,
  move,
  animate,
  data,
  children,
}: VmCardProps) {
  const { x, y, width, height } = box;
  const body = (
    <>
      <title>{title}</title>
      {fillPct !== undefined ? (
        <rect
          className={`${className}-fill`}
          width={(width * fillPct) / 100}
          height={height}
          rx={rx}
        />
      ) : null}
      <rect className={`${className}-box`} width={width} height={height} rx={rx} />
      {dot ? <circle className={`${className}-dot`} cx={dot.cx} cy={dot.cy} r={dot.r} /> : null}
      {children}
    </>
  );
  if (!move) {
    return (
      <g className={className} transform={`translate(${x},${y})`} {...data}>
        {body}
      </g>
    );
  }
  return (
    <motion.g
      className={className}
      {...data}
      initial={false}
      animate={{ x, y }}
      transition={transitionFor(move, animate)}
    >
      {body}
    </motion.g>
  );
}

/** A share 0..1 as a whole percent, clamped (NaN counts as 0). */
export function percent(x: number | undefined): number {
  const v = x ?? 0;
  return Math.round(Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * 100);
}

export interface VmChipProps {
  /** Class of the chip; its parts are `<className>-box`, `-fill`, `-dot`, `-name`. */
  className: string;
  name: string;
  /** 'shell' draws the memory received as a bar; any other kind is said in the title. */
  kind: string;
  /** A shell's share of the memory received, 0..1. */
  fill?: number;
  /** The chip's text, from the shell's percent. */
  label: (fillPct: number) => string;
  /**
   * A figure after the label (e.g. a shell's percent), left out on the presenter's stage where
   * the chip is too narrow for it at a readable size (the fill bar still shows it).
   */
  detail?: (fillPct: number) => string;
  box: Box;
  /** The status dot: its centre's x and radius (it sits on the middle line). */
  dot: { cx: number; r: number };
  /** Where the text starts, and its baseline below the middle line. */
  textX: number;
  textDy: number;
  animate: boolean;
  data?: DataAttributes;
}

/** The data attributes, compared key by key. */
function sameData(a: DataAttributes | undefined, b: DataAttributes | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a) as (keyof DataAttributes)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Whether two chips draw the same: every figure they show (the label at the shell's whole
 * percent, the box, the dot) is equal. The scenes rebuild their props every frame while a run
 * plays; a chip whose picture did not change is then not rendered again (nor its glide restarted).
 */
export function sameChip(a: VmChipProps, b: VmChipProps): boolean {
  const pa = percent(a.fill);
  const pb = percent(b.fill);
  return (
    a.className === b.className &&
    a.name === b.name &&
    a.kind === b.kind &&
    pa === pb &&
    a.label(pa) === b.label(pb) &&
    a.detail?.(pa) === b.detail?.(pb) &&
    a.box.x === b.box.x &&
    a.box.y === b.box.y &&
    a.box.width === b.box.width &&
    a.box.height === b.box.height &&
    a.dot.cx === b.dot.cx &&
    a.dot.r === b.dot.r &&
    a.textX === b.textX &&
    a.textDy === b.textDy &&
    a.animate === b.animate &&
    sameData(a.data, b.data)
  );
}

/** A small VM card on a host (or its shell filling up) that glides when the VM changes host. */
export const VmChip = memo(function VmChip({
  className,
  name,
  kind,
  fill,
  label,
  detail,
  box,
  dot,
  textX,
  textDy,
  animate,
  data,
}: VmChipProps) {
  const pct = percent(fill);
  const shell = kind === 'shell';
  const height = box.height;
  return (
    <VmCard
      className={className}
      box={box}
      rx={4}
      title={shell ? `Shell of ${name}, ${pct}% of its memory received` : `${name}, ${kind}`}
      {...(shell ? { fillPct: pct } : {})}
      dot={{ cx: dot.cx, cy: height / 2, r: dot.r }}
      move="cardMove"
      animate={animate}
      data={{ 'data-kind': kind, ...data }}
    >
      <text className={`${className}-name`} x={textX} y={height / 2 + textDy}>
        {label(pct)}
        {detail ? <tspan className="scn-chip-detail">{` ${detail(pct)}`}</tspan> : null}
      </text>
    </VmCard>
  );
}, sameChip);
