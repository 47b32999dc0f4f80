import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { NUMERIC_PARAMS } from '../../src/model/parameters';
import { planStorageMigration } from '../../src/model/storageMigration';
import panel from '../../src/panels/storageMigration';
import { momentStories } from './moments';

const plan = planStorageMigration(
  {
    diskGiB: NUMERIC_PARAMS.diskGiB.default,
    diskWriteMiBps: NUMERIC_PARAMS.diskWriteMiBps.default,
    linkGbps: NUMERIC_PARAMS.linkGbps.default,
    vmRunning: true,
    toShare: false,
    option: 'one-location',
    components: { vhd: true, configuration: true, snapshots: true, smartPaging: true },
  },
  NUMERIC_PARAMS.seed.default,
);
const disk = plan.disk ?? { fullCopyS: 0, syncS: 0 };
const midCopy = plan.setupS + disk.fullCopyS / 2;
const midMirror = plan.setupS + (disk.fullCopyS + disk.syncS) / 2;

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Storage migration',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

const current = (el: HTMLElement) => el.querySelector('[aria-current="step"]');

export const MidCopy: Story = {
  args: { values: { t: midCopy } },
  play: async ({ canvasElement }) => {
    await expect(current(canvasElement)).toHaveTextContent('Copy the contents');
    await expect(within(canvasElement).getByRole('table', { name: 'Inventory' })).toHaveTextContent(
      'copying to',
    );
  },
};

export const MidMirroring: Story = {
  args: { values: { t: midMirror } },
  play: async ({ canvasElement }) => {
    await expect(current(canvasElement)).toHaveTextContent('Mirror writes');
    await expect(within(canvasElement).getByRole('table', { name: 'Inventory' })).toHaveTextContent(
      'writes mirrored',
    );
  },
};

export const FailedDestinationStorage: Story = {
  args: { values: { t: midCopy } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Fail destination storage' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Storage migration failed');
    await expect(c.getByRole('table', { name: 'Inventory' })).toHaveTextContent('discarded');
  },
};

export const Done: Story = {
  args: { values: { t: plan.totalS } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Storage moved');
    await expect(c.getByRole('region', { name: 'Results' })).toHaveTextContent('never left HV-A');
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
