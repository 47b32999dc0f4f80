import { motion } from 'framer-motion';
import { useMemo, useState } from 'react';
import { transitionFor } from '../motion';
import {
  humanizeGroup,
  layoutStatechart,
  type PlacedEdge,
  type PlacedNode,
  type StatechartEdge,
  type StatechartLayout,
  type StatechartNode,
} from './statechartLayout';
import { useSvgIdPrefix } from './svgIds';
// Its styles come with it: it is loaded on its own, not through the scene barrel.
import './scene.css';

export type { StatechartEdge, StatechartNode, StatechartNodeKind } from './statechartLayout';

export interface StatechartProps {
  /** States; the 'normal' ones form the main path, in this order. */
  nodes: readonly StatechartNode[];
  /** Transitions; `from === to` draws a self-loop (e.g. a repeated pre-copy round). */
  edges: readonly StatechartEdge[];
  /** The current state's id, or null before the process starts. */
  activeId: string | null;
  /** States the run has been through (tinted). */
  visitedIds: readonly string[];
  /** false = reduced motion: the highlight jumps instead of gliding. */
  animate: boolean;
  /** Visible caption above the chart. */
  title?: string;
  /**
   * Whether the chart is shown at first (default true). A "Hide statechart" / "Show statechart"
   * button (aria-expanded) folds it away and back; the caption stays.
   */
  defaultShown?: boolean;
}

const GLOW_PAD = 5;

/**
 * The edges the run went along. A self-loop counts while its state is current. Into each reached
 * state, of the edges whose source was visited, only the one from the state furthest along the
 * layout counts (the process moves forward: a failure reached from "copying" was not reached
 * from "idle", although both were visited).
 */
export function takenEdges(
  layout: StatechartLayout,
  visited: ReadonlySet<string>,
  activeId: string | null,
): Set<string> {
  const rank = new Map(layout.nodes.map((n) => [n.id, n.row * 100 + n.col]));
  const best = new Map<string, { key: string; rank: number }>();
  const taken = new Set<string>();
  for (const e of layout.edges) {
    if (e.selfLoop) {
      if (activeId === e.from) taken.add(e.key);
      continue;
    }
    if (!(visited.has(e.to) || activeId === e.to)) continue;
    const seen = e.sources.filter((s) => visited.has(s) && s !== e.to);
    if (seen.length === 0) continue;
    const r = Math.max(...seen.map((s) => rank.get(s) ?? -1));
    const current = best.get(e.to);
    if (!current || r > current.rank) best.set(e.to, { key: e.key, rank: r });
  }
  for (const { key } of best.values()) taken.add(key);
  return taken;
}

function edgeTitle(e: PlacedEdge, labelOf: (id: string) => string): string {
  const from = e.fromGroup ? `Any ${humanizeGroup(e.from)} state` : labelOf(e.from);
  const event = e.label ? ` (${e.label})` : '';
  return e.selfLoop ? `${from} repeats${event}` : `${from} to ${labelOf(e.to)}${event}`;
}

