import { useMemo } from 'react';
import { MigrationScene } from '../../views/scene';
import { useLoopingRunner, useRunnerView } from '../kit/useRunner';
import type { ThumbnailProps } from '../types';
import { createRunner } from './Panel';
import { DEFAULT_KNOBS } from './scenario';
import { sceneProps } from './scene';
import { grid } from './selectors';

const THUMB_SPEED = 4;

/** A live miniature of the panel for the overview: the default run, looping. */
export function Thumbnail({ reducedMotion }: ThumbnailProps) {
  const runner = useMemo(() => createRunner({}, DEFAULT_KNOBS), []);
  useLoopingRunner(runner, reducedMotion, THUMB_SPEED);
  const v = useRunnerView(runner);
  return <MigrationScene {...sceneProps(v, grid(v))} animate={!reducedMotion} />;
}
