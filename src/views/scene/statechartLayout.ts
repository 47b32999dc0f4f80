/**
 * Pure layout for the Statechart view: where each state box, group frame and transition goes.
 * D3 computes the paths (d3-path); React renders them. No DOM here.
 *
 * - The main path (nodes of kind 'normal', in the given order) runs left to right, wrapping into
 *   rows of at most MAX_PER_ROW; final and failure nodes sit on a lower row, each placed under the
 *   column its transitions come from (so their arrows stay short).
 * - A group (e.g. 'migrating') is drawn as one dashed frame per row it spans.
 * - When every state of a group has the same transition to a state outside it, the transition is
 *   drawn once, from the group's frame (the statechart convention: the transition is the group's).
 * - Transitions run orthogonally through the channels between rows and the gutters at the sides,
 *   never through a state box.
 */
import { path as d3path } from 'd3';

export type StatechartNodeKind = 'normal' | 'final' | 'failure';

export interface StatechartNode {
  id: string;
  label: string;
  step?: number;
  group?: string;
  kind?: StatechartNodeKind;
}

export interface StatechartEdge {
  from: string;
  to: string;
  label?: string;
}

export interface PlacedNode {
  id: string;
  label: string;
  kind: StatechartNodeKind;
  step: number | undefined;
  group: string | undefined;
  /** Label wrapped into at most two lines (the full text is in `label`). */
  lines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
  row: number;
  col: number;
}

export interface PlacedFrame {
  key: string;
  group: string;
  /** Shown on the first frame of a group only. */
  label: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  key: string;
  from: string;
  to: string;
  /** True when the edge leaves a group frame rather than a single state. */
  fromGroup: boolean;
  /** The node ids the edge stands for on the source side (one, or every member of the group). */
  sources: string[];
  label: string;
  /** Short visible label, or null when only the <title> carries it. */
  shortLabel: string | null;
  d: string;
  labelX: number;
  labelY: number;
  labelAnchor: 'start' | 'middle' | 'end';
  toFailure: boolean;
  selfLoop: boolean;
}

export interface StatechartLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  frames: PlacedFrame[];
  edges: PlacedEdge[];
}

export const MAX_PER_ROW = 5;
export const NODE_W = 160;
export const NODE_H = 56;
const COL_PITCH = 200;
const ROW_PITCH = 196;
const MARGIN_X = 44;
const FIRST_TOP = 92;
const FRAME_PAD_X = 12;
const FRAME_PAD_TOP = 60;
const FRAME_PAD_BOTTOM = 14;
const CORNER = 8;
const WRAP_CHARS = 22;
const LABEL_MAX = 18;

type Point = readonly [number, number];

