import type { ReactNode } from 'react';
import { LabelledBox } from './LabelledBox';
import type { TextLine } from './TextLines';
import type { Box, DataAttributes } from './types';

export interface StorageBoxProps {
  /** Class of the group. */
  className: string;
  /** Prefix of its parts' classes: `<prefix>-box`, `<prefix>-top` (default: className). */
  prefix?: string;
  /** A disk, CSV or share box ('rect'), or a flat cylinder (a volume seen from the side). */
  shape: 'rect' | 'cylinder';
  box: Box;
  /** Corner radius (rect) or the rim's height (cylinder). */
  r: number;
  lines: readonly TextLine[];
  padX: number;
  title?: string;
  data?: DataAttributes;
  /** What it holds (files), drawn on top. */
  children?: ReactNode;
}

/** A flat cylinder: the body, then the front edge of its top. */
function cylinder(x: number, y: number, w: number, h: number, ry: number): [string, string] {
  const rx = w / 2;
  return [
    `M${x},${y + ry} A${rx},${ry} 0 0 1 ${x + w},${y + ry} V${y + h - ry} A${rx},${ry} 0 0 1 ${x},${y + h - ry} Z`,
    `M${x},${y + ry} A${rx},${ry} 0 0 0 ${x + w},${y + ry}`,
  ];
}

/** Storage the hosts share (a disk, a Cluster Shared Volume, an SMB share): a box with text. */
export function StorageBox({ shape, r, ...rest }: StorageBoxProps) {
  const { x, y, width, height } = rest.box;
  const prefix = rest.prefix ?? rest.className;
  if (shape === 'rect') return <LabelledBox {...rest} rx={r} />;
  const [body, rim] = cylinder(x, y, width, height, r);
  return (
    <LabelledBox
      {...rest}
      rx={r}
      shape={
        <>
          <path className={`${prefix}-box`} d={body} />
          <path className={`${prefix}-top`} d={rim} />
        </>
      }
    />
  );
}
