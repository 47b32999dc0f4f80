import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import '../../src/styles.css';
import { ParameterControls, type ParameterControlsProps } from '../../src/views/controls';

const SPECS = [
  {
    name: 'memoryMiB',
    label: 'VM memory',
    unit: 'MiB',
    min: 512,
    max: 1048576,
    step: 512,
    description: 'memory of the VM being moved',
  },
  {
    name: 'dirtyMiBps',
    label: 'Dirty rate',
    unit: 'MiB/s',
    min: 0,
    max: 20000,
    step: 1,
    description: 'rate at which the guest dirties distinct memory',
  },
  {
    name: 'linkGbps',
    label: 'Link speed',
    unit: 'Gbit/s',
    min: 0.1,
    max: 100,
    step: 0.1,
    description: 'speed of each live migration network adapter',
  },
  {
    name: 'downtimeMs',
    label: 'Downtime target',
    unit: 'ms',
    min: 10,
    max: 60000,
    step: 10,
    description: 'downtime target for the final stop-and-copy',
  },
];

const VALUES = { memoryMiB: 2048, dirtyMiBps: 20, linkGbps: 1, downtimeMs: 300 };

/** Keeps the values like the app does, and reports every commit to the actions panel. */
function Stateful(props: ParameterControlsProps) {
  const [values, setValues] = useState(props.values);
  return (
    <ParameterControls
      {...props}
      values={values}
      onChange={(name, value) => {
        props.onChange(name, value);
        setValues((v) => ({ ...v, [name]: value }));
      }}
    />
  );
}

const meta = {
  title: 'Controls/ParameterControls',
  component: ParameterControls,
  args: { specs: SPECS, values: VALUES, onChange: fn() },
  render: (args) => <Stateful {...args} />,
} satisfies Meta<typeof ParameterControls>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('group', { name: 'Parameters' })).toBeVisible();
    const memory = canvas.getByLabelText('VM memory (MiB)');
    await expect(memory).toHaveValue(2048);
    await userEvent.clear(memory);
    await userEvent.type(memory, '4096{Enter}');
    await expect(args.onChange).toHaveBeenCalledWith('memoryMiB', 4096);
  },
};

export const InvalidValue: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const memory = canvas.getByLabelText('VM memory (MiB)');
    await userEvent.clear(memory);
    await userEvent.type(memory, '100');
    await userEvent.tab();
    await expect(memory).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByText('VM memory must be between 512 and 1048576 MiB')).toBeVisible();
    await expect(memory).toHaveAccessibleDescription(
      /VM memory must be between 512 and 1048576 MiB/,
    );
    await expect(args.onChange).not.toHaveBeenCalled();
  },
};

export const ErrorFromLink: Story = {
  args: {
    errors: { linkGbps: 'Link speed must be between 0.1 and 100 Gbit/s (the link said "fast")' },
  },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByLabelText('Link speed (Gbit/s)');
    await expect(link).toHaveAttribute('aria-invalid', 'true');
    await expect(link).toHaveAccessibleDescription(/must be between 0\.1 and 100 Gbit\/s/);
  },
};

export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByLabelText('Dirty rate (MiB/s)')).toBeDisabled();
  },
};
