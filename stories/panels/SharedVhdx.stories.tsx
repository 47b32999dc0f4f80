import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import panel from '../../src/panels/sharedVhdx';
import { momentStories } from './moments';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Shared virtual hard disk',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const FileServerNodeFails: Story = {
  args: { values: { t: 5 } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Fail file server node' }));
    const region = c.getByRole('region', { name: 'Clustered service' });
    await expect(region).toHaveTextContent('Running on SQL-N1, its I/O paused');
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await expect(region).toHaveTextContent('Running on SQL-N1');
    await expect(region).toHaveTextContent(
      'SQL-N1 \u2192 HV-1 \u2192 SMB 3 \u2192 FS-2 \u2192 SQLData.vhdx',
    );
  },
};

export const OnCsvFileServerFaultRefused: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('radio', { name: 'Cluster Shared Volume' }));
    await userEvent.click(c.getByRole('button', { name: 'Start clustered service' }));
    await userEvent.click(c.getByRole('button', { name: 'Pause' }));
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Fail file server node' }));
    await expect(c.getByRole('list', { name: 'Event log' })).toHaveTextContent(
      'Refused: the shared VHDX is on a Cluster Shared Volume',
    );
    await expect(c.getByRole('region', { name: 'Clustered service' })).toHaveTextContent(
      'Running on SQL-N1',
    );
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
