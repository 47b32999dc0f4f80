/**
 * The learner's self-check progress, kept in the browser (localStorage) under a versioned key:
 * which questions of which panel were answered, and whether rightly. A value that is missing,
 * unreadable or of another shape counts as no progress, silently (never an error on the page).
 */
/** The storage key; the version is part of it, so a new shape starts afresh. */
export const PROGRESS_KEY = 'hyperv-poster-selfcheck/v1';

/** Question key -> whether the latest answer was right. */
export type Progress = Record<string, { correct: boolean }>;

/** The answers of a stored value, if it has the shape this version writes. */
function answersOf(value: unknown): Progress | null {
  if (typeof value !== 'object' || value === null) return null;
  const answered = (value as { answered?: unknown }).answered;
  if (typeof answered !== 'object' || answered === null || Array.isArray(answered)) return null;
  const out: Progress = {};
  for (const [k, a] of Object.entries(answered)) {
    const correct = (a as { correct?: unknown } | null)?.correct;
    if (typeof correct !== 'boolean') return null;
    out[k] = { correct };
  }
  return out;
}

/** A question's key in the progress: its panel's route and its id. */
export const questionKey = (route: string, id: string): string => `${route}#${id}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (a privacy setting): no progress is kept
  }
}

/** The progress kept so far ({} when there is none or it cannot be read). */
export function loadProgress(): Progress {
  try {
    const raw = storage()?.getItem(PROGRESS_KEY);
    if (!raw) return {};
    return answersOf(JSON.parse(raw)) ?? {};
  } catch {
    return {};
  }
}

/** Record an answer (the latest answer to a question is the one kept). */
export function recordAnswer(route: string, id: string, correct: boolean): void {
  const answered = { ...loadProgress(), [questionKey(route, id)]: { correct } };
  try {
    storage()?.setItem(PROGRESS_KEY, JSON.stringify({ answered }));
  } catch {
    // full or disabled: the answer is still shown, only not kept
  }
}

/** How many of these question keys have been answered (and how many rightly). */
export function answeredOf(
  progress: Progress,
  keys: readonly string[],
): { answered: number; correct: number } {
  let answered = 0;
  let correct = 0;
  for (const k of keys) {
    const a = progress[k];
    if (!a) continue;
    answered += 1;
    if (a.correct) correct += 1;
  }
  return { answered, correct };
}
