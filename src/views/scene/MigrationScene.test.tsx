import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MigrationScene, type MigrationSceneProps, packetOffsets } from './MigrationScene';

const BASE: MigrationSceneProps = {
  summary: 'SQL01 is running on HV-A; CSV1 is controlled by HV-A.',
  hosts: [
    { id: 'host-a', name: 'HV-A', role: 'source', up: true, os: 'Windows Server 2008 R2' },
    { id: 'host-b', name: 'HV-B', role: 'destination', up: true, os: 'Windows Server 2012' },
  ],
  vm: { name: 'SQL01', host: 'host-a', status: 'running', shellOn: null, shellFill: 0 },
  link: {
    label: 'Live migration network',
    up: true,
    active: false,
    utilisation: 0,
    rateText: 'idle',
    direction: 'none',
    phase: 0,
  },
  storage: {
    name: 'CSV1',
    controllerHost: 'host-a',
    coordinatorHost: 'host-a',
    paths: { 'host-a': true, 'host-b': true },
    online: true,
  },
  switchTable: [{ mac: '00-15-5D-01-02-03', port: 1, hostName: 'HV-A', changed: false }],
  animate: true,
};

const copying: MigrationSceneProps = {
  ...BASE,
  vm: { ...BASE.vm, shellOn: 'host-b', shellFill: 0.4 },
  link: {
    ...BASE.link,
    active: true,
    utilisation: 0.9,
    rateText: '0.9 Gbit/s',
    direction: 'forward',
    phase: 3.2,
  },
};

