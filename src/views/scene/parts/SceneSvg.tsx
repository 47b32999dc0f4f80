import type { ReactNode } from 'react';
import type { DataAttributes } from './types';

export interface SceneSvgProps {
  /** The scene's class prefix: the SVG is `<prefix>-scene`, its background `<prefix>-bg`. */
  prefix: string;
  /** The scene's size in user units (its viewBox): the picture scales with its column. */
  width: number;
  height: number;
  /** What the picture shows, in words: the SVG is one image named by it. */
  summary: string;
  /** Passed through as the SVG's data attributes (e.g. `data-animate`). */
  data?: DataAttributes;
  children: ReactNode;
}

/**
 * A panel's picture: one SVG image named by its summary, sized by its viewBox, on a rounded
 * background. Every scene opens the same way; what it draws is its own.
 */
export function SceneSvg({ prefix, width, height, summary, data, children }: SceneSvgProps) {
  return (
    <svg
      className={`${prefix}-scene`}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={summary}
      {...data}
    >
      <rect className={`${prefix}-bg`} width={width} height={height} rx={10} />
      {children}
    </svg>
  );
}
