import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { RoundsChart } from '../../src/views/scene';
import { CONVERGING_ROUNDS, STUCK_ROUNDS } from './fixtures';

const meta = {
  title: 'Scene/RoundsChart',
  component: RoundsChart,
  args: {
    rounds: CONVERGING_ROUNDS,
    currentIndex: 1,
    progress: 0.6,
    animate: true,
    downtimeTargetS: 0.3,
  },
} satisfies Meta<typeof RoundsChart>;

export default meta;
type Story = StoryObj<typeof meta>;

export const InProgress: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Memory sent per round (log scale)')).toBeVisible();
    const table = canvas.getByRole('table');
    const rows = within(table).getAllByRole('row');
    await expect(rows).toHaveLength(5);
    await expect(rows[1]).toHaveTextContent('2.1 GB');
    await expect(rows[2]).toHaveTextContent('In progress, 60%');
    await expect(rows[3]).toHaveTextContent('Not yet');
    const bars = canvasElement.querySelectorAll('.scn-bar');
    await expect(bars[1]).toHaveAttribute('data-state', 'current');
  },
};

export const Converged: Story = {
  args: { currentIndex: CONVERGING_ROUNDS.length, progress: 0 },
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table');
    const rows = within(table).getAllByRole('row');
    await expect(rows[4]).toHaveTextContent('Final copy (VM paused)');
    await expect(rows[4]).toHaveTextContent('9.4 MB');
    await expect(rows[4]).toHaveTextContent('84 ms');
    await expect(canvasElement.querySelector('.scn-bar-pause')).toHaveTextContent('pause');
    // 2 GiB down to 9 MiB spans more than a factor of 20: log scale keeps the last bar visible.
    await expect(canvasElement.querySelector('svg')).toHaveAttribute('data-scale', 'log');
    for (const bar of canvasElement.querySelectorAll('.scn-bar')) {
      await expect(bar).toHaveAttribute('data-state', 'done');
    }
  },
};

export const DidNotConverge: Story = {
  args: { rounds: STUCK_ROUNDS, currentIndex: STUCK_ROUNDS.length, progress: 0 },
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table');
    const rows = within(table).getAllByRole('row');
    await expect(rows).toHaveLength(STUCK_ROUNDS.length + 1);
    await expect(rows[6]).toHaveTextContent('952 MB');
    await expect(rows[6]).toHaveTextContent('8.5 s');
    // The rounds stay far above the data that fits in the pause target (the dashed line).
    await expect(canvasElement.querySelector('svg')).toHaveAttribute('data-scale', 'log');
    const targetY = Number(canvasElement.querySelector('.scn-target-line')?.getAttribute('y1'));
    for (const bar of canvasElement.querySelectorAll('.scn-bar-outline')) {
      await expect(Number(bar.getAttribute('y'))).toBeLessThan(targetY - 60);
    }
    await expect(canvasElement.querySelector('.scn-target-text')).toHaveTextContent(
      'fits in the 300 ms pause target',
    );
  },
};