function q(container: HTMLElement, selector: string): Element {
  const el = container.querySelector(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}

describe('MigrationScene', () => {
  it('a re-render with new objects of the same content keeps the parts; a change in content reaches them', () => {
    const { container, rerender } = render(<MigrationScene {...BASE} />);
    const csv = q(container, '.scn-csv');
    rerender(<MigrationScene {...structuredClone(BASE)} />);
    expect(q(container, '.scn-csv')).toBe(csv);
    expect(container.textContent).toContain('control: HV-A');
    rerender(
      <MigrationScene
        {...structuredClone(BASE)}
        storage={{ ...BASE.storage, controllerHost: 'host-b' }}
        switchTable={[{ ...(BASE.switchTable[0] as (typeof BASE.switchTable)[number]), port: 2 }]}
      />,
    );
    expect(container.textContent).toContain('control: HV-B');
    expect(container.textContent).not.toContain('control: HV-A');
    expect(q(container, '.scn-mac-row title').textContent).toContain('on port 2');
  });

  it('is one image named by the summary, scaled by a 960 x 420 viewBox', () => {
    render(<MigrationScene {...BASE} />);
    const img = screen.getByRole('img', { name: BASE.summary });
    expect(img.tagName.toLowerCase()).toBe('svg');
    expect(img).toHaveAttribute('viewBox', '0 0 960 420');
  });

  it('draws the source on the left and the destination on the right, with names and OS', () => {
    const swapped = { ...BASE, hosts: [BASE.hosts[1], BASE.hosts[0]] } as MigrationSceneProps;
    const { container } = render(<MigrationScene {...swapped} />);
    const hosts = container.querySelectorAll('.scn-host');
    expect(hosts[0]).toHaveAttribute('data-role', 'source');
    expect(hosts[0]).toHaveTextContent('HV-A');
    expect(hosts[0]).toHaveTextContent('Windows Server 2008 R2');
    expect(hosts[1]).toHaveTextContent('HV-B');
    expect(hosts[1]).toHaveTextContent('Destination node');
    expect(Number(hosts[0]?.querySelector('rect')?.getAttribute('x'))).toBeLessThan(
      Number(hosts[1]?.querySelector('rect')?.getAttribute('x')),
    );
  });

  it('puts the VM card on the host it runs on, with its status as text', () => {
    const { container, rerender } = render(<MigrationScene {...BASE} />);
    const vm = q(container, '.scn-vm');
    expect(vm).toHaveAttribute('data-host', 'host-a');
    expect(vm).toHaveTextContent('SQL01');
    expect(vm).toHaveTextContent('Running');
    rerender(<MigrationScene {...BASE} vm={{ ...BASE.vm, host: 'host-b', status: 'starting' }} />);
    expect(q(container, '.scn-vm')).toHaveAttribute('data-host', 'host-b');
    expect(q(container, '.scn-vm')).toHaveTextContent('Starting');
    rerender(<MigrationScene {...BASE} vm={{ ...BASE.vm, host: null, status: 'off' }} />);
    expect(q(container, '.scn-vm')).toHaveAttribute('data-host', 'none');
    expect(q(container, '.scn-vm')).toHaveTextContent('Off');
  });

  it('draws the shell as a dashed outline filled to shellFill on its host', () => {
    const { container } = render(<MigrationScene {...copying} />);
    const shell = q(container, '.scn-shell');
    expect(shell).toHaveAttribute('data-fill', '40');
    expect(shell).toHaveTextContent(/Shell\s*40% of memory/);
    expect(q(shell as HTMLElement, '.scn-shell-fill')).toHaveAttribute('width', '80');
  });

  it('moves packets along an active link only when animating, from the phase', () => {
    const { container, rerender } = render(<MigrationScene {...copying} />);
    expect(q(container, '.scn-link')).toHaveAttribute('data-state', 'active');
    expect(q(container, '.scn-link-rate')).toHaveTextContent('0.9 Gbit/s');
    expect(q(container, '.scn-link')).toHaveTextContent('Live migration network');
    const packets = container.querySelectorAll('.scn-packet');
    expect(packets.length).toBe(packetOffsets(3.2, 0.9).length);
    const x0 = packets[0]?.getAttribute('x');
    rerender(<MigrationScene {...copying} link={{ ...copying.link, phase: 3.4 }} />);
    expect(container.querySelector('.scn-packet')?.getAttribute('x')).not.toBe(x0);
    rerender(<MigrationScene {...copying} animate={false} />);
    expect(container.querySelectorAll('.scn-packet')).toHaveLength(0);
    // Still shows the same state: rate and direction.
    expect(container.querySelector('.scn-link-arrow')).not.toBeNull();
    expect(q(container, '.scn-shell')).toHaveTextContent('40%');
  });

  it('shows a cut link as "Cut" with no packets', () => {
    const { container } = render(
      <MigrationScene {...copying} link={{ ...copying.link, up: false }} />,
    );
    const link = q(container, '.scn-link');
    expect(link).toHaveAttribute('data-state', 'cut');
    expect(link).toHaveTextContent('Cut');
    expect(container.querySelectorAll('.scn-packet')).toHaveLength(0);
  });

  it('marks a down host with the word "Down"', () => {
    const hosts = [BASE.hosts[0], { ...BASE.hosts[1], up: false }] as MigrationSceneProps['hosts'];
    const { container } = render(<MigrationScene {...BASE} hosts={hosts} />);
    const dest = q(container, '.scn-host[data-role="destination"]');
    expect(dest).toHaveAttribute('data-up', 'false');
    expect(dest).toHaveTextContent('Down');
    expect(dest.querySelector('.scn-host-cross')).not.toBeNull();
    expect(q(container, '.scn-host[data-role="source"]')).not.toHaveTextContent('Down');
  });

  it('shows the CSV controller, coordinator and a redirected path', () => {
    const { container } = render(
      <MigrationScene
        {...BASE}
        storage={{
          ...BASE.storage,
          controllerHost: 'host-b',
          paths: { 'host-a': true, 'host-b': false },
        }}
      />,
    );
    const storage = q(container, '.scn-storage');
    expect(storage).toHaveTextContent('CSV1');
    expect(storage).toHaveTextContent('control: HV-B');
    expect(storage).toHaveTextContent('coordinator: HV-A');
    expect(q(container, '.scn-path[data-host="host-b"]')).toHaveTextContent('redirected');
    expect(q(container, '.scn-path[data-host="host-a"]')).not.toHaveTextContent('redirected');
  });

  it('draws the MAC table and highlights a changed row', () => {
    const { container } = render(
      <MigrationScene
        {...BASE}
        switchTable={[{ mac: '00-15-5D-01-02-03', port: 11, hostName: 'HV-B', changed: true }]}
      />,
    );
    const sw = q(container, '.scn-switch');
    expect(sw).toHaveTextContent('MAC table');
    const row = q(container, '.scn-mac-row');
    expect(row).toHaveAttribute('data-changed', 'true');
    expect(row).toHaveTextContent('00-15-5D-01-02-03');
    expect(row).toHaveTextContent('port 11 on HV-B');
    expect(row).toHaveTextContent('updated');
  });
});

describe('packetOffsets', () => {
  it('is deterministic, in [0, 1), and more packets at higher utilisation', () => {
    expect(packetOffsets(5, 0.5)).toEqual(packetOffsets(5, 0.5));
    for (const f of packetOffsets(123.456, 1)) {
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
    }
    expect(packetOffsets(0, 1).length).toBeGreaterThan(packetOffsets(0, 0.1).length);
    expect(packetOffsets(Number.NaN, 0.5).every(Number.isFinite)).toBe(true);
  });
});
