export interface StepItem {
  /** Unique key (e.g. the machine state id). */
  key: string;
  /** Poster step number; several keys may share one. */
  number: number;
  title: string;
  /**
   * Title of the poster step this item is a sub-step of, when several consecutive items share
   * one number. The first item of such a run that has one names the whole step; without one the
   * first item's own title does.
   */
  group?: string;
}

export interface StepsListProps {
  steps: readonly StepItem[];
  /** Key of the current step, or null before the process starts. */
  currentKey: string | null;
  completedKeys: readonly string[];
  /** Extra detail shown under the current step, e.g. "Round 3 of 4". */
  detail?: string;
}

/** One poster step: its number, its title, and the items (machine states) that make it up. */
export interface StepGroup {
  number: number;
  title: string;
  items: readonly StepItem[];
}

/**
 * Runs of consecutive items that share a poster number, in order. A number that comes back after
 * another one starts a new group (the list follows the process, not the numbering).
 */
export function groupSteps(steps: readonly StepItem[]): StepGroup[] {
  const groups: { number: number; items: StepItem[] }[] = [];
  for (const step of steps) {
    const last = groups[groups.length - 1];
    if (last && last.number === step.number) last.items.push(step);
    else groups.push({ number: step.number, items: [step] });
  }
  return groups.map((g) => ({
    number: g.number,
    title: g.items.find((s) => s.group)?.group ?? g.items[0]?.title ?? '',
    items: g.items,
  }));
}

type ItemState = 'current' | 'done' | 'pending';

function DoneMark() {
  return (
    <>
      <span className="ctl-step-check" aria-hidden="true">
        {' \u2713'}
      </span>
      <span className="visually-hidden"> (done)</span>
    </>
  );
}

/** One machine state's item: a single-state poster step (numbered) or a sub-step. */
function StateItem({
  step,
  state,
  detail,
  sub,
}: {
  step: StepItem;
  state: ItemState;
  detail: string | undefined;
  sub: boolean;
}) {
  const current = state === 'current';
  return (
    <li
      className={sub ? 'ctl-step ctl-substep' : 'ctl-step'}
      data-state={state}
      aria-current={current ? 'step' : undefined}
    >
      {sub ? null : (
        <>
          <span className="ctl-step-number">{step.number}.</span>{' '}
        </>
      )}
      <span className="ctl-step-body">
        <span className="ctl-step-title">
          {step.title}
          {state === 'done' ? <DoneMark /> : null}
        </span>
        {current && detail ? <span className="ctl-step-detail">{detail}</span> : null}
      </span>
    </li>
  );
}

/**
 * The region named "Steps": the poster's steps in order. A poster step made of several states
 * (the repeated copy rounds, the whole live migration inside a shared-nothing move) is one item
 * holding a nested list of its sub-steps. Exactly one item, the current state, carries
 * aria-current="step".
 */
export function StepsList({ steps, currentKey, completedKeys, detail }: StepsListProps) {
  const completed = new Set(completedKeys);
  const stateOf = (step: StepItem): ItemState =>
    step.key === currentKey ? 'current' : completed.has(step.key) ? 'done' : 'pending';
  return (
    <section className="card ctl-steps" aria-label="Steps">
      <h2>Steps</h2>
      <ol className="ctl-steps-list">
        {groupSteps(steps).map((group) => {
          const [only] = group.items;
          if (group.items.length === 1 && only) {
            return (
              <StateItem
                key={only.key}
                step={only}
                state={stateOf(only)}
                detail={detail}
                sub={false}
              />
            );
          }
          const states = group.items.map(stateOf);
          const groupState = states.includes('current')
            ? 'current-group'
            : states.every((s) => s === 'done')
              ? 'done'
              : 'pending';
          return (
            <li
              key={`group:${group.items[0]?.key ?? group.number}`}
              className="ctl-step ctl-step-group"
              data-state={groupState}
            >
              <span className="ctl-step-number">{group.number}.</span>{' '}
              <div className="ctl-step-body">
                <span className="ctl-step-title">
                  {group.title}
                  {groupState === 'done' ? <DoneMark /> : null}
                </span>
                <ol className="ctl-substeps">
                  {group.items.map((step, i) => (
                    <StateItem
                      key={step.key}
                      step={step}
                      state={states[i] ?? 'pending'}
                      detail={detail}
                      sub
                    />
                  ))}
                </ol>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
