import { line as d3line } from 'd3';

const lineOf = d3line<readonly [number, number]>()
  .x((p) => p[0])
  .y((p) => p[1]);

/** An SVG path through the points, in order (straight segments). */
export function pathOf(points: readonly (readonly [number, number])[]): string {
  return lineOf(points) ?? '';
}
