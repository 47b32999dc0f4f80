/**
 * The SMB picture: two Hyper-V hosts with their VMs, the live migration network between them, and
 * the file server whose share holds every VHD. A line per VM shows which host holds the SMB
 * connection to its VHD; the VHD files never move. framer-motion moves VM cards and connection
 * ends (no movement when `animate` is false).
 */
import { motion } from 'framer-motion';
import { transitionFor } from '../../views/motion';
import { hostPair } from '../../views/scene/migrationLayout';
import { RoleHost, SceneSvg } from '../../views/scene/parts';
import { LaneChips, LaneNetwork, SharedStorage } from '../kit/lanesPicture';

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
const HOST = hostPair(W, { y: 20, width: 300, height: 190 });
const CARD_W = 170;
const CARD_H = 30;
const NET_Y = HOST.y + 96;
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
  return { x: (HOST.x[i] ?? 0) + 60 + k * 40, y: HOST.y + HOST.height };
}

export function SmbScene(props: SmbSceneProps) {
  const { hosts, cards, files, network, share, animate, compact } = props;
  return (
    <figure className="card smb-figure">
      <SceneSvg prefix="smb" width={W} height={H} summary={props.summary}>
        {/* live migration network */}
        <LaneNetwork
          className="smb-net"
          at={{ x1: (HOST.x[0] ?? 0) + HOST.width, x2: HOST.x[1], y: NET_Y }}
          label={{ text: network.text, x: W / 2, y: NET_Y - 12, anchor: 'middle' }}
          network={network}
          compact={compact}
        />
        {hosts.map((h, i) => (
          <RoleHost
            key={h.id}
            className="smb-host"
            textPrefix="smb"
            box={{ x: HOST.x[i] ?? 0, y: HOST.y, width: HOST.width, height: HOST.height }}
            name={h.name}
            roleKey={h.role}
            roleText={`${h.role} host`}
            up={h.up}
            title={`${h.name}, ${h.role}, ${h.up ? 'up' : 'down'}${h.pathUp ? '' : ', no path to the share'}`}
            padX={14}
          />
        ))}
        {/* the file server and its share: the VHDs live here and never move */}
        <SharedStorage
          className="smb-fs"
          textPrefix="smb"
          box={{ x: FS.x, y: FS.y, width: FS.w, height: FS.h }}
          r={10}
          title={{ text: `${share.server} file server`, dy: 26 }}
          caption={{ text: `SMB 3 share ${share.name}: every VM file, VHDs included`, dy: 46 }}
        >
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
        </SharedStorage>
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
              transition={transitionFor('connectionMove', animate)}
            />
          );
        })}
        <LaneChips
          cards={cards}
          hosts={hosts}
          at={(hi, slot) => ({
            x: (HOST.x[hi] ?? 0) + HOST.width - CARD_W - 14,
            y: HOST.y + 52 + slot * (CARD_H + 8),
          })}
          className="smb-card"
          size={{ width: CARD_W, height: CARD_H }}
          dot={{ cx: 12, r: 5 }}
          textX={24}
          textDy={5}
          label={(card) => (pct) =>
            card.kind === 'shell'
              ? `${card.name} shell ${pct}%`
              : `${card.name} ${card.kind === 'paused' ? '(paused)' : ''}`
          }
          animate={animate}
        />
      </SceneSvg>
    </figure>
  );
}
