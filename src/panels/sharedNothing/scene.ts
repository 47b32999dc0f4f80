/** The picture's props, from the same snapshot as the text equivalents. */
import { blockCells, DISK_BLOCKS } from '../../model/diskCopy';
import { formatRate } from '../../model/format';
import { LM_NETWORK } from '../../model/scenarios';
import { SMB_SHARE } from '../../model/sharedNothing';
import { describeLocation } from '../../model/vmFiles';
import { activeInstance, instancesOf } from '../../model/world';
import type { DiskCopyDisk, DiskCopySceneProps } from '../../views/scene/DiskCopyScene';
import {
  copyLink,
  destinationDisk,
  fileServerHost,
  GRID_COLUMNS,
  LANDING_S,
  sourceDiskLabel,
  sourceDiskTone,
  sourceFilesStatus,
  vmStatusOf,
} from '../kit/diskCopy';
import { disks, type View } from './selectors';

export { GRID_COLUMNS, LANDING_S };

export function sceneProps(v: View, animate: boolean): DiskCopySceneProps {
  const s = v.snapshot;
  const c = s.context;
  const w = c.world;
  const vm = w.vms[c.vm];
  const vmName = vm?.name ?? c.vm;
  const active = activeInstance(w, c.vm);
  const shell = instancesOf(w, c.vm).find((i) => i.status === 'shell');
  const hostName = (id: string) => w.hosts[id]?.name ?? id;
  const d = disks(v, LANDING_S);
  const n = c.plan.disk?.blocks ?? DISK_BLOCKS;
  const cells = blockCells(d, n);
  const landing = d?.recent ?? [];
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
  const list: DiskCopyDisk[] = [
    {
      id: 'source',
      title: moving ? 'Source VHD' : 'VHD (shared storage)',
      location: describeLocation(w, c.sourcePlacement.vhd),
      host: onShare ? SMB_SHARE : c.source,
      status: moving
        ? srcStatus
        : srcStorage?.online === false
          ? 'failed'
          : 'in use by the VM, stays put',
      tone: sourceDiskTone(c),
      cells: moving ? cells.source : new Uint8Array(0),
      landing: moving ? landing.map((x) => x.block) : [],
      label: moving
        ? sourceDiskLabel(n, cells.source, landing.length, 'sent', srcStatus)
        : `The VHD on the share is used by the VM wherever it runs and never moves.`,
    },
  ];
  if (moving) {
    list.push(
      destinationDisk(
        c,
        d,
        cells.destination,
        n,
        c.destination,
        'receiving mirrored writes and outstanding changes',
      ),
    );
  }
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
  const status = vmStatusOf(active);
  const summary = [
    `${vmName} is ${active ? `${status} on ${hostName(active.host)}` : 'not running'}`,
    shell ? `; a shell on ${hostName(shell.host)} receives its memory` : '',
    ...list.map((x) => `; ${x.title}: ${x.status}`),
    `; live migration network ${linkText}.`,
  ].join('');
  return {
    summary,
    hosts,
    vm: {
      name: vmName,
      host: active?.host ?? null,
      status,
      shellOn: shell?.host ?? null,
    },
    disks: list,
    link: copyLink(net, 'Live migration network', linkText),
    columns: GRID_COLUMNS,
    animate,
  };
}
