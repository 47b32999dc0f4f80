import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';

export interface FaultMenuItem {
  /** Passed to onInject. */
  type: string;
  /** The menu item's accessible name, e.g. "Cut migration network". */
  label: string;
  /** Shown but not choosable (aria-disabled; still focusable, as the menu pattern asks). */
  disabled?: boolean;
  /** Short description (the item's accessible description, not part of its name). */
  hint?: string;
}

export interface FaultMenuProps {
  faults: readonly FaultMenuItem[];
  onInject(type: string): void;
  /** Disables the "Inject fault" button (and closes the menu). */
  disabled?: boolean;
}

type FocusTarget = 'first' | 'last' | null;

/**
 * The "Inject fault" menu button (WAI-ARIA menu button pattern): Enter/Space/ArrowDown open the
 * menu on its first item, ArrowUp on its last; in the menu ArrowUp/ArrowDown (wrapping),
 * Home/End move; Enter/Space/click choose; Escape closes and returns focus to the button; Tab
 * and clicks outside close it; typing a character moves to the next item starting with it.
 */
export function FaultMenu({ faults, onInject, disabled = false }: FaultMenuProps) {
  const baseId = useId();
  const buttonId = `${baseId}-button`;
  const menuId = `${baseId}-menu`;
  const [open, setOpen] = useState(false);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const isOpen = open && !disabled && faults.length > 0;

  const openMenu = useCallback((target: Exclude<FocusTarget, null>) => {
    setOpen(true);
    setFocusTarget(target);
  }, []);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    setFocusTarget(null);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  // Move focus into the menu once it is rendered.
  useEffect(() => {
    if (!isOpen || focusTarget === null) return;
    const items = itemRefs.current.slice(0, faults.length);
    const item = focusTarget === 'first' ? items[0] : items[items.length - 1];
    item?.focus();
    setFocusTarget(null);
  }, [isOpen, focusTarget, faults.length]);

  // A pointer press anywhere outside closes the menu (focus goes wherever the press sends it).
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      const root = rootRef.current;
      if (root && event.target instanceof Node && !root.contains(event.target)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen, close]);

  // Focus moving elsewhere in the page (not back to the button or an item) closes the menu.
  useEffect(() => {
    const root = rootRef.current;
    if (!isOpen || !root) return;
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget;
      if (next instanceof Node && !root.contains(next)) close(false);
    };
    root.addEventListener('focusout', onFocusOut);
    return () => root.removeEventListener('focusout', onFocusOut);
  }, [isOpen, close]);

  const onButtonClick = () => {
    if (isOpen) close(false);
    else openMenu('first');
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openMenu('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu('last');
    } else if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      close(true);
    }
  };

  const focusItem = (index: number) => {
    const n = faults.length;
    if (n === 0) return;
    itemRefs.current[((index % n) + n) % n]?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = itemRefs.current.indexOf(document.activeElement as HTMLButtonElement | null);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(current < 0 ? 0 : current + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(current < 0 ? faults.length - 1 : current - 1);
        break;
      case 'Home':
      case 'PageUp':
        event.preventDefault();
        focusItem(0);
        break;
      case 'End':
      case 'PageDown':
        event.preventDefault();
        focusItem(faults.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        // Put focus back on the button and let the browser move on from there, so Tab and
        // Shift+Tab land next to the button once the menu is gone.
        close(true);
        break;
      default:
        if (
          event.key.length === 1 &&
          /\S/.test(event.key) &&
          !event.ctrlKey &&
          !event.metaKey &&
          !event.altKey
        ) {
          // Type-ahead: the next item whose label starts with the typed character.
          const char = event.key.toLowerCase();
          const n = faults.length;
          for (let step = 1; step <= n; step++) {
            const index = (current + step + n) % n;
            if (faults[index]?.label.toLowerCase().startsWith(char)) {
              event.preventDefault();
              focusItem(index);
              break;
            }
          }
        }
        break;
    }
  };

  const choose = (item: FaultMenuItem) => {
    if (item.disabled) return;
    close(true);
    onInject(item.type);
  };

  return (
    <div className="ctl-fault-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="ctl-fault-button"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        disabled={disabled}
        onClick={onButtonClick}
        onKeyDown={onButtonKeyDown}
      >
        Inject fault
        <span className="ctl-caret" aria-hidden="true">
          {isOpen ? ' \u25B4' : ' \u25BE'}
        </span>
      </button>
      {isOpen ? (
        <div
          id={menuId}
          className="ctl-menu"
          role="menu"
          aria-labelledby={buttonId}
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
        >
          {faults.map((item, i) => {
            const hintId = `${baseId}-hint-${i}`;
            return (
              <button
                key={item.type}
                ref={(el) => {
                  itemRefs.current[i] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="ctl-menuitem"
                aria-disabled={item.disabled ? true : undefined}
                aria-describedby={item.hint ? hintId : undefined}
                onClick={() => choose(item)}
              >
                <span className="ctl-menuitem-label">{item.label}</span>
                {item.hint ? (
                  <span className="ctl-menuitem-hint" id={hintId} aria-hidden="true">
                    {item.hint}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
