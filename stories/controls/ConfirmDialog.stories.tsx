import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import '../../src/styles.css';
import { ConfirmDialog } from '../../src/views/controls';

const choose = fn();

const meta = {
  title: 'Controls/ConfirmDialog',
  component: ConfirmDialog,
  args: {
    title: 'Apply the snapshot',
    text: 'Applying a snapshot discards the VM’s current state. Take a snapshot of the current state first?',
    choices: [
      { label: 'Take snapshot and apply', onChoose: choose },
      { label: 'Apply without saving', onChoose: fn() },
    ],
    onClose: fn(),
  },
} satisfies Meta<typeof ConfirmDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

export const ApplySnapshot: Story = {
  play: async ({ canvasElement, args }) => {
    const body = within(canvasElement.ownerDocument.body);
    const dialog = body.getByRole('dialog', { name: 'Apply the snapshot' });
    await expect(dialog).toHaveAccessibleDescription(/current state first/);
    for (const name of ['Take snapshot and apply', 'Apply without saving', 'Cancel'])
      await expect(within(dialog).getByRole('button', { name })).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Take snapshot and apply' }));
    await expect(choose).toHaveBeenCalledTimes(1);
    await expect(args.onClose).toHaveBeenCalled();
  },
};
