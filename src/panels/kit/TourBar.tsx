import type { TourStopInfo } from '../types';

/** The region "Tour" above a panel shown as a tour stop: the tour, "Stop N of M", the caption. */
export function TourBar({ tour }: { tour: TourStopInfo }) {
  return (
    <section className="card tour-bar" aria-label="Tour">
      <p className="tour-bar-title">
        <a href={`#/tour/${tour.id}`}>{tour.title}</a> · Stop {tour.stop} of {tour.of}
      </p>
      <p className="tour-bar-caption">{tour.caption}</p>
      <div className="tour-bar-buttons">
        <button type="button" disabled={!tour.onPrevious} onClick={tour.onPrevious}>
          Previous stop
        </button>
        <button type="button" className="primary" disabled={!tour.onNext} onClick={tour.onNext}>
          Next stop
        </button>
      </div>
    </section>
  );
}
