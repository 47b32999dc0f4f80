import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CELL_COPIED, CELL_DIRTY, CELL_PENDING } from '../../model/pageGrid';
import { countCells, FALLBACK_COLORS, MemoryGrid, paintGrid } from './MemoryGrid';

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
