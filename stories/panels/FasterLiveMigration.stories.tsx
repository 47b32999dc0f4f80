import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { OPTION_KINDS, planOption } from '../../src/model/fasterLiveMigration';
import { formatDuration } from '../../src/model/format';
import { fasterLiveMigrationInput } from '../../src/model/inputs';
import panel from '../../src/panels/fasterLiveMigration';
import { momentStories } from './moments';

const params = fasterLiveMigrationInput().params;
const totals = OPTION_KINDS.map((k) => planOption(params, k).totalS);
const slowest = Math.max(...totals);
const between = (Math.min(...totals) + slowest) / 2;
const compression = planOption(params, 'compression');
const midFirstRound = compression.setupS + (compression.precopy.rounds[0]?.durationS ?? 0) / 2;

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Faster live migration',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

const comparison = (el: HTMLElement) => within(el).getByRole('table', { name: 'Comparison' });

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Ready to compare');
    await expect(c.getByRole('button', { name: 'Start live migrations' })).toBeEnabled();
    await expect(within(comparison(canvasElement)).getAllByRole('row')).toHaveLength(5);
  },
};

export const MidFirstRound: Story = {
  args: { values: { t: midFirstRound } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Copy the memory',
    );
    await expect(within(canvasElement).getAllByRole('status')[0]).toHaveTextContent(
      'Compression, step 2',
    );
  },
};

export const FailedNetworkCut: Story = {
  args: { values: { t: between } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Cut migration network' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('not every option migrated');
    const inv = c.getByRole('table', { name: 'Inventory' });
    await expect(inv).toHaveTextContent('HV-A');
    await expect(inv).toHaveTextContent('HV-B');
  },
};

export const Done: Story = {
  args: { values: { t: slowest } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('All four migrated');
    for (const [i, t] of totals.entries()) {
      const row = within(comparison(canvasElement)).getAllByRole('row')[i + 1] as HTMLElement;
      await expect(row).toHaveTextContent(formatDuration(t));
    }
  },
};

export const SmbDirectRefused: Story = {
  args: { values: { rdma: false, t: slowest } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.selectOptions(c.getByLabelText('Results follow'), 'smb-direct');
    await expect(c.getByRole('region', { name: 'Results' })).toHaveTextContent('RDMA');
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
