import './Narration.css';

export type NarrationTone = 'normal' | 'ok' | 'failed';

export interface NarrationProps {
  /** Current step title: announced politely whenever it changes. */
  title: string;
  /** Narration paragraph for the current step. */
  text: string;
  tone?: NarrationTone;
  /** Where the step comes from (poster and section): the narration's last line. */
  source?: string;
}

/**
 * The panel's live region (role="status"): the current step's title and its narration.
 * Keep it mounted for the life of the panel so changes are announced.
 */
export function Narration({ title, text, tone = 'normal', source }: NarrationProps) {
  return (
    <div
      className="card ctl-narration"
      data-tone={tone}
      role="status"
      aria-live="polite"
      aria-atomic="true"
    >
      <p className="ctl-narration-title">{title}</p>
      {text ? <p className="ctl-narration-text">{text}</p> : null}
      {source ? <p className="ctl-narration-source">{source}</p> : null}
    </div>
  );
}
