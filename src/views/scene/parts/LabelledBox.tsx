import type { ReactNode } from 'react';
import { type TextLine, TextLines } from './TextLines';
import type { Box, DataAttributes } from './types';

export interface LabelledBoxProps {
  /** Class of the group. */
  className: string;
  /** Prefix of the box's class, `<prefix>-box` (default: className). */
  prefix?: string;
  box: Box;
  rx: number;
  /** The box in words (its SVG title). */
  title?: string;
  /** Text lines from the top-left corner. */
  lines: readonly TextLine[];
  padX: number;
  data?: DataAttributes;
  /** Drawn over the box, under its text (e.g. a "down" cross); the box itself when given. */
  shape?: ReactNode;
  overlay?: ReactNode;
  /** What it holds, drawn on top. */
  children?: ReactNode;
}

/** A box with text lines and whatever it holds: the base of hosts, storage and the queue. */
export function LabelledBox({
  className,
  prefix = className,
  box,
  rx,
  title,
  lines,
  padX,
  data,
  shape,
  overlay,
  children,
}: LabelledBoxProps) {
  const { x, y, width, height } = box;
  return (
    <g className={className} {...data}>
      {title !== undefined ? <title>{title}</title> : null}
      {shape ?? (
        <rect className={`${prefix}-box`} x={x} y={y} width={width} height={height} rx={rx} />
      )}
      {overlay}
      <TextLines lines={lines} x={x} y={y} width={width} padX={padX} />
      {children}
    </g>
  );
}
