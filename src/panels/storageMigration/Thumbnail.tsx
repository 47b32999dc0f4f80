import { useMemo } from 'react';
import { DiskCopyThumb } from '../../views/scene/DiskCopyScene';
import { useLoopingRunner, useRunnerView } from '../kit/useRunner';
import type { ThumbnailProps } from '../types';
import { createRunner } from './Panel';
import { DEFAULT_KNOBS } from './scenario';
import { sceneProps } from './scene';

/** A small, busy disk so the loop shows every step in a few seconds. */
const THUMB_VALUES = { diskGiB: 2, diskWriteMiBps: 100 };
const THUMB_SPEED = 1;

/** A live miniature for the overview: a storage migration, looping. */
export function Thumbnail({ reducedMotion }: ThumbnailProps) {
  const runner = useMemo(() => createRunner(THUMB_VALUES, DEFAULT_KNOBS), []);
  useLoopingRunner(runner, reducedMotion, THUMB_SPEED);
  const v = useRunnerView(runner);
  const p = sceneProps(v, !reducedMotion);
  // One column per disk: the VM stays with the source column's host throughout.
  return (
    <DiskCopyThumb
      columns={p.disks.map((d, i) => ({
        name: d.title,
        vm: i === 0 && p.vm.host ? p.vm.name : null,
        grids: d.cells.length > 0 ? [d.cells] : [],
      }))}
      landing={[]}
      animate={!reducedMotion}
    />
  );
}
