import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
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

/** The side column at its narrowest, with long names: headers stay whole, the table scrolls. */
export const NarrowSideColumn: Story = {
  args: {
    rows: [
      {
        vm: 'SQL-PRODUCTION-01',
        state: 'Migrating (round 3)',
        host: 'HV-NODE-A → HV-NODE-B',
        storage: 'C:\\ClusterStorage\\Volume1\\SQL-PRODUCTION-01.vhdx',
      },
      { vm: 'VM2', state: 'Running', host: 'HV-NODE-A', storage: 'CSV1' },
    ],
  },
  decorators: [
    (Story) => (
      <div style={{ width: 240 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table', { name: 'Inventory' });
    const headers = within(table).getAllByRole('columnheader');
    for (const th of headers) {
      // One line box per header: the word is not broken across lines.
      const range = document.createRange();
      range.selectNodeContents(th);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      await expect(lines.size).toBe(1);
    }
    // The table is wider than the column and scrolls inside its box; the page does not.
    const box = table.parentElement as HTMLElement;
    await expect(getComputedStyle(box).overflowX).toBe('auto');
    await expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
    await expect(box.getBoundingClientRect().width).toBeLessThanOrEqual(240);
  },
};

/** A cluster's worth of VMs: the Inventory pages, 50 at a time, and still lists every VM. */
export const Paged: Story = {
  args: {
    rows: Array.from({ length: 130 }, (_, i) => ({
      vm: `VM-${i + 1}`,
      state: i % 7 === 0 ? 'Starting (cold boot), priority High' : 'Running, priority Medium',
      host: `HV-${(i % 4) + 1}`,
      storage: `\\\\SOFS\\VMs\\VM-${i + 1}`,
    })),
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    const table = c.getByRole('table', { name: 'Inventory' });
    const body = table.querySelector('tbody') as HTMLElement;
    await expect(within(body).getAllByRole('row')).toHaveLength(50);
    await expect(c.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await userEvent.click(c.getByRole('button', { name: 'Next page' }));
    await userEvent.click(c.getByRole('button', { name: 'Next page' }));
    await expect(within(body).getAllByRole('row')).toHaveLength(30);
    await expect(within(body).getAllByRole('row')[29]).toHaveTextContent('VM-130');
    await expect(c.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await expect(canvasElement).toHaveTextContent('VMs 101–130 of 130 (page 3 of 3)');
  },
};
