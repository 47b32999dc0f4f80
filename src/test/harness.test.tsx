// Checks the unit-test harness itself: happy-dom, React rendering, jest-dom matchers, user-event.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

function Toggle() {
  const [on, setOn] = useState(false);
  return (
    <button type="button" aria-pressed={on} onClick={() => setOn(!on)}>
      Power
    </button>
  );
}

describe('test harness', () => {
  it('renders React into happy-dom with jest-dom matchers', async () => {
    render(<Toggle />);
    const button = screen.getByRole('button', { name: 'Power' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
  });

  it('cleans up between tests', () => {
    expect(document.body).toBeEmptyDOMElement();
  });
});
