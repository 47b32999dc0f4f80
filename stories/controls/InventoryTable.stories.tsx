import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { InventoryTable } from '../../src/views/controls';

const meta = {
  title: 'Controls/InventoryTable',
  component: InventoryTable,
  args: { rows: [] },
} satisfies Meta<typeof InventoryTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const OneVm: Story = {
  args: { rows: [{ vm: 'VM1', state: 'Running', host: 'HOST-A', storage: 'SAN LUN 1' }] },
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table', { name: 'Inventory' });
    await expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['VM', 'State', 'Host', 'Storage']);
    await expect(within(table).getAllByRole('row')).toHaveLength(2);
  },
};

export const Migrating: Story = {
  args: {
    rows: [
      { vm: 'VM1', state: 'Migrating (round 3)', host: 'HOST-A → HOST-B', storage: 'CSV1' },
      { vm: 'VM2', state: 'Running', host: 'HOST-A', storage: 'CSV1' },
      { vm: 'VM3', state: 'Queued', host: 'HOST-B', storage: 'CSV2' },
      { vm: 'VM4', state: 'Off', host: 'HOST-C', storage: 'Local disk' },
    ],
  },
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table', { name: 'Inventory' });
    const row = within(table).getByRole('rowheader', { name: 'VM1' }).closest('tr');
    await expect(row).toHaveTextContent('HOST-A → HOST-B');
    await expect(within(table).getAllByRole('row')).toHaveLength(5);
  },
};
