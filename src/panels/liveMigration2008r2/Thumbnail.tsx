import { useEffect, useMemo } from 'react';
import { MigrationScene } from '../../views/scene';
import { useRunnerValue, useSimClock } from '../kit/useRunner';
import type { ThumbnailProps } from '../types';
import { createRunner } from './Panel';
import { DEFAULT_KNOBS } from './scenario';
import { sceneProps } from './scene';
import { grid } from './selectors';

const THUMB_SPEED = 4;

/** A live miniature of the panel for the overview: the default run, looping. */
export function Thumbnail({ reducedMotion }: ThumbnailProps) {
  const runner = useMemo(() => createRunner({}, DEFAULT_KNOBS), []);
  useEffect(() => {
    if (reducedMotion) {
      runner.pause();
      runner.seek(runner.getSnapshot().endT * 0.4);
      return;
    }
    runner.play();
    const sub = runner.subscribe((v) => {
      if (v.done) {
        runner.restart();
        runner.play();
      }
    });
    return () => sub.unsubscribe();
  }, [runner, reducedMotion]);
  useSimClock(runner, THUMB_SPEED);
  const v = useRunnerValue(runner, (x) => x);
  return <MigrationScene {...sceneProps(v, grid(v))} animate={!reducedMotion} />;
}
