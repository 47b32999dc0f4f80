import { useEffect, useLayoutEffect, useRef } from 'react';

export type EventKind = 'step' | 'fault' | 'outcome' | 'info';

export interface EventLogEntry {
  /** Sim time, s. */
  t: number;
  kind: EventKind;
  text: string;
}

export interface EventLogProps {
  /** Oldest first; the newest entry is the last one. */
  entries: readonly EventLogEntry[];
  formatTime(t: number): string;
}

/** The visible word that marks an entry kind (colour alone is not enough). */
const KIND_WORD: Partial<Record<EventKind, string>> = {
  fault: 'Fault',
  outcome: 'Outcome',
};

/** How close to the bottom (px) still counts as "following" the newest entry. */
const FOLLOW_SLACK_PX = 8;

/** An ISO 8601 duration for <time dateTime>: "PT4.200S". */
function isoDuration(t: number): string {
  const seconds = Number.isFinite(t) && t > 0 ? t : 0;
  return `PT${seconds.toFixed(3)}S`;
}

/**
 * A heading "Event log" and the list named "Event log" (newest last). The list scrolls inside
 * its own box and follows the newest entry as entries arrive, unless the reader has scrolled up
 * to read older ones (scrolling back to the bottom resumes following).
 */
export function EventLog({ entries, formatTime }: EventLogProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const following = useRef(true);
  const previousCount = useRef(0);

  /** The log grew while it was not on screen: follow the newest entry once it is. */
  const pending = useRef(false);
  /**
   * Whether the list is on screen (near the viewport), as an IntersectionObserver last reported:
   * known without reading layout. Where there is no observer it counts as always shown.
   */
  const shown = useRef(typeof IntersectionObserver === 'undefined');

  const count = entries.length;
  useLayoutEffect(() => {
    const list = listRef.current;
    const previous = previousCount.current;
    previousCount.current = count;
    if (!list) return;
    // A shorter log means a restart or a scrub back: follow the newest entry again.
    if (count < previous) following.current = true;
    if (!following.current || count === previous) return;
    // Off screen (below the fold its card is not even laid out: content-visibility: auto) the
    // log reads no layout: its height, or even asking whether it is rendered, would lay out the
    // page in the middle of a frame (about 20 ms on a slow laptop, at every new entry of a
    // playing run and at the Play click). It catches up when the observer sees it.
    if (!shown.current) {
      pending.current = true;
      return;
    }
    list.scrollTop = list.scrollHeight;
  }, [count]);

  useEffect(() => {
    const list = listRef.current;
    if (!list || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (seen) => {
        const entry = seen.at(-1);
        if (!entry) return;
        shown.current = entry.isIntersecting;
        if (!shown.current || !pending.current) return;
        pending.current = false;
        if (following.current) list.scrollTop = list.scrollHeight;
      },
      // A little before it scrolls into view, so the newest entry is already at the bottom.
      { rootMargin: '120px 0px' },
    );
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    following.current = list.scrollHeight - list.scrollTop - list.clientHeight <= FOLLOW_SLACK_PX;
  };

  return (
    <div className="card ctl-event-log">
      <h2>Event log</h2>
      {count === 0 ? <p className="ctl-muted">No events yet.</p> : null}
      <ol
        ref={listRef}
        className="ctl-event-list"
        aria-label="Event log"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the list scrolls, so keyboard users must be able to focus it (axe scrollable-region-focusable)
        tabIndex={0}
        onScroll={onScroll}
      >
        {entries.map((entry, i) => {
          const word = KIND_WORD[entry.kind];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the log is append-only; position is the identity
            <li key={i} className="ctl-event" data-kind={entry.kind}>
              <time dateTime={isoDuration(entry.t)}>{formatTime(entry.t)}</time>{' '}
              {word ? <span className="ctl-event-kind">{word}:</span> : null}
              {word ? ' ' : null}
              <span className="ctl-event-text">{entry.text}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
