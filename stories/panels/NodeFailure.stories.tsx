import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { leadS, nodeDetectionS } from '../../src/model/availability';
import { NUMERIC_PARAMS } from '../../src/model/parameters';
import panel from '../../src/panels/nodeFailure';
import { expectSummaryAddsUp, summaryFigure } from './availabilityStory';
import { momentStories } from './moments';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Node failure',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

const hb = {
  heartbeatDelayMs: NUMERIC_PARAMS.heartbeatDelayMs.default,
  heartbeatThreshold: NUMERIC_PARAMS.heartbeatThreshold.default,
};
/** A moment in the High priority wave: HV-2 failed after three heartbeats and was declared down. */
const inHighWave = leadS(hb) + nodeDetectionS(hb) + 1;

export const SecondNodeFailsDuringRestart: Story = {
  args: { values: { t: inHighWave } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'Restart High priority VMs',
    );
    await expect(summaryFigure(canvasElement, 'Nodes up')).toBe(3);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Fail node' }));
    await waitFor(() => expect(summaryFigure(canvasElement, 'Nodes up')).toBe(2));
    await expect(c.getByRole('list', { name: 'Event log' })).toHaveTextContent('HV-3 failed');
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await waitFor(() => expect(c.getAllByRole('status')[0]).toHaveTextContent('Recovered'));
    await expect(c.getByRole('list', { name: 'Event log' })).toHaveTextContent(
      'Event 1135: HV-3 is removed',
    );
    await expectSummaryAddsUp(canvasElement, 16);
    await expect(c.getByRole('img', { name: /HV-2 down; HV-3 down/ })).toBeInTheDocument();
  },
};

/** The full size: 64 nodes, 8,000 VMs. The text stays complete: every VM, a page at a time. */
export const FullSize: Story = {
  args: { values: { nodes: 64, vms: 8000 } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await waitFor(() => expect(c.getAllByRole('status')[0]).toHaveTextContent('Recovered'));
    await expect(summaryFigure(canvasElement, 'Nodes up')).toBe(63);
    await expectSummaryAddsUp(canvasElement, 8000);
    const table = c.getByRole('table', { name: 'Inventory' });
    await expect(within(table).getAllByRole('row')).toHaveLength(51);
    await expect(canvasElement).toHaveTextContent('VMs 1–50 of 8,000 (page 1 of 160)');
    await expect(c.getByRole('img', { name: /63 of 64 nodes up \(down: HV-2\)/ })).toBeVisible();
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
