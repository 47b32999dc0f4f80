import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import panel from '../../src/panels/diskTypes';
import { momentStories } from './moments';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Virtual disk types',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

// Generated from the panel's named moments (src/panels/diskTypes/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;

/** Press an action and let its process run to rest. */
async function act(c: ReturnType<typeof within>, name: string) {
  await userEvent.click(c.getByRole('button', { name }));
  const end = c.getByRole('button', { name: 'Skip to end' });
  if (!(end as HTMLButtonElement).disabled) await userEvent.click(end);
}

const figure = (el: HTMLElement, label: string) =>
  within(within(el).getByRole('region', { name: 'Results' })).getByText(label, { selector: 'dt' })
    .nextElementSibling?.textContent;

/** 3000 GiB as a VHD: refused, naming the 2040 GB limit; the same size as a VHDX is created. */
export const VhdLimitRefused: Story = {
  args: { values: { diskGiB: 3000 } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.selectOptions(c.getByRole('combobox', { name: 'Disk type' }), 'fixed');
    await userEvent.click(c.getByRole('button', { name: 'Create disk' }));
    await waitFor(() =>
      expect(c.getAllByRole('status')[0]).toHaveTextContent('A VHD can be at most 2040 GB'),
    );
    await userEvent.selectOptions(c.getByRole('combobox', { name: 'Disk type' }), 'vhdx');
    await act(c, 'Create disk');
    await waitFor(() => expect(c.getAllByRole('status')[0]).toHaveTextContent('Disk created'));
    expect(figure(canvasElement, 'Virtual size')).toBe('3000 GB');
  },
};

/** Deleted data stays in a dynamic file (reclaimable) until compacting gives it back. */
export const DeletedSpaceReclaimed: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await act(c, 'Create disk');
    await act(c, 'Write data');
    const grown = figure(canvasElement, 'Size on host');
    await act(c, 'Delete data');
    await waitFor(() => expect(figure(canvasElement, 'Reclaimable')).toBe('5 GB'));
    expect(figure(canvasElement, 'Size on host')).toBe(grown);
    await act(c, 'Compact disk');
    await waitFor(() => expect(figure(canvasElement, 'Reclaimable')).toBe('0 bytes'));
    const row = within(c.getByRole('table', { name: 'Disk files' })).getByRole('row', {
      name: /^APP01\.vhd /,
    });
    expect(row).toHaveTextContent('Dynamically expanding VHD');
  },
};
