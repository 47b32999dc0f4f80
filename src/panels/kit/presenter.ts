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

/* ---------- The picture on the stage ---------- */

/**
 * The smallest text in the picture on screen, as a share of the stage's height: 20 px at 1080p
 * (CONTRACT "Presenting": readable from the back of a room).
 */
export const PICTURE_TEXT_MIN = 20 / 1080;

/**
 * How many of an SVG's user units one CSS pixel of its layout box holds (1 without a viewBox):
 * a font size in the SVG's own units is multiplied by this to stay as large as HTML text.
 */
export function svgUnitsPerPixel(
  viewBox: { width: number; height: number } | null,
  box: { width: number; height: number },
): number {
  if (!viewBox || viewBox.width <= 0 || viewBox.height <= 0) return 1;
  const shown = Math.min(box.width / viewBox.width, box.height / viewBox.height);
  return shown > 0 ? 1 / shown : 1;
}

/**
 * The picture's text floor, in its layout pixels: the stage's share `PICTURE_TEXT_MIN`, undone
 * by the scale the picture is drawn at. A floor that makes a tall picture taller shrinks it and
 * raises the floor again: the scale only ever falls (the picture keeps its tallest height), so
 * this settles; it is held to twice the floor at the width's scale all the same.
 */
export function pictureTextFloor(stageHeight: number, scale: number, widthScale: number): number {
  if (scale <= 0 || widthScale <= 0) return 0;
  const min = stageHeight * PICTURE_TEXT_MIN;
  return Math.min(min / scale, (2 * min) / widthScale);
}

/** Where the picture sits on the stage: beside the narration, or above it across the stage. */
export type PictureLayout = 'side' | 'stacked';
/** The picture's share of the stage's width beside the narration (the CSS columns 63fr / 37fr). */
const SIDE_SHARE = 0.63;
/** The picture's share of the stage's height above the narration (the CSS rows 3fr / 1fr). */
const STACKED_SHARE = 0.75;
/** How much larger stacking must draw the picture before it is chosen over the side layout. */
const STACKED_GAIN = 1.1;

/**
 * The layout that draws a picture of `picture` layout pixels largest in the stage's main area
 * (`main`, with `gap` between the picture and the narration): a wide, short picture goes above
 * the narration across the whole stage, any other beside it. Chosen once per picture, so a step
 * never moves the stage.
 */
export function choosePictureLayout(
  main: { width: number; height: number },
  gap: number,
  picture: { width: number; height: number },
): { layout: PictureLayout; scale: number } {
  const scaleIn = (w: number, h: number) =>
    Math.max(0, Math.min(w / picture.width, h / picture.height));
  const side = scaleIn((main.width - gap) * SIDE_SHARE, main.height);
  const stacked = scaleIn(main.width, (main.height - gap) * STACKED_SHARE);
  return stacked > side * STACKED_GAIN
    ? { layout: 'stacked', scale: stacked }
    : { layout: 'side', scale: side };
}
