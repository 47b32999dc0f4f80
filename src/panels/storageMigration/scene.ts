/** The picture's props, from the same snapshot as the text equivalents. */
import { formatRate } from '../../model/format';
import { FILE_SHARE, STORAGE_NETWORK } from '../../model/storageMigration';
import type { DiskCopySceneProps } from '../../views/scene/DiskCopyScene';
import { copyLink, diskCopyProps, fileServerHost, sourceFilesStatus } from '../kit/diskCopy';
import type { View } from './selectors';

export function sceneProps(v: View, animate: boolean): DiskCopySceneProps {
  const s = v.snapshot;
  const c = s.context;
  const w = c.world;
  const vmName = w.vms[c.vm]?.name ?? c.vm;
  const host = w.hosts[c.host];
  const toShare = c.destinationPlacement.vhd.storage === FILE_SHARE;
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
  const copying = s.matches({ moving: 'copying' }) || s.matches({ moving: 'mirroring' });
  const rate = formatRate(c.plan.copyBytesPerS);
  const linkText = !net?.up ? 'cut' : copying && toShare ? `copying at ${rate}` : 'idle';
  return diskCopyProps(v, animate, {
    hosts: [
      { id: c.host, name: host?.name ?? c.host, role: 'the VM\u2019s host', up: host?.up ?? false },
      ...(toShare ? [fileServerHost(w, FILE_SHARE)] : []),
    ],
    vm: { name: vmName, host: host?.up ? c.host : null, shellOn: null },
    source: {
      title: 'Source VHD',
      host: c.host,
      status: srcStatus,
      sent: 'copied',
      stays: 'The VHD is not part of this move and stays where it is.',
    },
    destination: movesVhd
      ? {
          host: toShare ? FILE_SHARE : c.host,
          mirrored: c.params.vmRunning
            ? 'receiving mirrored writes and outstanding changes'
            : 'complete (VM off, nothing to mirror)',
        }
      : null,
    link: toShare ? copyLink(net, 'Storage network', linkText) : null,
    summary: (status, list) =>
      [
        `${vmName} is ${status} on ${host?.name ?? c.host}${host?.up ? '' : ' (down)'}, where it stays`,
        ...list.map((x) => `; ${x.title}: ${x.status}`),
        toShare ? `; storage network ${linkText}` : `; copying locally at ${rate}`,
        '.',
      ].join(''),
  });
}
