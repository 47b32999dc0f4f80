export interface ResultFigure {
  /** e.g. "Total time", "Downtime", "Rounds", "Data sent", "CPU used". */
  label: string;
  /** Formatted value with its unit, e.g. "12.3 s". */
  value: string;
  /** Optional short explanation shown under the value. */
  hint?: string;
}

export type VerdictTone = 'ok' | 'warn' | 'failed';

export interface ResultsVerdict {
  tone: VerdictTone;
  /** e.g. "Converged in 4 rounds." or "Did not converge: …". */
  text: string;
}

export interface ResultsProps {
  figures: readonly ResultFigure[];
  verdict?: ResultsVerdict;
}

const VERDICT_ICON: Record<VerdictTone, string> = {
  ok: '\u2713',
  warn: '!',
  failed: '\u2717',
};

/** The region named "Results": an optional verdict, then the run's figures as a <dl>. */
export function Results({ figures, verdict }: ResultsProps) {
  return (
    <section className="card ctl-results" aria-label="Results">
      <h2>Results</h2>
      {verdict ? (
        <p className="ctl-verdict" data-tone={verdict.tone}>
          <span className="ctl-verdict-icon" aria-hidden="true">
            {VERDICT_ICON[verdict.tone]}
          </span>{' '}
          {verdict.text}
        </p>
      ) : null}
      {figures.length > 0 ? (
        <dl className="ctl-results-list">
          {figures.map((figure) => (
            <div className="ctl-figure" key={figure.label}>
              <dt>{figure.label}</dt>
              {/* The first dd is the figure alone (value and unit), so it reads and parses cleanly;
                  an explanation, when there is one, is a second description of the same term. */}
              <dd className="ctl-figure-value">{figure.value}</dd>
              {figure.hint ? <dd className="ctl-figure-hint">{figure.hint}</dd> : null}
            </div>
          ))}
        </dl>
      ) : (
        <p className="ctl-muted">No figures yet.</p>
      )}
    </section>
  );
}
