import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import panel from '../../src/panels/csv';
import { momentStories } from './moments';

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Cluster Shared Volumes',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The mode the region gives a node (the first `dd` after its name). */
function modeOf(region: HTMLElement, node: string): string | undefined {
  const dt = [...region.querySelectorAll('dt')].find((d) => d.textContent === node);
  return dt?.nextElementSibling?.textContent ?? undefined;
}

export const PathLostRedirected: Story = {
  args: { values: { t: 5 } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Fail node storage path' }));
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    const region = c.getByRole('region', { name: 'Cluster Shared Volume' });
    await expect(region).toHaveTextContent('Coordinator: HV-1');
    await expect(modeOf(region, 'HV-2')).toBe('redirected');
    await expect(modeOf(region, 'HV-3')).toBe('direct');
    await expect(c.getByRole('table', { name: 'Inventory' })).toHaveTextContent(
      'redirected via HV-1',
    );
  },
};

export const CoordinatorFailedMidRun: Story = {
  args: { values: { t: 10 } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await userEvent.click(c.getByRole('button', { name: 'Inject fault' }));
    await userEvent.click(c.getByRole('menuitem', { name: 'Fail coordinator node' }));
    const region = c.getByRole('region', { name: 'Cluster Shared Volume' });
    await expect(region).toHaveTextContent('Coordinator: HV-2');
    await expect(modeOf(region, 'HV-1')).toBe('down');
    await expect(modeOf(region, 'HV-3')).toBe('paused');
    await expect(
      c.getByRole('img', { name: /HV-1 \(coordinator\)|coordinator HV-2/ }),
    ).toBeVisible();
  },
};

// Generated from the panel's named moments (src/panels/<panel>/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
