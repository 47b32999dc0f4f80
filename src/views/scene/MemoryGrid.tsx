import { useEffect, useMemo, useRef } from 'react';
import { CELL_COPIED, CELL_DIRTY, CELL_PENDING, countCells } from '../../model/pageGrid';

export interface MemoryGridProps {
  /** One byte per cell: 0 pending (source only), 1 copied, 2 dirtied since copied. */
  cells: Uint8Array;
  columns: number;
  /** Full text summary of the picture, for screen readers. */
  label: string;
  /** CSS pixels per cell, gap included (default 10). */
  cellSize?: number;
  /** false = reduced motion: no highlight of the cells that just changed. */
  animate: boolean;
  /**
   * The legend's figures, when the panel gives them at the text rate (the cells change every
   * frame while a run plays; their counts need not be re-laid out 60 times a second). Default:
   * counted from `cells`.
   */
  counts?: CellCounts;
}

/** How many cells are in each state. */
export type CellCounts = ReturnType<typeof countCells>;

export interface GridColors {
  pending: string;
  copied: string;
  dirty: string;
  changed: string;
}

/** Used when the CSS variables cannot be read (tests, detached nodes). */
export const FALLBACK_COLORS: GridColors = {
  pending: '#3a4a5c',
  copied: '#4cb3ff',
  dirty: '#ff9f43',
  changed: '#e8eef4',
};

export function readGridColors(el: Element): GridColors {
  let style: CSSStyleDeclaration | undefined;
  try {
    style = getComputedStyle(el);
  } catch {
    style = undefined;
  }
  const read = (name: string, fallback: string) => style?.getPropertyValue(name).trim() || fallback;
  return {
    pending: read('--pending', FALLBACK_COLORS.pending),
    copied: read('--copied', FALLBACK_COLORS.copied),
    dirty: read('--dirty', FALLBACK_COLORS.dirty),
    changed: read('--fg', FALLBACK_COLORS.changed),
  };
}

export { countCells } from '../../model/pageGrid';

type Ctx = Pick<
  CanvasRenderingContext2D,
  | 'clearRect'
  | 'fillRect'
  | 'strokeRect'
  | 'setTransform'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
>;

/**
 * Paint the grid: one fillRect per cell, batched by colour (three fillStyle changes per frame).
 * `previous`, when given, outlines the cells whose state differs from it.
 */
export function paintGrid(
  ctx: Ctx,
  cells: Uint8Array,
  columns: number,
  size: number,
  colors: GridColors,
  previous?: Uint8Array,
): void {
  const cols = Math.max(1, Math.floor(columns));
  const rows = Math.ceil(cells.length / cols);
  const gap = size >= 4 ? 1 : 0;
  const inner = size - gap;
  ctx.clearRect(0, 0, cols * size, rows * size);
  const passes: [number, string][] = [
    [CELL_PENDING, colors.pending],
    [CELL_COPIED, colors.copied],
    [CELL_DIRTY, colors.dirty],
  ];
  for (const [state, color] of passes) {
    ctx.fillStyle = color;
    for (let i = 0; i < cells.length; i += 1) {
      const c = cells[i] as number;
      if (c === state || (state === CELL_DIRTY && c > CELL_DIRTY)) {
        ctx.fillRect((i % cols) * size, Math.floor(i / cols) * size, inner, inner);
      }
    }
  }
  if (previous && previous.length === cells.length && inner >= 4) {
    ctx.strokeStyle = colors.changed;
    ctx.lineWidth = 1;
    for (let i = 0; i < cells.length; i += 1) {
      if (cells[i] !== previous[i]) {
        ctx.strokeRect(
          (i % cols) * size + 0.5,
          Math.floor(i / cols) * size + 0.5,
          inner - 1,
          inner - 1,
        );
      }
    }
  }
}

/** Which cells a paint outlines: those that differ from `previous` (none without it, or when too small). */
export function outlinesOf(
  cells: Uint8Array,
  size: number,
  previous: Uint8Array | undefined,
): Uint8Array {
  const marks = new Uint8Array(cells.length);
  const inner = size - (size >= 4 ? 1 : 0);
  if (!previous || previous.length !== cells.length || inner < 4) return marks;
  for (let i = 0; i < cells.length; i += 1) marks[i] = cells[i] !== previous[i] ? 1 : 0;
  return marks;
}

/**
 * Bring a canvas that shows `shown` (with `outlined` cells outlined) to `cells`, outlining the
 * cells that changed when `outline` is on: only the cells whose picture differs are painted
 * again (a state that changed, an outline that comes or goes). `shown` and `outlined` are
 * updated in place. The result is what `paintGrid(cells, previous = shown)` draws, for a few
 * canvas calls where a playing run changes a few cells a frame; a frame that changes nothing
 * draws nothing (and the canvas is not sent to the compositor again).
 * Returns how many cells were painted.
 */
