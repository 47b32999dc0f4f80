import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { PANELS } from '../panels/registry';
import type { PanelEntry } from '../panels/types';
import { lazyPart } from './PanelPage';

/** Whether the element is on screen (always true where IntersectionObserver is missing). */
function useOnScreen<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) setVisible(e.isIntersecting);
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return [ref, visible];
}

/** Longest a thumbnail may hold the turn (a chunk that fails to load must not stop the rest). */
const TURN_MAX_MS = 3000;

/**
 * Thumbnails start one after another, each in its own task once the one before has rendered, so
 * opening the overview never blocks the page for the sum of them (loading a panel's chunk,
 * planning its run and its first render are each a fair piece of work on a slow laptop).
 */
export class TurnQueue {
  private waiting: (() => void)[] = [];
  private current: (() => void) | null = null;

  /** Wait for a turn: `start` runs (in a task of its own) when it comes. Returns a cancel. */
  take(start: () => void): () => void {
    this.waiting.push(start);
    this.next();
    return () => {
      this.waiting = this.waiting.filter((s) => s !== start);
    };
  }

  /** The thumbnail that had the turn (`start`) has rendered: the next one may start. */
  done(start: (() => void) | null): void {
    if (start === null || start !== this.current) return; // its turn had already run out
    this.current = null;
    this.next();
  }

  private next(): void {
    if (this.current) return;
    const start = this.waiting.shift();
    if (!start) return;
    this.current = start;
    setTimeout(start, 0);
    setTimeout(() => this.done(start), TURN_MAX_MS);
  }
}

const turns = new TurnQueue();

/** Whether this thumbnail's turn to start has come (it queues once `wanted`). */
function useTurn(wanted: boolean): [boolean, () => void] {
  const [started, setStarted] = useState(false);
  const reported = useRef(false);
  const start = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!wanted) return;
    const own = () => setStarted(true);
    start.current = own;
    const cancel = turns.take(own);
    // A thumbnail unmounted before it reported must not hold the turn.
    return () => {
      cancel();
      if (!reported.current) turns.done(own);
    };
  }, [wanted]);
  const rendered = () => {
    if (reported.current) return;
    reported.current = true;
    turns.done(start.current);
  };
  return [started, rendered];
}

/** Reports once it has rendered (inside Suspense: after the lazy thumbnail is there). */
function Rendered({ onRendered }: { onRendered: () => void }) {
  // Reporting is idempotent (useTurn ignores a second report).
  useEffect(() => onRendered(), [onRendered]);
  return null;
}

function Thumb({ entry, reducedMotion }: { entry: PanelEntry; reducedMotion: boolean }) {
  const Lazy = lazyPart(entry, 'Thumbnail');
  // Off-screen thumbnails hold still (as with reduced motion), so a long overview costs only
  // the cards in view; one never seen is not even loaded (a phone shows two of nineteen).
  const [ref, visible] = useOnScreen<HTMLDivElement>();
  const [seen, setSeen] = useState(visible);
  if (visible && !seen) setSeen(true);
  const [started, rendered] = useTurn(seen);
  return (
    <div ref={ref} className="thumb" aria-hidden="true">
      {started ? (
        <Suspense fallback={<div className="thumb-placeholder" aria-hidden="true" />}>
          <Lazy reducedMotion={reducedMotion || !visible} />
          <Rendered onRendered={rendered} />
        </Suspense>
      ) : (
        <div className="thumb-placeholder" aria-hidden="true" />
      )}
    </div>
  );
}

/** The tours and the self-check progress (loaded with the tours, after the page). */
const OverviewExtras = lazy(() =>
  import('./OverviewExtras').then((m) => ({ default: m.OverviewExtras })),
);

/** The poster overview (`#/`): every built panel as a live thumbnail and a link. */
export function Overview({ reducedMotion }: { reducedMotion: boolean }) {
  const sections = [...new Set(PANELS.map((p) => p.section))];
  return (
    <main id="main" tabIndex={-1} className="overview">
      <h1>Hyper-V Poster, live</h1>
      <p className="lede">
        The Hyper-V component architecture posters (Windows Server 2008 R2 SP1, 2012 and 2012 R2),
        as simulations you can play, pause, step, rewind and break. Pick a panel, or follow a{' '}
        <a href="#/tours">tour</a>.
      </p>
      {sections.map((section) => (
        <section key={section} aria-labelledby={`sec-${section}`}>
          <h2 id={`sec-${section}`}>{section}</h2>
          <ul className="panel-cards">
            {PANELS.filter((p) => p.section === section).map((p) => (
              <li key={p.route} className="card panel-card">
                <a href={`#${p.route}`} className="panel-link">
                  <span className="panel-title">{p.title}</span>
                </a>
                <Thumb entry={p} reducedMotion={reducedMotion} />
                <p>{p.summary}</p>
                <p className="muted">Poster section {p.catalog}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {/* Below the panels: arriving after the page, it moves nothing already shown. */}
      <Suspense fallback={null}>
        <OverviewExtras />
      </Suspense>
    </main>
  );
}
