/**
 * The Storage QoS picture: the host with each VM's disk as a lane (what the VM issues, its count
 * in normalized IOPS, the host's throttle queue, what reaches the volume) and the shared volume
 * with its capacity filled by each disk's share. Pure props in; the I/Os moving along a lane are
 * placed by sim time (`packetOffsets`), so they hold still when paused and are not drawn at all
 * when `animate` is false.
 */
import { formatCount, formatIoSize } from '../../model/storageQos';
import { packetOffsets, SceneSvg, StorageBox } from '../../views/scene/parts';
import type { QosLane, QosSceneData } from './selectors';
import { limitText, normalizedText } from './selectors';

export interface QosSceneProps extends QosSceneData {
  animate: boolean;
  /** The overview's miniature: no small print. */
  compact?: boolean;
}

export const QOS_SCENE_W = 960;
const LANE_Y0 = 58;
const LANE_H = 54;
const LANE_DY = 66;
const HOST = { x: 10, y: 10, w: 650 };
const VM = { x: 24, w: 150 };
const NORM = { x: 184, w: 100 };
const GATE_X = 470;
const SQUARE = 12;
const SQUARES = 8;
const PIPE = { x1: 484, x2: 696 };
const PIPE_MAX_H = 26;
const VOL = { x: 704, w: 244, y: 24 };
const BAR = { x: 786, w: 80 };

const n = formatCount;

function sceneHeight(lanes: number): number {
  return LANE_Y0 + lanes * LANE_DY + 10;
}

/** Squares drawn in the throttle queue: the share of the disk's I/O that waits, in eighths. */
export function queueSquares(l: Pick<QosLane, 'throttled' | 'offered'>): number {
  if (l.throttled <= 0 || l.offered <= 0) return 0;
  return Math.max(1, Math.round((SQUARES * l.throttled) / l.offered));
}

function Lane({
  lane,
  index,
  capacity,
  flowing,
  now,
  animate,
  compact,
}: {
  lane: QosLane;
  index: number;
  capacity: number;
  flowing: boolean;
  now: number;
  animate: boolean;
  compact: boolean;
}) {
  const y = LANE_Y0 + index * LANE_DY;
  const mid = y + LANE_H / 2;
  const share = capacity > 0 ? lane.served / capacity : 0;
  const pipeH = 4 + PIPE_MAX_H * Math.min(1, share);
  const squares = queueSquares(lane);
  const moving = flowing && animate && lane.served > 0;
  const offsets = moving ? packetOffsets(now, Math.min(1, share * 2)) : [];
  const len = PIPE.x2 - PIPE.x1;
  return (
    <g
      className={`qos-lane qos-lane-${index % 4}`}
      data-status={lane.status}
      data-noisy={lane.noisy}
      data-state={lane.state}
    >
      <title>
        {`${lane.name}: ${n(lane.offeredIops)} IOPS of ${formatIoSize(lane.ioSizeKiB)} = ${n(lane.offered)} normalized IOPS; ${normalizedText(lane)} served; maximum ${limitText(lane.maxIops)}, minimum ${limitText(lane.minIops)}; ${lane.status}`}
      </title>
      {/* the VM and what it issues */}
      <rect className="qos-vm-box" x={VM.x} y={y} width={VM.w} height={LANE_H} rx={6} />
      <circle className="qos-vm-dot" cx={VM.x + 12} cy={y + 16} r={4} />
      <text className="qos-vm-name" x={VM.x + 22} y={y + 21}>
        {lane.noisy ? `${lane.name} (noisy)` : lane.name}
      </text>
      <text className="qos-sub" x={VM.x + 10} y={y + 42}>
        {lane.state === 'paused'
          ? 'paused'
          : `${n(lane.offeredIops)} IOPS × ${formatIoSize(lane.ioSizeKiB)}`}
      </text>
      {/* the host's count in 8 KB units */}
      <rect className="qos-norm-box" x={NORM.x} y={y} width={NORM.w} height={LANE_H} rx={6} />
      <text className="qos-norm" x={NORM.x + 10} y={y + 21}>
        {`× ${lane.perIo} = ${n(lane.offered)}`}
      </text>
      {compact ? null : (
        <text className="qos-sub" x={NORM.x + 10} y={y + 42}>
          normalized IOPS
        </text>
      )}
      {/* the throttle queue and the gate of the maximum */}
      {Array.from({ length: squares }, (_, k) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: queue slots are interchangeable
          key={k}
          className="qos-wait"
          x={GATE_X - 8 - (k + 1) * (SQUARE + 2)}
          y={y + 6}
          width={SQUARE}
          height={SQUARE}
          rx={2}
        />
      ))}
      <line
        className="qos-gate"
        data-limited={lane.maxIops > 0}
        x1={GATE_X}
        x2={GATE_X}
        y1={y + 2}
        y2={y + LANE_H - 2}
      />
      {compact ? null : (
        <>
          <text className="qos-sub" x={GATE_X - 8} y={y + 34} textAnchor="end">
            {lane.throttled > 0 ? `${n(lane.throttled)} wait` : 'no wait'}
          </text>
          <text className="qos-sub" x={GATE_X - 8} y={y + 50} textAnchor="end">
            {`max ${lane.maxIops > 0 ? n(lane.maxIops) : 'none'} \u00b7 min ${lane.minIops > 0 ? n(lane.minIops) : 'none'}`}
          </text>
        </>
      )}
      {/* what reaches the volume */}
      <rect
        className="qos-pipe"
        x={PIPE.x1}
        y={mid - pipeH / 2}
        width={len}
        height={pipeH}
        rx={pipeH / 2}
      />
      {offsets.map((f, k) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: I/Os in flight are interchangeable
          key={k}
          className="qos-io"
          x={PIPE.x1 + 4 + f * (len - 16)}
          y={mid - 4}
          width={8}
          height={8}
          rx={2}
        />
      ))}
      <text className="qos-served" x={PIPE.x1 + 4} y={mid - pipeH / 2 - 6}>
        {n(lane.served)}
      </text>
      <text className="qos-status" x={PIPE.x2 - 6} y={mid - pipeH / 2 - 6} textAnchor="end">
        {lane.status}
      </text>
    </g>
  );
}