/** Word-wrap a label into at most `maxLines` lines of about `width` characters. */
export function wrapLabel(text: string, width = WRAP_CHARS, maxLines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.length > width - 1 ? last.slice(0, width - 1) : last}\u2026`;
  return kept;
}

/** A label short enough to draw on the chart: long event lists become "first event +N". */
export function shortEdgeLabel(label: string): string {
  if (label.length <= LABEL_MAX) return label;
  const parts = label.split(', ');
  const first = parts[0] ?? label;
  const head = first.length > LABEL_MAX ? `${first.slice(0, LABEL_MAX - 1)}\u2026` : first;
  return parts.length > 1 ? `${head} +${parts.length - 1}` : head;
}

/** An orthogonal polyline with rounded corners, as an SVG path string (via d3-path). */
export function roundedPath(points: readonly Point[], radius = CORNER): string {
  const p = d3path();
  const first = points[0];
  if (!first) return '';
  p.moveTo(first[0], first[1]);
  for (let i = 1; i < points.length - 1; i += 1) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const c = points[i + 1] as Point;
    const r = Math.min(
      radius,
      Math.hypot(b[0] - a[0], b[1] - a[1]) / 2,
      Math.hypot(c[0] - b[0], c[1] - b[1]) / 2,
    );
    if (r > 0.5) p.arcTo(b[0], b[1], c[0], c[1], r);
    else p.lineTo(b[0], b[1]);
  }
  const last = points[points.length - 1] as Point;
  p.lineTo(last[0], last[1]);
  return p.toString();
}

/** "switchedOver" -> "switched over". */
export function humanizeGroup(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]+/g, ' ')
    .toLowerCase();
}

function colX(col: number): number {
  return MARGIN_X + col * COL_PITCH;
}

function rowTop(row: number): number {
  return FIRST_TOP + row * ROW_PITCH;
}

/** y of a lane in the channel below `row` (between its frames and the next row's). */
function channelY(row: number, lane: number): number {
  return rowTop(row) + NODE_H + FRAME_PAD_BOTTOM + 14 + (lane % 4) * 7;
}

/** Where an edge leaves from or arrives at: a node, or a group's frame on one row. */
interface Anchor {
  row: number;
  cx: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  col: number;
}

/** An edge as drawn: one per transition, or one from a group's frame standing for its members'. */
interface Logical {
  from: string;
  to: string;
  label: string;
  sources: string[];
  fromGroup: boolean;
}

/** The grid: how many columns, how many main rows. */
interface Grid {
  perRow: number;
  cols: number;
  mainRows: number;
}

function placedNode(n: StatechartNode, row: number, col: number): PlacedNode {
  return {
    id: n.id,
    label: n.label,
    kind: n.kind ?? 'normal',
    step: n.step,
    group: n.group,
    lines: wrapLabel(n.label),
    x: colX(col),
    y: rowTop(row),
    width: NODE_W,
    height: NODE_H,
    row,
    col,
  };
}

/** Stage 1: the main path, left to right, wrapping into rows of at most MAX_PER_ROW. */
function placeMainPath(
  main: readonly StatechartNode[],
  grid: Grid,
  placed: Map<string, PlacedNode>,
) {
  main.forEach((n, i) => {
    placed.set(n.id, placedNode(n, Math.floor(i / grid.perRow), i % grid.perRow));
  });
}

/**
 * Stage 2: the edges to draw. "Every member of a group goes to the same outside state" collapses
 * into one edge from the group's frame; the rest are drawn as they are.
 */
function logicalEdges(
  nodes: readonly StatechartNode[],
  edges: readonly StatechartEdge[],
  groupOrder: readonly string[],
): Logical[] {
  const logical: Logical[] = [];
  const known = new Set(nodes.map((n) => n.id));
  const absorbed = new Set<StatechartEdge>();
  for (const group of groupOrder) {
    const members = nodes.filter((n) => n.group === group).map((n) => n.id);
    if (members.length < 2) continue;
    const targets = [...new Set(edges.map((e) => e.to))];
    for (const to of targets) {
      if (members.includes(to)) continue;
      const matching = members.map((m) => edges.find((e) => e.from === m && e.to === to));
      if (matching.some((e) => e === undefined)) continue;
      const labels = [...new Set(matching.map((e) => e?.label ?? ''))].filter(Boolean);
      for (const e of matching) if (e) absorbed.add(e);
      logical.push({
        from: group,
        to,
        label: labels.join('; '),
        sources: members,
        fromGroup: true,
      });
    }
  }
  for (const e of edges) {
    if (absorbed.has(e)) continue;
    if (!known.has(e.from) || !known.has(e.to)) continue;
    logical.push({
      from: e.from,
      to: e.to,
      label: e.label ?? '',
      sources: [e.from],
      fromGroup: false,
    });
  }
  return logical;
}

/** Stage 3: final and failure nodes on the lower row(s), each under the states that lead to it. */
function placeLowerRows(
  lower: readonly StatechartNode[],
  logical: readonly Logical[],
  grid: Grid,
  placed: Map<string, PlacedNode>,
): number {
  const { cols } = grid;
  const lowerRows = Math.ceil(lower.length / cols);
  const columnOf = (l: Logical): number | undefined => {
    if (!l.fromGroup) return placed.get(l.from)?.col;
    const members = [...placed.values()].filter((p) => p.group === l.from);
    if (members.length === 0) return undefined;
    const lastRow = Math.max(...members.map((m) => m.row));
    const inRow = members.filter((m) => m.row === lastRow);
    return inRow.reduce((s, m) => s + m.col, 0) / inRow.length;
  };
  const preferred = lower.map((n, order) => {
    const from = logical
      .filter((l) => l.to === n.id && l.from !== n.id)
      .map(columnOf)
      .filter((c): c is number => c !== undefined);
    const pref = from.length > 0 ? from.reduce((s, c) => s + c, 0) / from.length : order % cols;
    return { n, pref, order };
  });
  for (let r = 0; r < lowerRows; r += 1) {
    const chunk = preferred
      .slice(r * cols, (r + 1) * cols)
      .sort((a, b) => a.pref - b.pref || a.order - b.order);
    const used = new Set<number>();
    // Assign in order of preference, keeping left-to-right order of preferences.
    chunk.forEach((item, i) => {
      const minCol = i === 0 ? 0 : Math.max(...used) + 1;
      const maxCol = cols - (chunk.length - i);
      const col = Math.max(minCol, Math.min(maxCol, Math.round(item.pref)));
      used.add(col);
      placed.set(item.n.id, placedNode(item.n, grid.mainRows + r, col));
    });
  }
  return lowerRows;
}

/** Stage 4: the group frames, one per run of consecutive columns of a group on a row. */
function groupFrames(
  placed: ReadonlyMap<string, PlacedNode>,
  groupOrder: readonly string[],
): PlacedFrame[] {
  const frames: PlacedFrame[] = [];
  for (const group of groupOrder) {
    const members = [...placed.values()]
      .filter((p) => p.group === group)
      .sort((a, b) => a.row - b.row || a.col - b.col);
    const runs: PlacedNode[][] = [];
    for (const m of members) {
      const run = runs[runs.length - 1];
      const prev = run?.[run.length - 1];
      if (run && prev && prev.row === m.row && prev.col === m.col - 1) run.push(m);
      else runs.push([m]);
    }
    runs.forEach((run, i) => {
      const first = run[0] as PlacedNode;
      const last = run[run.length - 1] as PlacedNode;
      frames.push({
        key: `${group}:${first.row}:${first.col}`,
        group,
        label: i === 0 ? humanizeGroup(group) : null,
        x: first.x - FRAME_PAD_X,
        y: rowTop(first.row) - FRAME_PAD_TOP,
        width: last.x + last.width - first.x + 2 * FRAME_PAD_X,
        height: FRAME_PAD_TOP + NODE_H + FRAME_PAD_BOTTOM,
      });
    });
  }
  return frames;
}

/** Where an edge starts or ends: a node's box, or a group's frame on its last row. */
function anchorOf(
  placed: ReadonlyMap<string, PlacedNode>,
  frames: readonly PlacedFrame[],
  id: string,
  fromGroup: boolean,
): Anchor {
  if (fromGroup) {
    const own = frames.filter((f) => f.group === id);
    const f = own[own.length - 1] as PlacedFrame;
    const row = Math.round((f.y + FRAME_PAD_TOP - FIRST_TOP) / ROW_PITCH);
    return {
      row,
      cx: f.x + f.width / 2,
      top: f.y,
      bottom: f.y + f.height,
      left: f.x,
      right: f.x + f.width,
      col: Math.round((f.x + f.width / 2 - MARGIN_X - NODE_W / 2) / COL_PITCH),
    };
  }
  const p = placed.get(id) as PlacedNode;
  return {
    row: p.row,
    cx: p.x + p.width / 2,
    top: p.y,
    bottom: p.y + p.height,
    left: p.x,
    right: p.x + p.width,
    col: p.col,
  };
}

type Route = Pick<PlacedEdge, 'selfLoop' | 'd' | 'labelX' | 'labelY' | 'labelAnchor'>;

/** A transition back into the same state: a loop over its box. */
function routeSelfLoop(a: Anchor): Route {
  const top = a.top;
  const d3p = d3path();
  d3p.moveTo(a.cx - 16, top);
  d3p.bezierCurveTo(a.cx - 44, top - 40, a.cx + 44, top - 40, a.cx + 16, top);
  return {
    selfLoop: true,
    d: d3p.toString(),
    labelX: a.cx - 32,
    labelY: top - 22,
    labelAnchor: 'end',
  };
}

/** On one row: straight to the neighbour, over the row going forward, under it going back. */
function routeSameRow(a: Anchor, b: Anchor, adjacent: boolean, skip: number): Route {
  if (adjacent) {
    const y = a.top + NODE_H / 2;
    return {
      selfLoop: false,
      d: roundedPath([
        [a.right, y],
        [b.left, y],
      ]),
      labelX: (a.right + b.left) / 2,
      labelY: y - 6,
      labelAnchor: 'middle',
    };
  }
  if (b.col > a.col) {
    // Forward skip: arc over the row, above any self-loop (which peaks about 30 px over the box).
    // Kept inside the picture when the arc leaves a group's frame on the first row.
    const laneY = Math.max(6 + (skip % 2) * 8, a.top - 42 - (skip % 2) * 8);
    const x1 = a.cx + 36;
    const x2 = b.cx - 36;
    return {
      selfLoop: false,
      d: roundedPath([
        [x1, a.top],
        [x1, laneY],
        [x2, laneY],
        [x2, b.top],
      ]),
      labelX: x1 + 14,
      labelY: laneY - 5,
      labelAnchor: 'start',
    };
  }
  const laneY = a.bottom + 10 + (skip % 2) * 6;
  const x1 = a.cx - 36;
  const x2 = b.cx + 36;
  return {
    selfLoop: false,
    d: roundedPath([
      [x1, a.bottom],
      [x1, laneY],
      [x2, laneY],
      [x2, b.bottom],
    ]),
    labelX: (x1 + x2) / 2,
    labelY: laneY + 12,
    labelAnchor: 'middle',
  };
}

/** The shared lanes of the channels between rows and of the gutters at the sides. */
class Channels {
  private lanes = new Map<number, number>();
  private left = 0;
  private right = 0;
  constructor(private readonly totalWidth: number) {}
  /** y of the next free lane in the channel below `row`. */
  below(row: number): number {
    const k = this.lanes.get(row) ?? 0;
    this.lanes.set(row, k + 1);
    return channelY(row, k);
  }
  /** x of the next free lane in the gutter nearer to `x`. */
  gutter(x: number): number {
    return x < this.totalWidth / 2
      ? MARGIN_X / 2 - (this.left++ % 3) * 6
      : this.totalWidth - MARGIN_X / 2 + (this.right++ % 3) * 6;
  }
}

/** Between rows: down (or up) through the channel, by a side gutter when rows lie between. */
function routeAcrossRows(a: Anchor, b: Anchor, sx: number, tx: number, ch: Channels): Route {
  const pts: Point[] = [];
  if (a.row < b.row) {
    const y1 = ch.below(a.row);
    pts.push([sx, a.bottom], [sx, y1]);
    if (b.row === a.row + 1) {
      pts.push([tx, y1], [tx, b.top]);
    } else {
      const y2 = ch.below(b.row - 1);
      const gx = ch.gutter((sx + tx) / 2);
      pts.push([gx, y1], [gx, y2], [tx, y2], [tx, b.top]);
    }
  } else {
    const y1 = ch.below(a.row - 1);
    pts.push([sx, a.top], [sx, y1]);
    if (b.row === a.row - 1) {
      pts.push([tx, y1], [tx, b.bottom]);
    } else {
      const y2 = ch.below(b.row);
      const gx = ch.gutter((sx + tx) / 2);
      pts.push([gx, y1], [gx, y2], [tx, y2], [tx, b.bottom]);
    }
  }
  const last = pts[pts.length - 1] as Point;
  const beforeLast = pts[pts.length - 2] as Point;
  return {
    selfLoop: false,
    d: roundedPath(pts),
    labelX: last[0] + 5,
    labelY: (last[1] + beforeLast[1]) / 2 + 4,
    labelAnchor: 'start',
  };
}

/** Stage 5: route every edge orthogonally, never through a box; ports spread across a box's side. */
function routeEdges(
  logical: readonly Logical[],
  placed: ReadonlyMap<string, PlacedNode>,
  frames: readonly PlacedFrame[],
  totalWidth: number,
): PlacedEdge[] {
  const anchor = (id: string, fromGroup: boolean) => anchorOf(placed, frames, id, fromGroup);
  const portKey = (id: string, group: boolean) => `${group ? 'g' : 'n'}:${id}`;
  const crossesRows = (l: Logical) =>
    !(l.from === l.to && !l.fromGroup) &&
    anchor(l.from, l.fromGroup).row !== anchor(l.to, false).row;
  const outCount = new Map<string, number>();
  const inCount = new Map<string, number>();
  for (const l of logical) {
    if (!crossesRows(l)) continue;
    const k = portKey(l.from, l.fromGroup);
    outCount.set(k, (outCount.get(k) ?? 0) + 1);
    inCount.set(l.to, (inCount.get(l.to) ?? 0) + 1);
  }
  const portX = (cx: number, index: number, count: number) => cx + (index - (count - 1) / 2) * 18;
  const bottomOut = new Map<string, number>();
  const topIn = new Map<string, number>();
  const sameRowSkips = new Map<number, number>();
  const channels = new Channels(totalWidth);

  return logical.map((l, i) => {
    const target = placed.get(l.to) as PlacedNode;
    const toFailure = target.kind === 'failure';
    const base = {
      key: `${l.fromGroup ? 'group:' : ''}${l.from}->${l.to}#${i}`,
      from: l.from,
      to: l.to,
      fromGroup: l.fromGroup,
      sources: l.sources,
      label: l.label,
      shortLabel: toFailure || !l.label ? null : shortEdgeLabel(l.label),
      toFailure,
    };
    const a = anchor(l.from, l.fromGroup);
    const b = anchor(l.to, false);
    if (l.from === l.to && !l.fromGroup) return { ...base, ...routeSelfLoop(a) };
    if (a.row === b.row) {
      const adjacent = b.col === a.col + 1 && !l.fromGroup;
      const skip = sameRowSkips.get(a.row) ?? 0;
      if (!adjacent) sameRowSkips.set(a.row, skip + 1);
      return { ...base, ...routeSameRow(a, b, adjacent, skip) };
    }
    const ok = portKey(l.from, l.fromGroup);
    const oi = bottomOut.get(ok) ?? 0;
    bottomOut.set(ok, oi + 1);
    const ii = topIn.get(l.to) ?? 0;
    topIn.set(l.to, ii + 1);
    const sx = portX(a.cx, oi, outCount.get(ok) ?? 1);
    const tx = portX(b.cx, ii, inCount.get(l.to) ?? 1);
    return { ...base, ...routeAcrossRows(a, b, sx, tx, channels) };
  });
}

