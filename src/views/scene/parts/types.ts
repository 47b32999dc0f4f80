/** `data-*` attributes a part puts on its outer group (state for CSS and tests). */
export type DataAttributes = { [key: `data-${string}`]: string | number | boolean | undefined };

/** A rectangle in the picture's user space: its top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
