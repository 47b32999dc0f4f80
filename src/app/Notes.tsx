/**
 * The speaker notes window (`#/notes`): opened from presenter mode ("Open speaker notes"), it
 * follows the presenting window of the same origin over a BroadcastChannel and shows, in the
 * region "Speaker notes", the current step's title and narration, the next step, the elapsed
 * time and the panel's talking points (and the tour stop's caption).
 */
import { useEffect, useState } from 'react';
import {
  formatElapsed,
  type NotesMessage,
  type NotesState,
  openNotesChannel,
} from '../panels/kit/notesChannel';

/** The wall clock, once a second (the elapsed time of the talk). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export function Notes({ initial = null }: { initial?: NotesState | null }) {
  const [state, setState] = useState<NotesState | null>(initial);
  const [left, setLeft] = useState(false);
  const now = useNow();
  useEffect(() => {
    const c = openNotesChannel();
    if (!c) return;
    c.onmessage = (e: MessageEvent<NotesMessage>) => {
      if (e.data?.kind === 'state') {
        setState(e.data.state);
        setLeft(false);
      } else if (e.data?.kind === 'left') setLeft(true);
    };
    c.postMessage({ kind: 'hello' } satisfies NotesMessage);
    return () => c.close();
  }, []);
  return (
    <main id="main" tabIndex={-1} className="notes">
      <h1>Speaker notes</h1>
      <section className="card notes-card" aria-label="Speaker notes">
        {state ? (
          <>
            <p className="notes-panel">
              {state.panel}
              {state.tour && ` · ${state.tour.title}, stop ${state.tour.stop} of ${state.tour.of}`}
              {left && ' · presenter mode was left'}
            </p>
            <dl className="notes-times">
              <dt>Elapsed</dt>
              <dd>{formatElapsed(now - state.since)}</dd>
              <dt>Run</dt>
              <dd>
                {state.now.toFixed(1)} s of {state.endT.toFixed(1)} s
              </dd>
            </dl>
            <h2 className="notes-step">{state.step}</h2>
            <p className="notes-narration">{state.narration}</p>
            {state.source && <p className="muted">{state.source}</p>}
            <p className="notes-next">
              <strong>Next:</strong> {state.next || 'the end of the run'}
            </p>
            {state.tour && (
              <>
                <h2>At this stop</h2>
                <p>{state.tour.caption}</p>
              </>
            )}
            {state.talkingPoints.length > 0 && (
              <>
                <h2>Talking points</h2>
                <ul className="notes-points">
                  {state.talkingPoints.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <p>
            Waiting for a presenting window: open a panel, press Present (or P), then "Open speaker
            notes". This window follows it from then on.
          </p>
        )}
      </section>
    </main>
  );
}
