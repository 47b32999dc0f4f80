import type { ComponentType, ReactNode } from 'react';
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { MOVE_FAULTS } from '../../machines/faults';
import type { RunnerView, SimRunner } from '../../sim/runner';
import { type LaneRow, LanesChart } from '../../views/scene/LanesChart';
import { type PanelSelectors, processViews, type StageProps } from './definition';
import { useRunnerView } from './useRunner';

type View<M extends AnyStateMachine> = RunnerView<SnapshotFrom<M>>;
/** What the stage reads of a batch machine's snapshot: the plan's length. */
type BatchSnapshot = { context: { plan: { totalS: number } } };

/**
 * The stage of a batch of migrations (panels over machines/concurrentLanes.ts): the panel's
 * picture, then one lane per migration on the lanes chart, both from the same runner view.
 */
export function LanesStage<M extends AnyStateMachine>({
  runner,
  reducedMotion,
  scene,
  title,
  rows,
  nowS,
}: {
  runner: SimRunner<M>;
  reducedMotion: boolean;
  /** The panel's picture of the view. */
  scene: (v: View<M>, animate: boolean) => ReactNode;
  /** The chart's title (what its sim seconds count from). */
  title: string;
  rows: (v: View<M>) => LaneRow[];
  /** The chart's cursor, sim seconds on its axis. */
  nowS: (v: View<M>) => number;
}) {
  const v = useRunnerView(runner);
  return (
    <div className="stage">
      {scene(v, !reducedMotion)}
      <LanesChart
        title={title}
        rows={rows(v)}
        nowS={nowS(v)}
        totalS={(v.snapshot as unknown as BatchSnapshot).context.plan.totalS}
      />
    </div>
  );
}

/** A lanes panel's `Stage`: its picture above the lanes chart (see `LanesStage`). */
export function lanesStage<M extends AnyStateMachine, K>(o: {
  scene: (v: View<M>, animate: boolean) => ReactNode;
  title: string;
  rows: (v: View<M>) => LaneRow[];
  nowS: (v: View<M>) => number;
}) {
  return function Stage({ runner, reducedMotion }: StageProps<M, K>) {
    return <LanesStage runner={runner} reducedMotion={reducedMotion} {...o} />;
  };
}

/**
 * What a lanes panel's definition takes from its picture and selectors: its views (the process
 * views, titled `chartTitle`, with the move faults), its `Stage` (the picture above the lanes
 * chart, titled `lanesTitle`) and its thumbnail (the picture, compact).
 */
export function lanesPanel<M extends AnyStateMachine, K, P extends object>(o: {
  selectors: PanelSelectors<M>;
  chartTitle: string;
  /** The panel's picture, and its props from the view. */
  Scene: ComponentType<P & { compact?: boolean }>;
  sceneProps: (v: View<M>, animate: boolean) => P;
  lanesTitle: string;
  rows: (v: View<M>) => LaneRow[];
  nowS: (v: View<M>) => number;
}) {
  const { Scene, sceneProps } = o;
  return {
    views: processViews(o.selectors, o.chartTitle, MOVE_FAULTS),
    Stage: lanesStage<M, K>({
      scene: (v, animate) => <Scene {...sceneProps(v, animate)} />,
      title: o.lanesTitle,
      rows: o.rows,
      nowS: o.nowS,
    }),
    thumbnail: {
      speed: 8,
      scene: (v: View<M>, animate: boolean) => <Scene {...sceneProps(v, animate)} compact />,
    },
  };
}
