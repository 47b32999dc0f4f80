import { useMemo } from 'react';
import { DiskCopyThumb } from '../../views/scene/DiskCopyScene';
import { useLoopingRunner, useRunnerView } from '../kit/useRunner';
import type { ThumbnailProps } from '../types';
import { createRunner } from './Panel';
import { DEFAULT_KNOBS } from './scenario';
import { sceneProps } from './scene';

/** A small disk and a fast link so the loop shows every step in a few seconds. */
const THUMB_VALUES = { diskGiB: 2, linkGbps: 10, diskWriteMiBps: 200 };
const THUMB_SPEED = 2;

/** A live miniature for the overview: a small shared-nothing move, looping. */
export function Thumbnail({ reducedMotion }: ThumbnailProps) {
  const runner = useMemo(() => createRunner(THUMB_VALUES, DEFAULT_KNOBS), []);
  useLoopingRunner(runner, reducedMotion, THUMB_SPEED);
  const v = useRunnerView(runner);
  const p = sceneProps(v, !reducedMotion);
  return (
    <DiskCopyThumb
      columns={p.hosts.map((h) => ({
        name: h.name,
        vm: p.vm.host === h.id ? p.vm.name : null,
        grids: p.disks.filter((d) => d.host === h.id && d.cells.length > 0).map((d) => d.cells),
      }))}
      landing={[]}
      animate={!reducedMotion}
    />
  );
}
