// Presentational controls: pure props in, callbacks out. No simulation logic here.
import './controls.css';

export type { ConfirmChoice, ConfirmDialogProps } from './ConfirmDialog';
export { ConfirmDialog } from './ConfirmDialog';
export type { DataTableProps } from './DataTable';
export { DataTable } from './DataTable';
export type { EventKind, EventLogEntry, EventLogProps } from './EventLog';
export { EventLog } from './EventLog';
export type { FaultMenuItem, FaultMenuProps } from './FaultMenu';
export { FaultMenu } from './FaultMenu';
export type { InventoryRow, InventoryTableProps } from './InventoryTable';
export { InventoryTable } from './InventoryTable';
export type { NarrationProps, NarrationTone } from './Narration';
export { Narration } from './Narration';
export type { NoticeProps, NoticeTone } from './Notice';
export { Notice } from './Notice';
export type { ParameterControlsProps, ParameterSpec } from './ParameterControls';
export {
  ParameterControls,
  parameterLabel,
  parseParameter,
  rangeMessage,
} from './ParameterControls';
export type { PlaybackControlsProps, TimelineMarker } from './PlaybackControls';
export { formatSpeed, PlaybackControls, SPEED_MAX, SPEED_MIN } from './PlaybackControls';
export type { ResultFigure, ResultsProps, ResultsVerdict, VerdictTone } from './Results';
export { Results } from './Results';
export type { StepGroup, StepItem, StepsListProps } from './StepsList';
export { groupSteps, StepsList } from './StepsList';
export type { TreeNode, TreeViewProps } from './TreeView';
export { TreeView } from './TreeView';
