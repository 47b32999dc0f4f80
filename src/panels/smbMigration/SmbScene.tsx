/**
 * The SMB picture: two Hyper-V hosts with their VMs, the live migration network between them, and
 * the file server whose share holds every VHD. A line per VM shows which host holds the SMB
 * connection to its VHD; the VHD files never move. framer-motion moves VM cards and connection
 * ends (no movement when `animate` is false).
 */
import { motion } from 'framer-motion';

export interface SmbSceneHost {
  id: string;
  name: string;
  role: 'source' | 'destination';
  up: boolean;
  /** The host's path to the file server works. */
  pathUp: boolean;
}

export interface SmbSceneCard {
  key: string;
  name: string;
  host: string;
  kind: 'running' | 'paused' | 'shell';
  fill?: number;
}

export interface SmbSceneFile {
  vm: string;
  /** e.g. "SQL01.vhdx". */
  name: string;
  /** Host id holding the SMB connection, or null when nobody has it open. */
  heldBy: string | null;
}

export interface SmbSceneProps {
  summary: string;
  hosts: readonly [SmbSceneHost, SmbSceneHost];
  cards: readonly SmbSceneCard[];
  files: readonly SmbSceneFile[];
  network: { up: boolean; active: boolean; text: string };
  share: { name: string; server: string };
  animate: boolean;
  compact?: boolean;
}

const W = 960;
const H = 450;
const HOST_W = 300;
const HOST_H = 190;
const HOST_Y = 20;
const HOST_X = [20, W - 20 - HOST_W] as const;
const CARD_W = 170;
const CARD_H = 30;
const NET_Y = HOST_Y + 96;
const FS = { x: 190, y: 290, w: 580, h: 150 };
const FILE_W = 160;
const FILE_H = 40;
const FILE_Y = FS.y + 78;

function fileX(i: number, n: number): number {
  const gap = 20;
  const total = n * FILE_W + (n - 1) * gap;
  return FS.x + (FS.w - total) / 2 + i * (FILE_W + gap);
}

function hostAnchor(i: number, k: number): { x: number; y: number } {
  return { x: (HOST_X[i] ?? 0) + 60 + k * 40, y: HOST_Y + HOST_H };
}

