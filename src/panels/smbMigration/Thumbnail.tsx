import { useMemo } from 'react';
import { useLoopingRunner, useRunnerView } from '../kit/useRunner';
import type { ThumbnailProps } from '../types';
import { createRunner } from './Panel';
import { SmbScene } from './SmbScene';
import { DEFAULT_KNOBS } from './scenario';
import { sceneProps } from './scene';

const THUMB_SPEED = 8;

/** A live miniature of the panel for the overview: the default move, looping. */
export function Thumbnail({ reducedMotion }: ThumbnailProps) {
  const runner = useMemo(() => createRunner({}, DEFAULT_KNOBS), []);
  useLoopingRunner(runner, reducedMotion, THUMB_SPEED);
  const v = useRunnerView(runner);
  return <SmbScene {...sceneProps(v, !reducedMotion)} compact />;
}
