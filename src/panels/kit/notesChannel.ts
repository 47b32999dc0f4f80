/**
 * What the presenting window tells the speaker notes window (`#/notes`) over a BroadcastChannel
 * of the same origin, and the talk clock. Imports nothing: the notes window loads only this.
 */

// ---- the talk clock ------------------------------------------------------------------------------

let talkStartedAt: number | null = null;

/** When this talk began (wall ms): set when presenter mode is entered, kept across tour stops. */
export function talkStart(now: number): number {
  talkStartedAt ??= now;
  return talkStartedAt;
}

/** Presenter mode was left: the next talk starts its clock again. */
export function talkEnd(): void {
  talkStartedAt = null;
}

/** "4:05", "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

// ---- speaker notes -------------------------------------------------------------------------------

/** The channel the presenting window and the notes window share (same origin). */
export const NOTES_CHANNEL = 'hyperv-poster-notes';

/** What the notes window shows of the presenting window. */
export interface NotesState {
  panel: string;
  route: string;
  /** The current step's title (the narration's title) and narration. */
  step: string;
  narration: string;
  /** The step's source line, when it is a poster step. */
  source?: string;
  /** The next step's title ("" at the end). */
  next: string;
  /** Sim time and the run's end, s. */
  now: number;
  endT: number;
  /** When the talk began (wall ms), for the elapsed time. */
  since: number;
  talkingPoints: readonly string[];
  tour?: { title: string; stop: number; of: number; caption: string };
}

export type NotesMessage =
  | { kind: 'state'; state: NotesState }
  /** A notes window opened: the presenting window answers with its state. */
  | { kind: 'hello' }
  /** Presenter mode was left. */
  | { kind: 'left' };

/** The BroadcastChannel, where the browser has one (not in every test environment). */
export function openNotesChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(NOTES_CHANNEL);
}
