export interface InventoryRow {
  vm: string;
  state: string;
  host: string;
  storage: string;
}

export interface InventoryTableProps {
  rows: readonly InventoryRow[];
}

/** The table named "Inventory": the text equivalent of the picture, one row per VM. */
export function InventoryTable({ rows }: InventoryTableProps) {
  return (
    <div className="ctl-inventory">
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
    </div>
  );
}
