import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { LaneRace, type LaneSegment, type RaceLane } from '../../src/views/scene';

function plan(setup: number, rounds: number[], after: number): LaneSegment[] {
  const out: LaneSegment[] = [{ kind: 'setup', startS: 0, durationS: setup }];
  let t = setup;
  rounds.forEach((d, i) => {
    out.push({
      kind: i === 0 ? 'full' : i === rounds.length - 1 ? 'final' : 'dirty',
      startS: t,
      durationS: d,
    });
    t += d;
  });
  out.push({ kind: 'after', startS: t, durationS: after });
  return out;
}

const LANES: RaceLane[] = [
  {
    key: 'tcp',
    label: 'TCP/IP',
    segments: plan(0.4, [19, 2, 0.2], 0.17),
    endedAt: null,
    status: 'Round 1 of 3',
    tone: 'running',
    recommended: false,
    followed: false,
  },
  {
    key: 'compression',
    label: 'Compression',
    segments: plan(0.4, [9.5, 0.8, 0.1], 0.17),
    endedAt: null,
    status: 'Round 2 of 3',
    tone: 'running',
    recommended: true,
    followed: true,
  },
  {
    key: 'smb-multichannel',
    label: 'SMB Multichannel',
    segments: plan(0.4, [9.3, 0.8, 0.1], 0.17),
    endedAt: null,
    status: 'Round 2 of 3',
    tone: 'running',
    recommended: false,
    followed: false,
  },
  {
    key: 'smb-direct',
    label: 'SMB Direct',
    segments: plan(0.4, [8.9, 0.7, 0.1], 0.17),
    endedAt: null,
    status: 'Round 2 of 3',
    tone: 'running',
    recommended: false,
    followed: false,
  },
];

const meta = {
  title: 'Scene/LaneRace',
  component: LaneRace,
  args: { lanes: LANES, now: 10, maxS: 22 },
} satisfies Meta<typeof LaneRace>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Racing: Story = {
  play: async ({ canvasElement }) => {
    const img = within(canvasElement).getByRole('img');
    await expect(img).toHaveAccessibleName(/at 10\.0 s/);
    await expect(img).toHaveAccessibleName(/Compression: Round 2 of 3 \(recommended\)/);
    await expect(canvasElement.querySelectorAll('[data-lane]')).toHaveLength(4);
    await expect(canvasElement.querySelector('.scn-race-follow')).not.toBeNull();
  },
};

export const OneFailed: Story = {
  args: {
    lanes: LANES.map((l) =>
      l.key === 'tcp'
        ? { ...l, endedAt: 10, status: 'Failed: VM on HV-A', tone: 'failed' as const }
        : l,
    ),
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-lane="tcp"]')).toHaveAttribute(
      'data-tone',
      'failed',
    );
    // The part of the plan the fault stopped is drawn as never run.
    await expect(
      canvasElement.querySelectorAll('[data-lane="tcp"] .scn-race-unrun').length,
    ).toBeGreaterThan(0);
    await expect(within(canvasElement).getByRole('img')).toHaveAccessibleName(
      /TCP\/IP: Failed: VM on HV-A/,
    );
  },
};