export function SmbScene(props: SmbSceneProps) {
  const { hosts, cards, files, network, share, animate, compact } = props;
  const t = animate ? { duration: 0.6, ease: 'easeInOut' as const } : { duration: 0 };
  const slots = new Map<string, number>();
  const placed = cards.map((card) => {
    const hi = Math.max(
      0,
      hosts.findIndex((h) => h.id === card.host),
    );
    const slot = slots.get(card.host) ?? 0;
    slots.set(card.host, slot + 1);
    return {
      card,
      x: (HOST_X[hi] ?? 0) + HOST_W - CARD_W - 14,
      y: HOST_Y + 52 + slot * (CARD_H + 8),
    };
  });
  return (
    <figure className="card smb-figure">
      <svg className="smb-scene" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.summary}>
        <rect className="smb-bg" width={W} height={H} rx={10} />
        {/* live migration network */}
        <g className="smb-net" data-up={network.up} data-active={network.active}>
          <line
            className="smb-net-line"
            x1={(HOST_X[0] ?? 0) + HOST_W}
            x2={HOST_X[1]}
            y1={NET_Y}
            y2={NET_Y}
          />
          {compact ? null : (
            <text className="smb-net-text" x={W / 2} y={NET_Y - 12} textAnchor="middle">
              {network.text}
            </text>
          )}
        </g>
        {hosts.map((h, i) => (
          <g key={h.id} className="smb-host" data-up={h.up} data-role={h.role}>
            <title>{`${h.name}, ${h.role}, ${h.up ? 'up' : 'down'}${h.pathUp ? '' : ', no path to the share'}`}</title>
            <rect
              className="smb-host-box"
              x={HOST_X[i]}
              y={HOST_Y}
              width={HOST_W}
              height={HOST_H}
              rx={10}
            />
            <text className="smb-title" x={(HOST_X[i] ?? 0) + 14} y={HOST_Y + 26}>
              {h.name}
            </text>
            <text className="smb-sub" x={(HOST_X[i] ?? 0) + 14} y={HOST_Y + 44}>
              {h.up ? `${h.role} host` : 'Down'}
            </text>
            {h.up ? null : (
              <path
                className="smb-cross"
                d={`M${(HOST_X[i] ?? 0) + 6},${HOST_Y + 6} l${HOST_W - 12},${HOST_H - 12} M${(HOST_X[i] ?? 0) + HOST_W - 6},${HOST_Y + 6} l${-(HOST_W - 12)},${HOST_H - 12}`}
              />
            )}
          </g>
        ))}
        {/* the file server and its share: the VHDs live here and never move */}
        <g className="smb-fs">
          <rect className="smb-fs-box" x={FS.x} y={FS.y} width={FS.w} height={FS.h} rx={10} />
          <text className="smb-title" x={FS.x + 14} y={FS.y + 26}>
            {`${share.server} file server`}
          </text>
          <text className="smb-sub" x={FS.x + 14} y={FS.y + 46}>
            {`SMB 3 share ${share.name}: every VM file, VHDs included`}
          </text>
          {files.map((f, i) => (
            <g key={f.vm} className="smb-file" data-held={f.heldBy ?? 'none'}>
              <title>{`${f.name} on ${share.name}${f.heldBy ? `, open over SMB from ${hosts.find((h) => h.id === f.heldBy)?.name}` : ', not open'}`}</title>
              <rect
                className="smb-file-box"
                x={fileX(i, files.length)}
                y={FILE_Y}
                width={FILE_W}
                height={FILE_H}
                rx={4}
              />
              <text
                className="smb-file-name"
                x={fileX(i, files.length) + FILE_W / 2}
                y={FILE_Y + 25}
                textAnchor="middle"
              >
                {f.name}
              </text>
            </g>
          ))}
        </g>
        {/* SMB connections: holder host -> VHD file */}
        {files.map((f, i) => {
          const hi = hosts.findIndex((h) => h.id === f.heldBy);
          if (hi < 0) return null;
          const a = hostAnchor(hi, i);
          const b = { x: fileX(i, files.length) + FILE_W / 2, y: FILE_Y };
          const up = hosts[hi]?.pathUp ?? true;
          return (
            <motion.line
              key={`conn-${f.vm}`}
              className="smb-conn"
              data-up={up}
              initial={false}
              animate={{ x1: a.x, y1: a.y, x2: b.x, y2: b.y }}
              transition={t}
            />
          );
        })}
        {placed.map(({ card, x, y }) => {
          const fill = Math.round(Math.min(1, Math.max(0, card.fill ?? 0)) * 100);
          return (
            <motion.g
              key={card.key}
              className="smb-card"
              data-kind={card.kind}
              initial={false}
              animate={{ x, y }}
              transition={t}
            >
              <title>
                {card.kind === 'shell'
                  ? `Shell of ${card.name}, ${fill}% of its memory received`
                  : `${card.name}, ${card.kind}`}
              </title>
              {card.kind === 'shell' ? (
                <rect
                  className="smb-card-fill"
                  width={(CARD_W * fill) / 100}
                  height={CARD_H}
                  rx={4}
                />
              ) : null}
              <rect className="smb-card-box" width={CARD_W} height={CARD_H} rx={4} />
              <circle className="smb-card-dot" cx={12} cy={CARD_H / 2} r={5} />
              <text className="smb-card-name" x={24} y={CARD_H / 2 + 5}>
                {card.kind === 'shell'
                  ? `${card.name} shell ${fill}%`
                  : `${card.name} ${card.kind === 'paused' ? '(paused)' : ''}`}
              </text>
            </motion.g>
          );
        })}
      </svg>
    </figure>
  );
}
