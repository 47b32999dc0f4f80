import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { MemoryGrid } from '../../src/views/scene';
import {
  GRID_COLUMNS,
  gridBefore,
  gridDone,
  gridLabel,
  gridMidRound1,
  gridMidRound3,
} from './fixtures';

const before = gridBefore();

const meta = {
  title: 'Scene/MemoryGrid',
  component: MemoryGrid,
  args: {
    cells: before,
    columns: GRID_COLUMNS,
    label: gridLabel(before, 'before the copy'),
    animate: true,
  },
} satisfies Meta<typeof MemoryGrid>;

export default meta;
type Story = StoryObj<typeof meta>;

const legendCount = (el: HTMLElement, text: RegExp) =>
  within(el).getByText(text).querySelector('.scn-legend-count')?.textContent;

export const BeforeCopy: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement).getByRole('img', { name: /before the copy/ });
    await expect(canvas.tagName).toBe('CANVAS');
    await expect(legendCount(canvasElement, /Not yet copied/)).toBe('1024');
    await expect(legendCount(canvasElement, /^Copied/)).toBe('0');
  },
};

const round1 = gridMidRound1();

/**
 * A playing panel gives the legend its counts at the text rate: between two text updates they
 * are those of a moment ago while the cells are drawn as they are now.
 */
export const LegendAtTextRate: Story = {
  args: {
    cells: round1,
    label: gridLabel(before, 'before the copy'),
    counts: { pending: 1000, copied: 24, dirty: 0 },
  },
  play: async ({ canvasElement }) => {
    await expect(legendCount(canvasElement, /Not yet copied/)).toBe('1000');
    await expect(legendCount(canvasElement, /^Copied/)).toBe('24');
    await expect(
      within(canvasElement).getByRole('img', { name: /before the copy/ }),
    ).toHaveAttribute('data-cells', String(round1.length));
  },
};

export const MidRound1: Story = {
  args: { cells: round1, label: gridLabel(round1, 'during round 1') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement).getByRole('img', { name: /during round 1/ });
    // 32 columns of 10 px cells; the backing store is scaled by the device pixel ratio.
    await expect(canvas).toHaveAttribute('width', String(Math.round(320 * devicePixelRatio)));
    await expect(legendCount(canvasElement, /Not yet copied/)).toBe('615');
    await expect(Number(legendCount(canvasElement, /Dirtied/))).toBeGreaterThan(0);
  },
};

const round3 = gridMidRound3();
export const MidRound3: Story = {
  args: { cells: round3, label: gridLabel(round3, 'during round 3') },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('img', { name: /2% dirtied since copied/ }),
    ).toBeVisible();
    await expect(legendCount(canvasElement, /Dirtied/)).toBe('24');
    await expect(legendCount(canvasElement, /Not yet copied/)).toBe('0');
  },
};

const done = gridDone();
export const Done: Story = {
  args: { cells: done, label: gridLabel(done, 'after the copy'), animate: false },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('img', { name: /100% copied and unchanged/ }),
    ).toBeVisible();
    await expect(legendCount(canvasElement, /^Copied/)).toBe('1024');
  },
};
