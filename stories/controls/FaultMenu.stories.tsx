import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import '../../src/styles.css';
import { FaultMenu } from '../../src/views/controls';

const MOVE_FAULTS = [
  { type: 'CUT_NETWORK', label: 'Cut migration network', hint: 'Unplug the live migration link' },
  { type: 'FAIL_SOURCE_HOST', label: 'Fail source host' },
  { type: 'FAIL_DESTINATION_HOST', label: 'Fail destination host' },
  { type: 'FAIL_SOURCE_STORAGE', label: 'Fail source storage' },
  { type: 'FAIL_DESTINATION_STORAGE', label: 'Fail destination storage' },
  { type: 'CANCEL', label: 'Cancel' },
];

const meta = {
  title: 'Controls/FaultMenu',
  component: FaultMenu,
  args: { faults: MOVE_FAULTS, onInject: fn() },
  // Room for the open menu below the button.
  decorators: [
    (Story) => (
      <div style={{ minHeight: '22rem' }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof FaultMenu>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: 'Inject fault' });
    await expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(canvas.queryByRole('menu')).toBeNull();
  },
};

export const Open: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: 'Inject fault' });
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(canvas.getByRole('menu', { name: 'Inject fault' })).toBeVisible();
    await expect(canvas.getAllByRole('menuitem')).toHaveLength(6);
    await expect(canvas.getByRole('menuitem', { name: 'Cut migration network' })).toHaveFocus();
  },
};

export const KeyboardChoose: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: 'Inject fault' });
    button.focus();
    await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect(canvas.getByRole('menuitem', { name: 'Fail destination host' })).toHaveFocus();
    await userEvent.keyboard('{End}');
    await expect(canvas.getByRole('menuitem', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(canvas.queryByRole('menu')).toBeNull();
    await expect(button).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Enter}');
    await expect(args.onInject).toHaveBeenCalledWith('CUT_NETWORK');
    await expect(button).toHaveFocus();
  },
};

export const WithDisabledItems: Story = {
  args: {
    faults: [
      { type: 'CUT_NETWORK', label: 'Cut migration network' },
      {
        type: 'FAIL_SOURCE_STORAGE',
        label: 'Fail source storage',
        disabled: true,
        hint: 'Not available: storage is shared',
      },
      { type: 'CANCEL', label: 'Cancel' },
    ],
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Inject fault' }));
    const disabled = canvas.getByRole('menuitem', { name: 'Fail source storage' });
    await expect(disabled).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(disabled);
    await expect(args.onInject).not.toHaveBeenCalled();
    await expect(canvas.getByRole('menu')).toBeVisible();
  },
};

export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('button', { name: 'Inject fault' }),
    ).toBeDisabled();
  },
};
