import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { blockCells, diskStateAt, planDiskCopy } from '../../src/model/diskCopy';
import { MiB } from '../../src/model/units';
import { DiskCopyScene, type DiskCopySceneProps } from '../../src/views/scene/DiskCopyScene';

const plan = planDiskCopy({
  diskBytes: 1024 * MiB,
  writeBytesPerS: 40 * MiB,
  copyBytesPerS: 100 * MiB,
  seed: 1,
});

function props(t: number, over: Partial<DiskCopySceneProps> = {}): DiskCopySceneProps {
  const s = diskStateAt(plan, t, 1);
  const cells = blockCells(s, plan.blocks);
  return {
    summary: `SQL01 is running on HV-A at ${t.toFixed(1)} s of the copy`,
    hosts: [
      { id: 'a', name: 'HV-A', role: 'source', up: true },
      { id: 'b', name: 'HV-B', role: 'destination', up: true },
    ],
    vm: { name: 'SQL01', host: 'a', status: 'running', shellOn: null },
    disks: [
      {
        id: 'src',
        title: 'Source VHD',
        location: 'D:\\Hyper-V\\SQL01',
        host: 'a',
        status: 'in use',
        tone: 'active',
        cells: cells.source,
        landing: s.recent.map((w) => w.block),
        label: `Source VHD: ${s.blocksArrived} blocks copied`,
      },
      {
        id: 'dst',
        title: 'Destination VHD',
        location: 'D:\\VMs\\SQL01',
        host: 'b',
        status: 'receiving the copy',
        tone: 'active',
        cells: cells.destination,
        landing: s.recent.filter((w) => w.mirrored).map((w) => w.block),
        label: `Destination VHD: ${s.blocksArrived} blocks copied`,
      },
    ],
    link: { label: 'Live migration network', up: true, active: true, text: 'copying the disk' },
    columns: 32,
    animate: false,
    ...over,
  };
}

const meta = {
  title: 'Scene/DiskCopyScene',
  component: DiskCopyScene,
  args: props(0),
} satisfies Meta<typeof DiskCopyScene>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  args: props(0, {
    link: { label: 'Live migration network', up: true, active: false, text: 'idle' },
  }),
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getByRole('figure', { name: /SQL01 is running on HV-A/ })).toBeInTheDocument();
    await expect(c.getAllByRole('img')).toHaveLength(2);
  },
};

export const MidStep: Story = {
  args: props(plan.fullCopyS / 2),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/SQL01: running/)).toBeInTheDocument();
  },
};

export const Failed: Story = {
  args: props(plan.fullCopyS / 2, {
    link: { label: 'Live migration network', up: false, active: false, text: 'cut' },
  }),
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByText(/Live migration network: cut/),
    ).toBeInTheDocument();
  },
};

export const Done: Story = {
  args: props(plan.syncS, {
    vm: { name: 'SQL01', host: 'b', status: 'running', shellOn: null },
    summary: 'SQL01 is running on HV-B',
  }),
  play: async ({ canvasElement }) => {
    await expect(
      within(canvasElement).getByRole('figure', { name: /on HV-B/ }),
    ).toBeInTheDocument();
  },
};
