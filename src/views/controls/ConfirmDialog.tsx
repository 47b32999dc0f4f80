import { useEffect, useId, useRef } from 'react';

export interface ConfirmChoice {
  label: string;
  onChoose(): void;
}

export interface ConfirmDialogProps {
  title: string;
  text: string;
  /** The choices, in order; a "Cancel" button is added after them. */
  choices: readonly ConfirmChoice[];
  /** Called once the dialog closes (after a choice, Cancel or Escape). */
  onClose(): void;
}

/**
 * A question asked before an action (Hyper-V Manager's "take a snapshot first?"): a modal
 * `<dialog>` named by its title, its choices as buttons, then "Cancel". Escape cancels; focus
 * returns to where it was when the dialog closes.
 */
export function ConfirmDialog({ title, text, choices, onClose }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    return () => {
      if (d?.open && typeof d.close === 'function') d.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="ctl-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={textId}>{text}</p>
      <div className="ctl-dialog-choices">
        {choices.map((c, i) => (
          <button
            key={c.label}
            type="button"
            className={i === 0 ? 'primary' : undefined}
            onClick={() => {
              onClose();
              c.onChoose();
            }}
          >
            {c.label}
          </button>
        ))}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
