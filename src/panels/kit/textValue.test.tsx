import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { liveMigration2008r2Machine } from '../../machines/liveMigration2008r2.machine';
import type { SimRunner } from '../../sim/runner';
import { definition } from '../liveMigration2008r2/definition';
import { useAfterPaint } from './afterPaint';
import { createPanelRunner } from './definePanel';
import { TextRate, useTextValue } from './textRate';

type M = typeof liveMigration2008r2Machine;

function Probe({ text, seen }: { text: TextRate<M>; seen: unknown[] }) {
  // A value that is a new object on every call: the hook keeps one identity while it is equal.
  const v = useTextValue(text, (x) => ({ done: x.done, state: JSON.stringify(x.snapshot.value) }));
  seen.push(v);
  return <p>{v.done ? 'done' : v.state}</p>;
}

describe('useTextValue: text views follow the run in a transition', () => {
  it('shows the run now, follows a change, and keeps its identity while the value is equal', async () => {
    const runner = createPanelRunner(definition, {}, definition.knobs);
    const text = new TextRate(runner as unknown as SimRunner<M>);
    const seen: unknown[] = [];
    const { rerender } = render(<Probe text={text} seen={seen} />);
    expect(screen.getByText(/idle/)).toBeTruthy();
    const first = seen.at(-1);
    const renders = seen.length;
    // A render for another reason with the same value: the same object.
    rerender(<Probe text={text} seen={seen} />);
    expect(seen.length).toBeGreaterThan(renders);
    expect(seen.at(-1)).toBe(first);
    await act(async () => {
      runner.skipToEnd();
    });
    expect(screen.getByText('done')).toBeTruthy();
    expect(seen.at(-1)).not.toBe(first);
  });
});

function PaintProbe() {
  return <p>{useAfterPaint() ? 'painted' : 'first render'}</p>;
}

describe('useAfterPaint', () => {
  it('is false on the first render and true once a frame has passed', async () => {
    render(<PaintProbe />);
    expect(screen.getByText('first render')).toBeTruthy();
    expect(await screen.findByText('painted')).toBeTruthy();
  });
});
