/**
 * The online resize picture: the host, the running VM with its disk on the IDE or SCSI
 * controller, and the disk as a bar of its virtual size: the volume's partition (its data, its
 * free space), the unallocated space after it, the minimum size marked. The space an expansion
 * adds, a shrink cuts or an extension claims is outlined while that step runs. Pure props in;
 * nothing tweens (each change is drawn at once), so `animate` changes nothing here.
 */

import { diskSizeLabel } from '../../model/vdisk';
import { SceneSvg } from '../../views/scene/parts';
import type { ResizeSceneData } from './selectors';

export interface ResizeSceneProps extends ResizeSceneData {
  animate: boolean;
  /** The overview's miniature: no small print. */
  compact?: boolean;
}

export const RESIZE_SCENE_W = 760;
const H = 250;
const HOST = { x: 10, y: 10, w: 740, h: 230 };
const VM = { x: 26, y: 44, w: 708, h: 128 };
const BAR = { x: 46, y: 110, w: 668, h: 30 };
const VOL = { x: 26, y: 184, w: 708, h: 44 };

/**
 * A stretch of the disk bar from x `from` to x `to` (none when `to` is left of `from`);
 * `outlined` draws it 3 px beyond the bar on each side, around the space a step changes.
 */
function BarSpan(p: { className: string; from: number; to: number; outlined?: boolean }) {
  const out = p.outlined ? 3 : 0;
  return (
    <rect
      className={p.className}
      x={p.from}
      y={BAR.y - out}
      width={Math.max(0, p.to - p.from)}
      height={BAR.h + 2 * out}
    />
  );
}

export function ResizeScene(p: ResizeSceneProps) {
  const scale = Math.max(p.virtualBytes, p.beforeBytes);
  const x = (bytes: number) => BAR.x + (BAR.w * Math.max(0, Math.min(bytes, scale))) / scale;
  const volStart = x(p.offsetBytes);
  const volEnd = x(p.offsetBytes + p.volumeBytes);
  const usedEnd = x(p.offsetBytes + p.usedBytes);
  const end = x(p.virtualBytes);
  const minX = x(p.minimumBytes);
  const unallocated = Math.max(0, p.virtualBytes - p.offsetBytes - p.volumeBytes);
  const small = !p.compact;
  return (
    <SceneSvg
      prefix="rs"
      width={RESIZE_SCENE_W}
      height={H}
      summary={p.summary}
      data={{ 'data-animate': p.animate }}
    >
      <rect className="rs-host" x={HOST.x} y={HOST.y} width={HOST.w} height={HOST.h} rx={10} />
      <text className="rs-title" x={HOST.x + 14} y={HOST.y + 24}>
        {`${p.host} · Windows Server 2012 R2`}
      </text>
      <rect
        className="rs-vm"
        data-power={p.power}
        x={VM.x}
        y={VM.y}
        width={VM.w}
        height={VM.h}
        rx={8}
      />
      <text className="rs-title" x={VM.x + 14} y={VM.y + 24}>
        {`${p.vm} · ${p.power}`}
      </text>
      <text
        className="rs-chip"
        data-ok={p.onlineOk}
        x={VM.x + VM.w - 14}
        y={VM.y + 24}
        textAnchor="end"
      >
        {`${p.attachment.controller} controller · ${p.file} (${p.attachment.format})`}
      </text>
      {small && (
        <text className="rs-sub" x={BAR.x} y={BAR.y - 10}>
          {`${diskSizeLabel(p.virtualBytes)} virtual`}
        </text>
      )}
      {/* the disk's extent, the partition, its data, the unallocated space */}
      <rect className="rs-disk" x={BAR.x} y={BAR.y} width={end - BAR.x} height={BAR.h} rx={3} />
      <BarSpan className="rs-volume" from={volStart} to={volEnd} />
      <BarSpan className="rs-used" from={volStart} to={usedEnd} />
      {unallocated > 0 && <BarSpan className="rs-unallocated" from={volEnd} to={end} />}
      {p.change === 'grown' && (
        <BarSpan className="rs-change" from={x(p.beforeBytes)} to={end} outlined />
      )}
      {p.change === 'cut' && (
        <BarSpan className="rs-change rs-cut" from={end} to={x(p.beforeBytes)} outlined />
      )}
      {p.change === 'extended' && (
        <BarSpan
          className="rs-change"
          from={x(p.offsetBytes + p.volumeBeforeBytes)}
          to={volEnd}
          outlined
        />
      )}
      <line className="rs-minimum" x1={minX} x2={minX} y1={BAR.y - 6} y2={BAR.y + BAR.h + 6} />
      {small && (
        <>
          <text className="rs-label" x={volStart + 6} y={BAR.y + 20}>
            {`${p.drive}: ${diskSizeLabel(p.volumeBytes)}`}
          </text>
          <text className="rs-sub" x={BAR.x} y={BAR.y + BAR.h + 20}>
            {`${diskSizeLabel(p.usedBytes)} used · minimum size ${diskSizeLabel(p.minimumBytes)}`}
          </text>
          <text className="rs-sub" x={BAR.x + BAR.w} y={BAR.y + BAR.h + 20} textAnchor="end">
            {unallocated > 0 ? `${diskSizeLabel(unallocated)} unallocated` : 'no unallocated space'}
          </text>
        </>
      )}
      {/* the host's volume with the file */}
      <rect className="rs-store" x={VOL.x} y={VOL.y} width={VOL.w} height={VOL.h} rx={8} />
      <text className="rs-label" x={VOL.x + 14} y={VOL.y + 27}>
        {`${p.volume} · ${p.file}: ${diskSizeLabel(p.hostBytes)} on the host`}
      </text>
    </SceneSvg>
  );
}
