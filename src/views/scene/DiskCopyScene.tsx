/**
 * A disk being copied while the VM runs (shared-nothing live migration, storage migration): the
 * hosts, where the VM runs, the link the copy crosses, and each disk as a grid of blocks drawn on a
 * <canvas> (a thousand cells per disk). Guest writes that just landed are outlined on the disk (or
 * both disks, when mirrored) they reached. Pure props in; framer-motion moves the VM between hosts
 * (no movement when `animate` is false).
 */
import { motion } from 'framer-motion';
import { memo, useEffect, useRef } from 'react';
import {
  BLOCK_BEHIND,
  BLOCK_EMPTY,
  BLOCK_IN_STEP,
  BLOCK_PENDING,
  BLOCK_SENDING,
} from '../../model/diskCopy';
import './diskCopy.css';
import { transitionFor } from '../motion';

export interface BlockColors {
  empty: string;
  pending: string;
  inStep: string;
  behind: string;
  sending: string;
  landing: string;
}

export const FALLBACK_BLOCK_COLORS: BlockColors = {
  empty: '#1b2633',
  pending: '#3a4a5c',
  inStep: '#4cb3ff',
  behind: '#ff9f43',
  sending: '#e8eef4',
  landing: '#f5c451',
};

function readColors(el: Element): BlockColors {
  let style: CSSStyleDeclaration | undefined;
  try {
    style = getComputedStyle(el);
  } catch {
    style = undefined;
  }
  const read = (name: string, fb: string) => style?.getPropertyValue(name).trim() || fb;
  return {
    empty: read('--panel', FALLBACK_BLOCK_COLORS.empty),
    pending: read('--pending', FALLBACK_BLOCK_COLORS.pending),
    inStep: read('--copied', FALLBACK_BLOCK_COLORS.inStep),
    behind: read('--dirty', FALLBACK_BLOCK_COLORS.behind),
    sending: read('--fg', FALLBACK_BLOCK_COLORS.sending),
    landing: read('--warn', FALLBACK_BLOCK_COLORS.landing),
  };
}

export interface BlockGridProps {
  cells: Uint8Array;
  /** Blocks a guest write just landed on (outlined). */
  landing: readonly number[];
  columns: number;
  cellSize?: number;
  label: string;
  animate: boolean;
}

function sameCells(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** One disk's blocks on a canvas (role img, labelled with the counts). */
export function BlockGrid({
  cells,
  landing,
  columns,
  cellSize = 7,
  label,
  animate,
}: BlockGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const colorsRef = useRef<BlockColors | null>(null);
  /** What the canvas shows now, so a frame that changes nothing paints nothing. */
  const paintedRef = useRef<{ cells: Uint8Array; landing: string; key: string } | null>(null);
  const cols = Math.max(1, columns);
  const rows = Math.max(1, Math.ceil(cells.length / cols));
  useEffect(() => {
    const canvas = ref.current;
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = canvas?.getContext('2d') ?? null;
    } catch {
      ctx = null;
    }
    if (!canvas || !ctx) return;
    const key = `${cols}x${rows}@${cellSize}:${animate}`;
    const landingKey = landing.join(',');
    const painted = paintedRef.current;
    if (
      painted &&
      painted.key === key &&
      painted.landing === landingKey &&
      sameCells(painted.cells, cells)
    )
      return;
    colorsRef.current ??= readColors(canvas);
    const colors = colorsRef.current;
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
    const w = cols * cellSize * dpr;
    const h = rows * cellSize * dpr;
    // Setting a canvas's size clears and reallocates it: only when it changes.
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cols * cellSize, rows * cellSize);
    const inner = cellSize - 1;
    const fills: [number, string][] = [
      [BLOCK_EMPTY, colors.empty],
      [BLOCK_PENDING, colors.pending],
      [BLOCK_IN_STEP, colors.inStep],
      [BLOCK_BEHIND, colors.behind],
      [BLOCK_SENDING, colors.sending],
    ];
    for (const [state, color] of fills) {
      ctx.fillStyle = color;
      for (let i = 0; i < cells.length; i += 1) {
        if (cells[i] === state)
          ctx.fillRect((i % cols) * cellSize, Math.floor(i / cols) * cellSize, inner, inner);
      }
    }
    // Writes landing: outlined (with motion) or filled in the landing colour (reduced motion).
    ctx.strokeStyle = colors.landing;
    ctx.fillStyle = colors.landing;
    ctx.lineWidth = 1.5;
    for (const b of landing) {
      const x = (b % cols) * cellSize;
      const y = Math.floor(b / cols) * cellSize;
      if (animate) ctx.strokeRect(x - 0.5, y - 0.5, inner + 1, inner + 1);
      else ctx.fillRect(x + 1, y + 1, inner - 2, inner - 2);
    }
    paintedRef.current = { cells: cells.slice(), landing: landingKey, key };
  }, [cells, landing, cols, rows, cellSize, animate]);
  return (
    <canvas
      ref={ref}
      role={label ? 'img' : undefined}
      aria-label={label || undefined}
      aria-hidden={label ? undefined : true}
      className="scn-blockgrid"
      style={{ width: cols * cellSize, height: rows * cellSize }}
    />
  );
}

export interface DiskCopyHost {
  id: string;
  name: string;
  role: string;
  up: boolean;
}

