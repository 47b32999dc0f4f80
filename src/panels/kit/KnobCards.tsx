/** Draws a panel's settings from data (`KnobCard`s): selects, checkboxes, radios, lists, numbers. */
import type { KnobCard, KnobChange, KnobField } from './definition';

type Apply<K> = (change: KnobChange<K>) => void;

function Field<K>({ field, apply }: { field: KnobField<K>; apply: Apply<K> }) {
  switch (field.kind) {
    case 'select':
      return (
        <label>
          {field.label}{' '}
          <select value={field.value} onChange={(e) => apply(field.onChange(e.target.value))}>
            {field.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      );
    case 'checkbox':
      return (
        <label>
          <input
            type="checkbox"
            checked={field.checked}
            onChange={(e) => apply(field.onChange(e.target.checked))}
          />{' '}
          {field.label}
        </label>
      );
    case 'radio':
      return (
        <fieldset>
          <legend>{field.legend}</legend>
          {field.options.map((o) => (
            <label key={o.value}>
              <input
                type="radio"
                name={field.name}
                value={o.value}
                checked={field.value === o.value}
                onChange={() => apply(field.onChange(o.value))}
              />{' '}
              {o.label}
            </label>
          ))}
        </fieldset>
      );
    case 'checklist': {
      const ticked = new Set(field.values);
      const list = field.options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            checked={ticked.has(o.value)}
            onChange={(e) => {
              const next = new Set(ticked);
              if (e.target.checked) next.add(o.value);
              else next.delete(o.value);
              // The option order is the list's order (e.g. the queue order).
              apply(field.onChange(field.options.map((x) => x.value).filter((v) => next.has(v))));
            }}
          />{' '}
          {o.label}
        </label>
      ));
      if (!field.legend) return <div className={field.className}>{list}</div>;
      return (
        <fieldset className={field.className} disabled={field.disabled}>
          <legend>{field.legend}</legend>
          {list}
        </fieldset>
      );
    }
    case 'number':
      return (
        <label>
          {field.label}{' '}
          <input
            type="number"
            min={field.min}
            max={field.max}
            step={1}
            value={field.value}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (n >= field.min && n <= field.max) apply(field.onChange(n));
            }}
          />
        </label>
      );
    case 'group':
      return (
        <fieldset disabled={field.disabled}>
          <legend>{field.legend}</legend>
          <Fields fields={field.fields} apply={apply} />
        </fieldset>
      );
    case 'note':
      return <p className="muted knob-note">{field.text}</p>;
  }
}

function Fields<K>({ fields, apply }: { fields: readonly KnobField<K>[]; apply: Apply<K> }) {
  return (
    <>
      {fields.map((f, i) => (
        <Field
          // Fields are a fixed list per panel: their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          field={f}
          apply={apply}
        />
      ))}
    </>
  );
}

/** The settings cards: one fieldset each. */
export function KnobCards<K>({ cards, apply }: { cards: readonly KnobCard<K>[]; apply: Apply<K> }) {
  return (
    <>
      {cards.map((c) => (
        <fieldset key={c.legend} className={`card knobs ${c.className ?? ''}`.trim()}>
          <legend>{c.legend}</legend>
          <Fields fields={c.fields} apply={apply} />
        </fieldset>
      ))}
    </>
  );
}
