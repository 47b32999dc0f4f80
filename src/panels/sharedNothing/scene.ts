/** The picture's props, from the same snapshot as the text equivalents. */
import { formatRate } from '../../model/format';
import { LM_NETWORK } from '../../model/scenarios';
import { SMB_SHARE } from '../../model/sharedNothing';
import { activeInstance, instancesOf } from '../../model/world';
import type { DiskCopySceneProps } from '../../views/scene/DiskCopyScene';
import { copyLink, diskCopyProps, fileServerHost, sourceFilesStatus } from '../kit/diskCopy';
import type { View } from './selectors';

export function sceneProps(v: View, animate: boolean): DiskCopySceneProps {
  const s = v.snapshot;
  const c = s.context;
  const w = c.world;
  const vmName = w.vms[c.vm]?.name ?? c.vm;
  const active = activeInstance(w, c.vm);
  const shell = instancesOf(w, c.vm).find((i) => i.status === 'shell');
  const hostName = (id: string) => w.hosts[id]?.name ?? id;
  const onShare = c.sourcePlacement.vhd.storage === SMB_SHARE;
  const hosts = [
    { id: c.source, name: hostName(c.source), role: 'source', up: w.hosts[c.source]?.up ?? false },
    {
      id: c.destination,
      name: hostName(c.destination),
      role: 'destination',
      up: w.hosts[c.destination]?.up ?? false,
    },
    ...(onShare ? [fileServerHost(w, SMB_SHARE)] : []),
  ];
  const srcStorage = w.storage[c.sourcePlacement.vhd.storage];
  const srcStatus =
    sourceFilesStatus(c, 'left behind (its host or disk failed)') ??
    (c.switched
      ? 'no longer used'
      : c.destinationCopy === 'mirrored'
        ? 'in use, writes mirrored'
        : 'in use by the VM');
  const moving = c.choice !== 'vm-only';
  const net = w.networks[LM_NETWORK];
  const rate = formatRate(c.plan.copyBytesPerS * c.plan.lm.link.wireBytesPerMemoryByte);
  const linkText = !net?.up
    ? 'cut'
    : s.matches({ moving: 'copyingDisk' })
      ? `copying the disk at ${rate}`
      : s.matches({ moving: 'mirroring' })
        ? `sending outstanding changes at ${rate}, and mirrored writes`
        : s.matches({ moving: 'creatingShell' }) ||
            s.matches({ moving: 'copyingMemory' }) ||
            s.matches({ moving: 'copyingDirtyPages' }) ||
            s.matches({ moving: 'stopAndCopy' })
          ? `sending memory at ${rate}${moving && !s.matches({ moving: 'stopAndCopy' }) ? ', and mirrored writes' : ''}`
          : 'idle';
  return diskCopyProps(v, animate, {
    hosts,
    vm: { name: vmName, host: active?.host ?? null, shellOn: shell?.host ?? null },
    source: {
      title: moving ? 'Source VHD' : 'VHD (shared storage)',
      host: onShare ? SMB_SHARE : c.source,
      status: moving
        ? srcStatus
        : srcStorage?.online === false
          ? 'failed'
          : 'in use by the VM, stays put',
      sent: 'sent',
      stays: `The VHD on the share is used by the VM wherever it runs and never moves.`,
    },
    destination: moving
      ? { host: c.destination, mirrored: 'receiving mirrored writes and outstanding changes' }
      : null,
    link: copyLink(net, 'Live migration network', linkText),
    summary: (status, list) =>
      [
        `${vmName} is ${active ? `${status} on ${hostName(active.host)}` : 'not running'}`,
        shell ? `; a shell on ${hostName(shell.host)} receives its memory` : '',
        ...list.map((x) => `; ${x.title}: ${x.status}`),
        `; live migration network ${linkText}.`,
      ].join(''),
  });
}
