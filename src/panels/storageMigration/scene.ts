/** The picture's props, from the same snapshot as the text equivalents. */
import { blockCells, DISK_BLOCKS } from '../../model/diskCopy';
import { formatRate } from '../../model/format';
import { FILE_SHARE, STORAGE_NETWORK } from '../../model/storageMigration';
import { describeLocation } from '../../model/vmFiles';
import { activeInstance } from '../../model/world';
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
  const vmName = w.vms[c.vm]?.name ?? c.vm;
  const host = w.hosts[c.host];
  const active = activeInstance(w, c.vm);
  const toShare = c.destinationPlacement.vhd.storage === FILE_SHARE;
  const d = disks(v, LANDING_S);
  const n = c.plan.disk?.blocks ?? DISK_BLOCKS;
  const cells = blockCells(d, n);
  const landing = d?.recent ?? [];
  const net = w.networks[STORAGE_NETWORK];
  const movesVhd = c.plan.disk !== null;
  const srcStatus =
    sourceFilesStatus(c, 'left behind (its disk failed)') ??
    (!movesVhd
      ? 'in use, stays put'
      : c.destinationCopy === 'mirrored' && c.params.vmRunning
        ? 'in use, writes mirrored'
        : c.params.vmRunning
          ? 'in use by the VM'
          : 'VM off: no I/O');
  const list: DiskCopyDisk[] = [
    {
      id: 'source',
      title: 'Source VHD',
      location: describeLocation(w, c.sourcePlacement.vhd),
      host: c.host,
      status: srcStatus,
      tone: sourceDiskTone(c),
      cells: movesVhd ? cells.source : new Uint8Array(0),
      landing: landing.map((x) => x.block),
      label: movesVhd
        ? sourceDiskLabel(n, cells.source, landing.length, 'copied', srcStatus)
        : 'The VHD is not part of this move and stays where it is.',
    },
  ];
  if (movesVhd) {
    list.push(
      destinationDisk(
        c,
        d,
        cells.destination,
        n,
        toShare ? FILE_SHARE : c.host,
        c.params.vmRunning
          ? 'receiving mirrored writes and outstanding changes'
          : 'complete (VM off, nothing to mirror)',
      ),
    );
  }
  const copying = s.matches({ moving: 'copying' }) || s.matches({ moving: 'mirroring' });
  const rate = formatRate(c.plan.copyBytesPerS);
  const linkText = !net?.up ? 'cut' : copying && toShare ? `copying at ${rate}` : 'idle';
  const status = vmStatusOf(active);
  const summary = [
    `${vmName} is ${status} on ${host?.name ?? c.host}${host?.up ? '' : ' (down)'}, where it stays`,
    ...list.map((x) => `; ${x.title}: ${x.status}`),
    toShare ? `; storage network ${linkText}` : `; copying locally at ${rate}`,
    '.',
  ].join('');
  return {
    summary,
    hosts: [
      { id: c.host, name: host?.name ?? c.host, role: 'the VM\u2019s host', up: host?.up ?? false },
      ...(toShare ? [fileServerHost(w, FILE_SHARE)] : []),
    ],
    vm: { name: vmName, host: host?.up ? c.host : null, status, shellOn: null },
    disks: list,
    link: toShare ? copyLink(net, 'Storage network', linkText) : null,
    columns: GRID_COLUMNS,
    animate,
  };
}
