/**
 * The cluster at any size as one <canvas>: a box per node (its name, memory and heartbeat) and a
 * cell per VM on its node, coloured by what the VM is doing; a VM that restarts (or live-migrates)
 * moves from its old node to its new one while its wave runs. Canvas, not SVG: 8,000 cells hold
 * 60 fps as fillRects, not as elements.
 *
 * Drawing: one requestAnimationFrame loop reads the runner's view. The nodes and every VM that
 * holds still are painted into an offscreen layer once per cluster state (a milestone); each
 * frame copies that layer and draws only what changes with time: the moving cells, the
 * heartbeats and a failed node's count of missed heartbeats. Nothing is drawn while nothing
 * changes. With `animate` false (reduced motion) nothing moves: a restarting VM is drawn on its
 * new node, a migrating one on its node until it has moved, and heartbeats do not pulse.
 */
import { useEffect, useRef } from 'react';
import type { AvailView, CellKind, ClusterScene } from './selectors';
import { CELL_KINDS, clusterScene, formatCount } from './selectors';

/** The share of a restart wave a cell spends travelling to its new node (it boots there after). */
export const BOOT_MOVE_SHARE = 0.5;

/** The share of each heartbeat interval a node's heartbeat dot is lit (a blink per beat). */
export const BEAT_LIT_SHARE = 0.25;

/** Whether the heartbeat dots are lit at `now` (they blink once per heartbeat while the run plays). */
export function beatLit(delayS: number, now: number, animate: boolean, playing: boolean): boolean {
  return !animate || !playing || (now / delayS) % 1 < BEAT_LIT_SHARE;
}

export interface CanvasGeometry {
  width: number;
  height: number;
  cols: number;
  boxW: number;
  boxH: number;
  header: number;
  pad: number;
  gap: number;
  /** Cell pitch and cells per row in a node's grid. */
  cell: number;
  perRow: number;
  compact: boolean;
}

const FULL = { width: 960, maxHeight: 900, gap: 8, header: 36, pad: 4, maxCell: 48 };
const COMPACT = { width: 300, maxHeight: 131, gap: 3, header: 6, pad: 1, maxCell: 28 };

/** Where every node box and cell goes, for `nodes` nodes of `capacity` cells each. */
export function geometry(nodes: number, capacity: number, compact = false): CanvasGeometry {
  const g = compact ? COMPACT : FULL;
  const cols = nodes <= 4 ? nodes : nodes <= 8 ? 4 : 8;
  const rows = Math.ceil(nodes / cols);
  const boxW = (g.width - g.gap * (cols + 1)) / cols;
  const maxGrid = Math.max(8, (g.maxHeight - g.gap * (rows + 1)) / rows - g.header - 2 * g.pad);
  let cell = 2;
  let perRow = Math.max(1, Math.floor((boxW - 2 * g.pad) / cell));
  for (let s = g.maxCell; s >= 2; s -= 1) {
    const per = Math.floor((boxW - 2 * g.pad) / s);
    if (per < 1) continue;
    if (Math.ceil(capacity / per) * s <= maxGrid) {
      cell = s;
      perRow = per;
      break;
    }
  }
  const boxH = g.header + 2 * g.pad + Math.ceil(capacity / perRow) * cell;
  return {
    width: g.width,
    height: rows * boxH + g.gap * (rows + 1),
    cols,
    boxW,
    boxH,
    header: g.header,
    pad: g.pad,
    gap: g.gap,
    cell,
    perRow,
    compact,
  };
}

/** The top-left corner of a node's box. */
export function boxAt(g: CanvasGeometry, node: number): [number, number] {
  return [
    g.gap + (node % g.cols) * (g.boxW + g.gap),
    g.gap + Math.floor(node / g.cols) * (g.boxH + g.gap),
  ];
}

/** The top-left corner of a cell. */
export function cellAt(g: CanvasGeometry, node: number, slot: number): [number, number] {
  const [bx, by] = boxAt(g, node);
  return [
    bx + g.pad + (slot % g.perRow) * g.cell,
    by + g.header + g.pad + Math.floor(slot / g.perRow) * g.cell,
  ];
}

