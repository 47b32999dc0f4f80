import { line as d3line } from 'd3';
import { motion } from 'framer-motion';

export type HostRole = 'source' | 'destination';
export type VmStatus = 'running' | 'paused' | 'starting' | 'off';

export interface SceneHost {
  id: string;
  name: string;
  role: HostRole;
  up: boolean;
  /** e.g. "Windows Server 2008 R2". */
  os: string;
}

export interface SceneVm {
  name: string;
  /** Host id where the VM executes, or null when it runs nowhere. */
  host: string | null;
  status: VmStatus;
  /** Host id holding an empty or partly filled shell, or null. */
  shellOn: string | null;
  /** How much of the memory the shell holds, 0..1. */
  shellFill: number;
}

export interface SceneLink {
  /** e.g. "Live migration network". */
  label: string;
  up: boolean;
  /** Memory is crossing the link. */
  active: boolean;
  /** Share of the line rate in use, 0..1. */
  utilisation: number;
  /** e.g. "0.9 Gbit/s". */
  rateText: string;
  direction: 'forward' | 'none';
  /** Sim seconds; places the moving packets deterministically. */
  phase: number;
  /** Playback is paused (packets hold still; nothing else changes). */
  paused?: boolean;
}

export interface SceneStorage {
  /** e.g. "CSV1". */
  name: string;
  /** Host that controls the VM's storage (owns its disk I/O), or null. */
  controllerHost: string | null;
  /** CSV coordinator node, or null. */
  coordinatorHost: string | null;
  /** Host id -> whether that host's direct path to the storage is up (missing = up). */
  paths: Readonly<Record<string, boolean>>;
  online: boolean;
}

export interface SceneSwitchRow {
  mac: string;
  port: number;
  hostName: string;
  /** This entry moved to a new port (the switch learnt the VM's new location). */
  changed: boolean;
}

export interface MigrationSceneProps {
  /** Full description of the picture; the SVG's accessible name. */
  summary: string;
  /** Exactly two: the source (drawn left) and the destination (drawn right). */
  hosts: readonly SceneHost[];
  vm: SceneVm;
  link: SceneLink;
  storage: SceneStorage;
  switchTable: readonly SceneSwitchRow[];
  /** false = reduced motion: no tweening, no moving packets; same state shown. */
  animate: boolean;
}

// ---- geometry (one user space: 960 x 420) ------------------------------------------------------

export const SCENE_W = 960;
export const SCENE_H = 420;
const HOST_W = 320;
const HOST_H = 170;
const HOST_Y = 128;
const HOST_X = [20, SCENE_W - 20 - HOST_W] as const;
const VM_W = 200;
const VM_H = 62;
const VM_DY = 86;
const OFF_SLOT = { x: (SCENE_W - VM_W) / 2, y: 248 } as const;
const LINK_Y = HOST_Y + HOST_H / 2 - 2;
const PIPE_X1 = HOST_X[0] + HOST_W + 14;
const PIPE_X2 = HOST_X[1] - 14;
const PIPE_H = 16;
const SWITCH = { x: 310, y: 8, w: 340 } as const;
const SWITCH_ROWS_MAX = 3;
const CSV = { x: 345, y: 324, w: 270, h: 88, ry: 7 } as const;
const RX = CSV.w / 2;
/** The CSV as a flat cylinder: body, then the front edge of its top. */
const CYLINDER = `M${CSV.x},${CSV.y + CSV.ry} A${RX},${CSV.ry} 0 0 1 ${CSV.x + CSV.w},${CSV.y + CSV.ry} V${CSV.y + CSV.h - CSV.ry} A${RX},${CSV.ry} 0 0 1 ${CSV.x},${CSV.y + CSV.h - CSV.ry} Z`;
const CYLINDER_RIM = `M${CSV.x},${CSV.y + CSV.ry} A${RX},${CSV.ry} 0 0 0 ${CSV.x + CSV.w},${CSV.y + CSV.ry}`;
const PACKET_W = 14;
const PACKET_H = 8;

const STATUS_TEXT: Record<VmStatus, string> = {
  running: 'Running',
  paused: 'Paused',
  starting: 'Starting',
  off: 'Off',
};

const ROLE_TEXT: Record<HostRole, string> = {
  source: 'Source node',
  destination: 'Destination node',
};

/** Offsets (0..1 along the pipe) of the packets in flight: (phase * speed + i / n) mod 1. */
export function packetOffsets(phase: number, utilisation: number): number[] {
  const u = Math.min(1, Math.max(0, Number.isFinite(utilisation) ? utilisation : 0));
  const n = 1 + Math.round(u * 5);
  const speed = 0.4 + 0.8 * u;
  const base = Number.isFinite(phase) ? phase * speed : 0;
  return Array.from({ length: n }, (_, i) => {
    const f = (base + i / n) % 1;
    return f < 0 ? f + 1 : f;
  });
}

