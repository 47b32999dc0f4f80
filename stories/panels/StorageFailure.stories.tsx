import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import panel from '../../src/panels/storageFailure';
import { expectSummaryAddsUp, summaryFigure } from './availabilityStory';
import { momentStories } from './moments';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Storage failure detection',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A data disk of VM-5 fails: only VM-5 pauses, then it restarts on another node. */
export const DataDiskOfAnotherVm: Story = {
  args: { initialKnobs: { target: 'vm-5', disk: 'dataVhdxScsi' } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Step forward' }));
    await userEvent.click(c.getByRole('button', { name: 'Step forward' }));
    await waitFor(() => expect(summaryFigure(canvasElement, 'VMs off')).toBe(1));
    const row = within(c.getByRole('table', { name: 'Inventory' }))
      .getByRole('rowheader', { name: 'VM-5' })
      .closest('tr') as HTMLElement;
    await expect(row).toHaveTextContent('Paused-Critical');
    await expect(row).toHaveTextContent('Data disk (VHDX on SCSI) not answering');
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await waitFor(() => expect(c.getAllByRole('status')[0]).toHaveTextContent('Recovered'));
    await expect(row).toHaveTextContent('Running');
    await expectSummaryAddsUp(canvasElement, 16);
    await expect(summaryFigure(canvasElement, 'VMs running')).toBe(16);
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
