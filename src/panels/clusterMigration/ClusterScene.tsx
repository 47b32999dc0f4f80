/**
 * The cluster picture: four nodes with their VMs, the queue, the live migration network and the
 * Cluster Shared Volume. Pure props in; framer-motion moves a VM's card when it changes node
 * (no movement when `animate` is false).
 */
import { motion } from 'framer-motion';

export interface ClusterSceneNode {
  id: string;
  name: string;
  role: 'source' | 'destination' | 'other';
  up: boolean;
  /** This node's path to the shared storage works. */
  pathUp: boolean;
}

export interface ClusterSceneCard {
  /** Stable key: the VM id, or `<id>:shell` for a shell. */
  key: string;
  name: string;
  host: string;
  kind: 'running' | 'paused' | 'shell' | 'queued' | 'restarted';
  /** Shell: share of memory received, 0..1. */
  fill?: number;
  /** Selected for the batch. */
  selected: boolean;
}

export interface ClusterSceneProps {
  summary: string;
  nodes: readonly ClusterSceneNode[];
  cards: readonly ClusterSceneCard[];
  /** VM names waiting, in queue order. */
  queue: readonly string[];
  limit: number;
  network: { up: boolean; active: boolean; text: string };
  storage: { name: string; caption: string };
  animate: boolean;
  /** Draw smaller text-free version (thumbnail). */
  compact?: boolean;
}

export const CLUSTER_SCENE_W = 960;
export const CLUSTER_SCENE_H = 470;
const QUEUE_X = 10;
const QUEUE_W = 160;
const NODE_X0 = 186;
const NODE_W = 182;
const NODE_GAP = 10;
const NODE_Y = 40;
const NODE_H = 300;
const CARD_W = 80;
const CARD_H = 24;
const CARD_Y0 = NODE_Y + 62;
const CARD_DY = 29;
const NET_Y = 372;
const CSV = { x: 330, y: 404, w: 300, h: 56 };

function nodeX(i: number): number {
  return NODE_X0 + i * (NODE_W + NODE_GAP);
}

function cardPos(nodeIndex: number, slot: number): { x: number; y: number } {
  const col = slot % 2;
  const row = Math.floor(slot / 2);
  return { x: nodeX(nodeIndex) + 8 + col * (CARD_W + 6), y: CARD_Y0 + row * CARD_DY };
}

const ROLE_TEXT = { source: 'source', destination: 'destination', other: 'cluster node' } as const;

function Card({
  card,
  pos,
  animate,
}: {
  card: ClusterSceneCard;
  pos: { x: number; y: number };
  animate: boolean;
}) {
  const fill = Math.round(Math.min(1, Math.max(0, card.fill ?? 0)) * 100);
  const label =
    card.kind === 'shell'
      ? `Shell of ${card.name}, ${fill}% of its memory received`
      : `${card.name}, ${card.kind}`;
  return (
    <motion.g
      className="cl-card"
      data-kind={card.kind}
      data-selected={card.selected}
      initial={false}
      animate={{ x: pos.x, y: pos.y }}
      transition={animate ? { duration: 0.6, ease: 'easeInOut' } : { duration: 0 }}
    >
      <title>{label}</title>
      {card.kind === 'shell' ? (
        <rect className="cl-card-fill" width={(CARD_W * fill) / 100} height={CARD_H} rx={4} />
      ) : null}
      <rect className="cl-card-box" width={CARD_W} height={CARD_H} rx={4} />
      <circle className="cl-card-dot" cx={9} cy={CARD_H / 2} r={4} />
      <text className="cl-card-name" x={17} y={CARD_H / 2 + 4}>
        {card.kind === 'shell' ? `${card.name} ${fill}%` : card.name}
      </text>
    </motion.g>
  );
}