function NodeBox({
  node,
  active,
  visited,
}: {
  node: PlacedNode;
  active: boolean;
  visited: boolean;
}) {
  const cx = node.x + node.width / 2;
  const hasStep = node.step !== undefined;
  const firstLine = node.y + (hasStep ? 33 : node.lines.length > 1 ? 25 : 32);
  const status = active ? ', current state' : visited ? ', visited' : '';
  return (
    <g
      className="scn-sc-node"
      data-kind={node.kind}
      data-active={active || undefined}
      data-visited={visited || undefined}
      data-id={node.id}
    >
      <title>{`${hasStep ? `Step ${node.step}: ` : ''}${node.label}${status}`}</title>
      <rect
        className="scn-sc-node-box"
        x={node.x}
        y={node.y}
        width={node.width}
        height={node.height}
        rx={8}
      />
      {node.kind === 'final' ? (
        <rect
          className="scn-sc-node-inner"
          x={node.x + 4}
          y={node.y + 4}
          width={node.width - 8}
          height={node.height - 8}
          rx={5}
        />
      ) : null}
      {hasStep ? (
        <text className="scn-sc-step" x={node.x + 10} y={node.y + 15}>
          {`Step ${node.step}`}
        </text>
      ) : null}
      <text className="scn-sc-label" x={cx} y={firstLine} textAnchor="middle">
        {node.lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of one label, in order
          <tspan key={`${i}:${line}`} x={cx} dy={i === 0 ? 0 : 14}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/** A live statechart: states as boxes, transitions as arrows, the current state glowing. */
export function Statechart({
  nodes,
  edges,
  activeId,
  visitedIds,
  animate,
  title,
  defaultShown = true,
}: StatechartProps) {
  const [shown, setShown] = useState(defaultShown);
  const layout = useMemo(() => layoutStatechart(nodes, edges), [nodes, edges]);
  const ids = useSvgIdPrefix('statechart');
  const visited = useMemo(() => new Set(visitedIds), [visitedIds]);
  const takenKeys = useMemo(
    () => takenEdges(layout, visited, activeId),
    [layout, visited, activeId],
  );
  const active = activeId ? layout.nodes.find((n) => n.id === activeId) : undefined;
  const name = `Statechart, current state: ${active?.label ?? 'none'}`;
  const arrow = `${ids}-arrow`;
  const arrowTaken = `${ids}-arrow-taken`;
  const arrowFailure = `${ids}-arrow-failure`;
  const transition = transitionFor('statechartGlow', animate);
  const labelOf = (id: string) => layout.nodes.find((n) => n.id === id)?.label ?? id;
  const ordered = [...layout.nodes].sort((a, b) => a.row - b.row || a.col - b.col);

  const bodyId = `${ids}-body`;

  return (
    <figure className="scn-statechart" data-animate={animate} data-shown={shown}>
      {title ? <figcaption className="scn-caption">{title}</figcaption> : null}
      <button
        type="button"
        className="scn-sc-toggle"
        aria-expanded={shown}
        aria-controls={bodyId}
        onClick={() => setShown((v) => !v)}
      >
        {shown ? 'Hide statechart' : 'Show statechart'}
      </button>
      <div id={bodyId} className="scn-sc-body" hidden={!shown}>
        {shown ? (
          <>
            <svg
              className="scn-statechart-svg"
              viewBox={`0 0 ${layout.width} ${layout.height}`}
              role="img"
              aria-label={name}
              preserveAspectRatio="xMidYMin meet"
            >
              <defs>
                {[
                  [arrow, 'scn-sc-arrow'],
                  [arrowTaken, 'scn-sc-arrow scn-sc-arrow--taken'],
                  [arrowFailure, 'scn-sc-arrow scn-sc-arrow--failure'],
                ].map(([id, cls]) => (
                  <marker
                    key={id}
                    id={id}
                    viewBox="0 0 10 10"
                    refX={9}
                    refY={5}
                    markerWidth={7}
                    markerHeight={7}
                    orient="auto-start-reverse"
                  >
                    <path className={cls} d="M0,0 L10,5 L0,10 z" />
                  </marker>
                ))}
              </defs>

              <g>
                {layout.frames.map((f) => (
                  <g key={f.key} className="scn-sc-frame" data-group={f.group}>
                    <rect x={f.x} y={f.y} width={f.width} height={f.height} rx={12} />
                    {f.label ? (
                      <text className="scn-sc-frame-label" x={f.x + 10} y={f.y - 6}>
                        {f.label}
                      </text>
                    ) : null}
                  </g>
                ))}
              </g>

              <g>
                {layout.edges.map((e) => {
                  const taken = takenKeys.has(e.key);
                  const marker = taken ? arrowTaken : e.toFailure ? arrowFailure : arrow;
                  return (
                    <g
                      key={e.key}
                      className="scn-sc-edge"
                      data-from={e.from}
                      data-to={e.to}
                      data-taken={taken || undefined}
                      data-failure={e.toFailure || undefined}
                      data-self={e.selfLoop || undefined}
                    >
                      <title>{edgeTitle(e, labelOf)}</title>
                      <path className="scn-sc-edge-line" d={e.d} markerEnd={`url(#${marker})`} />
                      {e.shortLabel ? (
                        <text
                          className="scn-sc-edge-label"
                          x={e.labelX}
                          y={e.labelY}
                          textAnchor={e.labelAnchor}
                        >
                          {e.shortLabel}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
              </g>

              {active ? (
                <motion.rect
                  className="scn-sc-glow"
                  data-kind={active.kind}
                  width={active.width + 2 * GLOW_PAD}
                  height={active.height + 2 * GLOW_PAD}
                  rx={12}
                  initial={false}
                  animate={{ x: active.x - GLOW_PAD, y: active.y - GLOW_PAD }}
                  transition={transition}
                />
              ) : null}

              <g>
                {layout.nodes.map((n) => (
                  <NodeBox
                    key={n.id}
                    node={n}
                    active={n.id === activeId}
                    visited={visited.has(n.id)}
                  />
                ))}
              </g>
            </svg>
            <ol className="visually-hidden">
              {ordered.map((n) => (
                <li key={n.id}>
                  {n.step !== undefined ? `Step ${n.step}: ` : ''}
                  {n.label}
                  {n.id === activeId ? ' (current state)' : visited.has(n.id) ? ' (visited)' : ''}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </figure>
  );
}