export type Palette = Record<CellKind | 'box' | 'border' | 'text' | 'muted' | 'bar', string>;

/** The theme's colours (styles.css), with these when the CSS cannot be read. */
export const FALLBACK_PALETTE: Palette = {
  running: '#5fd38d',
  noNetwork: '#c792ea',
  starting: '#f5c451',
  migrating: '#4cb3ff',
  down: '#ff7b72',
  paused: '#ff9f43',
  off: '#3a4a5c',
  box: '#1e2a37',
  border: '#3a4a5c',
  text: '#e8eef4',
  muted: '#a9b8c6',
  bar: '#4cb3ff',
};

const CSS_VARS: Partial<Record<keyof Palette, string>> = {
  running: '--ok',
  starting: '--warn',
  migrating: '--accent',
  down: '--danger',
  paused: '--dirty',
  off: '--pending',
  box: '--panel-2',
  border: '--border',
  text: '--fg',
  muted: '--muted',
  bar: '--accent',
};

function readPalette(el: Element): Palette {
  let style: CSSStyleDeclaration | undefined;
  try {
    style = getComputedStyle(el);
  } catch {
    style = undefined;
  }
  const out = { ...FALLBACK_PALETTE };
  for (const [key, v] of Object.entries(CSS_VARS)) {
    const got = style?.getPropertyValue(v as string).trim();
    if (got) out[key as keyof Palette] = got;
  }
  return out;
}

type Ctx2D = CanvasRenderingContext2D;

const ease = (p: number) => (p < 0.5 ? 2 * p * p : 1 - (-2 * p + 2) ** 2 / 2);

/** When a moving cell arrives: a restarting VM partway into its wave, a migrating one at its end. */
export function moveEnd(m: ClusterScene['moving'][number]): number {
  return m.kind === 'starting' ? m.start + (m.end - m.start) * BOOT_MOVE_SHARE : m.end;
}

/** The position of a moving cell at `now` (its start while still, its end once there). */
export function movingAt(
  g: CanvasGeometry,
  m: ClusterScene['moving'][number],
  now: number,
  animate: boolean,
): [number, number] {
  const [x0, y0] = cellAt(g, m.fromNode, m.fromSlot);
  const [x1, y1] = cellAt(g, m.toNode, m.toSlot);
  const span = Math.max(1e-9, moveEnd(m) - m.start);
  if (!animate) return m.kind === 'starting' ? [x1, y1] : [x0, y0];
  const p = ease(Math.min(1, Math.max(0, (now - m.start) / span)));
  return [x0 + (x1 - x0) * p, y0 + (y1 - y0) * p];
}

