import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { INVENTORY_PAGE_SIZE, InventoryTable } from './InventoryTable';

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

// Vitest runs from the project root.
const CONTROLS_CSS = readFileSync(
  resolve(process.cwd(), 'src/views/controls/controls.css'),
  'utf8',
);

describe('InventoryTable in a narrow column (controls.css)', () => {
  /** The declarations of every rule whose selector list names `selector`. */
  function declarationsFor(selector: string): string {
    const css = CONTROLS_CSS.replace(/\/\*[\s\S]*?\*\//g, '');
    const rules = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)];
    return rules
      .filter(([, sel]) =>
        (sel ?? '')
          .split(',')
          .map((s) => s.trim())
          .includes(selector),
      )
      .map(([, , body]) => body)
      .join('\n');
  }

  it('never breaks a header inside a word: no break-anywhere rule, headers on one line', () => {
    const th = `${declarationsFor('.ctl-table th')}\n${declarationsFor('.ctl-table thead th')}`;
    expect(th).not.toMatch(/word-break:\s*break-all/);
    expect(th).not.toMatch(/overflow-wrap:\s*anywhere/);
    expect(th).not.toMatch(/word-break:\s*break-word/);
    expect(declarationsFor('.ctl-table thead th')).toMatch(/white-space:\s*nowrap/);
    expect(CONTROLS_CSS).not.toMatch(/break-all|overflow-wrap:\s*anywhere/);
  });

  it('scrolls sideways inside its box instead', () => {
    expect(declarationsFor('.ctl-inventory')).toMatch(/overflow-x:\s*auto/);
    render(<InventoryTable rows={ROWS} />);
    const table = screen.getByRole('table', { name: 'Inventory' });
    const box = screen.getByRole('region', { name: 'Inventory table' });
    expect(box).toHaveClass('ctl-inventory');
    expect(box).toContainElement(table);
    // Focusable, so a keyboard user can scroll it.
    expect(box).toHaveAttribute('tabindex', '0');
  });
});

describe('InventoryTable with more VMs than a page', () => {
  const many = Array.from({ length: 120 }, (_, i) => ({
    vm: `VM-${i + 1}`,
    state: 'Running',
    host: `HV-${(i % 4) + 1}`,
    storage: 'CSV1',
  }));
  const bodyRows = () =>
    within(
      screen.getByRole('table', { name: 'Inventory' }).querySelector('tbody') as HTMLElement,
    ).getAllByRole('row');

  it('lists every VM a page at a time, with "Previous page" and "Next page"', () => {
    render(<InventoryTable rows={many} />);
    expect(bodyRows()).toHaveLength(INVENTORY_PAGE_SIZE);
    expect(bodyRows()[0]).toHaveTextContent('VM-1');
    const prev = screen.getByRole('button', { name: 'Previous page' });
    const next = screen.getByRole('button', { name: 'Next page' });
    expect(prev).toBeDisabled();
    expect(screen.getByText(/VMs 1–50 of 120/)).toBeInTheDocument();
    const seen = new Set<string>();
    for (let page = 0; page < Math.ceil(many.length / INVENTORY_PAGE_SIZE); page += 1) {
      for (const r of bodyRows()) seen.add(r.querySelector('th')?.textContent ?? '');
      if (!next.hasAttribute('disabled')) fireEvent.click(next);
    }
    expect(seen.size).toBe(many.length);
    expect(next).toBeDisabled();
    expect(bodyRows()).toHaveLength(many.length - 2 * INVENTORY_PAGE_SIZE);
    expect(screen.getByText(/VMs 101–120 of 120 \(page 3 of 3\)/)).toBeInTheDocument();
    fireEvent.click(prev);
    expect(bodyRows()[0]).toHaveTextContent('VM-51');
  });

  it('stays on the last page there is when the rows shrink, and has no pager for one page', () => {
    const { rerender } = render(<InventoryTable rows={many} pageSize={10} />);
    const next = screen.getByRole('button', { name: 'Next page' });
    for (let i = 0; i < 11; i += 1) fireEvent.click(next);
    expect(bodyRows()[0]).toHaveTextContent('VM-111');
    rerender(<InventoryTable rows={many.slice(0, 25)} pageSize={10} />);
    expect(bodyRows()[0]).toHaveTextContent('VM-21');
    rerender(<InventoryTable rows={many.slice(0, 10)} pageSize={10} />);
    expect(bodyRows()).toHaveLength(10);
    expect(screen.queryByRole('button', { name: 'Next page' })).toBeNull();
  });
});