export function QosScene(props: QosSceneProps) {
  const { lanes, volume, animate, compact = false } = props;
  const H = sceneHeight(lanes.length);
  const volH = H - VOL.y - 14;
  const barTop = VOL.y + 92;
  const barH = volH - 110;
  let acc = 0;
  const segments = lanes.map((l, i) => {
    const h = volume.capacity > 0 ? (barH * l.served) / volume.capacity : 0;
    acc += h;
    return { key: l.vm, i, y: barTop + barH - acc, h, name: l.name };
  });
  return (
    <SceneSvg prefix="qos" width={QOS_SCENE_W} height={H} summary={props.summary}>
      <rect className="qos-host-box" x={HOST.x} y={HOST.y} width={HOST.w} height={H - 20} rx={10} />
      <text className="qos-title" x={HOST.x + 14} y={HOST.y + 26}>
        {props.host}
      </text>
      {compact ? null : (
        <>
          <text className="qos-sub" x={NORM.x} y={HOST.y + 26}>
            counts 8 KB units
          </text>
          <text className="qos-sub" x={GATE_X} y={HOST.y + 26} textAnchor="end">
            throttle queue | maximum
          </text>
          <text className="qos-sub" x={PIPE.x1 + 4} y={HOST.y + 26}>
            served (normalized IOPS)
          </text>
        </>
      )}
      {lanes.map((l, i) => (
        <Lane
          key={l.vm}
          lane={l}
          index={i}
          capacity={volume.capacity}
          flowing={props.flowing}
          now={props.now}
          animate={animate}
          compact={compact}
        />
      ))}
      <StorageBox
        className="qos-volume"
        shape="cylinder"
        box={{ x: VOL.x, y: VOL.y, width: VOL.w, height: volH }}
        r={14}
        padX={16}
        lines={[
          { text: volume.name, className: 'qos-title', dy: 46 },
          {
            text: volume.online ? `${volume.load}% of ${n(volume.capacity)}` : 'Failed',
            className: 'qos-sub',
            dy: 68,
          },
        ]}
        data={{ 'data-online': volume.online }}
      />
      <rect className="qos-bar" x={BAR.x} y={barTop} width={BAR.w} height={barH} rx={4} />
      {segments.map((s) => (
        <rect
          key={s.key}
          className={`qos-seg qos-seg-${s.i % 4}`}
          x={BAR.x}
          y={s.y}
          width={BAR.w}
          height={Math.max(0, s.h)}
        />
      ))}
      {compact ? null : (
        <text className="qos-sub" x={BAR.x + BAR.w / 2} y={barTop + barH + 16} textAnchor="middle">
          {`${n(volume.served)} served`}
        </text>
      )}
    </SceneSvg>
  );
}
