import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { planConcurrent } from '../../src/model/concurrentMigration';
import { formatDuration } from '../../src/model/format';
import { smbInput } from '../../src/model/inputs';
import panel from '../../src/panels/smbMigration';
import { momentStories } from './moments';

const input = smbInput();
const plan = planConcurrent(input.params, input.vms, null, input.seed);
const copy = plan.lanes[0]?.phases.find((p) => p.kind === 'copying');
const midCopy = ((copy?.startS ?? 0) + (copy?.endS ?? 0)) / 2;
// The handoff of the migration that reaches it last: then the least advanced one is handing off.
const lastLane = [...plan.lanes].sort(
  (a, b) =>
    (b.phases.find((p) => p.kind === 'handoff')?.startS ?? 0) -
    (a.phases.find((p) => p.kind === 'handoff')?.startS ?? 0),
)[0];
const handoff = lastLane?.phases.find((p) => p.kind === 'handoff');
const lastName = lastLane?.vm === 'vm-1' ? 'SQL01' : 'WEB01';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/SMB live migration',
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
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent('SMB connection from HV-A');
  },
};

export const MidCopy: Story = {
  args: { values: { t: midCopy } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Copy the memory',
    );
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent('Migrating to HV-B');
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent('SMB connection from HV-A');
  },
};

export const SmbHandoff: Story = {
  args: { values: { t: ((handoff?.startS ?? 0) + (handoff?.endS ?? 0)) / 2 } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Move the SMB connection to the destination',
    );
    await expect(row(canvasElement, lastName)).toHaveTextContent('Migrating to HV-B (paused)');
  },
};

export const FailedDestinationStorage: Story = {
  args: { values: { t: midCopy } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Fail destination storage' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migration failed');
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent('HV-A');
  },
};

export const Refused: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.selectOptions(c.getByLabelText('SQL01’s files'), 'snapshots');
    await userEvent.click(c.getByRole('button', { name: 'Start live migration' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migration refused');
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('snapshots');
  },
};

export const Done: Story = {
  args: { values: { t: 10_000 } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Migrated');
    await expect(c.getByRole('region', { name: 'Results' })).toHaveTextContent(
      formatDuration(plan.totalS),
    );
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent('SMB connection from HV-B');
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent('\\\\FS1\\VMs\\SQL01');
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
