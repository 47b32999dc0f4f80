/** Which key events belong to the page's shortcuts (presenter keys, P). */

/**
 * Whether a key event comes from typing in a control (a text or number field, a select, a
 * slider, a menu): the presenter's keys leave those alone. A focused button is not typing: a
 * clicker's PageDown still steps after a button was clicked.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return (
    tag === 'INPUT' ||
    tag === 'SELECT' ||
    tag === 'TEXTAREA' ||
    target.isContentEditable ||
    target.getAttribute('role') === 'menuitem'
  );
}
