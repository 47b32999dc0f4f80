import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StepsList } from './StepsList';

const STEPS = [
  { key: 'setup', number: 1, title: 'Set up the destination' },
  { key: 'copyAll', number: 2, title: 'Copy all memory' },
  { key: 'copyDirty', number: 3, title: 'Copy dirtied pages' },
  { key: 'copyDirtyAgain', number: 3, title: 'Copy dirtied pages again' },
  { key: 'switch', number: 4, title: 'Switch over' },
] as const;

describe('StepsList', () => {
  it('is a region named "Steps" with a heading and an ordered list of all steps', () => {
    render(<StepsList steps={STEPS} currentKey={null} completedKeys={[]} />);
    const region = screen.getByRole('region', { name: 'Steps' });
    expect(within(region).getByRole('heading', { name: 'Steps' })).toBeInTheDocument();
    const list = within(region).getByRole('list');
    expect(list.tagName).toBe('OL');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items.map((item) => item.getAttribute('aria-current'))).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('marks the current step with aria-current="step" and moves it', () => {
    const { rerender } = render(<StepsList steps={STEPS} currentKey="setup" completedKeys={[]} />);
    const current = () =>
      screen.getAllByRole('listitem').filter((li) => li.hasAttribute('aria-current'));
    expect(current()).toHaveLength(1);
    expect(current()[0]).toHaveAttribute('aria-current', 'step');
    expect(current()[0]).toHaveTextContent('Set up the destination');

    rerender(
      <StepsList steps={STEPS} currentKey="copyDirty" completedKeys={['setup', 'copyAll']} />,
    );
    expect(current()).toHaveLength(1);
    expect(current()[0]).toHaveTextContent('Copy dirtied pages');
    expect(screen.getByText('Set up the destination').closest('li')).not.toHaveAttribute(
      'aria-current',
    );
  });

  it('marks completed steps with a hidden check and " (done)" for screen readers', () => {
    render(<StepsList steps={STEPS} currentKey="copyDirty" completedKeys={['setup', 'copyAll']} />);
    const [first, second, third, fourth] = screen.getAllByRole('listitem');
    expect(first).toHaveTextContent('(done)');
    expect(second).toHaveTextContent('(done)');
    expect(third).not.toHaveTextContent('(done)');
    expect(fourth).not.toHaveTextContent('(done)');
    const check = first?.querySelector('.ctl-step-check');
    expect(check).toHaveAttribute('aria-hidden', 'true');
    expect(check).toHaveTextContent('✓');
    expect(within(first as HTMLElement).getByText('(done)')).toHaveClass('visually-hidden');
  });

  it('shows the poster number, shared by several keys', () => {
    render(<StepsList steps={STEPS} currentKey={null} completedKeys={[]} />);
    const items = screen.getAllByRole('listitem');
    expect(items[2]).toHaveTextContent(/^3\./);
    expect(items[3]).toHaveTextContent(/^3\./);
    expect(items[4]).toHaveTextContent(/^4\./);
  });

  it('shows the detail under the current step only', () => {
    const { rerender } = render(
      <StepsList
        steps={STEPS}
        currentKey="copyDirty"
        completedKeys={['setup', 'copyAll']}
        detail="Round 3 of 4"
      />,
    );
    expect(screen.getByText('Round 3 of 4').closest('li')).toHaveAttribute('aria-current', 'step');
    rerender(
      <StepsList
        steps={STEPS}
        currentKey="switch"
        completedKeys={['setup', 'copyAll', 'copyDirty', 'copyDirtyAgain']}
        detail="Round 4 of 4"
      />,
    );
    expect(screen.queryByText('Round 3 of 4')).toBeNull();
    expect(screen.getByText('Round 4 of 4').closest('li')).toHaveTextContent('Switch over');
  });
});
