/** `#/tours` (every tour and its stops) and `#/tour/<id>/<stop>` (one stop: its panel at a moment). */
import { useEffect } from 'react';
import { findPanel } from '../panels/registry';
import { navigate } from './location';
import { PanelPage } from './PanelPage';
import { findTour, resolveStop, stopHash, TOURS } from './tours';
import { buildHash, parseShell } from './url';

export function ToursPage() {
  return (
    <main id="main" tabIndex={-1} className="tours">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href="#/">Poster overview</a> <span aria-hidden="true">›</span> Tours
      </nav>
      <h1>Tours</h1>
      <p className="lede">
        A tour is a talk or a lesson laid out in advance: a panel at a chosen moment per stop, with
        what to say about it. Use Next stop and Previous stop, or present it (P) with a clicker:
        PageDown at the end of a run goes on to the next stop.
      </p>
      <ul className="tour-list">
        {TOURS.map((t) => (
          <li key={t.id} className="card">
            <h2>
              <a href={stopHash(t.id, 1)}>{t.title}</a>
            </h2>
            <p>{t.summary}</p>
            <ol>
              {t.stops.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a tour may visit a panel twice; the order is the identity
                <li key={i}>
                  <a href={stopHash(t.id, i + 1)}>{findPanel(s.route)?.title ?? s.route}</a>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </main>
  );
}

/** A tour id or stop that does not exist: said plainly, with the way to the tours. */
function NoSuchStop({ message }: { message: string }) {
  return (
    <main id="main" tabIndex={-1} className="not-found">
      <h1>Not found</h1>
      <p>{message}</p>
      <p>
        <a href="#/tours">See every tour</a> or <a href="#/">go to the poster overview</a>.
      </p>
    </main>
  );
}

export function TourPage({
  id,
  stop,
  raw,
  reducedMotion,
}: {
  id: string;
  /** The stop as written in the route (from 1); undefined: the first. */
  stop: string | undefined;
  raw: Record<string, string>;
  reducedMotion: boolean;
}) {
  const tour = findTour(id);
  useEffect(() => {
    document.title = `${tour ? `${tour.title} · ` : ''}Tour · Hyper-V Poster, live`;
  }, [tour]);
  if (!tour) return <NoSuchStop message={`There is no tour named "${id}".`} />;
  const n = stop === undefined ? 1 : Number(stop);
  const of = tour.stops.length;
  if (!Number.isInteger(n) || n < 1 || n > of)
    return (
      <NoSuchStop
        message={`The tour "${tour.title}" has stops 1 to ${of}; there is no stop "${stop}".`}
      />
    );
  const s = tour.stops[n - 1];
  const entry = s ? findPanel(s.route) : undefined;
  if (!s || !entry)
    return <NoSuchStop message={`Stop ${n} of "${tour.title}" names no built panel.`} />;
  const { values, open } = resolveStop(s);
  // The shell's switches (present, quiz) go with the tour from stop to stop.
  const { shell } = parseShell(raw);
  const go = (to: number) => navigate(buildHash(`/tour/${id}/${to}`, {}, undefined, shell));
  return (
    <PanelPage
      key={`${id}/${n}`}
      entry={entry}
      raw={raw}
      reducedMotion={reducedMotion}
      stop={{
        route: `/tour/${id}/${n}`,
        values,
        open,
        tour: {
          id,
          title: tour.title,
          stop: n,
          of,
          caption: s.caption,
          ...(n < of ? { onNext: () => go(n + 1) } : {}),
          ...(n > 1 ? { onPrevious: () => go(n - 1) } : {}),
        },
      }}
    />
  );
}

/** The overview's list of tours, linked. */
export function OverviewTours() {
  return (
    <section aria-labelledby="tours-title">
      <h2 id="tours-title">Tours</h2>
      <ul className="tour-links">
        {TOURS.map((t) => (
          <li key={t.id}>
            <a href={stopHash(t.id, 1)}>{t.title}</a>{' '}
            <span className="muted">({t.stops.length} stops)</span>
          </li>
        ))}
      </ul>
      <p>
        <a href="#/tours">All tours and their stops</a>
      </p>
    </section>
  );
}
