import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stepsOf } from '../../panels/kit/steps';
import { CHART as LIVE } from '../../panels/liveMigration2008r2/selectors';
import { CHART as SHARED_NOTHING } from '../../panels/sharedNothing/selectors';
import { groupSteps, StepsList } from './StepsList';

const STEPS = [
  { key: 'setup', number: 1, title: 'Set up the destination' },
  { key: 'copyAll', number: 2, title: 'Copy all memory' },
  { key: 'copyDirty', number: 3, title: 'Copy dirtied pages' },
  { key: 'copyDirtyAgain', number: 3, title: 'Copy dirtied pages again' },
  { key: 'switch', number: 4, title: 'Switch over' },
] as const;

/** The items of the outer list only (not the nested sub-steps). */
function outerItems(): HTMLElement[] {
  const region = screen.getByRole('region', { name: 'Steps' });
  const outer = region.querySelector('ol') as HTMLElement;
  return [...outer.children] as HTMLElement[];
}

const currentItems = () =>
  screen.getAllByRole('listitem').filter((li) => li.hasAttribute('aria-current'));

describe('StepsList', () => {
  it('is a region named "Steps" with a heading and an ordered list, one item per poster step', () => {
    render(<StepsList steps={STEPS} currentKey={null} completedKeys={[]} />);
    const region = screen.getByRole('region', { name: 'Steps' });
    expect(within(region).getByRole('heading', { name: 'Steps' })).toBeInTheDocument();
    const lists = within(region).getAllByRole('list');
    expect(lists.map((l) => l.tagName)).toEqual(['OL', 'OL']);
    const items = outerItems();
    expect(items.map((li) => li.tagName)).toEqual(['LI', 'LI', 'LI', 'LI']);
    expect(items.map((li) => li.querySelector('.ctl-step-number')?.textContent)).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
    ]);
    expect(currentItems()).toHaveLength(0);
  });

  it('nests the states that share a poster number under one item, the number shown once', () => {
    render(<StepsList steps={STEPS} currentKey={null} completedKeys={[]} />);
    const three = outerItems()[2] as HTMLElement;
    expect(three).toHaveTextContent(/^3\./);
    expect(three.querySelectorAll('.ctl-step-number')).toHaveLength(1);
    const nested = within(three).getByRole('list');
    expect(nested.tagName).toBe('OL');
    expect(
      within(nested)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Copy dirtied pages', 'Copy dirtied pages again']);
    // Without a group title, the poster step is titled after its first sub-step.
    expect(three.querySelector(':scope > .ctl-step-body > .ctl-step-title')).toHaveTextContent(
      'Copy dirtied pages',
    );
    // Single-state steps have no nested list.
    expect((outerItems()[0] as HTMLElement).querySelector('ol')).toBeNull();
  });

  it('titles a nested poster step with the group title when an item has one', () => {
    render(
      <StepsList
        steps={[
          { key: 'a', number: 4, title: 'Create the VM shell', group: 'Live-migrate the VM' },
          { key: 'b', number: 4, title: 'Copy the memory', group: 'Live-migrate the VM' },
          { key: 'c', number: 5, title: 'Delete the source files' },
        ]}
        currentKey={null}
        completedKeys={[]}
      />,
    );
    const four = outerItems()[0] as HTMLElement;
    expect(four.querySelector(':scope > .ctl-step-body > .ctl-step-title')).toHaveTextContent(
      'Live-migrate the VM',
    );
    expect(within(within(four).getByRole('list')).getAllByRole('listitem')).toHaveLength(2);
  });

  it('marks exactly one element aria-current="step": the current state, single or nested', () => {
    const { rerender } = render(<StepsList steps={STEPS} currentKey="setup" completedKeys={[]} />);
    expect(currentItems()).toHaveLength(1);
    expect(currentItems()[0]).toHaveAttribute('aria-current', 'step');
    expect(currentItems()[0]).toHaveTextContent('Set up the destination');
    expect(currentItems()[0]).toBe(outerItems()[0]);

    rerender(
      <StepsList
        steps={STEPS}
        currentKey="copyDirtyAgain"
        completedKeys={['setup', 'copyAll', 'copyDirty']}
      />,
    );
    expect(currentItems()).toHaveLength(1);
    const current = currentItems()[0] as HTMLElement;
    expect(current).toHaveTextContent('Copy dirtied pages again');
    expect(current).toHaveClass('ctl-substep');
    // The poster step holding it is the current group, but not itself aria-current.
    const three = outerItems()[2] as HTMLElement;
    expect(three).toHaveAttribute('data-state', 'current-group');
    expect(three).not.toHaveAttribute('aria-current');
    expect(three.contains(current)).toBe(true);
    expect(screen.getByText('Set up the destination').closest('li')).not.toHaveAttribute(
      'aria-current',
    );
  });

  it('marks completed steps and sub-steps with a hidden check and " (done)"', () => {
    render(
      <StepsList
        steps={STEPS}
        currentKey="copyDirtyAgain"
        completedKeys={['setup', 'copyAll', 'copyDirty']}
      />,
    );
    const [first, second, third, fourth] = outerItems();
    expect(first).toHaveTextContent('(done)');
    expect(second).toHaveTextContent('(done)');
    expect(fourth).not.toHaveTextContent('(done)');
    const check = first?.querySelector('.ctl-step-check');
    expect(check).toHaveAttribute('aria-hidden', 'true');
    expect(check).toHaveTextContent('✓');
    expect(within(first as HTMLElement).getByText('(done)')).toHaveClass('visually-hidden');
    // Inside step 3: the first round is done, the second is current, the step is not done yet.
    const [round1, round2] = within(third as HTMLElement).getAllByRole('listitem');
    expect(round1).toHaveTextContent('Copy dirtied pages ✓ (done)');
    expect(round1).toHaveAttribute('data-state', 'done');
    expect(round2).not.toHaveTextContent('(done)');
    expect(within(third as HTMLElement).getAllByText('(done)')).toHaveLength(1);
  });

  it('marks a poster step done once all its sub-steps are', () => {
    render(
      <StepsList
        steps={STEPS}
        currentKey="switch"
        completedKeys={['setup', 'copyAll', 'copyDirty', 'copyDirtyAgain']}
      />,
    );
    const three = outerItems()[2] as HTMLElement;
    expect(three).toHaveAttribute('data-state', 'done');
    // One marker for the step, one per sub-step.
    expect(within(three).getAllByText('(done)')).toHaveLength(3);
    expect(outerItems()[3]).toHaveAttribute('aria-current', 'step');
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
    const detail = screen.getByText('Round 3 of 4');
    expect(detail.closest('li')).toHaveAttribute('aria-current', 'step');
    expect(detail.closest('li')).toHaveTextContent('Copy dirtied pages');
    expect(detail.closest('li')).not.toHaveTextContent('again');
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

describe('groupSteps', () => {
  it('groups consecutive items by poster number, keeping order and a number that comes back', () => {
    const groups = groupSteps([
      { key: 'a', number: 1, title: 'A' },
      { key: 'b', number: 2, title: 'B' },
      { key: 'c', number: 2, title: 'C', group: 'Two' },
      { key: 'd', number: 3, title: 'D' },
      { key: 'e', number: 2, title: 'E' },
    ]);
    expect(groups.map((g) => [g.number, g.title, g.items.map((i) => i.key)])).toEqual([
      [1, 'A', ['a']],
      [2, 'Two', ['b', 'c']],
      [3, 'D', ['d']],
      [2, 'E', ['e']],
    ]);
  });
});

describe('StepsList with the real charts (stepsOf)', () => {
  it('nests the live migration copy rounds under step 3 and shared-nothing step 4', () => {
    const lm = groupSteps(stepsOf(LIVE.nodes));
    expect(lm.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lm[2]?.items.map((i) => i.title)).toEqual([
      'Copy the changed pages again',
      'Pause and send the last pages',
    ]);
    const sn = groupSteps(stepsOf(SHARED_NOTHING.nodes));
    expect(sn.map((g) => g.number)).toEqual([1, 2, 3, 4, 5]);
    expect(sn[3]?.items.length).toBeGreaterThanOrEqual(4);
    expect(sn[3]?.title).toBe(sn[3]?.items[0]?.title);
  });

  it('titles a nested poster step from stepsOf groupTitles', () => {
    const steps = stepsOf(SHARED_NOTHING.nodes, { 4: 'Live-migrate the VM' });
    const four = steps.filter((s) => s.number === 4);
    expect(four.length).toBeGreaterThan(1);
    expect(four.every((s) => s.group === 'Live-migrate the VM')).toBe(true);
    expect(steps.find((s) => s.number === 1)).not.toHaveProperty('group');
    render(<StepsList steps={steps} currentKey={null} completedKeys={[]} />);
    const item = outerItems()[3] as HTMLElement;
    expect(item.querySelector(':scope > .ctl-step-body > .ctl-step-title')).toHaveTextContent(
      'Live-migrate the VM',
    );
  });
});
