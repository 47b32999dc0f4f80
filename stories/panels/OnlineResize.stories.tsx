import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import panel from '../../src/panels/onlineResize';
import { momentStories } from './moments';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Online resize',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

// Generated from the panel's named moments (src/panels/onlineResize/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;

const figure = (el: HTMLElement, label: string) =>
  within(within(el).getByRole('region', { name: 'Results' })).getByText(label, { selector: 'dt' })
    .nextElementSibling?.textContent;

/** An IDE disk is refused, naming the rule; the picture shows the disk as set. */
export const IdeRefused: Story = {
  args: { initialKnobs: { controller: 'IDE' } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Expand' }));
    await waitFor(() =>
      expect(c.getAllByRole('status')[0]).toHaveTextContent(
        'Only a disk on a SCSI controller can be resized while the VM runs',
      ),
    );
    expect(figure(canvasElement, 'Virtual size')).toBe('40 GB');
    await expect(c.getByRole('img', { name: /on its IDE controller/ })).toBeInTheDocument();
  },
};

/** Expanded, the new space unallocated; the volume extended into it raises the minimum size. */
export const ExpandedAndExtended: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Expand' }));
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await waitFor(() => expect(figure(canvasElement, 'Unallocated')).toBe('20 GB'));
    expect(figure(canvasElement, 'Minimum size')).toBe('40 GB');
    await userEvent.click(c.getByRole('button', { name: 'Extend volume' }));
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await waitFor(() => expect(figure(canvasElement, 'Unallocated')).toBe('0 bytes'));
    expect(figure(canvasElement, 'Minimum size')).toBe('60 GB');
  },
};
