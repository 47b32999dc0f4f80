import { memo } from 'react';
import { hostPair } from './migrationLayout';
import {
  Host,
  PipeLink,
  type PipeLinkState,
  pathOf,
  percent,
  StorageBox,
  SwitchBox,
  type SwitchRow,
  sameData,
  VmCard,
} from './parts';

export { packetOffsets } from './parts';

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

/** The live migration network: a pipe with its rate, packets moving while memory crosses it. */
export type SceneLink = PipeLinkState;

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

/** One MAC table entry of the physical switch. */
export type SceneSwitchRow = SwitchRow;

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
const HOST = hostPair(SCENE_W, { y: 128, width: 320, height: 170 });
const VM_W = 200;
const VM_H = 62;
const VM_DY = 86;
const OFF_SLOT = { x: (SCENE_W - VM_W) / 2, y: 248 } as const;
const LINK_Y = HOST.y + HOST.height / 2 - 2;
const PIPE_X1 = HOST.x[0] + HOST.width + 14;
const PIPE_X2 = HOST.x[1] - 14;
const SWITCH = { x: 240, y: 8, w: 480 } as const;
const CSV = { x: 345, y: 324, w: 270, h: 88, ry: 7 } as const;
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

function slotOf(hostIndex: number): { x: number; y: number } {
  return { x: (HOST.x[hostIndex] ?? 0) + (HOST.width - VM_W) / 2, y: HOST.y + VM_DY };
}

// ---- parts ---------------------------------------------------------------------------------------

const HostBox = memo(function HostBox({ host, index }: { host: SceneHost; index: number }) {
  const x = HOST.x[index] ?? 0;
  return (
    <Host
      className="scn-host"
      box={{ x, y: HOST.y, width: HOST.width, height: HOST.height }}
      title={`${host.name}, ${ROLE_TEXT[host.role].toLowerCase()}, ${host.os}, ${host.up ? 'up' : 'down'}`}
      up={host.up}
      padX={16}
      lines={[
        { text: host.name, className: 'scn-host-name', dy: 28 },
        { text: ROLE_TEXT[host.role], className: 'scn-host-role', dy: 48 },
        { text: host.os, className: 'scn-host-os', dy: 66 },
      ]}
      data={{ 'data-role': host.role, 'data-up': host.up, 'data-host': host.id }}
    >
      {host.up ? null : (
        <text className="scn-host-down" x={x + HOST.width - 16} y={HOST.y + 30} textAnchor="end">
          Down
        </text>
      )}
    </Host>
  );
}, sameData);

const Shell = memo(function Shell({
  hostIndex,
  p,
  vmName,
}: {
  hostIndex: number;
  /** The memory received, in whole percent (what it shows; a finer fill would render it again). */
  p: number;
  vmName: string;
}) {
  const { x, y } = slotOf(hostIndex);
  return (
    <VmCard
      className="scn-shell"
      box={{ x, y, width: VM_W, height: VM_H }}
      rx={6}
      title={`Shell of ${vmName}: ${p}% of its memory received`}
      fillPct={p}
      animate={false}
      data={{ 'data-fill': p }}
    >
      <text className="scn-shell-text" x={VM_W / 2} y={VM_H / 2 - 4} textAnchor="middle">
        Shell
      </text>
      <text className="scn-shell-text" x={VM_W / 2} y={VM_H / 2 + 16} textAnchor="middle">
        {`${p}% of memory`}
      </text>
    </VmCard>
  );
}, sameData);

const VmBox = memo(function VmBox({
  vm,
  slot,
  animate,
}: {
  /** Only what the card shows (the shell's fill, which changes every frame, is not). */
  vm: Pick<SceneVm, 'name' | 'status' | 'host'>;
  slot: { x: number; y: number };
  animate: boolean;
}) {
  const status = STATUS_TEXT[vm.status];
  return (
    <VmCard
      className="scn-vm"
      box={{ x: slot.x, y: slot.y, width: VM_W, height: VM_H }}
      rx={8}
      title={`${vm.name}: ${status.toLowerCase()}`}
      dot={{ cx: 19, cy: 43, r: 5 }}
      move="vmMove"
      animate={animate}
      data={{ 'data-status': vm.status, 'data-host': vm.host ?? 'none' }}
    >
      <text className="scn-vm-name" x={14} y={25}>
        {vm.name}
      </text>
      <text className="scn-vm-status" x={30} y={47}>
        {status}
      </text>
      <text className="scn-vm-kind" x={VM_W - 12} y={25} textAnchor="end">
        VM
      </text>
    </VmCard>
  );
}, sameData);

const Storage = memo(function Storage({
  storage,
  hosts,
}: {
  storage: SceneStorage;
  hosts: readonly SceneHost[];
}) {
  const nameOf = (id: string | null) =>
    id === null ? 'none' : (hosts.find((h) => h.id === id)?.name ?? id);
  const pathY = CSV.y + CSV.h / 2;
  return (
    <g className="scn-storage" data-online={storage.online}>
      {hosts.slice(0, 2).map((h, i) => {
        const up = storage.paths[h.id] !== false;
        const hx = (HOST.x[i] ?? 0) + HOST.width / 2;
        const edge = i === 0 ? CSV.x : CSV.x + CSV.w;
        const mid = (hx + edge) / 2;
        const dir = i === 0 ? 1 : -1;
        const d = up
          ? pathOf([
              [hx, HOST.y + HOST.height],
              [hx, pathY],
              [edge, pathY],
            ])
          : `${pathOf([
              [hx, HOST.y + HOST.height],
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
      <StorageBox
        className="scn-csv"
        shape="cylinder"
        box={{ x: CSV.x, y: CSV.y, width: CSV.w, height: CSV.h }}
        r={CSV.ry}
        padX={16}
        lines={[
          {
            text: `${storage.name} \u00b7 Cluster Shared Volume`,
            className: 'scn-csv-name',
            dy: 32,
          },
          { text: `control: ${nameOf(storage.controllerHost)}`, className: 'scn-csv-line', dy: 52 },
          {
            text: `coordinator: ${nameOf(storage.coordinatorHost)}`,
            className: 'scn-csv-line',
            dy: 70,
          },
        ]}
      >
        {storage.online ? null : (
          <text className="scn-csv-offline" x={CSV.x + CSV.w - 16} y={CSV.y + 70} textAnchor="end">
            Offline
          </text>
        )}
      </StorageBox>
    </g>
  );
}, sameData);

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
      <SwitchBox
        rows={switchTable}
        x={SWITCH.x}
        y={SWITCH.y}
        width={SWITCH.w}
        uplinks={HOST.x.map((x) => ({ x: x + HOST.width / 2, y: HOST.y }))}
        animate={animate}
      />
      <Storage storage={storage} hosts={ordered} />
      {ordered.map((h, i) => (
        <HostBox key={h.id} host={h} index={i} />
      ))}
      <PipeLink link={link} x1={PIPE_X1} x2={PIPE_X2} y={LINK_Y} animate={animate} />
      {shellIndex >= 0 ? (
        <Shell hostIndex={shellIndex} p={percent(vm.shellFill)} vmName={vm.name} />
      ) : null}
      <VmBox
        vm={{ name: vm.name, status: vm.status, host: vm.host }}
        slot={slot}
        animate={animate}
      />
    </svg>
  );
}
