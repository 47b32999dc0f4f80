/**
 * The Cluster Shared Volume picture: the nodes with their VMs, the one volume under them, each
 * node's I/O path (straight down to the volume; redirected over the cluster network into the
 * coordinator; queued; none while the node is down) and the coordinator marked. Pure props in;
 * a VM's chip glides to the node it restarts on (not when `animate` is false).
 */
import { Host, Link, SceneSvg, StorageBox, stackOnHosts, VmChip } from '../../views/scene/parts';
import type { CsvSceneData } from './selectors';

export interface CsvSceneProps extends CsvSceneData {
  animate: boolean;
  /** The overview's miniature: no text along the network. */
  compact?: boolean;
}

export const CSV_SCENE_W = 960;
export const CSV_SCENE_H = 390;
const NODE_X0 = 12;
const NODE_W = 222;
const NODE_GAP = 12;
const NODE_Y = 22;
const NODE_H = 230;
const CARD_W = 100;
const CARD_H = 18;
const CARD_Y0 = NODE_Y + 56;
const CARD_DY = 21;
const NET_Y = 290;
const VOL = { x: 250, y: 322, width: 460, height: 56 };
const BADGE = { w: 92, h: 20 };

const nodeX = (i: number) => NODE_X0 + i * (NODE_W + NODE_GAP);
const nodeMid = (i: number) => nodeX(i) + NODE_W / 2;
/** Where node i's direct path lands on the volume. */
const volX = (i: number, n: number) => VOL.x + (VOL.width * (i + 0.5)) / Math.max(1, n);

function cardPos(nodeIndex: number, slot: number): { x: number; y: number } {
  const col = slot % 2;
  const row = Math.floor(slot / 2);
  return { x: nodeX(nodeIndex) + 8 + col * (CARD_W + 6), y: CARD_Y0 + row * CARD_DY };
}

export function CsvScene(props: CsvSceneProps) {
  const { nodes, cards, network, volume, animate, compact } = props;
  const positioned = stackOnHosts(cards, nodes, cardPos);
  const coordIndex = nodes.findIndex((n) => n.coordinator);
  const bottom = NODE_Y + NODE_H;
  return (
    <figure className="card csv-figure">
      <SceneSvg prefix="csv" width={CSV_SCENE_W} height={CSV_SCENE_H} summary={props.summary}>
        <Link
          className="csv-net"
          at={{ x1: NODE_X0, x2: nodeX(nodes.length - 1) + NODE_W, y: NET_Y }}
          up
          active={network.active}
          {...(compact ? {} : { label: { text: network.text, x: NODE_X0 + 4, y: NET_Y - 8 } })}
        />
        {nodes.map((n, i) => {
          const x = nodeMid(i);
          const redirect =
            !n.path && coordIndex >= 0 && coordIndex !== i && n.mode !== 'down' ? (
              <path
                className="csv-path-redirect"
                data-mode={n.mode}
                d={`M${x - 24},${bottom} V${NET_Y + 10} H${nodeMid(coordIndex) - 24 + (i < coordIndex ? -10 : 10)} V${bottom}`}
              />
            ) : null;
          const own =
            n.mode === 'down' ? null : n.path ? (
              <line
                className="csv-path"
                data-mode={n.mode}
                x1={x + 24}
                x2={volX(i, nodes.length)}
                y1={bottom}
                y2={VOL.y}
              />
            ) : (
              <g className="csv-path-lost">
                <line x1={x + 24} x2={x + 24} y1={bottom} y2={NET_Y - 14} />
                <path d={`M${x + 18},${NET_Y - 20} l12,12 M${x + 30},${NET_Y - 20} l-12,12`} />
              </g>
            );
          return (
            <g key={n.id} className="csv-io" data-mode={n.mode}>
              {own}
              {redirect}
              <Host
                className="csv-node"
                box={{ x: nodeX(i), y: NODE_Y, width: NODE_W, height: NODE_H }}
                up={n.mode !== 'down'}
                crossInset={6}
                title={`${n.name}${n.coordinator ? ', coordinator' : ''}: ${n.modeText}`}
                lines={[
                  { text: n.name, className: 'csv-title', dy: 24 },
                  { text: n.mode === 'down' ? 'Down' : n.modeText, className: 'csv-sub', dy: 44 },
                ]}
                padX={10}
                data={{ 'data-mode': n.mode, 'data-coordinator': n.coordinator }}
              >
                {n.coordinator ? (
                  <g className="csv-badge">
                    <rect
                      x={nodeX(i) + NODE_W - BADGE.w - 8}
                      y={NODE_Y + 8}
                      width={BADGE.w}
                      height={BADGE.h}
                      rx={10}
                    />
                    <text
                      x={nodeX(i) + NODE_W - BADGE.w / 2 - 8}
                      y={NODE_Y + 22}
                      textAnchor="middle"
                    >
                      Coordinator
                    </text>
                  </g>
                ) : null}
              </Host>
            </g>
          );
        })}
        <StorageBox
          className="csv-volume"
          shape="rect"
          box={VOL}
          r={12}
          padX={14}
          lines={[
            { text: volume.name, className: 'csv-title', dy: 24 },
            { text: volume.caption, className: 'csv-sub', dy: 44 },
          ]}
        />
        {positioned.map(({ card, pos }) => (
          <VmChip
            key={card.key}
            className="csv-card"
            name={card.name}
            kind={card.kind}
            label={() => card.name}
            box={{ ...pos, width: CARD_W, height: CARD_H }}
            dot={{ cx: 9, r: 4 }}
            textX={17}
            textDy={4}
            animate={animate}
          />
        ))}
      </SceneSvg>
    </figure>
  );
}
