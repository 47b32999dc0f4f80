/**
 * The layout the two-host migration pictures share: the source host's box on the left and the
 * destination's on the right, each `margin` in from the picture's edges, side by side at one height.
 */
export interface HostPair {
  /** The boxes' left edges: the source's, then the destination's. */
  x: readonly [number, number];
  y: number;
  width: number;
  height: number;
}

/** The two host boxes of a picture `sceneW` wide (`box`: their top, width and height). */
export function hostPair(
  sceneW: number,
  box: { y: number; width: number; height: number },
  margin = 20,
): HostPair {
  return { x: [margin, sceneW - margin - box.width], ...box };
}
