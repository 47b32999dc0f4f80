import type { ReactNode } from 'react';
import { LabelledBox } from './LabelledBox';
import type { TextLine } from './TextLines';
import type { Box, DataAttributes } from './types';

export interface HostProps {
  /** Class of the host's group. */
  className: string;
  /** Prefix of its parts' classes: `<prefix>-box`, `<prefix>-cross` (default: className). */
  prefix?: string;
  box: Box;
  rx?: number;
  /** The host in words (its SVG title). */
  title?: string;
  /** false: the host is down and crossed out. Leave undefined to never draw the cross. */
  up?: boolean;
  /** How far in from the corners the cross starts. */
  crossInset?: number;
  /** Name, role, OS...: text lines from the top-left corner. */
  lines: readonly TextLine[];
  padX: number;
  data?: DataAttributes;
  /** Whatever else the host holds (VM chips, its drops to the network), drawn on top. */
  children?: ReactNode;
}

/** A host (or cluster node): a box with its name lines, crossed out while it is down. Static. */
export function Host({ prefix, up, crossInset = 8, rx = 10, ...rest }: HostProps) {
  const { x, y, width, height } = rest.box;
  const i = crossInset;
  const cross =
    up === false ? (
      <path
        className={`${prefix ?? rest.className}-cross`}
        d={`M${x + i},${y + i} L${x + width - i},${y + height - i} M${x + width - i},${y + i} L${x + i},${y + height - i}`}
      />
    ) : null;
  return <LabelledBox {...rest} {...(prefix ? { prefix } : {})} rx={rx} overlay={cross} />;
}

export interface RoleHostProps {
  className: string;
  /** Prefix of the two text lines' classes: `<textPrefix>-title`, `<textPrefix>-sub`. */
  textPrefix: string;
  box: Box;
  name: string;
  /** The role's key (data-role) and its words (the second line while the host is up). */
  roleKey: string;
  roleText: string;
  up: boolean;
  title: string;
  padX: number;
  children?: ReactNode;
}

/** A host drawn with its name and, below it, its role, or "Down" (crossed out) when it is down. */
export function RoleHost({ textPrefix, name, roleKey, roleText, up, ...rest }: RoleHostProps) {
  return (
    <Host
      {...rest}
      up={up}
      crossInset={6}
      lines={[
        { text: name, className: `${textPrefix}-title`, dy: 26 },
        { text: up ? roleText : 'Down', className: `${textPrefix}-sub`, dy: 44 },
      ]}
      data={{ 'data-up': up, 'data-role': roleKey }}
    />
  );
}