/** The nodes and every VM that holds still: what changes only at a milestone. */
export function paintStill(
  ctx: Ctx2D,
  g: CanvasGeometry,
  scene: ClusterScene,
  colors: Palette,
  animate: boolean,
): void {
  ctx.clearRect(0, 0, g.width, g.height);
  const font = g.compact ? 0 : 11;
  scene.nodes.forEach((n, i) => {
    const [bx, by] = boxAt(g, i);
    ctx.fillStyle = colors.box;
    ctx.fillRect(bx, by, g.boxW, g.boxH);
    ctx.strokeStyle = !n.up ? colors.down : !n.cable ? colors.noNetwork : colors.border;
    ctx.lineWidth = !n.up || !n.cable ? 2 : 1;
    ctx.strokeRect(bx + 0.5, by + 0.5, g.boxW - 1, g.boxH - 1);
    // Memory bar: used over the node's memory.
    const barY = by + g.header - (g.compact ? 3 : 6);
    const barW = g.boxW - 2 * g.pad - 2;
    ctx.fillStyle = colors.off;
    ctx.fillRect(bx + g.pad + 1, barY, barW, g.compact ? 2 : 3);
    ctx.fillStyle = colors.bar;
    ctx.fillRect(
      bx + g.pad + 1,
      barY,
      barW * Math.min(1, n.usedGiB / n.memoryGiB),
      g.compact ? 2 : 3,
    );
    if (font > 0) {
      ctx.font = `600 ${font}px system-ui, sans-serif`;
      ctx.fillStyle = colors.text;
      ctx.textBaseline = 'top';
      ctx.fillText(n.name, bx + g.pad + 1, by + 4, g.boxW / 2);
      // The note is as large as the name: the presenter's stage draws this picture about 1.8
      // times its size at 1080p, where 11 px is the smallest text that reaches 20 px.
      ctx.font = `${font}px system-ui, sans-serif`;
      ctx.fillStyle = n.up ? (n.cable ? colors.muted : colors.noNetwork) : colors.down;
      const note = !n.up
        ? n.declared
          ? 'down'
          : ''
        : !n.cable
          ? 'no VM network'
          : `${n.count} VMs \u00b7 ${n.usedGiB}/${n.memoryGiB} GiB`;
      ctx.fillText(note, bx + g.pad + 1, by + 4 + font + 2, g.boxW - 2 * g.pad - 2);
    }
  });
  const inner = g.cell >= 4 ? g.cell - 1 : g.cell;
  const moving = animate ? [] : scene.moving;
  for (const kind of CELL_KINDS) {
    ctx.fillStyle = colors[kind];
    for (const vm of scene.still[kind]) {
      const [x, y] = cellAt(g, scene.node[vm] as number, scene.slot[vm] as number);
      ctx.fillRect(x, y, inner, inner);
    }
    for (const m of moving) {
      if (m.kind !== kind) continue;
      const [x, y] = movingAt(g, m, 0, false);
      ctx.fillRect(x, y, inner, inner);
    }
  }
  if (g.cell >= 30) paintNames(ctx, g, scene, animate);
}

/** VM names inside the cells when they are large enough to read (small clusters). */
function paintNames(ctx: Ctx2D, g: CanvasGeometry, scene: ClusterScene, animate: boolean) {
  ctx.font = `600 ${Math.min(12, Math.floor(g.cell / 4))}px system-ui, sans-serif`;
  ctx.fillStyle = '#06121d';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  const inner = g.cell - 1;
  for (const kind of CELL_KINDS) {
    for (const vm of scene.still[kind]) {
      const [x, y] = cellAt(g, scene.node[vm] as number, scene.slot[vm] as number);
      ctx.fillStyle = kind === 'off' ? '#e8eef4' : '#06121d';
      ctx.fillText(scene.spec.vms[vm]?.name ?? '', x + inner / 2, y + inner / 2, inner - 2);
      const p = scene.spec.vms[vm]?.priority;
      if (p)
        ctx.fillText(
          p === 'none' ? 'NA' : (p[0] ?? '').toUpperCase(),
          x + inner / 2,
          y + inner - 7,
        );
    }
  }
  if (!animate)
    for (const m of scene.moving) {
      const [x, y] = movingAt(g, m, 0, false);
      ctx.fillStyle = '#06121d';
      ctx.fillText(scene.spec.vms[m.vm]?.name ?? '', x + inner / 2, y + inner / 2, inner - 2);
    }
  ctx.textAlign = 'start';
}

/** A rectangle of the canvas, in CSS pixels. */
export type Rect = [x: number, y: number, w: number, h: number];

/**
 * What changes with time: moving cells, heartbeats, a failed node's missed heartbeats. Each
 * rectangle it draws in is pushed to `drawn`, so the next frame restores only those from the
 * still layer.
 */
