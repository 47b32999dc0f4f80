import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Notice } from './Notice';

describe('Notice', () => {
  it('is an alert for errors and warnings', () => {
    const { rerender } = render(
      <Notice
        tone="error"
        title="Some parameters were refused"
        items={['VM memory must be between 512 and 1048576 MiB']}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Some parameters were refused');
    expect(within(alert).getByRole('listitem')).toHaveTextContent(
      'VM memory must be between 512 and 1048576 MiB',
    );
    rerender(<Notice tone="warn" title="Slow link" />);
    expect(screen.getByRole('alert')).toHaveTextContent('Slow link');
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('is a note for information and lists every item', () => {
    render(<Notice tone="info" title="Tip" items={['One', 'Two', 'Two']} />);
    expect(screen.queryByRole('alert')).toBeNull();
    const note = screen.getByRole('note');
    expect(
      within(note)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['One', 'Two', 'Two']);
  });

  it('offers Dismiss only when onDismiss is given', async () => {
    const user = userEvent.setup();
    const onDismiss = vi.fn();
    const { rerender } = render(<Notice tone="error" title="Bad link" />);
    expect(screen.queryByRole('button', { name: 'Dismiss' })).toBeNull();
    rerender(<Notice tone="error" title="Bad link" onDismiss={onDismiss} />);
    const dismiss = screen.getByRole('button', { name: 'Dismiss' });
    expect(dismiss).toHaveAccessibleDescription(/Bad link/);
    await user.click(dismiss);
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });
});
