// Animated drawing primitives: pure props in, SVG/canvas out. D3 computes, React renders,
// framer-motion tweens between states. Every component takes `animate` (false = reduced motion).
import './scene.css';

export type {
  CrossoverChartProps,
  CrossoverCurve,
  CrossoverMark,
} from './CrossoverChart';
export { CROSSOVER_CAPTION, CrossoverChart } from './CrossoverChart';
export type { ChainFile, ChainTone, DiskChainSceneProps } from './DiskChainScene';
export { DiskChainScene } from './DiskChainScene';
export type { BlockGridProps } from './DiskCopyScene';
export { BlockGrid } from './DiskCopyScene';
export type {
  HostsSceneHost,
  HostsSceneProps,
  HostsSceneVm,
  HostsSceneVmStatus,
} from './HostsScene';
export { HostsScene } from './HostsScene';
export type {
  LaneRaceProps,
  LaneSegment,
  LaneSegmentKind,
  LaneTone,
  RaceLane,
} from './LaneRace';
export { LANE_RACE_CAPTION, LaneRace } from './LaneRace';
export type { CellCounts, GridColors, MemoryGridProps } from './MemoryGrid';
export { countCells, FALLBACK_COLORS, MemoryGrid, paintGrid } from './MemoryGrid';
export type {
  HostRole,
  MigrationSceneProps,
  SceneHost,
  SceneLink,
  SceneStorage,
  SceneSwitchRow,
  SceneVm,
  VmStatus,
} from './MigrationScene';
export { MigrationScene, packetOffsets, SCENE_H, SCENE_W } from './MigrationScene';
export type { RoundKind, RoundsChartProps, RoundsChartRound } from './RoundsChart';
export { ROUNDS_CAPTION, RoundsChart } from './RoundsChart';
export type {
  StatechartEdge,
  StatechartNode,
  StatechartNodeKind,
  StatechartProps,
} from './Statechart';
// The statechart (Statechart.tsx, statechartLayout.ts) is imported from its own module: the panel
// frame loads it lazily, below the picture, so it stays out of the code every panel preloads.
