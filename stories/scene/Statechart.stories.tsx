import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import '../../src/styles.css';
import { Statechart } from '../../src/views/scene/Statechart';
import { CHART_EDGES, CHART_NODES } from './fixtures';

const meta = {
  title: 'Scene/Statechart',
  component: Statechart,
  args: {
    title: 'Live migration statechart',
    nodes: CHART_NODES,
    edges: CHART_EDGES,
    activeId: 'idle',
    visitedIds: ['idle'],
    animate: true,
  },
} satisfies Meta<typeof Statechart>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const chart = within(canvasElement).getByRole('img');
    await expect(chart).toHaveAccessibleName('Statechart, current state: Idle');
    await expect(canvasElement.querySelector('[data-id="idle"]')).toHaveAttribute('data-active');
    await expect(within(canvasElement).getByText('Live migration statechart')).toBeVisible();
  },
};

const COPY_PATH = [
  'idle',
  'migrating.connecting',
  'migrating.copyingMemory',
  'migrating.copyingDirtyPages',
];

export const MidCopySelfLoop: Story = {
  args: { activeId: 'migrating.copyingDirtyPages', visitedIds: COPY_PATH },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img')).toHaveAccessibleName(
      'Statechart, current state: Copy the changed pages again',
    );
    const loop = canvasElement.querySelector('.scn-sc-edge[data-self]');
    await expect(loop).toHaveAttribute('data-taken', 'true');
    await expect(loop).toHaveAttribute('data-from', 'migrating.copyingDirtyPages');
    await expect(canvasElement.querySelectorAll('.scn-sc-node[data-visited]')).toHaveLength(4);
  },
};

export const Failed: Story = {
  args: { activeId: 'failed', visitedIds: [...COPY_PATH, 'failed'] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img')).toHaveAccessibleName(
      'Statechart, current state: Failed',
    );
    await expect(canvasElement.querySelector('.scn-sc-glow')).toHaveAttribute(
      'data-kind',
      'failure',
    );
    // The fault arrow is drawn once from the "migrating" frame, and was taken.
    const edge = canvasElement.querySelector(
      '.scn-sc-edge[data-from="migrating"][data-to="failed"]',
    );
    await expect(edge).toHaveAttribute('data-taken', 'true');
    const fromIdle = canvasElement.querySelector(
      '.scn-sc-edge[data-from="idle"][data-to="failed"]',
    );
    await expect(fromIdle).not.toHaveAttribute('data-taken');
  },
};

/** A learner folds the chart away and back: a real button with aria-expanded. */
export const Folded: Story = {
  args: { activeId: 'migrating.copyingDirtyPages', visitedIds: COPY_PATH },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = canvas.getByRole('button', { name: 'Hide statechart' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(canvas.getByRole('img')).toBeVisible();
    await userEvent.click(toggle);
    await expect(toggle).toHaveAccessibleName('Show statechart');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(canvas.queryByRole('img')).toBeNull();
    await expect(canvas.getByText('Live migration statechart')).toBeVisible();
    await userEvent.click(toggle);
    await expect(canvas.getByRole('img')).toHaveAccessibleName(
      'Statechart, current state: Copy the changed pages again',
    );
  },
};

export const StartsFolded: Story = {
  args: { defaultShown: false },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Show statechart' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await expect(canvas.queryByRole('img')).toBeNull();
  },
};
