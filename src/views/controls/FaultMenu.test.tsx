import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FaultMenu, type FaultMenuItem } from './FaultMenu';

const FAULTS: FaultMenuItem[] = [
  { type: 'CUT_NETWORK', label: 'Cut migration network', hint: 'Unplugs the migration link' },
  { type: 'FAIL_SOURCE_HOST', label: 'Fail source host' },
  { type: 'FAIL_DESTINATION_HOST', label: 'Fail destination host', disabled: true },
  { type: 'CANCEL', label: 'Cancel' },
];

function setup(props: { disabled?: boolean; faults?: FaultMenuItem[] } = {}) {
  const user = userEvent.setup();
  const onInject = vi.fn();
  const view = render(
    <div>
      <button type="button">Before</button>
      <FaultMenu faults={props.faults ?? FAULTS} onInject={onInject} disabled={props.disabled} />
      <button type="button">After</button>
    </div>,
  );
  const button = screen.getByRole('button', { name: 'Inject fault' });
  return { user, onInject, button, ...view };
}

const item = (name: string) => screen.getByRole('menuitem', { name });

describe('FaultMenu', () => {
  it('is a collapsed menu button named "Inject fault"', () => {
    const { button } = setup();
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('opens on click with menu items named by label, the first focused', async () => {
    const { user, button } = setup();
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const menu = screen.getByRole('menu', { name: 'Inject fault' });
    expect(button).toHaveAttribute('aria-controls', menu.id);
    expect(screen.getAllByRole('menuitem').map((el) => el.textContent)).toEqual([
      'Cut migration networkUnplugs the migration link',
      'Fail source host',
      'Fail destination host',
      'Cancel',
    ]);
    // The hint describes the item but is not part of its name.
    expect(item('Cut migration network')).toHaveAccessibleDescription('Unplugs the migration link');
    expect(item('Cut migration network')).toHaveFocus();
    expect(item('Fail destination host')).toHaveAttribute('aria-disabled', 'true');
  });

  it.each(['{Enter}', ' ', '{ArrowDown}'])(
    'opens with %s and focuses the first item',
    async (key) => {
      const { user, button } = setup();
      button.focus();
      await user.keyboard(key);
      expect(screen.getByRole('menu')).toBeInTheDocument();
      expect(item('Cut migration network')).toHaveFocus();
    },
  );

  it('opens with ArrowUp on the last item', async () => {
    const { user, button } = setup();
    button.focus();
    await user.keyboard('{ArrowUp}');
    expect(item('Cancel')).toHaveFocus();
  });

  it('moves with ArrowDown/ArrowUp (wrapping), Home and End, including disabled items', async () => {
    const { user, button } = setup();
    button.focus();
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowDown}');
    expect(item('Fail source host')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(item('Fail destination host')).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(item('Cut migration network')).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(item('Cancel')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(item('Cut migration network')).toHaveFocus();
    await user.keyboard('{End}');
    expect(item('Cancel')).toHaveFocus();
    await user.keyboard('f');
    expect(item('Fail source host')).toHaveFocus();
    await user.keyboard('f');
    expect(item('Fail destination host')).toHaveFocus();
  });

  it('closes on Escape and returns focus to the button', async () => {
    const { user, button, onInject } = setup();
    button.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
    expect(onInject).not.toHaveBeenCalled();
  });

  it('chooses an item with Enter: calls onInject(type), closes, focuses the button', async () => {
    const { user, button, onInject } = setup();
    button.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(onInject).toHaveBeenCalledExactlyOnceWith('FAIL_SOURCE_HOST');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('chooses an item with a click', async () => {
    const { user, button, onInject } = setup();
    await user.click(button);
    await user.click(item('Cancel'));
    expect(onInject).toHaveBeenCalledExactlyOnceWith('CANCEL');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('does not inject a disabled item and stays open', async () => {
    const { user, button, onInject } = setup();
    await user.click(button);
    await user.click(item('Fail destination host'));
    item('Fail destination host').focus();
    await user.keyboard('{Enter}');
    expect(onInject).not.toHaveBeenCalled();
    expect(screen.getByRole('menu')).toBeInTheDocument();
  });

  it('closes on Tab and moves on to the next control', async () => {
    const { user, button } = setup();
    button.focus();
    await user.keyboard('{ArrowDown}');
    await user.tab();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'After' })).toHaveFocus();
  });

  it('closes on Shift+Tab and moves back to the previous control', async () => {
    const { user, button } = setup();
    button.focus();
    await user.keyboard('{ArrowDown}');
    await user.tab({ shift: true });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'Before' })).toHaveFocus();
  });

  it('closes on a click outside', async () => {
    const { user, button, onInject } = setup();
    await user.click(button);
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await user.click(document.body);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(onInject).not.toHaveBeenCalled();
  });

  it('toggles closed when the button is clicked again', async () => {
    const { user, button } = setup();
    await user.click(button);
    await user.click(button);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('can be disabled as a whole', async () => {
    const { user, button } = setup({ disabled: true });
    expect(button).toBeDisabled();
    await user.click(button);
    expect(screen.queryByRole('menu')).toBeNull();
  });
});
