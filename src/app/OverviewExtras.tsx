/**
 * The overview's tours and self-check progress: loaded after the page (its own chunk, with the
 * tours), so the overview's first paint carries none of it.
 */
import { useEffect, useState } from 'react';
import { answeredOf, loadProgress, questionKey } from '../panels/kit/progress';
import { PANELS } from '../panels/registry';
import { OverviewTours } from './Tours';

/** Run `work` when the browser is idle (soon after, where it cannot say). */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 200);
  return () => clearTimeout(id);
}

/**
 * Every panel's question keys, learned from the panels' modules one at a time when the page is
 * idle (the thumbnails load the same chunks, so this costs a look-up); null until all are known.
 */
function useQuestionKeys(): string[] | null {
  const [keys, setKeys] = useState<string[] | null>(null);
  useEffect(() => {
    let cancel = () => {};
    let alive = true;
    const found: string[] = [];
    const next = (i: number) => {
      const entry = PANELS[i];
      if (!entry) {
        if (alive) setKeys(found);
        return;
      }
      cancel = whenIdle(() => {
        entry.load().then(
          (m) => {
            for (const id of m.questionIds ?? []) found.push(questionKey(entry.route, id));
            if (alive) next(i + 1);
          },
          () => alive && next(i + 1),
        );
      });
    };
    next(0);
    return () => {
      alive = false;
      cancel();
    };
  }, []);
  return keys;
}

/** "Self-check: 3 of 48 questions answered (2 right)". */
function Progress() {
  const keys = useQuestionKeys();
  const [progress] = useState(loadProgress);
  const known = keys ?? Object.keys(progress);
  const { answered, correct } = answeredOf(progress, known);
  return (
    <section aria-labelledby="progress-title" className="card overview-progress">
      <h2 id="progress-title">Self-check</h2>
      <p>
        {keys
          ? `${answered} of ${keys.length} questions answered`
          : `${answered} questions answered`}
        {answered > 0 ? ` (${correct} right)` : ''}. The panels ask them as a run plays; switch them
        off with "Self-check questions" above.
      </p>
    </section>
  );
}

export function OverviewExtras() {
  return (
    <div className="overview-top">
      <OverviewTours />
      <Progress />
    </div>
  );
}