export function ClusterScene(props: ClusterSceneProps) {
  const { nodes, cards, queue, limit, network, storage, animate, compact } = props;
  const slots = new Map<string, number>();
  const positioned = cards.map((card) => {
    const n = Math.max(
      0,
      nodes.findIndex((x) => x.id === card.host),
    );
    const slot = slots.get(card.host) ?? 0;
    slots.set(card.host, slot + 1);
    return { card, pos: cardPos(n, slot) };
  });
  return (
    <figure className="card cl-figure">
      <svg
        className="cl-scene"
        viewBox={`0 0 ${CLUSTER_SCENE_W} ${CLUSTER_SCENE_H}`}
        role="img"
        aria-label={props.summary}
      >
        <rect className="cl-bg" width={CLUSTER_SCENE_W} height={CLUSTER_SCENE_H} rx={10} />
        {/* the queue */}
        <g className="cl-queue">
          <rect
            className="cl-queue-box"
            x={QUEUE_X}
            y={NODE_Y}
            width={QUEUE_W}
            height={NODE_H}
            rx={10}
          />
          <text className="cl-title" x={QUEUE_X + 12} y={NODE_Y + 26}>
            Queue
          </text>
          <text className="cl-sub" x={QUEUE_X + 12} y={NODE_Y + 44}>
            {`at most ${limit} at a time`}
          </text>
          {queue.length === 0 ? (
            <text className="cl-sub" x={QUEUE_X + 12} y={CARD_Y0 + 16}>
              empty
            </text>
          ) : (
            queue.slice(0, 16).map((name, i) => (
              <text
                key={name}
                className="cl-queue-item"
                x={QUEUE_X + 12 + (i % 2) * 74}
                y={CARD_Y0 + 16 + Math.floor(i / 2) * CARD_DY}
              >
                {`${i + 1}. ${name}`}
              </text>
            ))
          )}
        </g>
        {/* nodes */}
        {nodes.map((n, i) => (
          <g key={n.id} className="cl-node" data-up={n.up} data-role={n.role}>
            <title>{`${n.name}, ${ROLE_TEXT[n.role]}, ${n.up ? 'up' : 'down'}`}</title>
            <rect
              className="cl-node-box"
              x={nodeX(i)}
              y={NODE_Y}
              width={NODE_W}
              height={NODE_H}
              rx={10}
            />
            <text className="cl-title" x={nodeX(i) + 12} y={NODE_Y + 26}>
              {n.name}
            </text>
            <text className="cl-sub" x={nodeX(i) + 12} y={NODE_Y + 44}>
              {n.up ? ROLE_TEXT[n.role] : 'Down'}
            </text>
            {n.up ? null : (
              <path
                className="cl-cross"
                d={`M${nodeX(i) + 6},${NODE_Y + 6} L${nodeX(i) + NODE_W - 6},${NODE_Y + NODE_H - 6} M${nodeX(i) + NODE_W - 6},${NODE_Y + 6} L${nodeX(i) + 6},${NODE_Y + NODE_H - 6}`}
              />
            )}
            {/* adapter on the live migration network and path to the CSV */}
            <line
              className="cl-drop"
              data-up={network.up}
              x1={nodeX(i) + NODE_W / 2 - 20}
              x2={nodeX(i) + NODE_W / 2 - 20}
              y1={NODE_Y + NODE_H}
              y2={NET_Y}
            />
            <line
              className="cl-path"
              data-up={n.pathUp}
              x1={nodeX(i) + NODE_W / 2 + 20}
              x2={CSV.x + CSV.w / 2 + (i - 1.5) * 60}
              y1={NODE_Y + NODE_H}
              y2={CSV.y}
            />
          </g>
        ))}
        {/* the live migration network */}
        <g className="cl-net" data-up={network.up} data-active={network.active}>
          <line className="cl-net-line" x1={NODE_X0} x2={nodeX(3) + NODE_W} y1={NET_Y} y2={NET_Y} />
          {compact ? null : (
            <text className="cl-net-text" x={NODE_X0} y={NET_Y - 8}>
              {network.text}
            </text>
          )}
        </g>
        {/* the CSV */}
        <g className="cl-csv">
          <rect className="cl-csv-box" x={CSV.x} y={CSV.y} width={CSV.w} height={CSV.h} rx={12} />
          <text className="cl-title" x={CSV.x + 14} y={CSV.y + 24}>
            {storage.name}
          </text>
          <text className="cl-sub" x={CSV.x + 14} y={CSV.y + 44}>
            {storage.caption}
          </text>
        </g>
        {positioned.map(({ card, pos }) => (
          <Card key={card.key} card={card} pos={pos} animate={animate} />
        ))}
      </svg>
    </figure>
  );
}
