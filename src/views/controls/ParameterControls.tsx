import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

export interface ParameterSpec {
  /** Key in `values`/`errors` and the first argument of onChange (e.g. "memoryMiB"). */
  name: string;
  /** e.g. "VM memory". */
  label: string;
  /** e.g. "MiB" (an empty unit drops the parentheses from the label). */
  unit: string;
  min: number;
  max: number;
  step: number;
  /** Hint text under the field (its accessible description). */
  description: string;
}

export interface ParameterControlsProps {
  specs: readonly ParameterSpec[];
  values: Record<string, number>;
  /** Called only with a finite value within [min, max]. */
  onChange(name: string, value: number): void;
  /** Messages from outside (e.g. a bad URL value), shown like the field's own errors. */
  errors?: Record<string, string>;
  disabled?: boolean;
}

/** "VM memory (MiB)". */
export function parameterLabel(spec: Pick<ParameterSpec, 'label' | 'unit'>): string {
  return spec.unit ? `${spec.label} (${spec.unit})` : spec.label;
}

/** "VM memory must be between 512 and 1048576 MiB". */
export function rangeMessage(spec: Pick<ParameterSpec, 'label' | 'unit' | 'min' | 'max'>): string {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  return `${spec.label} must be between ${spec.min} and ${spec.max}${unit}`;
}

/** The committed number, or null when the text is not a finite number within [min, max]. */
export function parseParameter(
  text: string,
  spec: Pick<ParameterSpec, 'min' | 'max'>,
): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < spec.min || value > spec.max) return null;
  return value;
}

function display(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '' : String(value);
}

interface FieldProps {
  spec: ParameterSpec;
  value: number | undefined;
  externalError: string | undefined;
  onChange(name: string, value: number): void;
}

function ParameterField({ spec, value, externalError, onChange }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(() => display(value));
  const [localError, setLocalError] = useState<string | null>(null);
  // Follow the value from outside (reset, URL, another control) when it changes.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(display(value));
    setLocalError(null);
  }

  // Latest committed state for the native listener below (kept in a ref, read at event time).
  const latest = useRef({ spec, value, onChange });
  latest.current = { spec, value, onChange };

  // The value last sent upstream, so the change + blur of one edit commit it only once.
  const sent = useRef<number | null>(null);

  const commit = (text: string) => {
    const current = latest.current;
    const parsed = parseParameter(text, current.spec);
    if (parsed === null) {
      setLocalError(rangeMessage(current.spec));
      return;
    }
    setLocalError(null);
    if (parsed === current.value || parsed === sent.current) return;
    sent.current = parsed;
    current.onChange(current.spec.name, parsed);
  };
  const commitRef = useRef(commit);
  commitRef.current = commit;

  // React's onChange fires on every keystroke; the native "change" event (spinner, arrow keys,
  // Enter, leaving the field) is when a number input's value is settled.
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const onNativeChange = () => commitRef.current(input.value);
    input.addEventListener('change', onNativeChange);
    return () => input.removeEventListener('change', onNativeChange);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(event.currentTarget.value);
    } else if (event.key === 'Escape' && (draft !== display(value) || localError)) {
      event.preventDefault();
      setDraft(display(value));
      setLocalError(null);
    }
  };

  const error = localError ?? externalError ?? null;
  const describedBy = error ? `${hintId} ${errorId}` : hintId;

  return (
    <div className="ctl-param" data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{parameterLabel(spec)}</label>
      <input
        ref={inputRef}
        id={id}
        name={spec.name}
        type="number"
        inputMode="decimal"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          // A new edit (typing, spinner) may send again, even a value refused upstream before.
          if (event.nativeEvent.type === 'input') sent.current = null;
          setDraft(event.currentTarget.value);
        }}
        onBlur={(event) => commit(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <span className="ctl-param-hint" id={hintId}>
        {spec.description}
      </span>
      <span className="ctl-param-error" id={errorId} aria-live="polite">
        {error ? (
          <>
            <span aria-hidden="true">{'\u26A0\uFE0E '}</span>
            {error}
          </>
        ) : null}
      </span>
    </div>
  );
}

/**
 * A fieldset "Parameters": one labelled number field per spec. A field commits (onChange) on
 * change, blur or Enter, and only a finite number within [min, max]; otherwise it shows an
 * inline error naming the parameter and its range and keeps the last good value upstream.
 * Escape reverts an uncommitted edit.
 */
export function ParameterControls({
  specs,
  values,
  onChange,
  errors,
  disabled = false,
}: ParameterControlsProps) {
  return (
    <fieldset className="card ctl-params" disabled={disabled}>
      <legend>Parameters</legend>
      {specs.map((spec) => (
        <ParameterField
          key={spec.name}
          spec={spec}
          value={values[spec.name]}
          externalError={errors?.[spec.name]}
          onChange={onChange}
        />
      ))}
    </fieldset>
  );
}