export function paintFrame(
  ctx: Ctx2D,
  g: CanvasGeometry,
  scene: ClusterScene,
  colors: Palette,
  now: number,
  animate: boolean,
  playing = false,
  drawn: Rect[] = [],
): void {
  const delay = scene.spec.params.heartbeatDelayMs / 1000;
  const lit = beatLit(delay, now, animate, playing);
  const threshold = scene.spec.params.heartbeatThreshold;
  const r = g.compact ? 0 : 3;
  scene.nodes.forEach((n, i) => {
    const [bx, by] = boxAt(g, i);
    if (r > 0 && n.up) {
      // A heartbeat: lit when sent, dim until the next.
      ctx.globalAlpha = lit ? 1 : 0.3;
      ctx.fillStyle = colors.running;
      const cx = bx + g.boxW - g.pad - r - 2;
      ctx.beginPath();
      ctx.arc(cx, by + 9, r, 0, Math.PI * 2);
      ctx.fill();
      ctx.globalAlpha = 1;
      drawn.push([cx - r, by + 9 - r, 2 * r, 2 * r]);
    }
    if (!g.compact && !n.up && !n.declared && n.failedAt !== null) {
      const missed = Math.min(threshold, Math.floor((now - n.failedAt) / delay + 1e-9));
      ctx.font = '10px system-ui, sans-serif';
      ctx.fillStyle = colors.down;
      ctx.textBaseline = 'top';
      ctx.fillText(
        `missed ${missed} of ${threshold}`,
        bx + g.pad + 1,
        by + 17,
        g.boxW - 2 * g.pad - 2,
      );
      drawn.push([bx + g.pad + 1, by + 16, g.boxW - 2 * g.pad - 2, 13]);
    }
  });
  if (!animate) return;
  const inner = g.cell >= 4 ? g.cell - 1 : g.cell;
  for (const m of scene.moving) {
    const [x, y] = movingAt(g, m, now, true);
    ctx.fillStyle = colors[m.kind];
    ctx.fillRect(x, y, inner, inner);
    drawn.push([x, y, inner, inner]);
    if (g.cell >= 30) {
      ctx.font = `600 ${Math.min(12, Math.floor(g.cell / 4))}px system-ui, sans-serif`;
      ctx.fillStyle = '#06121d';
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'center';
      ctx.fillText(scene.spec.vms[m.vm]?.name ?? '', x + inner / 2, y + inner / 2, inner - 2);
      ctx.textAlign = 'start';
    }
  }
}

/**
 * What the frame at `now` shows beyond the still layer, as a key: the same key draws the same
 * frame, so it is skipped. Cells on the move change every frame; otherwise only a heartbeat's
 * blink and a failed node's count of missed heartbeats change, a few times a second.
 */
export function frameKey(
  scene: ClusterScene,
  now: number,
  animate: boolean,
  playing: boolean,
): string {
  const moving = animate && scene.moving.some((m) => now < moveEnd(m) + 1e-9);
  if (moving) return `move ${now}`;
  const delay = scene.spec.params.heartbeatDelayMs / 1000;
  const missed = scene.nodes
    .filter((n) => !n.up && !n.declared && n.failedAt !== null)
    .map((n) => Math.floor((now - (n.failedAt as number)) / delay + 1e-9));
  return `${beatLit(delay, now, animate, playing)} ${missed.join(',')}`;
}

interface Surface {
  canvas: HTMLCanvasElement;
  ctx: Ctx2D;
}

function surface(canvas: HTMLCanvasElement, g: CanvasGeometry): Surface | null {
  let ctx: Ctx2D | null = null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    ctx = null;
  }
  if (!ctx) return null;
  const dpr =
    typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
  const w = Math.round(g.width * dpr);
  const h = Math.round(g.height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { canvas, ctx };
}

/** Something the picture reads its view from: the runner (live) or a fixed view (thumbnail). */
export interface ViewSource {
  getSnapshot(): AvailView;
}

export interface ClusterCanvasProps {
  source: ViewSource;
  /** The picture's text (aria-label), agreeing with the Cluster summary. */
  label: string;
  animate: boolean;
  compact?: boolean;
  /** A fixed view to draw once (the thumbnail); without it the canvas draws every frame. */
  view?: AvailView;
}

/** Draw `view` now: the still layer then the frame (the thumbnail's way). */
function drawOnce(canvas: HTMLCanvasElement, view: AvailView, animate: boolean, compact: boolean) {
  const scene = clusterScene(view);
  const g = geometry(scene.nodes.length, scene.capacity, compact);
  const s = surface(canvas, g);
  if (!s) return;
  const colors = readPalette(canvas);
  paintStill(s.ctx, g, scene, colors, animate);
  paintFrame(s.ctx, g, scene, colors, view.now, animate, view.playing);
}