export interface DiskCopyDisk {
  id: string;
  /** e.g. "Source VHD". */
  title: string;
  /** Where it is, e.g. "D:\Hyper-V\SQL01 (HV-A local disk)". */
  location: string;
  /** The host column it is drawn under. */
  host: string;
  /** What it is doing: "in use", "receiving the copy", "deleted"... */
  status: string;
  tone: 'normal' | 'active' | 'gone' | 'failed';
  cells: Uint8Array;
  landing: readonly number[];
  /** The grid's text equivalent. */
  label: string;
}

export interface DiskCopySceneProps {
  /** The whole picture in words (the figure's accessible name). */
  summary: string;
  hosts: DiskCopyHost[];
  vm: { name: string; host: string | null; status: string; shellOn: string | null };
  disks: DiskCopyDisk[];
  link: { label: string; up: boolean; active: boolean; text: string } | null;
  columns: number;
  animate: boolean;
}

const LEGEND: [string, string][] = [
  ['scn-key-pending', 'not sent yet'],
  ['scn-key-instep', 'same on both disks'],
  ['scn-key-behind', 'changed since sent'],
  ['scn-key-sending', 'crossing now'],
  ['scn-key-landing', 'guest write landing'],
];

/**
 * The VM's badge, which glides to the host it moves to (a shared layout animation). Memoized: a
 * layout animation measures the page whenever its element renders, so it renders only when the
 * badge itself changes, not on every frame of the run.
 */
const VmBadge = memo(function VmBadge({
  layoutId,
  text,
  status,
  animate,
  inline = false,
}: {
  layoutId: string;
  text: string;
  status?: string;
  animate: boolean;
  inline?: boolean;
}) {
  const Tag = inline ? motion.span : motion.div;
  return (
    <Tag
      layoutId={animate ? layoutId : undefined}
      className="scn-dc-vm"
      data-status={status}
      transition={transitionFor('badgeMove', animate)}
    >
      {text}
    </Tag>
  );
});

/** Hosts side by side, each with its disks; the VM badge sits on the host it runs on. */
export function DiskCopyScene(p: DiskCopySceneProps) {
  return (
    <figure className="card scn-diskcopy" aria-label={p.summary}>
      <div
        className="scn-dc-hosts"
        style={{ gridTemplateColumns: `repeat(${p.hosts.length}, 1fr)` }}
      >
        {p.hosts.map((h) => (
          <section
            key={h.id}
            className="scn-dc-host"
            data-up={h.up}
            aria-label={`${h.name} (${h.role})${h.up ? '' : ', down'}`}
          >
            <p className="scn-dc-hostname">
              {h.name} <span className="muted">{h.role}</span>
              {h.up ? '' : ' (down)'}
            </p>
            <div className="scn-dc-vmslot">
              {p.vm.host === h.id && (
                <VmBadge
                  layoutId="dc-vm"
                  text={`${p.vm.name}: ${p.vm.status}`}
                  status={p.vm.status}
                  animate={p.animate}
                />
              )}
              {p.vm.shellOn === h.id && <div className="scn-dc-shell">{p.vm.name}: shell</div>}
            </div>
            {p.disks
              .filter((d) => d.host === h.id)
              .map((d) => (
                <div key={d.id} className="scn-dc-disk" data-tone={d.tone}>
                  <div className="scn-dc-disk-title">
                    <strong>{d.title}</strong> <span className="muted">{d.status}</span>
                  </div>
                  <div className="scn-dc-disk-loc muted">{d.location}</div>
                  {d.cells.length > 0 ? (
                    <BlockGrid
                      cells={d.cells}
                      landing={d.landing}
                      columns={p.columns}
                      label={d.label}
                      animate={p.animate}
                    />
                  ) : (
                    <p className="muted">{d.label}</p>
                  )}
                </div>
              ))}
          </section>
        ))}
      </div>
      {p.link && (
        <p className="scn-dc-link" data-up={p.link.up} data-active={p.link.active}>
          <span aria-hidden="true">{p.link.up ? (p.link.active ? '⇢⇢⇢ ' : '— ') : '✕ '}</span>
          {p.link.label}: {p.link.text}
        </p>
      )}
      <ul className="scn-dc-legend" aria-label="Block colours">
        {LEGEND.map(([cls, text]) => (
          <li key={cls}>
            <span className={`scn-key ${cls}`} aria-hidden="true" /> {text}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export interface DiskCopyThumbProps {
  /** One column per host: its name, the VM badge when the VM runs there, and its disks' blocks. */
  columns: { name: string; vm: string | null; grids: Uint8Array[] }[];
  landing: readonly number[];
  animate: boolean;
}

/** A compact picture for the overview's live thumbnail (decorative: the link names the panel). */
export function DiskCopyThumb({ columns, landing, animate }: DiskCopyThumbProps) {
  return (
    <div className="scn-dc-thumb">
      {columns.map((col) => (
        <div key={col.name} className="scn-dc-thumb-col">
          <div className="scn-dc-thumb-head">
            <strong>{col.name}</strong>
            {col.vm && <VmBadge layoutId="dc-thumb-vm" text={col.vm} animate={animate} inline />}
          </div>
          {col.grids.map((cells, i) => (
            <BlockGrid
              // biome-ignore lint/suspicious/noArrayIndexKey: a column's grids never reorder
              key={i}
              cells={cells}
              landing={landing}
              columns={64}
              cellSize={2}
              label=""
              animate={animate}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
