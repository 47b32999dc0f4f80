/**
 * The printable handout of a panel ("Print handout", `?handout=1`): every step of the default run
 * with its picture (the panel's own stage, drawn at the middle of the step) and narration, then
 * the run's results and the PowerShell. Print CSS (`@media print`) leaves only this on paper.
 */
import { useEffect, useMemo } from 'react';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { formatDuration } from '../../model/format';
import type { ParamValues } from '../../model/parameters';
import type { SimRunner } from '../../sim/runner';
import { Results } from '../../views/controls';
import type { PanelDefinition, ScenarioContext } from './definition';
import { preparedRunner } from './preparedRunner';
import { paramsLine } from './RunPanel';
import { stepSource } from './source';
import { TextRate } from './textRate';

/** At most this many pictures (one per distinct step title). */
const MAX_STEPS = 16;

interface HandoutStep<M extends AnyStateMachine> {
  t: number;
  title: string;
  text: string;
  source?: string;
  runner: SimRunner<M>;
  text$: TextRate<M>;
}

/** The default run's steps, each as a runner paused in the middle of it. */
function handoutSteps<M extends AnyStateMachine, K>(
  def: PanelDefinition<M, K>,
  values: ParamValues,
  knobs: K,
): { steps: HandoutStep<M>[]; end: SimRunner<M>; ctx: ScenarioContext<M, K> } {
  const base = { ...values, t: undefined };
  const end = preparedRunner(def, base, knobs);
  end.skipToEnd();
  const ctx: ScenarioContext<M, K> = { values: base, knobs, input: end.input };
  const views = typeof def.views === 'function' ? def.views(ctx) : def.views;
  const place = { catalog: def.meta.catalog, title: def.meta.title };
  const v = end.getSnapshot();
  const starts = [...new Set(v.stepStarts)].sort((a, b) => a - b);
  const seen = new Set<string>();
  const steps: HandoutStep<M>[] = [];
  starts.forEach((t0, i) => {
    if (steps.length >= MAX_STEPS) return;
    const t1 = starts[i + 1] ?? v.endT;
    const t = t1 > t0 ? (t0 + t1) / 2 : t0;
    const runner = preparedRunner(def, { ...base, t }, knobs);
    if (t === 0) runner.stepForward();
    const x = runner.getSnapshot();
    const n = views.narration(x);
    if (seen.has(n.title)) return;
    seen.add(n.title);
    const sv = views.stepView ? views.stepView(x) : x;
    const source = stepSource(sv.snapshot as AnyMachineSnapshot, place);
    steps.push({
      t,
      title: n.title,
      text: n.text,
      ...(source ? { source } : {}),
      runner,
      text$: new TextRate(runner),
    });
  });
  return { steps, end, ctx };
}

export interface HandoutProps<M extends AnyStateMachine, K> {
  def: PanelDefinition<M, K>;
  values: ParamValues;
  knobs: K;
  /** Open the print dialog once the pictures are drawn. */
  print: boolean;
  onPrinted: () => void;
  onClose: () => void;
}

export function Handout<M extends AnyStateMachine, K>({
  def,
  values,
  knobs,
  print,
  onPrinted,
  onClose,
}: HandoutProps<M, K>) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once per handout
  const { steps, end, ctx } = useMemo(() => handoutSteps(def, values, knobs), []);
  const views = typeof def.views === 'function' ? def.views(ctx) : def.views;
  const results = views.results(end.getSnapshot());
  const command = def.powershell({ ...ctx, view: end.getSnapshot() });
  useEffect(() => {
    if (!print) return;
    // Two frames: the pictures (canvases included) are drawn before the print dialog opens.
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(() => {
        onPrinted();
        window.print();
      });
    });
    return () => cancelAnimationFrame(id);
  }, [print, onPrinted]);
  const { Stage } = def;
  return (
    <article className="handout" aria-labelledby="handout-title">
      <div className="handout-bar">
        <button type="button" className="primary" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={onClose}>
          Back to the panel
        </button>
      </div>
      <h2 id="handout-title">Handout: {def.meta.title}</h2>
      <p>{def.meta.summary}</p>
      <p className="muted">
        Poster section {def.meta.catalog}. Parameters:{' '}
        {paramsLine(def.meta.scenarioParams, values, def.meta.ranges)}. The whole run takes{' '}
        {formatDuration(end.getSnapshot().endT)} of sim time.
      </p>
      <ol className="handout-steps">
        {steps.map((s) => (
          <li key={s.t} className="handout-step">
            <h3>{s.title}</h3>
            <div className="handout-picture">
              <Stage
                runner={s.runner}
                text={s.text$}
                reducedMotion
                values={values}
                knobs={knobs}
                apply={() => {}}
              />
            </div>
            <p>{s.text}</p>
            {s.source && <p className="muted">{s.source}</p>}
          </li>
        ))}
      </ol>
      <h3>At the end of the run</h3>
      <Results
        figures={results.figures}
        {...(results.verdict ? { verdict: results.verdict } : {})}
      />
      <section className="card handout-powershell" aria-label="PowerShell">
        <h3>The same in Windows PowerShell</h3>
        <pre>
          <code>{command}</code>
        </pre>
      </section>
    </article>
  );
}
