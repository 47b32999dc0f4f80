import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { MigrationScene } from '../../src/views/scene';
import {
  DESTINATION_FAILED_SCENE,
  DONE_SCENE,
  IDLE_SCENE,
  MID_ROUND_SCENE,
  NETWORK_CUT_SCENE,
  PAUSED_SCENE,
} from './fixtures';

const meta = {
  title: 'Scene/MigrationScene',
  component: MigrationScene,
  args: IDLE_SCENE,
} satisfies Meta<typeof MigrationScene>;

export default meta;
type Story = StoryObj<typeof meta>;

const picture = (el: HTMLElement) => within(el).getByRole('img');
const vmCard = (el: HTMLElement) => el.querySelector('.scn-vm') as SVGGElement;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expect(picture(canvasElement)).toHaveAccessibleName(/running on HV-A/);
    await expect(vmCard(canvasElement)).toHaveAttribute('data-host', 'host-a');
    await expect(vmCard(canvasElement)).toHaveTextContent('Running');
    await expect(canvasElement.querySelector('.scn-shell')).toBeNull();
    await expect(canvasElement.querySelector('.scn-link')).toHaveAttribute('data-state', 'idle');
    await expect(canvasElement.querySelectorAll('.scn-packet')).toHaveLength(0);
  },
};

export const MidRound: Story = {
  args: MID_ROUND_SCENE,
  play: async ({ canvasElement }) => {
    await expect(picture(canvasElement)).toHaveAccessibleName(/a shell on HV-B holds 40%/);
    const shell = canvasElement.querySelector('.scn-shell');
    await expect(shell).toHaveTextContent('40% of memory');
    await expect(canvasElement.querySelector('.scn-link')).toHaveAttribute('data-state', 'active');
    await expect(canvasElement.querySelectorAll('.scn-packet').length).toBeGreaterThan(1);
    await expect(canvasElement.querySelector('.scn-link-rate')).toHaveTextContent('0.9 Gbit/s');
  },
};

export const PausedForStopAndCopy: Story = {
  args: PAUSED_SCENE,
  play: async ({ canvasElement }) => {
    await expect(picture(canvasElement)).toHaveAccessibleName(/paused on HV-A/);
    await expect(vmCard(canvasElement)).toHaveAttribute('data-status', 'paused');
    await expect(vmCard(canvasElement)).toHaveTextContent('Paused');
    await expect(canvasElement.querySelector('.scn-shell')).toHaveTextContent('99% of memory');
  },
};

export const NetworkCut: Story = {
  args: NETWORK_CUT_SCENE,
  play: async ({ canvasElement }) => {
    await expect(picture(canvasElement)).toHaveAccessibleName(/network is cut/);
    const link = canvasElement.querySelector('.scn-link') as SVGGElement;
    await expect(link).toHaveAttribute('data-state', 'cut');
    await expect(link).toHaveTextContent('Cut');
    await expect(vmCard(canvasElement)).toHaveAttribute('data-host', 'host-a');
    await expect(canvasElement.querySelector('.scn-shell')).toBeNull();
    await expect(canvasElement.querySelectorAll('.scn-packet')).toHaveLength(0);
  },
};

export const DestinationFailed: Story = {
  args: DESTINATION_FAILED_SCENE,
  play: async ({ canvasElement }) => {
    const dest = canvasElement.querySelector('.scn-host[data-role="destination"]') as SVGGElement;
    await expect(dest).toHaveAttribute('data-up', 'false');
    await expect(dest).toHaveTextContent('Down');
    await expect(vmCard(canvasElement)).toHaveAttribute('data-host', 'host-a');
    const lost = canvasElement.querySelector('.scn-path[data-host="host-b"]') as SVGGElement;
    await expect(lost).toHaveTextContent('redirected');
  },
};

export const Done: Story = {
  args: DONE_SCENE,
  play: async ({ canvasElement }) => {
    await expect(picture(canvasElement)).toHaveAccessibleName(/running on HV-B/);
    await expect(vmCard(canvasElement)).toHaveAttribute('data-host', 'host-b');
    const row = canvasElement.querySelector('.scn-mac-row') as SVGGElement;
    await expect(row).toHaveAttribute('data-changed', 'true');
    await expect(row).toHaveTextContent('11');
    await expect(row).toHaveTextContent('HV-B');
    await expect(row).toHaveTextContent('updated');
    await expect(canvasElement.querySelector('.scn-storage')).toHaveTextContent('control: HV-B');
  },
};

export const ReducedMotion: Story = {
  args: { ...MID_ROUND_SCENE, animate: false },
  play: async ({ canvasElement }) => {
    // Same state as MidRound, but nothing moves: no packets, the direction arrow instead.
    await expect(canvasElement.querySelectorAll('.scn-packet')).toHaveLength(0);
    await expect(canvasElement.querySelector('.scn-link-arrow')).not.toBeNull();
    await expect(canvasElement.querySelector('.scn-shell')).toHaveTextContent('40% of memory');
    await expect(picture(canvasElement)).toHaveAttribute('data-animate', 'false');
  },
};
