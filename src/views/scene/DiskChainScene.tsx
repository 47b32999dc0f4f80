/**
 * Virtual disk files as a chain (snapshots, differencing disks): each file a row, indented under
 * its parent, with its name, kind and state, what it is to the VM, its size, and its blocks on a
 * <canvas> strip (the disk's address space in cells; a cell is lit where the file holds data).
 * A merge is drawn as the child's cells going over to the parent, a guest write as the cells it
 * landed on outlined. Pure props in; each row renders again only when its own picture changes.
 */
import { memo } from 'react';
import { BlockGrid } from './DiskCopyScene';
import './diskCopy.css';

export type ChainTone = 'normal' | 'active' | 'pending' | 'merging' | 'gone';

export interface ChainFile {
  id: string;
  name: string;
  /** "VHD", "AVHD", "VHDX", "Pass-through". */
  kind: string;
  /** The file's state as the Disk files table says it ("in use", "merge pending", ...). */
  state: string;
  /** How far below the chain's root it hangs (0 = a base disk). */
  depth: number;
  tone: ChainTone;
  /** What the file is to the VM ("Snapshot 2's disk", "SQL01 writes here"). */
  note: string;
  /** Its size on the host and its virtual size, in words. */
  size: string;
  cells: Uint8Array;
  landing: readonly number[];
  /** The strip's text equivalent. */
  label: string;
}

export interface DiskChainSceneProps {
  /** The whole picture in words (the figure's accessible name). */
  summary: string;
  caption: string;
  files: readonly ChainFile[];
  /** Cells per strip row. */
  columns: number;
  /** A line above the chain (the VM, its host and power). */
  header?: string;
  /** Legend entries: a CSS key class and its meaning. */
  legend: readonly (readonly [string, string])[];
  animate: boolean;
}

const same = (a: ChainFile, b: ChainFile) =>
  a.name === b.name &&
  a.kind === b.kind &&
  a.state === b.state &&
  a.depth === b.depth &&
  a.tone === b.tone &&
  a.note === b.note &&
  a.size === b.size &&
  a.label === b.label &&
  a.landing.join() === b.landing.join() &&
  a.cells.length === b.cells.length &&
  a.cells.every((c, i) => c === b.cells[i]);

const Row = memo(
  function Row({ f, columns, animate }: { f: ChainFile; columns: number; animate: boolean }) {
    return (
      <li
        className="scn-chain-file"
        data-tone={f.tone}
        style={{ marginLeft: `${Math.min(f.depth, 12) * 1.1}rem` }}
      >
        <div className="scn-dc-disk-title">
          {f.depth > 0 && (
            <span className="scn-chain-elbow" aria-hidden="true">
              └
            </span>
          )}
          <strong>{f.name}</strong> <span className="muted">{f.kind}</span>{' '}
          <span className="scn-chain-state">{f.state}</span>
          {f.note && <span className="muted"> · {f.note}</span>}
        </div>
        <div className="scn-dc-disk-loc muted">{f.size}</div>
        {f.tone !== 'gone' && (
          <BlockGrid
            cells={f.cells}
            landing={f.landing}
            columns={columns}
            cellSize={8}
            label={f.label}
            animate={animate}
          />
        )}
      </li>
    );
  },
  (a, b) => a.columns === b.columns && a.animate === b.animate && same(a.f, b.f),
);

/** The disk chain of a VM (role img named by `summary`; the Disk files table is its text). */
export function DiskChainScene(p: DiskChainSceneProps) {
  return (
    <figure className="card scn-chain" aria-label={p.summary}>
      <figcaption className="scn-caption">{p.caption}</figcaption>
      {p.header && <p className="scn-chain-header">{p.header}</p>}
      <ul className="scn-chain-files" aria-label="Disk chain">
        {p.files.map((f) => (
          <Row key={f.id} f={f} columns={p.columns} animate={p.animate} />
        ))}
      </ul>
      <ul className="scn-dc-legend" aria-label="Block colours">
        {p.legend.map(([cls, text]) => (
          <li key={cls}>
            <span className={`scn-key ${cls}`} aria-hidden="true" /> {text}
          </li>
        ))}
      </ul>
    </figure>
  );
}
