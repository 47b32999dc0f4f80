/**
 * The cluster picture: four nodes with their VMs, the queue, the live migration network and the
 * Cluster Shared Volume. Pure props in; framer-motion moves a VM's card when it changes node
 * (no movement when `animate` is false).
 */
import { LabelledBox, RoleHost, SceneSvg } from '../../views/scene/parts';
import { LaneChips, LaneNetwork, SharedStorage } from '../kit/lanesPicture';

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
/** Queued VMs listed one to a line (the rest counted), so a name never meets its neighbour. */
const QUEUE_ROWS = 7;
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

export function ClusterScene(props: ClusterSceneProps) {
  const { nodes, cards, queue, limit, network, storage, animate, compact } = props;
  return (
    <figure className="card cl-figure">
      <SceneSvg
        prefix="cl"
        width={CLUSTER_SCENE_W}
        height={CLUSTER_SCENE_H}
        summary={props.summary}
      >
        {/* the queue */}
        <LabelledBox
          className="cl-queue"
          box={{ x: QUEUE_X, y: NODE_Y, width: QUEUE_W, height: NODE_H }}
          rx={10}
          padX={12}
          lines={[
            { text: 'Queue', className: 'cl-title', dy: 26 },
            { text: `${limit} at a time`, className: 'cl-sub', dy: 44 },
          ]}
        >
          {queue.length === 0 ? (
            <text className="cl-sub" x={QUEUE_X + 12} y={CARD_Y0 + 16}>
              empty
            </text>
          ) : (
            <>
              {queue.slice(0, QUEUE_ROWS).map((name, i) => (
                <text
                  key={name}
                  className="cl-queue-item"
                  x={QUEUE_X + 12}
                  y={CARD_Y0 + 16 + i * CARD_DY}
                >
                  {`${i + 1}. ${name}`}
                </text>
              ))}
              {queue.length > QUEUE_ROWS ? (
                <text
                  className="cl-sub"
                  x={QUEUE_X + 12}
                  y={CARD_Y0 + 16 + QUEUE_ROWS * CARD_DY}
                >{`+${queue.length - QUEUE_ROWS} more`}</text>
              ) : null}
            </>
          )}
        </LabelledBox>
        {/* nodes */}
        {nodes.map((n, i) => (
          <RoleHost
            key={n.id}
            className="cl-node"
            textPrefix="cl"
            box={{ x: nodeX(i), y: NODE_Y, width: NODE_W, height: NODE_H }}
            name={n.name}
            roleKey={n.role}
            roleText={ROLE_TEXT[n.role]}
            up={n.up}
            title={`${n.name}, ${ROLE_TEXT[n.role]}, ${n.up ? 'up' : 'down'}`}
            padX={12}
          >
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
          </RoleHost>
        ))}
        {/* the live migration network */}
        <LaneNetwork
          className="cl-net"
          at={{ x1: NODE_X0, x2: nodeX(3) + NODE_W, y: NET_Y }}
          label={{ text: network.text, x: NODE_X0, y: NET_Y - 8 }}
          network={network}
          compact={compact}
        />
        {/* the CSV */}
        <SharedStorage
          className="cl-csv"
          textPrefix="cl"
          box={{ x: CSV.x, y: CSV.y, width: CSV.w, height: CSV.h }}
          r={12}
          title={{ text: storage.name, dy: 24 }}
          caption={{ text: storage.caption, dy: 44 }}
        />
        <LaneChips
          cards={cards}
          hosts={nodes}
          at={cardPos}
          className="cl-card"
          size={{ width: CARD_W, height: CARD_H }}
          dot={{ cx: 9, r: 4 }}
          textX={17}
          textDy={4}
          label={(card) => () => card.name}
          detail={(card) => (card.kind === 'shell' ? (pct) => `${pct}%` : undefined)}
          data={(card) => ({ 'data-selected': card.selected })}
          animate={animate}
        />
      </SceneSvg>
    </figure>
  );
}
