import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { QOS_CONSTANTS } from '../../src/model/storageQos';
import panel from '../../src/panels/storageQos';
import { momentStories } from './moments';

const S = QOS_CONSTANTS.stepS;
/** Halfway through step 1 (no cap yet) and through step 4 (after the cap). */
const beforeCap = S.issuing / 2;
const afterCap = S.issuing + S.normalizing + S.capping + S.sharing / 2;

const { Panel } = panel;
const moments = momentStories(panel);

const meta = {
  title: 'Panels/Storage QoS',
  component: Panel,
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

const row = (el: HTMLElement, vm: string) =>
  within(within(el).getByRole('table', { name: 'Storage QoS' })).getByRole('row', {
    name: new RegExp(`^${vm} `),
  });

export const BeforeTheCap: Story = {
  args: { values: { t: beforeCap } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(canvasElement.querySelector('[aria-current="step"]')).toHaveTextContent(
      'VMs issue I/O',
    );
    await expect(row(canvasElement, 'RPT01')).toHaveTextContent(/OK$/);
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent(/Below minimum$/);
    await expect(c.getByRole('list', { name: 'Event log' })).toHaveTextContent(
      'Msvm_StorageAlert 32930',
    );
  },
};

export const AfterTheCap: Story = {
  args: { values: { t: afterCap } },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(row(canvasElement, 'RPT01')).toHaveTextContent(/Throttled$/);
    await expect(row(canvasElement, 'SQL01')).toHaveTextContent(/OK$/);
    await expect(c.getByRole('list', { name: 'Event log' })).toHaveTextContent(
      'Msvm_StorageAlert 32931',
    );
    await expect(c.getByRole('img', { name: /RPT01 \(noisy neighbour\)/ })).toBeInTheDocument();
  },
};

export const PerVmLimit: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    const web = c.getByRole('group', { name: 'WEB01' });
    const min = within(web).getByRole('spinbutton', { name: 'Minimum IOPS' });
    await userEvent.clear(min);
    await userEvent.type(min, '2000');
    await userEvent.click(c.getByRole('button', { name: 'Skip to end' }));
    await waitFor(() => expect(row(canvasElement, 'WEB01')).toHaveTextContent(/Below minimum$/));
    await expect(row(canvasElement, 'WEB01')).toHaveTextContent('2,000');
  },
};

// Generated from the panel's named moments (src/panels/storageQos/meta.ts).
export const MomentIdle: Story = moments.idle;
export const MomentMidStep: Story = moments.midStep;
export const MomentFailed: Story = moments.failed;
export const MomentDone: Story = moments.done;
