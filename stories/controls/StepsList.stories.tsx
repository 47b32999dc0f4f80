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

/** The classic live migration's steps: the two copy rounds share poster step 3. */
const LIVE_MIGRATION = [
  { key: 'connecting', number: 1, title: 'Connect and create the VM shell' },
  { key: 'copyingMemory', number: 2, title: 'Copy the memory' },
  { key: 'copyingDirtyPages', number: 3, title: 'Copy the changed pages again' },
  { key: 'stopAndCopy', number: 3, title: 'Pause and send the last pages' },
  { key: 'storageHandoff', number: 4, title: 'Hand the storage to the destination' },
];

const outer = (el: HTMLElement) =>
  [...(el.querySelector('.ctl-steps-list')?.children ?? [])] as HTMLElement[];

export const SharedPosterNumbers: Story = {
  args: {
    steps: LIVE_MIGRATION,
    currentKey: 'stopAndCopy',
    completedKeys: ['connecting', 'copyingMemory', 'copyingDirtyPages'],
    detail: 'Round 4 of 4',
  },
  play: async ({ canvasElement }) => {
    const items = outer(canvasElement);
    // Four poster steps, the number 3 once.
    await expect(items).toHaveLength(4);
    await expect(items.map((li) => li.querySelector('.ctl-step-number')?.textContent)).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
    ]);
    const three = items[2] as HTMLElement;
    await expect(three).toHaveAttribute('data-state', 'current-group');
    const subSteps = within(within(three).getByRole('list')).getAllByRole('listitem');
    await expect(subSteps).toHaveLength(2);
    await expect(subSteps[0]).toHaveTextContent('(done)');
    const current = canvasElement.querySelectorAll('[aria-current="step"]');
    await expect(current).toHaveLength(1);
    await expect(current[0]).toBe(subSteps[1]);
    await expect(current[0]).toHaveTextContent('Pause and send the last pages');
    await expect(current[0]).toHaveTextContent('Round 4 of 4');
  },
};

/** Shared-nothing: step 4 is the whole live migration, titled by its group. */
export const NestedWithGroupTitle: Story = {
  args: {
    steps: [
      { key: 'mirroring', number: 3, title: 'Mirror writes while the changes are copied' },
      ...[
        'Live-migrate memory and state',
        'Copy the memory',
        'Copy the changed pages again',
        'Pause and send the last pages',
        'Switch to the destination VHD',
        'Run the VM on the destination',
      ].map((title, i) => ({ key: `lm${i}`, number: 4, title, group: 'Live migration' })),
      { key: 'deletingSource', number: 5, title: 'Delete the source files' },
    ],
    currentKey: 'lm2',
    completedKeys: ['mirroring', 'lm0', 'lm1'],
  },
  play: async ({ canvasElement }) => {
    const items = outer(canvasElement);
    await expect(items).toHaveLength(3);
    const four = items[1] as HTMLElement;
    await expect(four.querySelector('.ctl-step-title')).toHaveTextContent('Live migration');
    await expect(within(within(four).getByRole('list')).getAllByRole('listitem')).toHaveLength(6);
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Copy the changed pages again',
    );
    await expect(within(canvasElement).getAllByText('(done)')).toHaveLength(3);
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
