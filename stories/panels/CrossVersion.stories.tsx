import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { crossVersionInput } from '../../src/model/inputs';
import { planLiveMigration } from '../../src/model/liveMigration';
import panel from '../../src/panels/crossVersion';
import { momentStories } from './moments';

const plan = planLiveMigration(crossVersionInput('live').params);
const midCopy = plan.setupS + (plan.precopy.rounds[0]?.durationS ?? 0) / 2;

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Cross-version live migration',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const MidCopy: Story = {
  args: { values: { t: midCopy } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Copy the memory',
    );
    await expect(within(canvasElement).getByRole('table', { name: 'Inventory' })).toHaveTextContent(
      'migrating to HV-R2',
    );
  },
};

export const FailedNetworkCut: Story = {
  args: { values: { t: midCopy } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Cut migration network' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Failed');
    await expect(c.getByRole('table', { name: 'Inventory' })).toHaveTextContent('HV-2012 (2012)');
  },
};

export const Done: Story = {
  args: { values: { t: plan.totalS } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migrated');
    await expect(c.getByRole('table', { name: 'Inventory' })).toHaveTextContent('HV-R2 (2012 R2)');
  },
};

export const ReverseRefused: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('radio', { name: /Try 2012 R2/ }));
    await userEvent.click(c.getByRole('button', { name: 'Start live migration' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('same or a newer one');
  },
};

export const RollingUpgradeDone: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('radio', { name: /Rolling upgrade/ }));
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Upgrade complete');
  },
};

export const InPlaceDone: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('radio', { name: /In-place upgrade/ }));
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Restored');
    await expect(c.getByRole('table', { name: 'Inventory' })).toHaveTextContent(
      'HV-2012 (2012 R2)',
    );
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
