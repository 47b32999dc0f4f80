import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import panel from '../../src/panels/snapshots';
import { momentStories } from './moments';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Snapshots',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

// Generated from the panel's named moments (src/panels/snapshots/meta.ts).
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

const fileState = (c: ReturnType<typeof within>, file: string) =>
  within(c.getByRole('table', { name: 'Disk files' }))
    .getByRole('row', { name: new RegExp(`^${file.replace('.', '\\.')} `) })
    .querySelectorAll('td')[2]?.textContent;

/** Two snapshots, the second deleted: its AVHD waits, merge pending, for the VM to shut down. */
export const MergePending: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await act(c, 'Take snapshot');
    await act(c, 'Write to disk');
    await act(c, 'Take snapshot');
    await act(c, 'Delete snapshot');
    await waitFor(() => expect(c.getAllByRole('status')[0]).toHaveTextContent('merge pending'));
    expect(fileState(c, 'SQL01_2.avhd')).toBe('merge pending');
    await expect(c.getByRole('treeitem', { name: 'Now' })).toHaveAttribute('aria-current', 'true');
  },
};

/** Apply asks first whether to snapshot the current state (Hyper-V Manager's question). */
export const ApplyAsks: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await act(c, 'Take snapshot');
    await userEvent.click(c.getByRole('button', { name: 'Apply snapshot' }));
    const dialog = within(canvasElement.ownerDocument.body).getByRole('dialog', {
      name: 'Apply the snapshot',
    });
    for (const name of ['Take snapshot and apply', 'Apply without saving', 'Cancel'])
      await expect(within(dialog).getByRole('button', { name })).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await expect(c.getAllByRole('status')[0]).toHaveTextContent('Snapshot 1 taken');
  },
};