function slotOf(hostIndex: number): { x: number; y: number } {
  return { x: (HOST_X[hostIndex] ?? 0) + (HOST_W - VM_W) / 2, y: HOST_Y + VM_DY };
}

function pct(x: number): number {
  return Math.round(Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0)) * 100);
}

const lineOf = d3line<readonly [number, number]>()
  .x((p) => p[0])
  .y((p) => p[1]);

function pathOf(points: readonly (readonly [number, number])[]): string {
  return lineOf(points) ?? '';
}

// ---- parts ---------------------------------------------------------------------------------------

function HostBox({ host, index }: { host: SceneHost; index: number }) {
  const x = HOST_X[index] ?? 0;
  return (
    <g className="scn-host" data-role={host.role} data-up={host.up} data-host={host.id}>
      <title>{`${host.name}, ${ROLE_TEXT[host.role].toLowerCase()}, ${host.os}, ${host.up ? 'up' : 'down'}`}</title>
      <rect className="scn-host-box" x={x} y={HOST_Y} width={HOST_W} height={HOST_H} rx={10} />
      {host.up ? null : (
        <path
          className="scn-host-cross"
          d={`M${x + 8},${HOST_Y + 8} L${x + HOST_W - 8},${HOST_Y + HOST_H - 8} M${x + HOST_W - 8},${HOST_Y + 8} L${x + 8},${HOST_Y + HOST_H - 8}`}
        />
      )}
      <text className="scn-host-name" x={x + 16} y={HOST_Y + 28}>
        {host.name}
      </text>
      <text className="scn-host-role" x={x + 16} y={HOST_Y + 48}>
        {ROLE_TEXT[host.role]}
      </text>
      <text className="scn-host-os" x={x + 16} y={HOST_Y + 66}>
        {host.os}
      </text>
      {host.up ? null : (
        <text className="scn-host-down" x={x + HOST_W - 16} y={HOST_Y + 30} textAnchor="end">
          Down
        </text>
      )}
    </g>
  );
}

function Shell({ hostIndex, fill, vmName }: { hostIndex: number; fill: number; vmName: string }) {
  const { x, y } = slotOf(hostIndex);
  const p = pct(fill);
  return (
    <g className="scn-shell" data-fill={p}>
      <title>{`Shell of ${vmName}: ${p}% of its memory received`}</title>
      <rect className="scn-shell-fill" x={x} y={y} width={(VM_W * p) / 100} height={VM_H} rx={6} />
      <rect className="scn-shell-outline" x={x} y={y} width={VM_W} height={VM_H} rx={6} />
      <text className="scn-shell-text" x={x + VM_W / 2} y={y + VM_H / 2 + 4} textAnchor="middle">
        {`Shell \u00b7 ${p}% of memory`}
      </text>
    </g>
  );
}

function VmCard({
  vm,
  slot,
  animate,
}: {
  vm: SceneVm;
  slot: { x: number; y: number };
  animate: boolean;
}) {
  const status = STATUS_TEXT[vm.status];
  return (
    <motion.g
      className="scn-vm"
      data-status={vm.status}
      data-host={vm.host ?? 'none'}
      initial={false}
      animate={{ x: slot.x, y: slot.y }}
      transition={animate ? { type: 'spring', stiffness: 120, damping: 20 } : { duration: 0 }}
    >
      <title>{`${vm.name}: ${status.toLowerCase()}`}</title>
      <rect className="scn-vm-box" x={0} y={0} width={VM_W} height={VM_H} rx={8} />
      <text className="scn-vm-name" x={14} y={25}>
        {vm.name}
      </text>
      <circle className="scn-vm-dot" cx={19} cy={43} r={5} />
      <text className="scn-vm-status" x={30} y={47}>
        {status}
      </text>
      <text className="scn-vm-kind" x={VM_W - 12} y={25} textAnchor="end">
        VM
      </text>
    </motion.g>
  );
}

