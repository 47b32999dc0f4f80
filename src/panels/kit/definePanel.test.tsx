import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import panel from '../crossVersion';

describe('definePanel: the thumbnail', () => {
  it('makes its runner once and keeps it across renders and mounts', () => {
    const runner = panel.thumbnailRunner();
    expect(panel.thumbnailRunner()).toBe(runner);
    const first = render(<panel.Thumbnail reducedMotion={false} />);
    expect(runner.getSnapshot().playing).toBe(true);
    first.unmount();
    const again = render(<panel.Thumbnail reducedMotion={true} />);
    expect(panel.thumbnailRunner()).toBe(runner);
    // Reduced motion: it holds still at 40% of the run.
    expect(runner.getSnapshot().playing).toBe(false);
    expect(runner.getSnapshot().now).toBeCloseTo(runner.getSnapshot().endT * 0.4, 6);
    expect(again.container.querySelector('svg')).not.toBeNull();
    again.unmount();
  });
});
