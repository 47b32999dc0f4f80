import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import '../../src/styles.css';
import { Notice } from '../../src/views/controls';

const meta = {
  title: 'Controls/Notice',
  component: Notice,
  args: { tone: 'info', title: 'Tip: press Space to play or pause.' },
} satisfies Meta<typeof Notice>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Info: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('note')).toHaveTextContent('Tip: press Space');
    await expect(canvas.queryByRole('button', { name: 'Dismiss' })).toBeNull();
  },
};

export const Warning: Story = {
  args: {
    tone: 'warn',
    title: 'This run cannot converge',
    items: ['The guest dirties 1200 MiB/s; the link sends 119 MiB/s.'],
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'This run cannot converge',
    );
  },
};

export const RefusedParameters: Story = {
  args: {
    tone: 'error',
    title: 'Some link parameters were refused; their defaults are used instead.',
    items: [
      'VM memory must be between 512 and 1048576 MiB (got "lots")',
      'Link speed must be between 0.1 and 100 Gbit/s (got 400)',
    ],
    onDismiss: fn(),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const alert = canvas.getByRole('alert');
    await expect(within(alert).getAllByRole('listitem')).toHaveLength(2);
    await userEvent.click(canvas.getByRole('button', { name: 'Dismiss' }));
    await expect(args.onDismiss).toHaveBeenCalledTimes(1);
  },
};
