import { render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CELL_COPIED, CELL_DIRTY, CELL_PENDING } from '../../model/pageGrid';
import {
  countCells,
  FALLBACK_COLORS,
  MemoryGrid,
  outlinesOf,
  paintChanges,
  paintGrid,
} from './MemoryGrid';

function cellsOf(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

describe('MemoryGrid', () => {
  it('is a canvas image labelled for screen readers, with a legend of counts', () => {
    const cells = cellsOf(0, 0, 1, 1, 1, 2);
    render(<MemoryGrid cells={cells} columns={3} label="VM memory: half copied" animate />);
    const img = screen.getByRole('img', { name: 'VM memory: half copied' });
    expect(img.tagName).toBe('CANVAS');
    expect(img).toHaveAttribute('data-cells', '6');
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Not yet copied: 2',
      'Copied: 3',
      'Dirtied since copied: 1',
    ]);
  });

  it('shows the counts a panel gives (at the text rate) in the legend, and counts the cells when it gives none', () => {
    const cells = cellsOf(0, 0, 1, 1, 1, 2);
    const given = { pending: 4, copied: 1, dirty: 1 };
    const { rerender } = render(
      <MemoryGrid cells={cells} columns={3} label="earlier" counts={given} animate />,
    );
    const legend = () => screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(legend()).toEqual(['Not yet copied: 4', 'Copied: 1', 'Dirtied since copied: 1']);
    rerender(<MemoryGrid cells={cells} columns={3} label="now" animate />);
    expect(legend()).toEqual(['Not yet copied: 2', 'Copied: 3', 'Dirtied since copied: 1']);
  });

  it('does not crash when the canvas has no 2D context (happy-dom)', () => {
    const spy = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const { rerender } = render(
      <MemoryGrid cells={new Uint8Array(64)} columns={8} label="empty" animate={false} />,
    );
    rerender(<MemoryGrid cells={new Uint8Array(64).fill(1)} columns={8} label="done" animate />);
    expect(screen.getByRole('img', { name: 'done' })).toBeInTheDocument();
    expect(spy).toHaveBeenCalled();
  });

  it('sizes the canvas from columns x cellSize and the device pixel ratio', () => {
    const ctx = {
      clearRect: vi.fn(),
      fillRect: vi.fn(),
      strokeRect: vi.fn(),
      setTransform: vi.fn(),
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      ctx as unknown as CanvasRenderingContext2D,
    );
    vi.spyOn(window, 'devicePixelRatio', 'get').mockReturnValue(2);
    render(
      <MemoryGrid cells={new Uint8Array(40)} columns={10} cellSize={6} label="grid" animate />,
    );
    const canvas = screen.getByRole('img', { name: 'grid' }) as HTMLCanvasElement;
    expect(canvas.width).toBe(120);
    expect(canvas.height).toBe(48);
    expect(canvas.style.width).toBe('60px');
    expect(ctx.setTransform).toHaveBeenCalledWith(2, 0, 0, 2, 0, 0);
    expect(ctx.fillRect).toHaveBeenCalledTimes(40);
  });

  it('redraws only when the cells array changes', () => {
    const ctx = {
      clearRect: vi.fn(),
      fillRect: vi.fn(),
      strokeRect: vi.fn(),
      setTransform: vi.fn(),
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      ctx as unknown as CanvasRenderingContext2D,
    );
    const cells = new Uint8Array(16);
    const { rerender } = render(<MemoryGrid cells={cells} columns={4} label="a" animate />);
    expect(ctx.clearRect).toHaveBeenCalledTimes(1);
    rerender(<MemoryGrid cells={cells} columns={4} label="b" animate />);
    expect(ctx.clearRect).toHaveBeenCalledTimes(1);
    const next = cells.slice();
    next[3] = CELL_DIRTY;
    rerender(<MemoryGrid cells={next} columns={4} label="c" animate />);
    expect(ctx.clearRect).toHaveBeenCalledTimes(2);
    // With animation on, the one changed cell is outlined.
    expect(ctx.strokeRect).toHaveBeenCalledTimes(1);
    // A new array with the same cells (a playing run builds one every frame): painted once more,
    // which takes the outline away, then no more while nothing changes.
    rerender(<MemoryGrid cells={next.slice()} columns={4} label="d" animate />);
    expect(ctx.clearRect).toHaveBeenCalledTimes(3);
    expect(ctx.strokeRect).toHaveBeenCalledTimes(1);
    rerender(<MemoryGrid cells={next.slice()} columns={4} label="e" animate />);
    rerender(<MemoryGrid cells={next.slice()} columns={4} label="f" animate />);
    expect(ctx.clearRect).toHaveBeenCalledTimes(3);
    // A different geometry paints again.
    rerender(<MemoryGrid cells={next.slice()} columns={8} label="g" animate />);
    expect(ctx.clearRect).toHaveBeenCalledTimes(4);
  });
});

