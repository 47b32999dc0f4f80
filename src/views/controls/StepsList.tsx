export interface StepItem {
  /** Unique key (e.g. the machine state id). */
  key: string;
  /** Poster step number; several keys may share one. */
  number: number;
  title: string;
}

export interface StepsListProps {
  steps: readonly StepItem[];
  /** Key of the current step, or null before the process starts. */
  currentKey: string | null;
  completedKeys: readonly string[];
  /** Extra detail shown under the current step, e.g. "Round 3 of 4". */
  detail?: string;
}

/** The region named "Steps": the process's steps in order, the current one aria-current="step". */
export function StepsList({ steps, currentKey, completedKeys, detail }: StepsListProps) {
  const completed = new Set(completedKeys);
  return (
    <section className="card ctl-steps" aria-label="Steps">
      <h2>Steps</h2>
      <ol className="ctl-steps-list">
        {steps.map((step) => {
          const current = step.key === currentKey;
          const done = !current && completed.has(step.key);
          const state = current ? 'current' : done ? 'done' : 'pending';
          return (
            <li
              key={step.key}
              className="ctl-step"
              data-state={state}
              aria-current={current ? 'step' : undefined}
            >
              <span className="ctl-step-number">{step.number}.</span>{' '}
              <span className="ctl-step-body">
                <span className="ctl-step-title">
                  {step.title}
                  {done && (
                    <>
                      <span className="ctl-step-check" aria-hidden="true">
                        {' \u2713'}
                      </span>
                      <span className="visually-hidden"> (done)</span>
                    </>
                  )}
                </span>
                {current && detail ? <span className="ctl-step-detail">{detail}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
