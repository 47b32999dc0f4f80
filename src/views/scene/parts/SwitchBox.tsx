import { motion } from 'framer-motion';
import { memo } from 'react';
import { transitionFor } from '../../motion';
import { pathOf } from './path';
import { sameData } from './sameData';

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

/** One MAC table entry's height, user units. */
const ROW = 22;

/** The physical switch with its MAC table, wired to the hosts below it. */
function SwitchBoxPart({ rows, x, y, width: w, rowsMax = 3, uplinks, animate }: SwitchBoxProps) {
  const shown = rows.slice(0, rowsMax);
  const more = rows.length - shown.length;
  const h = 30 + Math.max(1, shown.length) * ROW + (more > 0 ? 18 : 0) + 6;
  const col = { mac: x + 12, note: x + w - 12 };
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
      {shown.length === 0 ? (
        <text className="scn-mac-empty" x={col.mac} y={y + 28 + 15}>
          (empty)
        </text>
      ) : null}
      {shown.map((r, i) => {
        const ry = y + 28 + i * ROW;
        return (
          <g key={r.mac} className="scn-mac-row" data-changed={r.changed || undefined}>
            <title>{`${r.mac} on port ${r.port} (${r.hostName})${r.changed ? ', just updated' : ''}`}</title>
            <motion.rect
              className="scn-mac-highlight"
              x={x + 6}
              y={ry}
              width={w - 12}
              height={ROW}
              rx={3}
              initial={false}
              animate={{ opacity: r.changed ? 1 : 0 }}
              transition={transitionFor('macHighlight', animate)}
            />
            {/* One line per entry, spaced by its words: readable at any text size. */}
            <text className="scn-mac-cell" x={col.mac} y={ry + 15}>
              <tspan className="scn-mac-mac">{r.mac}</tspan>
              <tspan className="scn-mac-label"> port </tspan>
              {r.port}
              <tspan className="scn-mac-label"> on </tspan>
              {r.hostName}
            </text>
            {r.changed ? (
              <text className="scn-mac-note" x={col.note} y={ry + 15} textAnchor="end">
                updated
              </text>
            ) : null}
          </g>
        );
      })}
      {more > 0 ? (
        <text className="scn-mac-more" x={col.mac} y={y + 28 + shown.length * ROW + 15}>
          {`+${more} more`}
        </text>
      ) : null}
    </g>
  );
}

/** The switch and its MAC table; renders only when its rows or geometry change in content. */
export const SwitchBox = memo(SwitchBoxPart, sameData);
