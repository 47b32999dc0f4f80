import { Host, Link, StorageBox } from './parts';

export type HostsSceneVmStatus = 'running' | 'paused' | 'shell' | 'saved' | 'off';

export interface HostsSceneVm {
  name: string;
  status: HostsSceneVmStatus;
  /** For a shell being filled: how much of the memory it holds, 0..1. */
  fill?: number;
}

export interface HostsSceneHost {
  id: string;
  name: string;
  /** e.g. "Windows Server 2012". */
  os: string;
  /** The host runs the newer version (drawn in the accent colour). */
  newer: boolean;
  state: 'up' | 'down' | 'upgrading';
  /** Progress of an upgrade, 0..1. */
  progress?: number;
  vms: readonly HostsSceneVm[];
}

export interface HostsSceneProps {
  hosts: readonly HostsSceneHost[];
  /** The live migration network. */
  network: { up: boolean; active: boolean };
  /** The SMB 3 share holding every VM's files. */
  share: string;
  /** The picture's text equivalent. */
  summary: string;
}

const W = 720;
const HOST_H = 200;
const TOP = 10;

const STATUS_TEXT: Record<HostsSceneVmStatus, string> = {
  running: 'running',
  paused: 'paused',
  shell: 'shell',
  saved: 'saved',
  off: 'off',
};

/** Hosts side by side with their OS version and VMs, the migration network and the share below. */
export function HostsScene({ hosts, network, share, summary }: HostsSceneProps) {
  const n = Math.max(1, hosts.length);
  const colW = (W - 20) / n;
  const boxW = Math.min(220, colW - 16);
  const netY = TOP + HOST_H + 26;
  const h = netY + 70;
  return (
    <svg className="scn-hosts" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={summary}>
      <rect className="scn-scene-bg" x={0} y={0} width={W} height={h} rx={6} />
      {hosts.map((host, i) => {
        const x = 10 + i * colW + (colW - boxW) / 2;
        return (
          <Host
            key={host.id}
            className="scn-hosts-host"
            prefix="scn-hosts"
            box={{ x, y: TOP, width: boxW, height: HOST_H }}
            rx={6}
            padX={10}
            lines={[
              { text: host.name, className: 'scn-hosts-name', dy: 22 },
              { text: host.os, className: 'scn-hosts-os', dy: 40 },
            ]}
            data={{ 'data-state': host.state, 'data-newer': host.newer }}
          >
            <line
              className="scn-hosts-drop"
              x1={x + boxW / 2}
              x2={x + boxW / 2}
              y1={TOP + HOST_H}
              y2={netY}
            />
            {host.state !== 'up' ? (
              <g>
                <text x={x + 10} y={TOP + 60} className="scn-hosts-badge">
                  {host.state === 'down'
                    ? 'Down'
                    : `Upgrading (${Math.round((host.progress ?? 0) * 100)}%)`}
                </text>
                {host.state === 'upgrading' ? (
                  <>
                    <rect
                      className="scn-hosts-track"
                      x={x + 10}
                      y={TOP + 66}
                      width={boxW - 20}
                      height={6}
                    />
                    <rect
                      className="scn-hosts-progress"
                      x={x + 10}
                      y={TOP + 66}
                      height={6}
                      width={(boxW - 20) * (host.progress ?? 0)}
                    />
                  </>
                ) : null}
              </g>
            ) : null}
            {host.vms.map((vm, j) => {
              const y = TOP + 80 + j * 36;
              return (
                <g key={vm.name} className="scn-hosts-vm" data-status={vm.status}>
                  <rect
                    className="scn-hosts-chip"
                    x={x + 10}
                    y={y}
                    width={boxW - 20}
                    height={28}
                    rx={4}
                  />
                  {vm.status === 'shell' ? (
                    <rect
                      className="scn-hosts-fill"
                      x={x + 10}
                      y={y}
                      height={28}
                      rx={4}
                      width={(boxW - 20) * Math.min(1, Math.max(0, vm.fill ?? 0))}
                    />
                  ) : null}
                  <text x={x + 18} y={y + 19}>
                    {vm.name} · {STATUS_TEXT[vm.status]}
                  </text>
                </g>
              );
            })}
          </Host>
        );
      })}
      <Link
        className="scn-hosts-net"
        at={{ x1: 20, x2: W - 20, y: netY }}
        label={{ text: `Live migration network${network.up ? '' : ' (cut)'}`, x: 20, y: netY + 18 }}
        up={network.up}
        active={network.active}
      />
      <StorageBox
        className="scn-hosts-share"
        shape="rect"
        box={{ x: W / 2 - 130, y: netY + 28, width: 260, height: 32 }}
        r={4}
        padX={0}
        lines={[{ text: `${share} (SMB 3 share: every VM's files)`, dy: 21, align: 'middle' }]}
      />
    </svg>
  );
}
