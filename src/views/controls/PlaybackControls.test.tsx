import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PlaybackControls, type PlaybackControlsProps } from './PlaybackControls';

function setup(overrides: Partial<PlaybackControlsProps> = {}) {
  const props: PlaybackControlsProps = {
    playing: false,
    done: false,
    now: 0,
    endT: 22,
    speed: 1,
    stepStarts: [0, 2, 11],
    markers: [{ t: 5.5, label: 'Cut migration network' }],
    onPlay: vi.fn(),
    onPause: vi.fn(),
    onStepBack: vi.fn(),
    onStepForward: vi.fn(),
    onRestart: vi.fn(),
    onSkipToEnd: vi.fn(),
    onSeek: vi.fn(),
    onSpeed: vi.fn(),
    formatTime: (t) => `${t.toFixed(1)} s`,
    ...overrides,
  };
  const view = render(<PlaybackControls {...props} />);
  return { props, ...view };
}

describe('PlaybackControls', () => {
  it('shows one toggle named for what it will do', async () => {
    const user = userEvent.setup();
    const { props, rerender } = setup();
    const play = screen.getByRole('button', { name: 'Play' });
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    await user.click(play);
    expect(props.onPlay).toHaveBeenCalledTimes(1);

    rerender(<PlaybackControls {...props} playing now={3} />);
    const pause = screen.getByRole('button', { name: 'Pause' });
    expect(pause).toBe(play); // the same element, so focus stays on it
    expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
    await user.click(pause);
    expect(props.onPause).toHaveBeenCalledTimes(1);
    expect(props.onPlay).toHaveBeenCalledTimes(1);
  });

  it('shows a disabled Play when the run is done', async () => {
    const { props } = setup({ done: true, playing: true, now: 22 });
    const play = screen.getByRole('button', { name: 'Play' });
    expect(play).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Step forward' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Skip to end' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Step back' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Restart' })).toBeEnabled();
    fireEvent.click(play);
    expect(props.onPlay).not.toHaveBeenCalled();
    expect(props.onPause).not.toHaveBeenCalled();
  });

  it('calls each transport callback', async () => {
    const user = userEvent.setup();
    const { props } = setup({ now: 4 });
    await user.click(screen.getByRole('button', { name: 'Step back' }));
    await user.click(screen.getByRole('button', { name: 'Step forward' }));
    await user.click(screen.getByRole('button', { name: 'Restart' }));
    await user.click(screen.getByRole('button', { name: 'Skip to end' }));
    expect(props.onStepBack).toHaveBeenCalledTimes(1);
    expect(props.onStepForward).toHaveBeenCalledTimes(1);
    expect(props.onRestart).toHaveBeenCalledTimes(1);
    expect(props.onSkipToEnd).toHaveBeenCalledTimes(1);
  });

  it('disables Step back at the start', () => {
    setup({ now: 0 });
    expect(screen.getByRole('button', { name: 'Step back' })).toBeDisabled();
  });

  it('has a Timeline slider over [0, endT] with a spoken value, seeking on input', () => {
    const { props } = setup({ now: 12.3 });
    const timeline = screen.getByRole('slider', { name: 'Timeline' });
    expect(timeline).toHaveAttribute('type', 'range');
    expect(timeline).toHaveAttribute('min', '0');
    expect(timeline).toHaveAttribute('max', '22');
    expect(timeline).toHaveAttribute('aria-valuetext', '12.3 s of 22.0 s');
    fireEvent.input(timeline, { target: { value: '7.5' } });
    expect(props.onSeek).toHaveBeenLastCalledWith(7.5);
  });

  it('draws step ticks and fault markers, hidden from assistive technology', () => {
    const { container } = setup();
    const ticks = container.querySelectorAll<HTMLElement>('.ctl-tick');
    expect(ticks).toHaveLength(3);
    expect(ticks[1]?.style.left).toBe('9.091%');
    const marker = container.querySelector<HTMLElement>('.ctl-marker');
    expect(marker?.style.left).toBe('25.000%');
    expect(marker?.closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it('has a log2 Speed slider from 0.25x to 64x', () => {
    const { props, rerender } = setup({ speed: 2 });
    const speed = screen.getByRole('slider', { name: 'Speed' });
    expect(speed).toHaveAttribute('min', '-2');
    expect(speed).toHaveAttribute('max', '6');
    expect(speed).toHaveValue('1');
    expect(speed).toHaveAttribute('aria-valuetext', '2x');
    expect(screen.getByText('2x')).toBeInTheDocument();
    fireEvent.input(speed, { target: { value: '3' } });
    expect(props.onSpeed).toHaveBeenLastCalledWith(8);
    fireEvent.input(speed, { target: { value: '-2' } });
    expect(props.onSpeed).toHaveBeenLastCalledWith(0.25);
    rerender(<PlaybackControls {...props} speed={0.25} />);
    expect(screen.getByRole('slider', { name: 'Speed' })).toHaveAttribute(
      'aria-valuetext',
      '0.25x',
    );
  });

  it('while the clock moves, writes only to the timeline (buttons, speed and marks stay as they are)', () => {
    const { props, container, rerender } = setup({ playing: true, now: 1 });
    // Records are read synchronously (takeRecords) once the re-renders are done.
    const observer = new MutationObserver(() => {});
    observer.observe(container, {
      subtree: true,
      attributes: true,
      childList: true,
      characterData: true,
    });
    // A playing run re-renders with a new clock and new (equal) mark arrays every frame.
    for (const now of [1.5, 2, 2.5]) {
      rerender(
        <PlaybackControls
          {...props}
          playing
          now={now}
          stepStarts={[...props.stepStarts]}
          markers={props.markers.map((m) => ({ ...m }))}
        />,
      );
    }
    const records = observer.takeRecords();
    observer.disconnect();
    const parts = records.map((r) => {
      const el = r.target instanceof Element ? r.target : r.target.parentElement;
      return el?.closest('.ctl-playback-buttons, .ctl-timeline-marks, .ctl-speed, .ctl-timeline')
        ?.className;
    });
    expect(records.length).toBeGreaterThan(0);
    expect(screen.getByRole('slider', { name: 'Timeline' })).toHaveValue('2.5');
    expect(new Set(parts)).toEqual(new Set(['ctl-timeline']));
  });

  it('draws the thumb at `now` every frame; the value, spoken value and clock follow `shownNow`', () => {
    const { props, container, rerender } = setup({ playing: true, now: 5.5, shownNow: 5 });
    const slider = screen.getByRole('slider', { name: 'Timeline' });
    const mover = container.querySelector<HTMLElement>('.ctl-timeline-mover');
    expect(slider).toHaveValue('5');
    expect(slider).toHaveAttribute('aria-valuetext', '5.0 s of 22.0 s');
    expect(container.querySelector('.ctl-timeline-clock')?.textContent).toBe('5.0 s22.0 s');
    expect(mover?.dataset.fraction).toBe((5.5 / 22).toFixed(5));
    expect(mover?.style.transform).toBe(`translateX(${((5.5 / 22) * 100).toFixed(3)}%)`);
    expect(mover?.closest('[aria-hidden="true"]')).not.toBeNull();
    // Paused, the panel gives the same time to both: thumb and value agree.
    rerender(<PlaybackControls {...props} playing={false} now={11} shownNow={11} />);
    expect(slider).toHaveValue('11');
    expect(mover?.dataset.fraction).toBe((11 / 22).toFixed(5));
  });
});
