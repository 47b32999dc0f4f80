/**
 * The guest cluster picture: two Hyper-V hosts with their guest nodes (the one running the
 * service marked), the storage the shared VHDX lives on (a Cluster Shared Volume, or a Scale-Out
 * File Server's two nodes behind the SMB 3 network), and the path the service's I/O takes now.
 * Pure props in; a guest node's chip glides to the host it restarts on (not when `animate` is false).
 */
import { Host, Link, SceneSvg, StorageBox, stackOnHosts, VmChip } from '../../views/scene/parts';
import type { SvSceneData } from './selectors';

export interface SvSceneProps extends SvSceneData {
  animate: boolean;
  compact?: boolean;
}

export const SV_SCENE_W = 960;
export const SV_SCENE_H = 392;
const HOST = { y: 18, w: 380, h: 140 };
const HOST_X = [40, 540] as const;
const CHIP = { w: 348, h: 26, y0: 76, dy: 32 };
const NET_Y = 196;
const FS = { y: 224, w: 240, h: 54 };
const FS_X = [180, 540] as const;
const VHDX = { x: 280, y: 318, width: 400, height: 58 };
const VOL = { x: 200, y: 250, width: 560, height: 70 };
/** The shared VHDX's box: its own under the file server nodes (SOFS), or the volume it is on (CSV). */
const VHDX_BOX = {
  sofs: { box: VHDX, r: 10, dy: [24, 44] },
  csv: { box: VOL, r: 12, dy: [26, 48] },
} as const;

const hostMid = (i: number) => (HOST_X[i] ?? 0) + HOST.w / 2;
const fsMid = (i: number) => (FS_X[i] ?? 0) + FS.w / 2;
const hostBottom = HOST.y + HOST.h;
/** Where file server node i's path lands on the VHDX (SOFS), and host i's on the volume (CSV). */
const vhdxX = (i: number) => VHDX.x + VHDX.width / 2 + (i === 0 ? -60 : 60);
const volX = (i: number) => VOL.x + VOL.width / 2 + (i === 0 ? -80 : 80);

function chipPos(hostIndex: number, slot: number) {
  return { x: (HOST_X[hostIndex] ?? 0) + 16, y: CHIP.y0 + slot * CHIP.dy };
}

export function SvScene(props: SvSceneProps) {
  const { hosts, fileServers, guests, io, standbyHosts, storage, animate, compact } = props;
  const placed = stackOnHosts(guests, hosts, chipPos);
  const hi = hosts.findIndex((h) => h.id === io.host);
  const fi = fileServers.findIndex((f) => f.id === io.fileServer);
  const sofs = storage === 'sofs';
  const vhdxAt = VHDX_BOX[storage];
  const ioPath =
    hi < 0 || io.state === 'none'
      ? null
      : sofs
        ? fi < 0
          ? null
          : `M${hostMid(hi)},${hostBottom} V${NET_Y} H${fsMid(fi)} V${FS.y} M${fsMid(fi)},${FS.y + FS.h} L${vhdxX(fi)},${VHDX.y}`
        : `M${hostMid(hi)},${hostBottom} L${volX(hi)},${VOL.y}`;
  // Each host that is up drops to the SMB network (SOFS); on a CSV only a standby host's own path
  // to the volume is drawn, as the service's host shows the I/O path instead.
  const hostDrops = hosts.map((h, i) =>
    h.up && (sofs || (standbyHosts.includes(h.id) && h.id !== io.host)) ? (
      <line
        key={h.id}
        className="sv-drop"
        x1={hostMid(i)}
        x2={sofs ? hostMid(i) : volX(i)}
        y1={hostBottom}
        y2={sofs ? NET_Y : VOL.y}
      />
    ) : null,
  );
  return (
    <figure className="card sv-figure">
      <SceneSvg prefix="sv" width={SV_SCENE_W} height={SV_SCENE_H} summary={props.summary}>
        {/* the guest cluster's heartbeat between the two guest nodes */}
        <line className="sv-heartbeat" x1={HOST_X[0] + HOST.w} x2={HOST_X[1]} y1={100} y2={100} />
        {compact ? null : (
          <text className="sv-sub" x={480} y={90} textAnchor="middle">
            guest cluster
          </text>
        )}
        {sofs ? (
          <>
            <Link
              className="sv-net"
              at={{ x1: HOST_X[0], x2: HOST_X[1] + HOST.w, y: NET_Y }}
              up
              active={io.state === 'flowing'}
              {...(compact
                ? {}
                : { label: { text: props.network, x: HOST_X[0] + 4, y: NET_Y - 8 } })}
            />
            {hostDrops}
            {fileServers.map((f, i) => (
              <g key={f.id}>
                {f.up ? (
                  <>
                    <line className="sv-drop" x1={fsMid(i)} x2={fsMid(i)} y1={NET_Y} y2={FS.y} />
                    <line
                      className="sv-drop"
                      x1={fsMid(i)}
                      x2={vhdxX(i)}
                      y1={FS.y + FS.h}
                      y2={VHDX.y}
                    />
                  </>
                ) : null}
                <Host
                  className="sv-fs"
                  box={{ x: FS_X[i] ?? 0, y: FS.y, width: FS.w, height: FS.h }}
                  up={f.up}
                  title={`File server node ${f.name}, ${f.up ? 'up' : 'down'}`}
                  lines={[
                    { text: f.name, className: 'sv-title', dy: 24 },
                    {
                      text: f.up ? 'Scale-Out File Server node' : 'Down',
                      className: 'sv-sub',
                      dy: 44,
                    },
                  ]}
                  padX={12}
                  data={{ 'data-up': f.up }}
                />
              </g>
            ))}
          </>
        ) : (
          hostDrops
        )}
        <StorageBox
          className="sv-vhdx"
          shape="rect"
          box={vhdxAt.box}
          r={vhdxAt.r}
          padX={14}
          lines={[
            { text: props.vhdx.name, className: 'sv-title', dy: vhdxAt.dy[0] },
            { text: props.vhdx.caption, className: 'sv-sub', dy: vhdxAt.dy[1] },
          ]}
        />
        {ioPath ? <path className="sv-io" data-state={io.state} d={ioPath} /> : null}
        {hosts.map((h, i) => (
          <Host
            key={h.id}
            className="sv-host"
            box={{ x: HOST_X[i] ?? 0, y: HOST.y, width: HOST.w, height: HOST.h }}
            up={h.up}
            crossInset={6}
            title={`${h.name}, ${h.up ? h.note : 'down'}`}
            lines={[
              { text: h.name, className: 'sv-title', dy: 26 },
              { text: h.up ? h.note : 'Down', className: 'sv-sub', dy: 46 },
            ]}
            padX={12}
            data={{ 'data-up': h.up }}
          />
        ))}
        {placed.map(({ card, pos }) => (
          <VmChip
            key={card.id}
            className="sv-guest"
            name={card.name}
            kind={card.kind}
            label={() => card.label}
            box={{ ...pos, width: CHIP.w, height: CHIP.h }}
            dot={{ cx: 11, r: 5 }}
            textX={22}
            textDy={4}
            animate={animate}
          />
        ))}
      </SceneSvg>
    </figure>
  );
}
