import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import '../../src/views/scene/scene.css';
import { Host, Link, StorageBox, VmCard } from '../../src/views/scene/parts';

/** The shared scene parts put together: two hosts, a VM card, the link, the share. */
function PartsPicture({ animate, onDestination }: { animate: boolean; onDestination: boolean }) {
  const hosts = [
    { id: 'a', name: 'HV-A', x: 20 },
    { id: 'b', name: 'HV-B', x: 400 },
  ];
  return (
    <svg
      className="scn-hosts"
      viewBox="0 0 620 300"
      role="img"
      aria-label={`SQL01 running on ${onDestination ? 'HV-B' : 'HV-A'}`}
    >
      {hosts.map((h) => (
        <Host
          key={h.id}
          className="scn-hosts-host"
          prefix="scn-hosts"
          box={{ x: h.x, y: 10, width: 200, height: 150 }}
          rx={6}
          padX={10}
          lines={[{ text: h.name, className: 'scn-hosts-name', dy: 22 }]}
          data={{ 'data-state': 'up', 'data-host': h.id }}
        />
      ))}
      <VmCard
        className="scn-vm"
        box={{ x: onDestination ? 410 : 30, y: 60, width: 180, height: 40 }}
        rx={6}
        title="SQL01: running"
        dot={{ cx: 14, cy: 20, r: 5 }}
        move="vmMove"
        animate={animate}
        data={{ 'data-host': onDestination ? 'b' : 'a' }}
      >
        <text x={26} y={25}>
          SQL01
        </text>
      </VmCard>
      <Link
        className="scn-hosts-net"
        at={{ x1: 220, x2: 400, y: 85 }}
        label={{ text: '0.9 Gbit/s', x: 310, y: 75, anchor: 'middle' }}
        up
        active
      />
      <StorageBox
        className="scn-hosts-share"
        shape="rect"
        box={{ x: 180, y: 200, width: 260, height: 32 }}
        r={4}
        padX={0}
        lines={[{ text: '\\\\FS01\\VMs', dy: 21, align: 'middle' }]}
      />
    </svg>
  );
}

const meta = {
  title: 'Scene/Parts',
  component: PartsPicture,
  args: { animate: true, onDestination: false },
} satisfies Meta<typeof PartsPicture>;

export default meta;
type Story = StoryObj<typeof meta>;

export const OnSource: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('img')).toHaveAccessibleName(
      'SQL01 running on HV-A',
    );
    await expect(canvasElement.querySelectorAll('.scn-hosts-box')).toHaveLength(2);
    await expect(canvasElement.querySelector('.scn-vm')).toHaveAttribute('data-host', 'a');
    await expect(canvasElement.querySelector('.scn-hosts-net-text')).toHaveTextContent(
      '0.9 Gbit/s',
    );
  },
};

export const MovedReducedMotion: Story = {
  args: { animate: false, onDestination: true },
  play: async ({ canvasElement }) => {
    const card = canvasElement.querySelector('.scn-vm') as SVGGElement;
    await expect(card).toHaveAttribute('data-host', 'b');
    // Reduced motion: the card is already where it goes.
    await expect(card.style.transform).toMatch(/translateX\(410px\)/);
  },
};
