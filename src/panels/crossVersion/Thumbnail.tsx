import { useEffect, useMemo } from 'react';
import { HostsScene } from '../../views/scene';
import { useRunnerValue, useSimClock } from '../kit/useRunner';
import type { ThumbnailProps } from '../types';
import { createRunner } from './Panel';
import { scene, type View } from './selectors';

const THUMB_SPEED = 4;

/** A live miniature for the overview: the 2012 to 2012 R2 live migration, looping. */
export function Thumbnail({ reducedMotion }: ThumbnailProps) {
  const runner = useMemo(() => createRunner({}, 'live'), []);
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
  const props = useRunnerValue(runner, (x: View) => scene(x));
  return <HostsScene {...props} animate={!reducedMotion} />;
}
