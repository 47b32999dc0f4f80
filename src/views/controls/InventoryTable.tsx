import { useState } from 'react';
import { formatNumber } from '../../model/format';

export interface InventoryRow {
  vm: string;
  state: string;
  host: string;
  storage: string;
}

/** Rows shown at once; a longer inventory pages ("Previous page", "Next page"). */
export const INVENTORY_PAGE_SIZE = 50;

export interface InventoryTableProps {
  rows: readonly InventoryRow[];
  /** Rows per page (default `INVENTORY_PAGE_SIZE`). */
  pageSize?: number;
}

const count = (n: number) => formatNumber(n);

/**
 * The table named "Inventory": the text equivalent of the picture, one row per VM. In a narrow
 * column it scrolls sideways inside its box (controls.css) rather than breaking words; the box is
 * focusable so the keyboard can scroll it too. More rows than a page (a cluster of 8,000 VMs) are
 * paged: every VM is listed, a page at a time, with "Previous page" and "Next page".
 */
export function InventoryTable({ rows, pageSize = INVENTORY_PAGE_SIZE }: InventoryTableProps) {
  const [page, setPage] = useState(0);
  const size = Math.max(1, Math.floor(pageSize));
  const pages = Math.max(1, Math.ceil(rows.length / size));
  // Fewer rows than before (a smaller run): stay on the last page there is.
  const current = Math.min(page, pages - 1);
  const first = current * size;
  const shown = pages > 1 ? rows.slice(first, first + size) : rows;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard (axe scrollable-region-focusable)
    <section className="ctl-inventory" aria-label="Inventory table" tabIndex={0}>
      <table className="ctl-table" aria-label="Inventory">
        <caption>Inventory</caption>
        <thead>
          <tr>
            <th scope="col">VM</th>
            <th scope="col">State</th>
            <th scope="col">Host</th>
            <th scope="col">Storage</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.vm}>
              <th scope="row">{row.vm}</th>
              <td>{row.state}</td>
              <td>{row.host}</td>
              <td>{row.storage}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="ctl-pager">
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous page
          </button>
          <span className="ctl-pager-status">
            VMs {count(first + 1)}&ndash;{count(first + shown.length)} of {count(rows.length)} (page{' '}
            {count(current + 1)} of {count(pages)})
          </span>
          <button
            type="button"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next page
          </button>
        </div>
      )}
    </section>
  );
}
