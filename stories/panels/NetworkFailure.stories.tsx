import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import panel from '../../src/panels/networkFailure';
import { expectSummaryAddsUp, resultFigure } from './availabilityStory';
import { momentStories } from './moments';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Network failure detection',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** VM-6's adapter is not protected: it stays on HV-2 without its network; the others move live. */
export const UnprotectedAdapterStays: Story = {
  args: { initialKnobs: { unprotected: ['vm-6'] } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(
      c.getByRole('checkbox', { name: 'Protected network on VM-2’s adapter' }),
    ).toBeChecked();
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await waitFor(() => expect(c.getAllByRole('status')[0]).toHaveTextContent('Recovered'));
    const row = within(c.getByRole('table', { name: 'Inventory' }))
      .getByRole('rowheader', { name: 'VM-6' })
      .closest('tr') as HTMLElement;
    await expect(row).toHaveTextContent('no network: not protected');
    await expect(row).toHaveTextContent('HV-2');
    await expect(c.getByRole('list', { name: 'Event log' })).toHaveTextContent(
      'VM-6 stays without a network',
    );
    await expect(resultFigure(canvasElement, 'VMs live-migrated')).toBe('3');
    await expect(resultFigure(canvasElement, 'VMs restarted')).toBe('0');
    await expectSummaryAddsUp(canvasElement, 16);
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
