import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { InventoryTable } from './InventoryTable';

const ROWS = [
  { vm: 'VM1', state: 'Running', host: 'HOST-A', storage: 'CSV1' },
  { vm: 'VM2', state: 'Migrating', host: 'HOST-A → HOST-B', storage: 'CSV1' },
];

describe('InventoryTable', () => {
  it('is a table named "Inventory" with a caption and the four column headers', () => {
    render(<InventoryTable rows={ROWS} />);
    const table = screen.getByRole('table', { name: 'Inventory' });
    expect(table.querySelector('caption')).toHaveTextContent('Inventory');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((th) => th.textContent)).toEqual(['VM', 'State', 'Host', 'Storage']);
    for (const th of headers) expect(th).toHaveAttribute('scope', 'col');
  });

  it('has one row per VM, in order', () => {
    const { rerender } = render(<InventoryTable rows={ROWS} />);
    const table = screen.getByRole('table', { name: 'Inventory' });
    const body = table.querySelector('tbody') as HTMLElement;
    let rows = within(body).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(within(rows[1] as HTMLElement).getByRole('rowheader')).toHaveTextContent('VM2');
    expect(
      within(rows[1] as HTMLElement)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['Migrating', 'HOST-A → HOST-B', 'CSV1']);

    rerender(
      <InventoryTable
        rows={[...ROWS, { vm: 'VM3', state: 'Off', host: 'HOST-B', storage: 'Local' }]}
      />,
    );
    rows = within(body).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveTextContent('VM3');
  });
});
