import type { PanelMeta } from '../kit/definition';

export const meta: PanelMeta = {
  route: '/storage/qos',
  title: 'Storage Quality of Service',
  section: 'Storage',
  catalog: '2.4',
  summary:
    'A noisy neighbour before and after a maximum: the host counts each disk\u2019s I/O in 8 KB units, throttles a disk above its maximum and raises an alert for one below its minimum.',
  scenarioParams: ['ioSizeKiB', 'maxIops', 'minIops'],
  startLabel: 'Start I/O',
  talkingPoints: [
    'Storage QoS counts I/O in 8 KB units, so large and small I/Os compare fairly.',
    'A maximum caps a noisy neighbour; a minimum does not reserve anything, it raises an alert when a disk gets less.',
    'Watch the other VMs get their share back once the maximum is in force.',
  ],
  moments: {
    idle: { status: 'Ready' },
    midStep: { forward: 2, step: 'The host normalizes' },
    failed: { forward: 1, inject: 'Fail storage', status: 'Storage failed' },
    done: { end: true, status: 'Settled' },
  },
};