describe('paintGrid', () => {
  it('fills each cell at its grid position in its state colour', () => {
    const calls: [string, number, number][] = [];
    const ctx = {
      fillStyle: '',
      strokeStyle: '',
      lineWidth: 1,
      clearRect: () => {},
      setTransform: () => {},
      strokeRect: () => {},
      fillRect(x: number, y: number) {
        calls.push([String(this.fillStyle), x, y]);
      },
    };
    paintGrid(
      ctx,
      cellsOf(CELL_PENDING, CELL_COPIED, CELL_DIRTY, CELL_COPIED),
      2,
      10,
      FALLBACK_COLORS,
    );
    expect(calls).toContainEqual([FALLBACK_COLORS.pending, 0, 0]);
    expect(calls).toContainEqual([FALLBACK_COLORS.copied, 10, 0]);
    expect(calls).toContainEqual([FALLBACK_COLORS.dirty, 0, 10]);
    expect(calls).toContainEqual([FALLBACK_COLORS.copied, 10, 10]);
  });

  it('counts states', () => {
    expect(countCells(cellsOf(0, 1, 1, 2, 2, 2))).toEqual({ pending: 1, copied: 2, dirty: 3 });
  });
});

/** A fake canvas that keeps, per cell, the colour it was filled with and whether it is outlined. */
function cellCanvas(columns: number, size: number, n: number) {
  const fill: string[] = Array.from({ length: n }, () => '');
  const stroke: boolean[] = Array.from({ length: n }, () => false);
  const at = (x: number, y: number) => Math.floor(y / size) * columns + Math.floor(x / size);
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    calls: 0,
    setTransform() {},
    clearRect(x: number, y: number, w: number, h: number) {
      ctx.calls += 1;
      if (w === columns * size && h === Math.ceil(n / columns) * size) {
        fill.fill('');
        stroke.fill(false);
      } else {
        fill[at(x, y)] = '';
        stroke[at(x, y)] = false;
      }
    },
    fillRect(x: number, y: number) {
      ctx.calls += 1;
      fill[at(x, y)] = String(ctx.fillStyle);
    },
    strokeRect(x: number, y: number) {
      ctx.calls += 1;
      stroke[at(x, y)] = true;
    },
  };
  return { ctx, picture: () => fill.map((f, i) => `${f}${stroke[i] ? ' outlined' : ''}`) };
}

describe('paintChanges', () => {
  it('leaves the canvas as a whole repaint would, frame after frame, painting only what changed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(3, 6, 10),
        fc.boolean(),
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.array(fc.uint8Array({ minLength: n, maxLength: n, max: 2 }), {
            minLength: 2,
            maxLength: 6,
          }),
        ),
        (columns, size, animate, frames) => {
          const [first, ...rest] = frames as [Uint8Array, ...Uint8Array[]];
          const n = first.length;
          const live = cellCanvas(columns, size, n);
          paintGrid(live.ctx, first, columns, size, FALLBACK_COLORS);
          const shown = first.slice();
          const outlined = outlinesOf(first, size, undefined);
          let before = first;
          for (const cells of rest) {
            const whole = cellCanvas(columns, size, n);
            paintGrid(
              whole.ctx,
              cells,
              columns,
              size,
              FALLBACK_COLORS,
              animate ? before : undefined,
            );
            live.ctx.calls = 0;
            const painted = paintChanges(
              live.ctx,
              cells,
              shown,
              outlined,
              columns,
              size,
              FALLBACK_COLORS,
              animate,
            );
            expect(live.picture()).toEqual(whole.picture());
            expect(shown).toEqual(cells);
            // Only the cells whose picture changed were touched (none when nothing changed).
            expect(painted).toBeLessThanOrEqual(n);
            if (painted === 0) expect(live.ctx.calls).toBe(0);
            before = cells;
          }
        },
      ),
    );
  });

  it('paints nothing when the cells and their outlines are as shown', () => {
    const cells = cellsOf(0, 1, 2, 1);
    const { ctx } = cellCanvas(2, 10, 4);
    const painted = paintChanges(
      ctx,
      cells,
      cells.slice(),
      new Uint8Array(4),
      2,
      10,
      FALLBACK_COLORS,
      true,
    );
    expect(painted).toBe(0);
    expect(ctx.calls).toBe(0);
  });
});
