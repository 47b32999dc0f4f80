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
}

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

function sameCells(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** The VM's memory as a grid of cells on a <canvas> (thousands of cells at 60 fps), plus a legend. */
export function MemoryGrid({ cells, columns, label, cellSize = 10, animate }: MemoryGridProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const colorsRef = useRef<GridColors | null>(null);
  const previousRef = useRef<Uint8Array | null>(null);
  /** The last paint's geometry, and whether it outlined changed cells (`previousRef` its cells). */
  const paintedRef = useRef<{ geometry: string; outlined: boolean } | null>(null);
  const cols = Math.max(1, Math.floor(columns));
  const rows = Math.max(1, Math.ceil(cells.length / cols));
  const cssW = cols * cellSize;
  const cssH = rows * cellSize;
  const counts = useMemo(() => countCells(cells), [cells]);

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
    // The same cells as the last paint, which outlined no change (a playing run builds the array
    // anew every frame, mostly unchanged): the canvas already shows them.
    const geometry = `${cols} ${cellSize} ${cssW} ${cssH} ${animate}`;
    const last = paintedRef.current;
    const shown = previousRef.current;
    if (last?.geometry === geometry && !last.outlined && shown && sameCells(shown, cells)) return;
    colorsRef.current ??= readGridColors(canvas);
    const dpr =
      typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
    const w = Math.round(cssW * dpr);
    const h = Math.round(cssH * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const previous = animate ? (previousRef.current ?? undefined) : undefined;
    paintGrid(ctx, cells, cols, cellSize, colorsRef.current, previous);
    previousRef.current = cells.slice();
    paintedRef.current = {
      geometry,
      outlined: previous !== undefined && !sameCells(previous, cells),
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
