import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { BLOCK_EMPTY, BLOCK_IN_STEP, BLOCK_PENDING } from '../../src/model/diskCopy';
import { DiskChainScene } from '../../src/views/scene';

const strip = (lit: (i: number) => number) => Uint8Array.from({ length: 128 }, (_, i) => lit(i));

const meta = {
  title: 'Scene/DiskChainScene',
  component: DiskChainScene,
  args: {
    summary: 'SQL01 on HV-1, off: reads SQL01_1.avhd (merge pending) → SQL01.vhd (merging).',
    caption: 'The VM’s disk files',
    header: 'SQL01 on HV-1: Off',
    columns: 64,
    animate: false,
    legend: [
      ['scn-key-pending', 'data in this file'],
      ['scn-key-instep', 'merged into the parent'],
    ],
    files: [
      {
        id: 'base',
        name: 'SQL01.vhd',
        kind: 'VHD',
        state: 'merging',
        depth: 0,
        tone: 'merging',
        note: 'Snapshot 1’s disk',
        size: '12.9 GB on the host, 40 GB virtual',
        cells: strip((i) => (i < 38 ? BLOCK_PENDING : i === 60 ? BLOCK_IN_STEP : BLOCK_EMPTY)),
        landing: [],
        label: 'SQL01.vhd: 6144 blocks of data',
      },
      {
        id: 'a1',
        name: 'SQL01_1.avhd',
        kind: 'AVHD',
        state: 'merge pending',
        depth: 1,
        tone: 'pending',
        note: 'SQL01 writes here',
        size: '101 MB on the host, 40 GB virtual',
        cells: strip((i) =>
          i === 60 ? BLOCK_IN_STEP : i % 17 === 3 ? BLOCK_PENDING : BLOCK_EMPTY,
        ),
        landing: [3],
        label: 'SQL01_1.avhd: 48 blocks of data, 12 merged into its parent so far',
      },
    ],
  },
} satisfies Meta<typeof DiskChainScene>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Merging: Story = {
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getByRole('figure')).toHaveAccessibleName(/merge pending/);
    await expect(c.getByRole('img', { name: /12 merged into its parent/ })).toBeInTheDocument();
    await expect(c.getByText('SQL01_1.avhd')).toBeInTheDocument();
  },
};
