/**
 * Presenter mode's pure parts: "Fit run to" (the speed that plays the whole run in a given time)
 * and which keys are the presenter's; the talk clock and the notes channel are in
 * notesChannel.ts (the notes window loads that alone).
 */
import { SPEED_MAX, SPEED_MIN } from '../../views/controls';

/** "Fit run to": each choice's wall time for the whole run (null: real speed, 1x). */
export const FIT_CHOICES = [
  { value: 'real', label: 'Real speed', seconds: null },
  { value: '30', label: '30 s', seconds: 30 },
  { value: '60', label: '60 s', seconds: 60 },
  { value: '120', label: '2 min', seconds: 120 },
] as const;

export type FitChoice = (typeof FIT_CHOICES)[number]['value'];

/** The speed that plays a run of `endT` sim seconds in `seconds` (clamped to the speed range). */
export function fitSpeed(endT: number, seconds: number | null): number {
  if (seconds === null || !(endT > 0)) return 1;
  return Math.min(SPEED_MAX, Math.max(SPEED_MIN, endT / seconds));
}

export { isTypingTarget } from './keys';

/** Keys a presentation clicker sends: they act without waking the hidden controls. */
export const CLICKER_KEYS: ReadonlySet<string> = new Set(['PageDown', 'PageUp', 'b', 'B', '.']);

export {
  formatElapsed,
  NOTES_CHANNEL,
  type NotesMessage,
  type NotesState,
  openNotesChannel,
  talkEnd,
  talkStart,
} from './notesChannel';
