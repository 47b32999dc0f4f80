import { useEffect, useId, useRef, useState } from 'react';
import './QuestionCard.css';

export interface QuestionCardResult {
  correct: boolean;
  /** The right answer as shown. */
  answer: string;
  explanation: string;
}

export interface QuestionCardProps {
  prompt: string;
  kind: 'choice' | 'number';
  /** The choices of a `choice` question. */
  options?: readonly { value: string; label: string }[];
  /** The unit a `number` question is answered in. */
  unit?: string;
  /** Set once the answer was checked. */
  result?: QuestionCardResult | null;
  onCheck(given: string): void;
  onContinue(): void;
}

/**
 * The region "Check yourself": a question as a radio group (or a number input) and "Check
 * answer"; then whether it was right, the answer and its explanation (a live region, so a screen
 * reader hears them) and "Continue". Never a modal: it sits beside the picture.
 */
export function QuestionCard(props: QuestionCardProps) {
  const { prompt, kind, options = [], unit = '', result } = props;
  const headingId = useId();
  const promptId = useId();
  const name = useId();
  const [given, setGiven] = useState('');
  const checked = Boolean(result);
  const next = useRef<HTMLButtonElement>(null);
  // The "Check answer" button goes once the answer is checked: focus moves on to "Continue".
  useEffect(() => {
    if (checked) next.current?.focus();
  }, [checked]);
  return (
    <section className="card ctl-question" aria-labelledby={headingId}>
      <h2 id={headingId}>Check yourself</h2>
      <p id={promptId} className="ctl-question-prompt">
        {prompt}
      </p>
      {kind === 'choice' ? (
        <div role="radiogroup" aria-labelledby={promptId} className="ctl-question-options">
          {options.map((o) => (
            <label key={o.value}>
              <input
                type="radio"
                name={name}
                value={o.value}
                checked={given === o.value}
                disabled={checked}
                onChange={() => setGiven(o.value)}
              />{' '}
              {o.label}
            </label>
          ))}
        </div>
      ) : (
        <label className="ctl-question-number">
          Your answer{unit ? ` (${unit})` : ''}{' '}
          <input
            type="number"
            step="any"
            value={given}
            disabled={checked}
            aria-describedby={promptId}
            onChange={(e) => setGiven(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && given.trim() !== '' && !checked) props.onCheck(given);
            }}
          />
        </label>
      )}
      <div role="status" className="ctl-question-result">
        {result ? (
          <>
            <p className="ctl-question-verdict" data-correct={result.correct}>
              {result.correct ? 'Right.' : 'Not quite.'} The answer is {result.answer}.
            </p>
            <p>{result.explanation}</p>
          </>
        ) : null}
      </div>
      <div className="ctl-question-buttons">
        {checked ? (
          <button ref={next} type="button" className="primary" onClick={props.onContinue}>
            Continue
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={given.trim() === ''}
            onClick={() => props.onCheck(given)}
          >
            Check answer
          </button>
        )}
      </div>
    </section>
  );
}
