/**
 * Tours (CONTRACT "Presenting, touring and checking yourself"): a tour is data, an ordered list of
 * stops, each a panel's route, its URL parameters, a moment (one of the panel's named moments, or
 * the buttons to press and the `t` to open at) and a caption. `#/tour/<id>/<stop>` shows a stop;
 * `#/tours` lists them. A unit test opens every stop and checks it reaches its moment.
 */
import type { MomentName } from '../panels/kit/definition';
import { METAS } from '../panels/registry';
import type { OpenMoment } from '../panels/types';
import type { ParamValues } from './url';

export interface TourStop {
  /** The panel's route (`/mobility/shared-nothing`). */
  route: string;
  /** URL parameters of the stop (the panel's defaults fill the rest). */
  values?: ParamValues;
  /** One of the panel's named moments, or where to open its run (`t` in `values`). */
  moment?: MomentName | OpenMoment;
  /** With a named moment: the fault to inject there instead of the moment's own. */
  inject?: string;
  /** What to say at this stop (shown in the "Tour" region and the speaker notes). */
  caption: string;
  /** Text the narration shows at this stop (the unit test checks it; a named moment's own). */
  expect?: string;
}

export interface Tour {
  id: string;
  title: string;
  summary: string;
  stops: readonly TourStop[];
}