function Link({ link, animate }: { link: SceneLink; animate: boolean }) {
  const len = PIPE_X2 - PIPE_X1;
  const cx = (PIPE_X1 + PIPE_X2) / 2;
  const top = LINK_Y - PIPE_H / 2;
  const flowing = link.up && link.active && link.direction === 'forward';
  const u = pct(link.utilisation);
  const moving = flowing && animate;
  const offsets = moving ? packetOffsets(link.phase, link.utilisation) : [];
  const state = !link.up ? 'cut' : flowing ? 'active' : 'idle';
  return (
    <g className="scn-link" data-state={state} data-paused={link.paused || undefined}>
      <title>
        {!link.up
          ? `${link.label}: cut`
          : flowing
            ? `${link.label}: ${link.rateText}, ${u}% of the line rate, towards the destination`
            : `${link.label}: ${link.rateText}`}
      </title>
      <rect
        className="scn-pipe"
        x={PIPE_X1}
        y={top}
        width={len}
        height={PIPE_H}
        rx={PIPE_H / 2}
        style={flowing ? { fillOpacity: 0.15 + 0.45 * (u / 100) } : undefined}
      />
      {offsets.map((f, i) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: packets are interchangeable slots
          key={i}
          className="scn-packet"
          x={PIPE_X1 + 6 + f * (len - 12 - PACKET_W)}
          y={LINK_Y - PACKET_H / 2}
          width={PACKET_W}
          height={PACKET_H}
          rx={2}
        />
      ))}
      {flowing ? (
        <path className="scn-link-arrow" d={`M${PIPE_X2 - 2},${LINK_Y} l-12,-9 v18 z`} />
      ) : null}
      {!link.up ? (
        <>
          <path
            className="scn-link-cut-mark"
            d={`M${cx - 10},${LINK_Y - 12} l20,24 M${cx + 10},${LINK_Y - 12} l-20,24`}
          />
          <text className="scn-link-cut" x={cx} y={top - 8} textAnchor="middle">
            Cut
          </text>
        </>
      ) : (
        <text className="scn-link-rate" x={cx} y={top - 8} textAnchor="middle">
          {flowing ? `${link.rateText} \u2192` : link.rateText}
        </text>
      )}
      <text className="scn-link-label" x={cx} y={top + PIPE_H + 18} textAnchor="middle">
        {link.label}
      </text>
    </g>
  );
}

function SwitchBox({ rows, animate }: { rows: readonly SceneSwitchRow[]; animate: boolean }) {
  const shown = rows.slice(0, SWITCH_ROWS_MAX);
  const more = rows.length - shown.length;
  const h = 48 + Math.max(1, shown.length) * 18 + (more > 0 ? 16 : 0) + 6;
  const { x, y, w } = SWITCH;
  const col = { mac: x + 12, port: x + 156, host: x + 198, note: x + w - 12 };
  const midY = y + 36;
  return (
    <g className="scn-switch">
      <path
        className="scn-uplink"
        d={`${pathOf([
          [x, midY],
          [HOST_X[0] + HOST_W / 2, midY],
          [HOST_X[0] + HOST_W / 2, HOST_Y],
        ])} ${pathOf([
          [x + w, midY],
          [HOST_X[1] + HOST_W / 2, midY],
          [HOST_X[1] + HOST_W / 2, HOST_Y],
        ])}`}
      />
      <rect className="scn-switch-box" x={x} y={y} width={w} height={h} rx={8} />
      <text className="scn-switch-title" x={x + 12} y={y + 20}>
        Physical switch · MAC table
      </text>
      <g className="scn-mac-head">
        <text className="scn-mac-head-cell" x={col.mac} y={y + 40}>
          MAC
        </text>
        <text className="scn-mac-head-cell" x={col.port} y={y + 40}>
          Port
        </text>
        <text className="scn-mac-head-cell" x={col.host} y={y + 40}>
          Host
        </text>
      </g>
      {shown.length === 0 ? (
        <text className="scn-mac-empty" x={col.mac} y={y + 58}>
          (empty)
        </text>
      ) : null}
      {shown.map((r, i) => {
        const ry = y + 46 + i * 18;
        return (
          <g key={r.mac} className="scn-mac-row" data-changed={r.changed || undefined}>
            <title>{`${r.mac} on port ${r.port} (${r.hostName})${r.changed ? ', just updated' : ''}`}</title>
            <motion.rect
              className="scn-mac-highlight"
              x={x + 6}
              y={ry}
              width={w - 12}
              height={18}
              rx={3}
              initial={false}
              animate={{ opacity: r.changed ? 1 : 0 }}
              transition={animate ? { duration: 0.8 } : { duration: 0 }}
            />
            <text className="scn-mac-cell scn-mac-mac" x={col.mac} y={ry + 13}>
              {r.mac}
            </text>
            <text className="scn-mac-cell" x={col.port} y={ry + 13}>
              {r.port}
            </text>
            <text className="scn-mac-cell" x={col.host} y={ry + 13}>
              {r.hostName}
            </text>
            {r.changed ? (
              <text className="scn-mac-note" x={col.note} y={ry + 13} textAnchor="end">
                updated
              </text>
            ) : null}
          </g>
        );
      })}
      {more > 0 ? (
        <text className="scn-mac-more" x={col.mac} y={y + 46 + shown.length * 18 + 13}>
          {`+${more} more`}
        </text>
      ) : null}
    </g>
  );
}

