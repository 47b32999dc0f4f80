export interface InventoryRow {
  vm: string;
  state: string;
  host: string;
  storage: string;
}

export interface InventoryTableProps {
  rows: readonly InventoryRow[];
}

/**
 * The table named "Inventory": the text equivalent of the picture, one row per VM. In a narrow
 * column it scrolls sideways inside its box (controls.css) rather than breaking words; the box is
 * focusable so the keyboard can scroll it too.
 */
export function InventoryTable({ rows }: InventoryTableProps) {
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
          {rows.map((row) => (
            <tr key={row.vm}>
              <th scope="row">{row.vm}</th>
              <td>{row.state}</td>
              <td>{row.host}</td>
              <td>{row.storage}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
