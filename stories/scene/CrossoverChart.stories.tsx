import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { CrossoverChart } from '../../src/views/scene';

const speeds = [0.1, 0.3, 1, 3, 10, 30, 100];
const curve = (a: number, floor: number) =>
  speeds.map((g) => ({ linkGbps: g, totalS: Math.max(floor, a / g) }));

const meta = {
  title: 'Scene/CrossoverChart',
  component: CrossoverChart,
  args: {
    curves: [
      { key: 'tcp', label: 'TCP/IP', points: curve(20, 0.3) },
      { key: 'compression', label: 'Compression', points: curve(10, 1.5) },
      { key: 'smb-direct', label: 'SMB Direct', points: curve(16, 0.2) },
    ],
    currentGbps: 1,
    thresholdGbps: 10,
    crossovers: [{ linkGbps: 6.4, text: 'SMB Direct overtakes Compression' }],
  },
} satisfies Meta<typeof CrossoverChart>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithCrossover: Story = {
  play: async ({ canvasElement }) => {
    const img = within(canvasElement).getByRole('img');
    await expect(img).toHaveAccessibleName(/SMB Direct overtakes Compression at 6\.4 Gb\/s/);
    await expect(img).toHaveAccessibleName(/This run: 1\.0 Gb\/s/);
    await expect(canvasElement.querySelectorAll('path.scn-xover-line')).toHaveLength(3);
  },
};

export const NoCrossover: Story = {
  args: { crossovers: [], currentGbps: 40 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img')).toHaveAccessibleName(/No crossover/);
  },
};
