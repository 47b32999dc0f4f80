import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { StepsList } from '../../src/views/controls';

const STEPS = [
  { key: 'connect', number: 1, title: 'Connect to the destination host' },
  { key: 'copyAll', number: 2, title: 'Copy all memory' },
  { key: 'copyDirty', number: 3, title: 'Copy dirtied pages' },
  { key: 'pauseAndCopy', number: 4, title: 'Pause and copy the rest' },
  { key: 'handoff', number: 5, title: 'Hand over storage' },
  { key: 'resume', number: 6, title: 'Resume on the destination' },
  { key: 'notifySwitch', number: 7, title: 'Update the network switch' },
];

const meta = {
  title: 'Controls/StepsList',
  component: StepsList,
  args: { steps: STEPS, currentKey: null, completedKeys: [] },
} satisfies Meta<typeof StepsList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NotStarted: Story = {
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Steps' });
    const items = within(region).getAllByRole('listitem');
    await expect(items).toHaveLength(7);
    await expect(items.some((li) => li.hasAttribute('aria-current'))).toBe(false);
  },
};

export const AtStepOne: Story = {
  args: { currentKey: 'connect' },
  play: async ({ canvasElement }) => {
    const items = within(canvasElement).getAllByRole('listitem');
    await expect(items[0]).toHaveAttribute('aria-current', 'step');
    await expect(items[1]).not.toHaveAttribute('aria-current');
  },
};

export const MidRunWithDetail: Story = {
  args: {
    currentKey: 'copyDirty',
    completedKeys: ['connect', 'copyAll'],
    detail: 'Round 3 of 4',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const current = canvas.getByText('Round 3 of 4').closest('li');
    await expect(current).toHaveAttribute('aria-current', 'step');
    await expect(current).toHaveTextContent('Copy dirtied pages');
    await expect(canvas.getAllByText('(done)')).toHaveLength(2);
  },
};

export const SharedPosterNumbers: Story = {
  args: {
    steps: [
      { key: 'round1', number: 3, title: 'Copy dirtied pages, round 1' },
      { key: 'round2', number: 3, title: 'Copy dirtied pages, round 2' },
      { key: 'round3', number: 3, title: 'Copy dirtied pages, round 3' },
    ],
    currentKey: 'round2',
    completedKeys: ['round1'],
  },
  play: async ({ canvasElement }) => {
    const items = within(canvasElement).getAllByRole('listitem');
    for (const item of items) await expect(item).toHaveTextContent(/^3\./);
  },
};

export const Done: Story = {
  args: { currentKey: null, completedKeys: STEPS.map((s) => s.key) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByText('(done)')).toHaveLength(7);
    await expect(
      canvas.getAllByRole('listitem').filter((li) => li.hasAttribute('aria-current')),
    ).toHaveLength(0);
  },
};
