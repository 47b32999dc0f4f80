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

/** Where the cells sit: columns, the pitch, the square each is drawn in (a 1 px gap when there is room). */
function gridLayout(columns: number, size: number) {
  const cols = Math.max(1, Math.floor(columns));
  const inner = size - (size >= 4 ? 1 : 0);
  return {
    cols,
    inner,
    /** Big enough to outline a changed cell inside its square. */
    outlines: inner >= 4,
    x: (i: number) => (i % cols) * size,
    y: (i: number) => Math.floor(i / cols) * size,
  };
}

type GridLayout = ReturnType<typeof gridLayout>;

/** Fill `indices` in their states' colours (one fillStyle per state), then outline `stroked`. */
function drawCells(
  ctx: Ctx,
  cells: Uint8Array,
  indices: Iterable<number>,
  stroked: readonly number[],
  g: GridLayout,
  colors: GridColors,
): void {
  // Any state above dirty is drawn as dirty.
  const byState = new Map<number, { color: string; cells: number[] }>([
    [CELL_PENDING, { color: colors.pending, cells: [] }],
    [CELL_COPIED, { color: colors.copied, cells: [] }],
    [CELL_DIRTY, { color: colors.dirty, cells: [] }],
  ]);
  for (const i of indices) byState.get(Math.min(cells[i] as number, CELL_DIRTY))?.cells.push(i);
  for (const { color, cells: list } of byState.values()) {
    if (list.length === 0) continue;
    ctx.fillStyle = color;
    for (const i of list) ctx.fillRect(g.x(i), g.y(i), g.inner, g.inner);
  }
  if (stroked.length === 0) return;
  ctx.strokeStyle = colors.changed;
  ctx.lineWidth = 1;
  for (const i of stroked) ctx.strokeRect(g.x(i) + 0.5, g.y(i) + 0.5, g.inner - 1, g.inner - 1);
}

/** Which cells a paint outlines: those that differ from `previous` (none without it, or when too small). */
export function outlinesOf(
  cells: Uint8Array,
  size: number,
  previous: Uint8Array | undefined,
): Uint8Array {
  const marks = new Uint8Array(cells.length);
  if (!previous || previous.length !== cells.length || !gridLayout(1, size).outlines) return marks;
  for (let i = 0; i < cells.length; i += 1) marks[i] = cells[i] !== previous[i] ? 1 : 0;
  return marks;
}

/**
 * Paint the whole grid: one fillRect per cell, batched by colour (three fillStyle changes).
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
  const g = gridLayout(columns, size);
  ctx.clearRect(0, 0, g.cols * size, Math.ceil(cells.length / g.cols) * size);
  const marks = outlinesOf(cells, size, previous);
  const stroked: number[] = [];
  for (let i = 0; i < marks.length; i += 1) if (marks[i]) stroked.push(i);
  drawCells(ctx, cells, cells.keys(), stroked, g, colors);
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
  const g = gridLayout(columns, size);
  const canOutline = outline && g.outlines;
  const changed: number[] = [];
  const stroked: number[] = [];
  for (let i = 0; i < cells.length; i += 1) {
    const c = cells[i] as number;
    const mark = canOutline && c !== shown[i] ? 1 : 0;
    if (c === shown[i] && mark === outlined[i]) continue;
    ctx.clearRect(g.x(i), g.y(i), g.inner, g.inner);
    changed.push(i);
    if (mark) stroked.push(i);
    shown[i] = c;
    outlined[i] = mark;
  }
  drawCells(ctx, cells, changed, stroked, g, colors);
  return changed.length;
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
