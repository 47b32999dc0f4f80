/**
 * The self-check beside the picture: the region "Check yourself" for the question the run asks
 * now (asking.ts watches the run). "Check answer" records the answer (progress.ts) and explains
 * it; "Continue" plays on. Never a modal: every other control keeps working.
 */
import { useState } from 'react';
import type { AnyStateMachine } from 'xstate';
import type { SimRunner } from '../../sim/runner';
import { QuestionCard, type QuestionCardResult } from '../../views/controls/QuestionCard';
import { recordAnswer } from './progress';
import type { AskedQuestion } from './quiz';

/** The region "Check yourself", while a question is asked; an announcement as one appears. */
export function SelfCheck<M extends AnyStateMachine>({
  runner,
  route,
  asked,
  close,
}: {
  runner: SimRunner<M>;
  /** The panel's route (progress is kept per route and question id). */
  route: string;
  asked: AskedQuestion | null;
  close: () => void;
}) {
  const [result, setResult] = useState<QuestionCardResult | null>(null);
  const [seenId, setSeenId] = useState<string | null>(null);
  const key = asked ? `${asked.id}@${asked.at}` : null;
  if (key !== seenId) {
    setSeenId(key);
    setResult(null);
  }
  return (
    <>
      {/* Always mounted, so a question appearing is announced. */}
      <p className="visually-hidden" aria-live="polite">
        {asked && !result ? `Check yourself: ${asked.prompt}` : ''}
      </p>
      {asked && (
        <QuestionCard
          key={key}
          prompt={asked.prompt}
          kind={asked.kind}
          options={asked.options}
          unit={asked.unit}
          result={result}
          onCheck={(given) => {
            const correct = asked.check(given);
            recordAnswer(route, asked.id, correct);
            setResult({ correct, answer: asked.answer, explanation: asked.explanation });
          }}
          onContinue={() => {
            close();
            runner.play();
          }}
        />
      )}
    </>
  );
}
