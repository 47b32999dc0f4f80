import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { CONCURRENT_CONSTANTS, planConcurrent } from '../../src/model/concurrentMigration';
import { formatDuration } from '../../src/model/format';
import { clusterInput } from '../../src/model/inputs';
import panel from '../../src/panels/clusterMigration';
import { momentStories } from './moments';

const input = clusterInput();
const plan = planConcurrent(input.params, input.vms, input.limit, input.seed);
const Q = CONCURRENT_CONSTANTS.queueS;
const midFirstCopy =
  Q + (plan.lanes[0]?.phases.find((p) => p.kind === 'copying')?.startS ?? 0) + 0.5;
const lastStart = Q + (plan.lanes[3]?.startS ?? 0) + 1;

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Cluster live migration',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

const row = (el: HTMLElement, vm: string) =>
  within(within(el).getByRole('table', { name: 'Inventory' })).getByRole('row', {
    name: new RegExp(`^${vm}\\b`),
  });

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Ready to migrate');
    await expect(c.getByRole('button', { name: 'Start live migration' })).toBeEnabled();
    await expect(c.getByRole('checkbox', { name: 'SQL01' })).toBeChecked();
    await expect(c.getByRole('checkbox', { name: 'APP02' })).not.toBeChecked();
  },
};

export const MidStepWithQueue: Story = {
  args: { values: { t: midFirstCopy } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Migrate up to the limit',
    );
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent('Migrating to HV-2');
    await expect(row(canvasElement, 'APP01')).toHaveTextContent('Queued');
    await expect(within(canvasElement).getAllByRole('img')[0]).toHaveAccessibleName(
      /Queue: WEB02, APP01/,
    );
  },
};

export const LastOnes: Story = {
  args: { values: { t: lastStart } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Finish the last migrations',
    );
    await expect(row(canvasElement, 'APP01')).toHaveTextContent('Migrating to HV-2');
  },
};

export const FailedNetworkCut: Story = {
  args: { values: { t: midFirstCopy } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Cut migration network' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migration failed');
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent('HV-1');
    await expect(row(canvasElement, 'APP01')).toHaveTextContent('Running');
  },
};

export const Refused: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('checkbox', { name: 'Failover Clustering on HV-2' }));
    await userEvent.click(c.getByRole('button', { name: 'Start live migration' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migration refused');
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Failover Clustering');
  },
};

export const Done: Story = {
  args: { values: { t: 10_000 } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migrated');
    await expect(c.getByRole('region', { name: 'Results' })).toHaveTextContent(
      formatDuration(Q + plan.totalS),
    );
    await expect(row(canvasElement, 'APP01')).toHaveTextContent('HV-2');
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
