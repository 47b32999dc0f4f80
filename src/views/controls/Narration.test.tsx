import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Narration } from './Narration';

describe('Narration', () => {
  it('is a polite status region holding the title and the text', () => {
    render(<Narration title="Copy all memory" text="Every page of the VM is sent once." />);
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent('Copy all memory');
    expect(status).toHaveTextContent('Every page of the VM is sent once.');
    expect(status.children).toHaveLength(2);
  });

  it('keeps the same live region when the step changes', () => {
    const { rerender } = render(<Narration title="Copy all memory" text="First pass." />);
    const status = screen.getByRole('status');
    rerender(<Narration title="Switch over" text="The VM pauses." tone="ok" />);
    expect(screen.getByRole('status')).toBe(status);
    expect(status).toHaveTextContent('Switch over');
    expect(status).not.toHaveTextContent('Copy all memory');
    expect(status).toHaveAttribute('data-tone', 'ok');
  });

  it('defaults to the normal tone', () => {
    render(<Narration title="Ready" text="" />);
    expect(screen.getByRole('status')).toHaveAttribute('data-tone', 'normal');
    expect(screen.getByRole('status').querySelectorAll('p')).toHaveLength(1);
  });
});