export const TOURS: readonly Tour[] = [
  {
    id: 'live-migration',
    title: 'Live migration in ten minutes',
    summary:
      'From the 2008 R2 cluster to 2012 R2: the same pre-copy idea in a cluster, over SMB, with no shared storage at all, and made faster.',
    stops: [
      {
        route: '/mobility/live-migration-2008r2',
        moment: 'midStep',
        caption:
          'Windows Server 2008 R2: a running VM moves between two cluster nodes. Its memory is copied while it runs, then copied again where it changed; a pause too short to notice, the storage handed over, the switch told.',
        expect: 'Copy the memory',
      },
      {
        route: '/mobility/cluster',
        moment: 'midStep',
        caption:
          'Windows Server 2012 in a failover cluster: several VMs at once, a limit per host and the rest in the queue. Migrations running together share the network, so each needs more passes.',
      },
      {
        route: '/mobility/smb',
        moment: 'midStep',
        caption:
          'With SMB 3 shared storage no cluster is needed: the VM files stay on the share, and only the running state and the SMB connection move.',
      },
      {
        route: '/mobility/shared-nothing',
        moment: 'midStep',
        caption:
          'Shared nothing: the disk moves too. It is copied while the VM runs, writes are mirrored to both disks, then the memory moves and the source files are deleted.',
        expect: 'Copy the disk',
      },
      {
        route: '/mobility/faster-live-migration',
        moment: 'done',
        caption:
          'Windows Server 2012 R2 makes it faster: compression below 10 Gbit/s, SMB Multichannel and SMB Direct above. The same VM, all four ways, side by side.',
      },
    ],
  },
  {
    id: 'what-can-go-wrong',
    title: 'What can go wrong',
    summary:
      'One fault in each mobility panel, and what becomes of the VM: the rule is always where the point of no return lies.',
    stops: [
      {
        route: '/mobility/live-migration-2008r2',
        moment: 'failed',
        caption:
          'The migration network is cut during the memory copy. Before the storage handoff the source still owns the VM: the move rolls back, the VM keeps running on the source and the shell on the destination is removed.',
        expect: 'keeps running on HV-A',
      },
      {
        route: '/mobility/cluster',
        moment: 'failed',
        inject: 'Fail source host',
        caption:
          'The source node fails with VMs still on it: failover clustering restarts them on the other nodes from their disks on the Cluster Shared Volume. Their memory state is lost; the queue is abandoned.',
        expect: 'restarted',
      },
      {
        route: '/mobility/smb',
        moment: 'failed',
        inject: 'Fail source storage',
        caption:
          'The source host loses its SMB connection to the share: its VMs cannot reach their VHDs and pause where they are until the path returns. The move is abandoned.',
        expect: 'paused until the path returns',
      },
      {
        route: '/mobility/shared-nothing',
        moment: 'failed',
        inject: 'Fail destination host',
        caption:
          'The destination fails while the disk is copied: before the switch nothing depends on it, so the VM keeps running on the source with its source disk intact.',
        expect: 'source disk intact',
      },
      {
        route: '/mobility/storage-migration',
        moment: 'failed',
        caption:
          'A storage move cancelled during the copy: the VM keeps running from its source VHD and the partial copy is discarded. After the switch, cancelling would no longer be possible.',
        expect: 'partial copy is discarded',
      },
      {
        route: '/mobility/faster-live-migration',
        moment: { forward: 4, inject: 'Cut migration network' },
        caption:
          'The network is cut while all four options copy memory: every one of them rolls back, and the VM keeps running on the source in each lane. Faster does not mean riskier.',
        expect: 'not every option migrated',
      },
      {
        route: '/mobility/cross-version',
        moment: 'failed',
        inject: 'Fail source host',
        caption:
          'The 2012 host fails with the VM on it. These are stand-alone hosts, not a cluster: nothing restarts the VM, but its files stay on the share to be started again.',
        expect: 'went down',
      },
    ],
  },
  {
    id: 'storage',
    title: 'Storage: disks, shared volumes and limits',
    summary:
      'Virtual disk types, Cluster Shared Volumes, a shared VHDX for a guest cluster, Storage QoS and resizing a disk while the VM runs.',
    stops: [
      {
        route: '/storage/disk-types',
        moment: 'done',
        caption:
          'A dynamically expanding VHD is created: it starts as little more than a header and grows as the guest writes. A fixed-size disk would take its whole size at once.',
      },
      {
        route: '/storage/csv',
        moment: 'failed',
        caption:
          'Every node writes straight to one volume; one node coordinates it. The coordinator fails: the others queue their I/O while the next node with a path takes over, and the failed node’s VMs restart elsewhere.',
      },
      {
        route: '/storage/shared-vhdx',
        moment: 'failed',
        caption:
          'Two VMs on two hosts share one VHDX as a guest cluster’s disk. A guest node fails and the service starts on the other one, which already sees the disk.',
      },
      {
        route: '/storage/qos',
        moment: 'midStep',
        caption:
          'The host counts each disk’s I/O in 8 KB units. A noisy VM takes most of the volume until a maximum caps it; a minimum only raises an alert.',
      },
      {
        route: '/storage/online-resize',
        moment: 'done',
        caption:
          'A SCSI-attached VHDX grows while the VM runs; the guest sees the new space unallocated until its volume is extended. Never below the minimum size, never on IDE.',
      },
    ],
  },
  {
    id: 'snapshots',
    title: 'Snapshots, step by step',
    summary:
      'Taking a snapshot in the 2008 R2 poster’s seven steps, what it leaves on disk, and what a storage failure does to it.',
    stops: [
      {
        route: '/snapshots',
        moment: 'midStep',
        caption:
          'The VM pauses for a moment while a new AVHD is created and it is pointed at it: from now on its writes land in the AVHD and the VHD is the snapshot’s, read-only.',
      },
      {
        route: '/snapshots',
        moment: 'done',
        caption:
          'Taken: the memory was saved while the VM ran (copy-on-write for the pages it changed first), and the configuration, saved state and AVHD are stored together.',
      },
      {
        route: '/snapshots',
        moment: 'failed',
        caption:
          'The storage fails while the snapshot is taken: it is abandoned with no write lost, and the VM waits, paused, until the storage is back.',
      },
    ],
  },
  {
    id: 'availability',
    title: 'When a node, a disk or a cable fails',
    summary:
      'Failover clustering at scale: heartbeats and restarts by priority, a lost disk restarting one VM, a lost network moving VMs live.',
    stops: [
      {
        route: '/availability/node-failure',
        moment: 'failed',
        caption:
          'A node fails: the others miss its heartbeats and, after the threshold, declare it down. Its VMs then restart on the survivors, High priority first.',
      },
      {
        route: '/availability/node-failure',
        moment: 'done',
        caption:
          'Recovered: every VM that could be placed runs again. No auto start VMs, and any that fit nowhere, stay off and are named in the log.',
      },
      {
        route: '/availability/storage-failure',
        moment: 'failed',
        caption:
          'One VM’s disk stops answering, even on a share the cluster does not manage. That VM pauses, the cluster notices and restarts it on another node; no other VM is touched.',
      },
      {
        route: '/availability/network-failure',
        moment: 'failed',
        caption:
          'A node’s cable to the VM network is pulled. Its VMs run on, unreachable, until the cluster live-migrates the protected ones to nodes that have the network: a pause of milliseconds, no restart.',
      },
    ],
  },
];

export function findTour(id: string): Tour | undefined {
  return TOURS.find((t) => t.id === id);
}

/** A stop resolved against its panel's meta: the values, the moment to open at, its expectation. */
export function resolveStop(stop: TourStop): {
  values: ParamValues;
  open: OpenMoment;
  expect?: string;
} {
  const meta = METAS.find((m) => m.route === stop.route);
  if (typeof stop.moment === 'string') {
    const m = meta?.moments[stop.moment] ?? {};
    const inject = stop.inject ?? m.inject;
    const open: OpenMoment = {
      ...(m.press ? { press: m.press } : {}),
      ...(m.forward ? { forward: m.forward } : {}),
      ...(m.end ? { end: m.end } : {}),
      ...(inject ? { inject } : {}),
    };
    const expect = stop.expect ?? m.status ?? m.step;
    return {
      values: { ...m.values, ...stop.values },
      open,
      ...(expect ? { expect } : {}),
    };
  }
  return {
    values: { ...stop.values },
    open: stop.moment ?? {},
    ...(stop.expect ? { expect: stop.expect } : {}),
  };
}

export { parseTourRoute, stopHash } from './tourRoute';
