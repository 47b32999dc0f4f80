import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Results } from './Results';

const FIGURES = [
  { label: 'Total time', value: '12.3 s' },
  { label: 'Downtime', value: '275 ms', hint: 'target 300 ms' },
  { label: 'Rounds', value: '4' },
  { label: 'Data sent', value: '10.6 GB' },
  { label: 'CPU used', value: '1.2 core-s' },
];

describe('Results', () => {
  it('is a region named "Results" with a heading and dt/dd pairs in order', () => {
    render(<Results figures={FIGURES} />);
    const region = screen.getByRole('region', { name: 'Results' });
    expect(within(region).getByRole('heading', { name: 'Results' })).toBeInTheDocument();
    const terms = within(region).getAllByRole('term');
    const definitions = within(region).getAllByRole('definition');
    expect(terms.map((dt) => dt.textContent)).toEqual([
      'Total time',
      'Downtime',
      'Rounds',
      'Data sent',
      'CPU used',
    ]);
    // The first description after each term is the figure alone, value and unit.
    expect(terms.map((dt) => dt.nextElementSibling?.textContent)).toEqual([
      '12.3 s',
      '275 ms',
      '4',
      '10.6 GB',
      '1.2 core-s',
    ]);
    // An explanation is a second description of the same term.
    expect(terms[1]?.nextElementSibling?.nextElementSibling).toHaveTextContent('target 300 ms');
    expect(definitions).toHaveLength(FIGURES.length + 1);
    expect(terms[0]?.closest('dl')).toBe(definitions[0]?.closest('dl'));
  });

  it('shows the verdict above the list', () => {
    render(
      <Results
        figures={FIGURES}
        verdict={{ tone: 'failed', text: 'Did not converge: pages are dirtied faster than sent.' }}
      />,
    );
    const region = screen.getByRole('region', { name: 'Results' });
    const verdict = within(region).getByText(/Did not converge/);
    expect(verdict.tagName).toBe('P');
    expect(verdict).toHaveAttribute('data-tone', 'failed');
    const dl = region.querySelector('dl');
    expect(dl).not.toBeNull();
    expect(
      verdict.compareDocumentPosition(dl as Node) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('says there are no figures yet when the list is empty', () => {
    render(<Results figures={[]} />);
    expect(screen.getByText('No figures yet.')).toBeInTheDocument();
    expect(screen.queryByRole('term')).toBeNull();
  });
});
