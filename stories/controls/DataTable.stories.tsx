import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { DataTable } from '../../src/views/controls';

const meta = {
  title: 'Controls/DataTable',
  component: DataTable,
  args: {
    label: 'Disk files',
    columns: ['File', 'Kind', 'Parent', 'State'],
    rows: [
      ['SQL01.vhd', 'VHD', '—', 'read-only'],
      ['SQL01_1.avhd', 'AVHD', 'SQL01.vhd', 'merge pending'],
    ],
  },
} satisfies Meta<typeof DataTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const DiskFiles: Story = {
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table', { name: 'Disk files' });
    await expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['File', 'Kind', 'Parent', 'State']);
    const row = within(table).getByRole('rowheader', { name: 'SQL01_1.avhd' }).closest('tr');
    await expect(row).toHaveTextContent('merge pending');
    // A narrow column scrolls inside a focusable box instead of breaking its words.
    await expect(
      within(canvasElement).getByRole('region', { name: 'Disk files table' }),
    ).toHaveAttribute('tabindex', '0');
  },
};
