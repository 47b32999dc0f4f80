import { useEffect, useMemo } from 'react';
import { guidanceFor } from '../../model/fasterLiveMigration';
import { NUMERIC_PARAMS } from '../../model/parameters';
import { LaneRace } from '../../views/scene';
import { useRunnerValue, useSimClock } from '../kit/useRunner';
import type { ThumbnailProps } from '../types';
import { createRunner } from './Panel';
import { raceLanes, raceMaxS, type View } from './selectors';

const THUMB_SPEED = 2;

/** A live miniature for the overview: the default comparison, looping. */
export function Thumbnail({ reducedMotion }: ThumbnailProps) {
  const runner = useMemo(() => createRunner({}), []);
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
  const followed = guidanceFor(NUMERIC_PARAMS.linkGbps.default, true);
  const race = useRunnerValue(runner, (x: View) => ({
    lanes: raceLanes(x, followed, true),
    now: x.now,
    maxS: raceMaxS(x),
  }));
  return <LaneRace {...race} animate={!reducedMotion} />;
}
