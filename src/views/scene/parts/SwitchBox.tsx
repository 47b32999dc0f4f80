import { motion } from 'framer-motion';
import { transitionFor } from '../../motion';
import { pathOf } from './path';

export interface SwitchRow {
  mac: string;
  port: number;
  hostName: string;
  /** This entry moved to a new port (the switch learnt the VM's new location). */
  changed: boolean;
}

export interface SwitchBoxProps {
  rows: readonly SwitchRow[];
  x: number;
  y: number;
  width: number;
  /** Rows shown at most; the rest are counted ("+2 more"). */
  rowsMax?: number;
  /** Where the uplinks end (the top of each host), left one first. */
  uplinks: readonly { x: number; y: number }[];
  /** false = reduced motion: a learnt row is highlighted at once instead of fading in. */
  animate: boolean;
}

/** The physical switch with its MAC table, wired to the hosts below it. */
export function SwitchBox({ rows, x, y, width: w, rowsMax = 3, uplinks, animate }: SwitchBoxProps) {
  const shown = rows.slice(0, rowsMax);
  const more = rows.length - shown.length;
  const h = 48 + Math.max(1, shown.length) * 18 + (more > 0 ? 16 : 0) + 6;
  const col = { mac: x + 12, port: x + 156, host: x + 198, note: x + w - 12 };
  const midY = y + 36;
  const uplink = (to: { x: number; y: number }, i: number) => {
    const from = i === 0 ? x : x + w;
    return pathOf([
      [from, midY],
      [to.x, midY],
      [to.x, to.y],
    ]);
  };
  return (
    <g className="scn-switch">
      <path className="scn-uplink" d={uplinks.map(uplink).join(' ')} />
      <rect className="scn-switch-box" x={x} y={y} width={w} height={h} rx={8} />
      <text className="scn-switch-title" x={x + 12} y={y + 20}>
        Physical switch · MAC table
      </text>
      <g className="scn-mac-head">
        <text className="scn-mac-head-cell" x={col.mac} y={y + 40}>
          MAC
        </text>
        <text className="scn-mac-head-cell" x={col.port} y={y + 40}>
          Port
        </text>
        <text className="scn-mac-head-cell" x={col.host} y={y + 40}>
          Host
        </text>
      </g>
      {shown.length === 0 ? (
        <text className="scn-mac-empty" x={col.mac} y={y + 58}>
          (empty)
        </text>
      ) : null}
      {shown.map((r, i) => {
        const ry = y + 46 + i * 18;
        return (
          <g key={r.mac} className="scn-mac-row" data-changed={r.changed || undefined}>
            <title>{`${r.mac} on port ${r.port} (${r.hostName})${r.changed ? ', just updated' : ''}`}</title>
            <motion.rect
              className="scn-mac-highlight"
              x={x + 6}
              y={ry}
              width={w - 12}
              height={18}
              rx={3}
              initial={false}
              animate={{ opacity: r.changed ? 1 : 0 }}
              transition={transitionFor('macHighlight', animate)}
            />
            <text className="scn-mac-cell scn-mac-mac" x={col.mac} y={ry + 13}>
              {r.mac}
            </text>
            <text className="scn-mac-cell" x={col.port} y={ry + 13}>
              {r.port}
            </text>
            <text className="scn-mac-cell" x={col.host} y={ry + 13}>
              {r.hostName}
            </text>
            {r.changed ? (
              <text className="scn-mac-note" x={col.note} y={ry + 13} textAnchor="end">
                updated
              </text>
            ) : null}
          </g>
        );
      })}
      {more > 0 ? (
        <text className="scn-mac-more" x={col.mac} y={y + 46 + shown.length * 18 + 13}>
          {`+${more} more`}
        </text>
      ) : null}
    </g>
  );
}
