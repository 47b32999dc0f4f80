import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ONE_TCP_CONNECTION } from '../../src/model/inputs';
import { planLiveMigration } from '../../src/model/liveMigration';
import panel from '../../src/panels/liveMigration2008r2';
import { momentStories } from './moments';

const plan = planLiveMigration(ONE_TCP_CONNECTION);
const rounds = plan.precopy.rounds;
const roundStart = (i: number) => plan.setupS + (rounds[i]?.startS ?? 0);
const mid = (i: number) => roundStart(i) + (rounds[i]?.durationS ?? 0) / 2;

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Live migration 2008 R2',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

const steps = (el: HTMLElement) => within(within(el).getByRole('region', { name: 'Steps' }));

export const MidFirstRound: Story = {
  args: { values: { t: mid(0) } },
  play: async ({ canvasElement }) => {
    const current = canvasElement.querySelector('[aria-current="step"]');
    await expect(current).toHaveTextContent('Copy the memory');
    await expect(steps(canvasElement).getByText(/Round 1 of/)).toBeInTheDocument();
  },
};

export const MidLaterRound: Story = {
  args: { values: { t: mid(2) } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Copy the changed pages again',
    );
  },
};

export const PausedForStopAndCopy: Story = {
  args: { values: { t: mid(rounds.length - 1) } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Pause and send the last pages',
    );
    const table = within(canvasElement).getByRole('table', { name: 'Inventory' });
    await expect(table).toHaveTextContent('Paused');
  },
};

export const FailedNetworkCut: Story = {
  args: { values: { t: mid(0) } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Cut migration network' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migration failed');
    await expect(c.getByRole('table', { name: 'Inventory' })).toHaveTextContent('HV-A');
  },
};

export const Done: Story = {
  args: { values: { t: plan.totalS } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migrated');
    await expect(c.getByRole('region', { name: 'Results' })).toHaveTextContent(
      String(rounds.length),
    );
  },
};

export const DidNotConverge: Story = {
  args: { values: { dirtyMiBps: 400, wwsMiB: 1024, t: 1000 } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('region', { name: 'Results' })).toHaveTextContent(
      'Did not converge',
    );
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