function Storage({ storage, hosts }: { storage: SceneStorage; hosts: readonly SceneHost[] }) {
  const nameOf = (id: string | null) =>
    id === null ? 'none' : (hosts.find((h) => h.id === id)?.name ?? id);
  const pathY = CSV.y + CSV.h / 2;
  return (
    <g className="scn-storage" data-online={storage.online}>
      {hosts.slice(0, 2).map((h, i) => {
        const up = storage.paths[h.id] !== false;
        const hx = (HOST_X[i] ?? 0) + HOST_W / 2;
        const edge = i === 0 ? CSV.x : CSV.x + CSV.w;
        const mid = (hx + edge) / 2;
        const dir = i === 0 ? 1 : -1;
        const d = up
          ? pathOf([
              [hx, HOST_Y + HOST_H],
              [hx, pathY],
              [edge, pathY],
            ])
          : `${pathOf([
              [hx, HOST_Y + HOST_H],
              [hx, pathY],
              [mid - dir * 10, pathY],
            ])} ${pathOf([
              [mid + dir * 10, pathY],
              [edge, pathY],
            ])}`;
        return (
          <g key={h.id} className="scn-path" data-up={up} data-host={h.id}>
            <title>{`${h.name} to ${storage.name}: ${up ? 'direct path up' : 'path lost, I/O redirected over the network'}`}</title>
            <path className="scn-path-line" d={d} />
            {up ? null : (
              <text className="scn-path-redirected" x={mid} y={pathY - 8} textAnchor="middle">
                redirected
              </text>
            )}
          </g>
        );
      })}
      <path className="scn-csv-box" d={CYLINDER} />
      <path className="scn-csv-top" d={CYLINDER_RIM} />
      <text className="scn-csv-name" x={CSV.x + 16} y={CSV.y + 32}>
        {`${storage.name} \u00b7 Cluster Shared Volume`}
      </text>
      <text className="scn-csv-line" x={CSV.x + 16} y={CSV.y + 52}>
        {`control: ${nameOf(storage.controllerHost)}`}
      </text>
      <text className="scn-csv-line" x={CSV.x + 16} y={CSV.y + 70}>
        {`coordinator: ${nameOf(storage.coordinatorHost)}`}
      </text>
      {storage.online ? null : (
        <text className="scn-csv-offline" x={CSV.x + CSV.w - 16} y={CSV.y + 70} textAnchor="end">
          Offline
        </text>
      )}
    </g>
  );
}

// ---- the picture -----------------------------------------------------------------------------------

/**
 * The live migration picture: two cluster nodes, the VM (and its shell on the destination), the
 * live migration network between them, the CSV below and the physical switch above.
 */
export function MigrationScene({
  summary,
  hosts,
  vm,
  link,
  storage,
  switchTable,
  animate,
}: MigrationSceneProps) {
  const ordered = [
    hosts.find((h) => h.role === 'source') ?? hosts[0],
    hosts.find((h) => h.role === 'destination') ?? hosts[1],
  ].filter((h): h is SceneHost => h !== undefined);
  const indexOf = (id: string | null) => (id === null ? -1 : ordered.findIndex((h) => h.id === id));
  const vmIndex = indexOf(vm.host);
  const shellIndex = indexOf(vm.shellOn);
  const slot = vmIndex >= 0 ? slotOf(vmIndex) : OFF_SLOT;

  return (
    <svg
      className="scn-scene"
      viewBox={`0 0 ${SCENE_W} ${SCENE_H}`}
      role="img"
      aria-label={summary}
      preserveAspectRatio="xMidYMid meet"
      data-animate={animate}
    >
      <rect className="scn-scene-bg" x={0} y={0} width={SCENE_W} height={SCENE_H} rx={8} />
      <SwitchBox rows={switchTable} animate={animate} />
      <Storage storage={storage} hosts={ordered} />
      {ordered.map((h, i) => (
        <HostBox key={h.id} host={h} index={i} />
      ))}
      <Link link={link} animate={animate} />
      {shellIndex >= 0 ? (
        <Shell hostIndex={shellIndex} fill={vm.shellFill} vmName={vm.name} />
      ) : null}
      <VmCard vm={vm} slot={slot} animate={animate} />
    </svg>
  );
}
