/** The migration picture's props, from the same snapshot as the text equivalents. */
import { formatRate } from '../../model/format';
import type { GridState } from '../../model/pageGrid';
import { LM_NETWORK } from '../../model/scenarios';
import { activeInstance, hostOfPort, instancesOf } from '../../model/world';
import type { View } from './selectors';

const OS_LABEL = {
  '2008R2': 'Windows Server 2008 R2',
  '2012': 'Windows Server 2012',
  '2012R2': 'Windows Server 2012 R2',
} as const;

export function sceneProps(v: View, g: GridState) {
  const s = v.snapshot;
  const c = s.context;
  const w = c.world;
  const vm = w.vms[c.vm];
  const active = activeInstance(w, c.vm);
  const shell = instancesOf(w, c.vm).find((i) => i.status === 'shell');
  const net = w.networks[LM_NETWORK];
  const copying =
    s.matches({ migrating: 'connecting' }) ||
    s.matches({ migrating: 'copyingMemory' }) ||
    s.matches({ migrating: 'copyingDirtyPages' }) ||
    s.matches({ migrating: 'stopAndCopy' });
  const link = c.plan.link;
  const wireRate = link.memoryBytesPerS * link.wireBytesPerMemoryByte;
  const disk = vm?.disks[0];
  const st = disk ? w.storage[disk.storage] : undefined;
  const initialPort = v.snapshot.context.world.physicalSwitch.macTable;
  const hostName = (id: string | null | undefined) => (id ? (w.hosts[id]?.name ?? id) : 'nowhere');
  const status =
    active?.status === 'paused'
      ? 'paused'
      : active?.status === 'starting'
        ? 'starting'
        : active
          ? 'running'
          : 'off';
  const summary = [
    `${vm?.name ?? 'The VM'} is ${active ? `${status} on ${hostName(active.host)}` : 'not running'}`,
    shell
      ? `; a shell on ${hostName(shell.host)} holds ${Math.round((g.copied / g.cells.length) * 100)}% of its memory`
      : '',
    net?.up ? '' : '; the live migration network is cut',
    copying && net?.up ? `; memory is crossing the network at ${formatRate(wireRate)}` : '',
    `; ${st?.name ?? 'storage'} is controlled by ${hostName(vm?.storageController)}.`,
  ].join('');
  return {
    summary,
    hosts: [c.source, c.destination].map((id, i) => ({
      id,
      name: hostName(id),
      role: (i === 0 ? 'source' : 'destination') as 'source' | 'destination',
      up: w.hosts[id]?.up ?? false,
      os: OS_LABEL[w.hosts[id]?.os ?? '2008R2'],
    })),
    vm: {
      name: vm?.name ?? c.vm,
      host: active?.host ?? null,
      status: status as 'running' | 'paused' | 'starting' | 'off',
      shellOn: shell?.host ?? null,
      shellFill: shell ? g.copied / g.cells.length : 0,
    },
    link: {
      label: net?.name ?? 'Live migration network',
      up: net?.up ?? false,
      active: copying && (net?.up ?? false),
      utilisation: copying ? Math.min(1, wireRate / link.lineBytesPerS) : 0,
      rateText: copying ? formatRate(wireRate) : 'idle',
      direction: (copying ? 'forward' : 'none') as 'forward' | 'none',
      phase: v.now,
      paused: !v.playing,
    },
    storage: {
      name: st?.name ?? 'CSV',
      controllerHost: vm?.storageController ?? null,
      coordinatorHost: st?.coordinator ?? null,
      paths: st?.pathUp ?? {},
      online: st?.online ?? true,
    },
    switchTable: Object.entries(w.physicalSwitch.macTable).map(([mac, port]) => ({
      mac,
      port,
      hostName: hostOfPort(w, port)?.name ?? '?',
      changed:
        c.outcome?.kind === 'migrated' &&
        initialPort[mac] === port &&
        hostOfPort(w, port)?.id === c.destination,
    })),
  };
}