/** The cluster picture. Live (no `view`): one rAF loop; the thumbnail draws each view it gets. */
export function ClusterCanvas({
  source,
  label,
  animate,
  compact = false,
  view,
}: ClusterCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const first = clusterScene(view ?? source.getSnapshot());
  const g0 = geometry(first.nodes.length, first.capacity, compact);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !view) return;
    drawOnce(canvas, view, animate, compact);
  }, [view, animate, compact]);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || view || typeof requestAnimationFrame === 'undefined') return;
    const colors = readPalette(canvas);
    const layer = document.createElement('canvas');
    let lastScene: ClusterScene | null = null;
    let lastKey = '';
    let g: CanvasGeometry | null = null;
    let still: Surface | null = null;
    let out: Surface | null = null;
    /** Where the last frame drew beyond the still layer (restored from it before the next). */
    let dirty: Rect[] = [];
    let whole = true;
    let raf = 0;
    const frame = () => {
      raf = requestAnimationFrame(frame);
      const v = source.getSnapshot();
      const scene = clusterScene(v);
      const key = frameKey(scene, v.now, animate, v.playing);
      if (scene === lastScene && key === lastKey) return;
      if (scene !== lastScene || !g) {
        const next = geometry(scene.nodes.length, scene.capacity, compact);
        if (!g || next.height !== g.height || next.cell !== g.cell) {
          g = next;
          out = surface(canvas, g);
          still = surface(layer, g);
          canvas.style.aspectRatio = `${g.width} / ${g.height}`;
        }
        if (still) paintStill(still.ctx, g, scene, colors, animate);
        lastScene = scene;
        whole = true;
      }
      lastKey = key;
      if (!out || !still) return;
      const ctx = out.ctx;
      const dpr = canvas.width / g.width;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      if (whole) {
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(layer, 0, 0);
      } else {
        // Only what the last frame drew over the still layer is put back.
        for (const [x, y, w, h] of dirty) {
          const sx = Math.max(0, Math.floor(x * dpr) - 1);
          const sy = Math.max(0, Math.floor(y * dpr) - 1);
          const sw = Math.min(canvas.width - sx, Math.ceil((x + w) * dpr) + 1 - sx);
          const sh = Math.min(canvas.height - sy, Math.ceil((y + h) * dpr) + 1 - sy);
          if (sw <= 0 || sh <= 0) continue;
          ctx.clearRect(sx, sy, sw, sh);
          ctx.drawImage(layer, sx, sy, sw, sh, sx, sy, sw, sh);
        }
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const drawn: Rect[] = [];
      paintFrame(ctx, g, scene, colors, v.now, animate, v.playing, drawn);
      dirty = drawn;
      whole = false;
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [source, view, animate, compact]);

  return (
    <canvas
      ref={ref}
      className={`avail-canvas${compact ? ' avail-canvas--compact' : ''}`}
      role="img"
      aria-label={label}
      width={g0.width}
      height={g0.height}
      style={{ aspectRatio: `${g0.width} / ${g0.height}` }}
      data-vms={first.spec.vms.length}
    />
  );
}

/** The picture's legend: each colour, what it means, and how many VMs show it now. */
export function ClusterLegend({
  counts,
  unplaced,
}: {
  counts: Record<CellKind, number>;
  unplaced: number;
}) {
  const words: Record<CellKind, string> = {
    running: 'Running',
    noNetwork: 'Running without network',
    starting: 'Starting (cold boot)',
    migrating: 'Live migrating',
    down: 'Off, node failed or turned off to restart',
    paused: 'Paused-Critical (disk lost)',
    off: 'Off, left off',
  };
  return (
    <ul className="avail-legend">
      {CELL_KINDS.filter((k) => counts[k] > 0 || k === 'running').map((k) => (
        <li key={k}>
          <span className={`avail-swatch avail-swatch--${k}`} aria-hidden="true" />
          {words[k]}: <span className="avail-legend-count">{formatCount(counts[k])}</span>
        </li>
      ))}
      {unplaced > 0 && (
        <li>
          Not drawn, no place in the cluster (over 1,024 per node):{' '}
          <span className="avail-legend-count">{formatCount(unplaced)}</span>
        </li>
      )}
    </ul>
  );
}
