import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { HostsScene } from '../../src/views/scene';

const meta = {
  title: 'Scene/HostsScene',
  component: HostsScene,
  args: {
    hosts: [
      {
        id: 'a',
        name: 'HV-2012',
        os: 'Windows Server 2012',
        newer: false,
        state: 'up',
        vms: [{ name: 'SQL01', status: 'running' }],
      },
      {
        id: 'b',
        name: 'HV-R2',
        os: 'Windows Server 2012 R2',
        newer: true,
        state: 'up',
        vms: [{ name: 'SQL01', status: 'shell', fill: 0.4 }],
      },
    ],
    network: { up: true, active: true },
    share: '\\\\FS01\\VMs',
    summary: 'HV-2012: SQL01 running; HV-R2: SQL01 shell.',
  },
} satisfies Meta<typeof HostsScene>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Migrating: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img')).toHaveAccessibleName(/SQL01 shell/);
    await expect(
      canvasElement.querySelector('[data-status="shell"] .scn-hosts-fill'),
    ).not.toBeNull();
    await expect(canvasElement.querySelector('[data-newer="true"]')).not.toBeNull();
  },
};

export const UpgradingAndDown: Story = {
  args: {
    hosts: [
      {
        id: 'a',
        name: 'HV-1',
        os: 'Windows Server 2012',
        newer: false,
        state: 'upgrading',
        progress: 0.5,
        vms: [],
      },
      { id: 'b', name: 'HV-2', os: 'Windows Server 2012', newer: false, state: 'down', vms: [] },
      {
        id: 'c',
        name: 'HV-4',
        os: 'Windows Server 2012 R2',
        newer: true,
        state: 'up',
        vms: [
          { name: 'WEB01', status: 'running' },
          { name: 'WEB02', status: 'saved' },
        ],
      },
    ],
    network: { up: false, active: false },
    summary: 'HV-1 is being upgraded; HV-2 is down; the live migration network is cut.',
  },
  play: async ({ canvasElement }) => {
    const c = within(canvasElement);
    await expect(c.getByText(/Upgrading \(50%\)/)).toBeInTheDocument();
    await expect(c.getByText('Down')).toBeInTheDocument();
    await expect(c.getByText(/Live migration network \(cut\)/)).toBeInTheDocument();
  },
};