export function paintChanges(
  ctx: Ctx,
  cells: Uint8Array,
  shown: Uint8Array,
  outlined: Uint8Array,
  columns: number,
  size: number,
  colors: GridColors,
  outline: boolean,
): number {
  const cols = Math.max(1, Math.floor(columns));
  const inner = size - (size >= 4 ? 1 : 0);
  const canOutline = outline && inner >= 4;
  const byState: number[][] = [[], [], []];
  const stroked: number[] = [];
  let painted = 0;
  for (let i = 0; i < cells.length; i += 1) {
    const c = cells[i] as number;
    const mark = canOutline && c !== shown[i] ? 1 : 0;
    if (c === shown[i] && mark === outlined[i]) continue;
    ctx.clearRect((i % cols) * size, Math.floor(i / cols) * size, inner, inner);
    (byState[Math.min(c, CELL_DIRTY)] as number[]).push(i);
    if (mark) stroked.push(i);
    shown[i] = c;
    outlined[i] = mark;
    painted += 1;
  }
  const colorOf = [colors.pending, colors.copied, colors.dirty];
  byState.forEach((list, state) => {
    if (list.length === 0) return;
    ctx.fillStyle = colorOf[state] as string;
    for (const i of list) {
      ctx.fillRect((i % cols) * size, Math.floor(i / cols) * size, inner, inner);
    }
  });
  if (stroked.length > 0) {
    ctx.strokeStyle = colors.changed;
    ctx.lineWidth = 1;
    for (const i of stroked) {
      ctx.strokeRect(
        (i % cols) * size + 0.5,
        Math.floor(i / cols) * size + 0.5,
        inner - 1,
        inner - 1,
      );
    }
  }
  return painted;
}

/** The VM's memory as a grid of cells on a <canvas> (thousands of cells at 60 fps), plus a legend. */
export function MemoryGrid({
  cells,
  columns,
  label,
  cellSize = 10,
  animate,
  counts: given,
}: MemoryGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const colorsRef = useRef<GridColors | null>(null);
  /**
   * What the canvas shows: the geometry it was painted at, the cells, and which are outlined
   * (kept up to date by each paint; a new geometry paints the whole grid again).
   */
  const shownRef = useRef<{ geometry: string; cells: Uint8Array; outlined: Uint8Array } | null>(
    null,
  );
  const cols = Math.max(1, Math.floor(columns));
  const rows = Math.max(1, Math.ceil(cells.length / cols));
  const cssW = cols * cellSize;
  const cssH = rows * cellSize;
  const counted = useMemo(() => (given ? null : countCells(cells)), [cells, given]);
  const counts = given ?? (counted as CellCounts);

  // Redraw only when the array (or the geometry) changes, not on every parent render.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = canvas.getContext('2d');
    } catch {
      ctx = null;
    }
    if (!ctx) return;
    colorsRef.current ??= readGridColors(canvas);
    const geometry = `${cols} ${cellSize} ${cssW} ${cssH} ${animate}`;
    const shown = shownRef.current;
    if (shown?.geometry === geometry && shown.cells.length === cells.length) {
      // A playing run changes a few cells a frame: paint those (and the outlines that go).
      paintChanges(
        ctx,
        cells,
        shown.cells,
        shown.outlined,
        cols,
        cellSize,
        colorsRef.current,
        animate,
      );
      return;
    }
    const dpr =
      typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
    const w = Math.round(cssW * dpr);
    const h = Math.round(cssH * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const previous =
      animate && shown && shown.cells.length === cells.length ? shown.cells : undefined;
    paintGrid(ctx, cells, cols, cellSize, colorsRef.current, previous);
    shownRef.current = {
      geometry,
      cells: cells.slice(),
      outlined: outlinesOf(cells, cellSize, previous),
    };
  }, [cells, cols, cellSize, cssW, cssH, animate]);

  return (
    <div className="scn-memory" data-animate={animate}>
      <canvas
        ref={canvasRef}
        className="scn-memory-canvas"
        role="img"
        aria-label={label}
        width={cssW}
        height={cssH}
        style={{ width: cssW }}
        data-cells={cells.length}
      />
      <ul className="scn-legend">
        <li>
          <span className="scn-swatch scn-swatch--pending" aria-hidden="true" />
          Not yet copied: <span className="scn-legend-count">{counts.pending}</span>
        </li>
        <li>
          <span className="scn-swatch scn-swatch--copied" aria-hidden="true" />
          Copied: <span className="scn-legend-count">{counts.copied}</span>
        </li>
        <li>
          <span className="scn-swatch scn-swatch--dirty" aria-hidden="true" />
          Dirtied since copied: <span className="scn-legend-count">{counts.dirty}</span>
        </li>
      </ul>
    </div>
  );
}