/** The layout, stage by stage: main path, edges, lower rows, frames, routes. */
export function layoutStatechart(
  nodes: readonly StatechartNode[],
  edges: readonly StatechartEdge[],
): StatechartLayout {
  const main = nodes.filter((n) => (n.kind ?? 'normal') === 'normal');
  const lower = nodes.filter((n) => (n.kind ?? 'normal') !== 'normal');
  const perRow = Math.max(1, Math.min(MAX_PER_ROW, main.length));
  const grid: Grid = {
    perRow,
    cols: Math.max(perRow, Math.min(MAX_PER_ROW, lower.length), 1),
    mainRows: Math.ceil(main.length / perRow),
  };
  const groupOrder: string[] = [];
  for (const n of nodes) if (n.group && !groupOrder.includes(n.group)) groupOrder.push(n.group);

  const placed = new Map<string, PlacedNode>();
  placeMainPath(main, grid, placed);
  const logical = logicalEdges(nodes, edges, groupOrder);
  const lowerRows = placeLowerRows(lower, logical, grid, placed);
  const frames = groupFrames(placed, groupOrder);
  const totalWidth = 2 * MARGIN_X + (grid.cols - 1) * COL_PITCH + NODE_W;
  const placedEdges = routeEdges(logical, placed, frames, totalWidth);

  const allRows = grid.mainRows + lowerRows;
  return {
    width: totalWidth,
    height: rowTop(Math.max(allRows, 1) - 1) + NODE_H + 24,
    nodes: [...placed.values()],
    frames,
    edges: placedEdges,
  };
}
