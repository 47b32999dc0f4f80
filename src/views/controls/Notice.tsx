import { useId } from 'react';

export type NoticeTone = 'info' | 'warn' | 'error';

export interface NoticeProps {
  tone: NoticeTone;
  title: string;
  items?: readonly string[];
  onDismiss?(): void;
}

const TONE_WORD: Record<NoticeTone, string> = {
  info: 'Note',
  warn: 'Warning',
  error: 'Error',
};

const TONE_ICON: Record<NoticeTone, string> = {
  info: 'i',
  warn: '!',
  error: '\u2717',
};

/**
 * A message box: role="alert" for 'warn' and 'error' (announced when it appears), role="note"
 * for 'info'. Lists `items` and offers a "Dismiss" button when `onDismiss` is given.
 */
export function Notice({ tone, title, items, onDismiss }: NoticeProps) {
  const titleId = useId();
  return (
    <div className="ctl-notice" data-tone={tone} role={tone === 'info' ? 'note' : 'alert'}>
      <span className="ctl-notice-icon" aria-hidden="true">
        {TONE_ICON[tone]}
      </span>
      <div className="ctl-notice-body">
        <p className="ctl-notice-title" id={titleId}>
          <span className="visually-hidden">{TONE_WORD[tone]}: </span>
          {title}
        </p>
        {items && items.length > 0 ? (
          <ul className="ctl-notice-items">
            {items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat; order is the identity
              <li key={i}>{item}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {onDismiss ? (
        <button
          type="button"
          className="ctl-notice-dismiss"
          onClick={onDismiss}
          aria-describedby={titleId}
        >
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
