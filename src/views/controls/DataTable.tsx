export interface DataTableProps {
  /** The table's accessible name and caption ("Disk files", "Storage QoS"). */
  label: string;
  columns: readonly string[];
  /** One row per item: its cells in column order; the first is the row's header. */
  rows: readonly (readonly string[])[];
  /** A key per row (default: the first cell). */
  keys?: readonly string[];
}

/**
 * A named table of text (a panel's own text equivalent beside the Inventory): the first cell of
 * each row is its header. Like the Inventory, it scrolls sideways in a focusable box when narrow.
 */
export function DataTable({ label, columns, rows, keys }: DataTableProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard (axe scrollable-region-focusable)
    <section className="ctl-inventory" aria-label={`${label} table`} tabIndex={0}>
      <table className="ctl-table" aria-label={label}>
        <caption>{label}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={keys?.[i] ?? row[0] ?? i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={columns[j] ?? j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={columns[j] ?? j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
