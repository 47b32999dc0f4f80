import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { Narration } from '../../src/views/controls';

const meta = {
  title: 'Controls/Narration',
  component: Narration,
  args: {
    title: 'Copy all memory',
    text: 'The source host sends every page of the VM’s memory to the destination while the VM keeps running.',
  },
} satisfies Meta<typeof Narration>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Normal: Story = {
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(status).toHaveTextContent('Copy all memory');
  },
};

export const Succeeded: Story = {
  args: {
    tone: 'ok',
    title: 'Migration complete',
    text: 'The VM runs on HOST-B. Downtime was 275 ms, below the 300 ms target.',
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Migration complete');
  },
};

export const Failed: Story = {
  args: {
    tone: 'failed',
    title: 'Migration failed',
    text: 'The migration network was cut. The VM keeps running on HOST-A; nothing was lost.',
  },
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveAttribute('data-tone', 'failed');
    await expect(status).toHaveTextContent('The migration network was cut.');
  },
};
