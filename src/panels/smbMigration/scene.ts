/** The SMB picture's props, from the same snapshot as the text equivalents. */
import { formatRate } from '../../model/format';
import { FILE_SERVER, SMB_DESTINATION, SMB_SOURCE } from '../../model/smbScenario';
import { activeInstance, instancesOf } from '../../model/world';
import { hostLabel as hostName, sendingCount, shellFill } from '../kit/lanes';
import type { SmbSceneCard, SmbSceneProps } from './SmbScene';
import { lanes, linkRate, networkUp, type View } from './selectors';

export function sceneProps(v: View, animate: boolean): SmbSceneProps {
  const c = v.snapshot.context;
  const w = c.world;
  const st = w.storage[c.setup.share];
  const ls = lanes(v);
  const cards: SmbSceneCard[] = [];
  for (const vm of Object.values(w.vms)) {
    for (const inst of instancesOf(w, vm.id)) {
      if (inst.status === 'off') continue;
      cards.push({
        key: inst.status === 'shell' ? `${vm.id}:shell` : vm.id,
        name: vm.name,
        host: inst.host,
        kind: inst.status === 'shell' ? 'shell' : inst.status === 'paused' ? 'paused' : 'running',
        ...(inst.status === 'shell' ? { fill: shellFill(ls.find((l) => l.vm === vm.id)) } : {}),
      });
    }
  }
  const files = Object.values(w.vms).map((vm) => ({
    vm: vm.id,
    name: `${vm.name}.vhdx`,
    heldBy: activeInstance(w, vm.id) ? vm.storageController : null,
  }));
  const sending = sendingCount(ls);
  const up = networkUp(v);
  const netText = !up
    ? 'Live migration network: cut'
    : sending > 0
      ? `Live migration network: ${sending} sharing ${formatRate(linkRate(v))}`
      : 'Live migration network: idle';
  const share = st?.name ?? 'the share';
  const sentences = Object.values(w.vms).map((vm) => {
    const act = activeInstance(w, vm.id);
    const shell = instancesOf(w, vm.id).find((i) => i.status === 'shell');
    const where = act
      ? `${act.status === 'paused' ? 'paused' : 'running'} on ${hostName(w, act.host)}`
      : 'off';
    const moving = shell ? `, migrating to ${hostName(w, shell.host)}` : '';
    const handle = act ? `, its VHD opened over SMB by ${hostName(w, vm.storageController)}` : '';
    return `${vm.name} is ${where}${moving}${handle}`;
  });
  const summary = [
    `${sentences.join('. ')}. `,
    `Every VHD stays on ${share} on ${FILE_SERVER}. `,
    `${netText}.`,
  ].join('');
  const hostOf = (id: string, role: 'source' | 'destination') => ({
    id,
    name: hostName(w, id),
    role,
    up: w.hosts[id]?.up ?? false,
    pathUp: st?.pathUp[id] ?? true,
  });
  return {
    summary,
    hosts: [hostOf(SMB_SOURCE, 'source'), hostOf(SMB_DESTINATION, 'destination')],
    cards,
    files,
    network: { up, active: up && sending > 0, text: netText },
    share: { name: share, server: FILE_SERVER },
    animate,
  };
}
