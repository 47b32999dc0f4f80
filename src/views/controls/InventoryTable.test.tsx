import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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
