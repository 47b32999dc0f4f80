/** The cluster picture's and the lanes' props, from the same snapshot as the text equivalents. */
import { CLUSTER_NODES } from '../../model/clusterScenario';
import { formatRate } from '../../model/format';
import { instancesOf } from '../../model/world';
import type { LaneRow } from '../../views/scene/LanesChart';
import { laneRowsOf, sendingCount, shellFill } from '../kit/lanes';
import type { ClusterSceneCard, ClusterSceneProps } from './ClusterScene';
import { batchTime, lanes, linkInUse, linkRate, networkUp, type View, vmState } from './selectors';

export function sceneProps(v: View, animate: boolean): ClusterSceneProps {
  const c = v.snapshot.context;
  const w = c.world;
  const name = (id: string | undefined) => (id ? (w.hosts[id]?.name ?? id) : 'nowhere');
  const ls = lanes(v);
  const cards: ClusterSceneCard[] = [];
  for (const vm of Object.values(w.vms)) {
    for (const inst of instancesOf(w, vm.id)) {
      if (inst.status === 'off') continue;
      const state = vmState(v, vm.id);
      const kind: ClusterSceneCard['kind'] =
        inst.status === 'shell'
          ? 'shell'
          : inst.status === 'paused'
            ? 'paused'
            : state === 'Queued'
              ? 'queued'
              : c.lanes[vm.id] === 'restarted'
                ? 'restarted'
                : 'running';
      cards.push({
        key: inst.status === 'shell' ? `${vm.id}:shell` : vm.id,
        name: vm.name,
        host: inst.host,
        kind,
        ...(inst.status === 'shell' ? { fill: shellFill(ls.find((l) => l.vm === vm.id)) } : {}),
        selected: c.vms.includes(vm.id),
      });
    }
  }
  const queue = ls
    .filter((l) => l.status === 'queued' && c.outcome === null && v.started)
    .map((l) => l.name);
  const sending = sendingCount(ls);
  const up = networkUp(v);
  const st = Object.values(w.storage)[0];
  const netText = !up
    ? 'Live migration network: cut'
    : sending > 0
      ? `Live migration network: ${sending} migration${sending === 1 ? '' : 's'} sharing ${formatRate(linkRate(v))} (${formatRate(linkInUse(v))} in use)`
      : `Live migration network: idle, ${formatRate(linkRate(v))}`;
  const sentences = Object.values(w.vms).map((vm) => {
    const state = vmState(v, vm.id);
    const active = instancesOf(w, vm.id).find((i) => i.status !== 'shell' && i.status !== 'off');
    const verb = active?.status === 'paused' ? 'paused' : 'running';
    const where = active ? `${verb} on ${name(active.host)}` : 'not running';
    const extra = state.startsWith('Migrating')
      ? `, migrating to ${name(c.destination)}`
      : state === 'Queued'
        ? ', queued'
        : '';
    return `${vm.name} is ${where}${extra}`;
  });
  const downNodes = CLUSTER_NODES.filter((id) => !w.hosts[id]?.up).map((id) => name(id));
  const summary = [
    `Failover cluster of ${CLUSTER_NODES.length} nodes${downNodes.length ? ` (${downNodes.join(', ')} down)` : ''}. `,
    `${sentences.join('. ')}. `,
    queue.length ? `Queue: ${queue.join(', ')}. ` : 'The queue is empty. ',
    `${netText}. `,
    `${st?.name ?? 'The volume'} holds every VM's disk.`,
  ].join('');
  return {
    summary,
    nodes: CLUSTER_NODES.map((id) => ({
      id,
      name: name(id),
      role: id === c.source ? 'source' : id === c.destination ? 'destination' : 'other',
      up: w.hosts[id]?.up ?? false,
      pathUp: st?.pathUp[id] ?? true,
    })),
    cards,
    queue,
    limit: c.limit,
    network: { up, active: sending > 0 && up, text: netText },
    storage: {
      name: `${st?.name ?? 'CSV'} (Cluster Shared Volume)`,
      caption: `coordinator ${name(st?.coordinator ?? undefined)}; every VM's VHDX`,
    },
    animate,
  };
}

export function laneRows(v: View): LaneRow[] {
  const c = v.snapshot.context;
  const ended = c.endT !== null && c.outcome?.kind !== 'migrated' && c.batchT !== null;
  return laneRowsOf(lanes(v), ended ? batchTime(v) : null, true);
}
