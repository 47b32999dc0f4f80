import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RoundsChart, type RoundsChartRound, yAxisFor } from './RoundsChart';

const MiB = 1024 * 1024;
const RATE = 0.9e9 / 8;
const r = (index: number, kind: RoundsChartRound['kind'], bytes: number): RoundsChartRound => ({
  index,
  kind,
  bytes,
  durationS: bytes / RATE,
});
const ROUNDS = [
  r(0, 'full', 2048 * MiB),
  r(1, 'dirty', 256 * MiB),
  r(2, 'dirty', 48 * MiB),
  r(3, 'final', 9 * MiB),
];

describe('RoundsChart', () => {
  it('has a caption and a text-equivalent table of the rounds', () => {
    render(<RoundsChart rounds={ROUNDS} currentIndex={1} progress={0.25} animate />);
    expect(screen.getByText('Memory sent per round (log scale)').tagName).toBe('FIGCAPTION');
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Round', 'Kind', 'Data', 'Duration', 'Status']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      '1Full copy2.1 GB19.1 sSent',
      '2Changed pages268 MB2.4 sIn progress, 25%',
      '3Changed pages50.3 MB447 msNot yet',
      '4Final copy (VM paused)9.4 MB84 msNot yet',
    ]);
  });

  it('fills reached bars, fills the current one by progress, outlines the rest', () => {
    const { container } = render(
      <RoundsChart rounds={ROUNDS} currentIndex={2} progress={0.5} animate={false} />,
    );
    const bars = [...container.querySelectorAll('.scn-bar')];
    expect(bars.map((b) => b.getAttribute('data-state'))).toEqual([
      'done',
      'done',
      'current',
      'pending',
    ]);
    const outlineH = Number(bars[2]?.querySelector('.scn-bar-outline')?.getAttribute('height'));
    const fillH = Number.parseFloat(
      bars[2]?.querySelector('.scn-bar-fill')?.getAttribute('height') ?? '',
    );
    expect(fillH).toBeCloseTo(outlineH / 2, 1);
    expect(
      Number.parseFloat(bars[3]?.querySelector('.scn-bar-fill')?.getAttribute('height') ?? ''),
    ).toBe(0);
  });

  it('labels the final stop-and-copy bar "pause" and colours it by kind', () => {
    const { container } = render(
      <RoundsChart rounds={ROUNDS} currentIndex={4} progress={0} animate />,
    );
    const final = container.querySelector('.scn-bar[data-kind="final"]');
    expect(final).toHaveTextContent('pause');
    expect(container.querySelectorAll('.scn-bar-pause')).toHaveLength(1);
  });

  it('uses a log scale when the rounds span a wide range, and formats ticks as bytes', () => {
    const { container } = render(
      <RoundsChart rounds={ROUNDS} currentIndex={-1} progress={0} animate />,
    );
    const svg = container.querySelector('svg');
    expect(svg).toHaveAttribute('data-scale', 'log');
    expect(svg).toHaveAttribute('aria-hidden', 'true');
    const ticks = [...container.querySelectorAll('.scn-axis .scn-tick')].map((t) => t.textContent);
    expect(ticks).toContain('1.0 GB');
    expect(ticks).toContain('10.0 MB');
    // The smallest bar is still visible.
    const last = container.querySelector('.scn-bar[data-kind="final"] .scn-bar-outline');
    expect(Number(last?.getAttribute('height'))).toBeGreaterThan(10);
  });

  it('marks the data that fits in the downtime target', () => {
    render(
      <RoundsChart rounds={ROUNDS} currentIndex={1} progress={0} animate downtimeTargetS={0.3} />,
    );
    expect(screen.getByText('fits in the 300 ms pause target')).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveTextContent('about 33.8 MB fits in the 300 ms');
  });

  it('renders nothing broken with no rounds', () => {
    render(<RoundsChart rounds={[]} currentIndex={-1} progress={0} animate />);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1);
  });
});

describe('yAxisFor', () => {
  it('is linear from zero when the rounds are of similar size', () => {
    const axis = yAxisFor([900 * MiB, 880 * MiB, 870 * MiB], undefined);
    expect(axis.log).toBe(false);
    expect(axis.y(0)).toBe(axis.base);
    expect(axis.ticks[0]).toBe(0);
  });
});
