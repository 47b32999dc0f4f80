import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fireEvent, fn, userEvent, within } from 'storybook/test';
import '../../src/styles.css';
import { PlaybackControls, type PlaybackControlsProps } from '../../src/views/controls';

const formatTime = (t: number) => `${t.toFixed(1)} s`;

const meta = {
  title: 'Controls/PlaybackControls',
  component: PlaybackControls,
  args: {
    playing: false,
    done: false,
    now: 0,
    endT: 22,
    speed: 1,
    stepStarts: [0, 0.4, 2.1, 11.8, 15.3, 18.9, 21.2],
    markers: [],
    onPlay: fn(),
    onPause: fn(),
    onStepBack: fn(),
    onStepForward: fn(),
    onRestart: fn(),
    onSkipToEnd: fn(),
    onSeek: fn(),
    onSpeed: fn(),
    formatTime,
  },
} satisfies Meta<typeof PlaybackControls>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const play = canvas.getByRole('button', { name: 'Play' });
    await expect(play).toBeEnabled();
    await expect(canvas.getByRole('button', { name: 'Step back' })).toBeDisabled();
    await expect(canvas.getByRole('slider', { name: 'Timeline' })).toHaveAttribute(
      'aria-valuetext',
      '0.0 s of 22.0 s',
    );
    await userEvent.click(play);
    await expect(args.onPlay).toHaveBeenCalledTimes(1);
  },
};

export const PlayingMidRun: Story = {
  args: {
    playing: true,
    now: 12.3,
    speed: 4,
    markers: [{ t: 9.6, label: 'Cut migration network' }],
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('button', { name: 'Play' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Pause' }));
    await expect(args.onPause).toHaveBeenCalledTimes(1);
    await expect(canvas.getByRole('slider', { name: 'Timeline' })).toHaveAttribute(
      'aria-valuetext',
      '12.3 s of 22.0 s',
    );
    await expect(canvas.getByRole('slider', { name: 'Speed' })).toHaveAttribute(
      'aria-valuetext',
      '4x',
    );
  },
};

/**
 * A playing run between two text updates: the thumb is drawn at `now` (every frame) while the
 * slider's value, spoken value and clock digits still read the text rate's last time.
 */
export const PlayingTextBehindThumb: Story = {
  args: { playing: true, now: 12.3, shownNow: 12.1, speed: 2 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const slider = canvas.getByRole('slider', { name: 'Timeline' });
    await expect(slider).toHaveValue('12.1');
    await expect(slider).toHaveAttribute('aria-valuetext', '12.1 s of 22.0 s');
    const mover = canvasElement.querySelector<HTMLElement>('.ctl-timeline-mover');
    await expect(mover?.dataset.fraction).toBe((12.3 / 22).toFixed(5));
    await expect(mover?.closest('[aria-hidden="true"]')).not.toBeNull();
  },
};

export const Done: Story = {
  args: { done: true, now: 22, speed: 0.25 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Play' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Skip to end' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Restart' })).toBeEnabled();
  },
};

/** A stateful wrapper: the slider and buttons drive local state, as the runner would. */
function Stateful(props: PlaybackControlsProps) {
  const [now, setNow] = useState(props.now);
  const [speed, setSpeed] = useState(props.speed);
  const [playing, setPlaying] = useState(props.playing);
  return (
    <PlaybackControls
      {...props}
      now={now}
      speed={speed}
      playing={playing}
      done={now >= props.endT}
      onPlay={() => setPlaying(true)}
      onPause={() => setPlaying(false)}
      onRestart={() => setNow(0)}
      onSkipToEnd={() => setNow(props.endT)}
      onSeek={(t) => {
        props.onSeek(t);
        setNow(t);
      }}
      onSpeed={(s) => {
        props.onSpeed(s);
        setSpeed(s);
      }}
    />
  );
}

export const Interactive: Story = {
  args: { now: 5 },
  render: (args) => <Stateful {...args} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const speed = canvas.getByRole('slider', { name: 'Speed' });
    // One notch right on the log2 scale: 1x → 2x.
    fireEvent.input(speed, { target: { value: '1' } });
    await expect(args.onSpeed).toHaveBeenLastCalledWith(2);
    await expect(speed).toHaveAttribute('aria-valuetext', '2x');
    await expect(canvas.getByText('2x')).toBeVisible();

    await userEvent.click(canvas.getByRole('button', { name: 'Play' }));
    await expect(canvas.getByRole('button', { name: 'Pause' })).toHaveFocus();

    const timeline = canvas.getByRole('slider', { name: 'Timeline' });
    fireEvent.input(timeline, { target: { value: '11' } });
    await expect(args.onSeek).toHaveBeenLastCalledWith(11);
    await expect(timeline).toHaveAttribute('aria-valuetext', '11.0 s of 22.0 s');

    await userEvent.click(canvas.getByRole('button', { name: 'Skip to end' }));
    await expect(canvas.getByRole('slider', { name: 'Timeline' })).toHaveAttribute(
      'aria-valuetext',
      '22.0 s of 22.0 s',
    );
    await expect(canvas.getByRole('button', { name: 'Play' })).toBeDisabled();
  },
};
