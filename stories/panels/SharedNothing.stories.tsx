import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { NUMERIC_PARAMS } from '../../src/model/parameters';
import { planSharedNothing } from '../../src/model/sharedNothing';
import panel from '../../src/panels/sharedNothing';
import { momentStories } from './moments';

const d = (n: keyof typeof NUMERIC_PARAMS) => NUMERIC_PARAMS[n].default;
const plan = planSharedNothing(
  {
    transport: 'tcp',
    rdma: false,
    nics: 1,
    compressionRatio: 1,
    spareCores: 0,
    linkGbps: d('linkGbps'),
    memoryMiB: d('memoryMiB'),
    dirtyMiBps: d('dirtyMiBps'),
    wwsMiB: d('wwsMiB'),
    downtimeMs: d('downtimeMs'),
    maxRounds: d('maxRounds'),
    diskGiB: d('diskGiB'),
    diskWriteMiBps: d('diskWriteMiBps'),
  },
  d('seed'),
  true,
);
const disk = plan.disk ?? { fullCopyS: 0, syncS: 0, outstandingBlocks: 0 };
const midCopy = plan.setupS + disk.fullCopyS / 2;
const midMirror = plan.setupS + (disk.fullCopyS + disk.syncS) / 2;

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Shared-nothing live migration',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

const current = (el: HTMLElement) => el.querySelector('[aria-current="step"]');

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Ready to migrate');
    await expect(c.getByRole('button', { name: 'Start live migration' })).toBeEnabled();
    await expect(c.getByRole('figure', { name: /SQL01 is running on HV-A/ })).toBeInTheDocument();
  },
};

export const MidDiskCopy: Story = {
  args: { values: { t: midCopy } },
  play: async ({ canvasElement }) => {
    await expect(current(canvasElement)).toHaveTextContent('Copy the disk over the network');
    const c = within(canvasElement);
    await expect(c.getByRole('table', { name: 'Inventory' })).toHaveTextContent('copying to');
    await expect(c.getByRole('img', { name: /^Destination VHD, 1024 blocks/ })).toBeInTheDocument();
  },
};

export const MidMirroring: Story = {
  args: { values: { t: midMirror } },
  play: async ({ canvasElement }) => {
    await expect(current(canvasElement)).toHaveTextContent('Mirror writes');
    await expect(within(canvasElement).getByRole('region', { name: 'Results' })).toHaveTextContent(
      String(disk.outstandingBlocks),
    );
  },
};

export const FailedDestinationHost: Story = {
  args: { values: { t: midCopy } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Fail destination host' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migration failed');
    const row = c.getByRole('table', { name: 'Inventory' });
    await expect(row).toHaveTextContent('HV-A');
    await expect(row).toHaveTextContent('discarded');
  },
};

export const Done: Story = {
  args: { values: { t: plan.totalS } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migrated');
    await expect(c.getByRole('region', { name: 'Results' })).toHaveTextContent(
      'matched block for block',
    );
    await expect(c.getByRole('table', { name: 'Inventory' })).toHaveTextContent('deleted');
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
