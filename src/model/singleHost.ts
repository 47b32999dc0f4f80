/**
 * The world of the panels that act on one VM's disks (virtual disk types, online resize,
 * snapshots): one stand-alone Hyper-V host, HV-1, running the VM from its local volume
 * D:\Hyper-V. No cluster and no networks: what those panels show happens on one host.
 */
import type { OsVersion, Vm, World } from './world';

export interface SingleHostSpec {
  /** The host's id. */
  host: string;
  /** The id of the volume that holds the VM's files. */
  volume: string;
  /** The host's Windows Server version (VHDX and online resizing need 2012 R2). */
  os: OsVersion;
  /** The VM (its storage is controlled by the host). */
  vm: Omit<Vm, 'storageController'>;
}

/** HV-1 (an Intel host of contoso.local, 16 cores) running the VM from volume D:\Hyper-V. */
export function singleHostWorld(s: SingleHostSpec): World {
  return {
    hosts: {
      [s.host]: {
        id: s.host,
        name: 'HV-1',
        os: s.os,
        cpuVendor: 'Intel',
        hyperV: true,
        hardwareVirtualization: true,
        failoverClustering: false,
        domain: 'contoso.local',
        up: true,
        cores: 16,
        nics: [],
      },
    },
    networks: {},
    storage: {
      [s.volume]: {
        id: s.volume,
        name: 'D:\\Hyper-V',
        kind: 'local',
        coordinator: null,
        pathUp: { [s.host]: true },
        online: true,
      },
    },
    vms: { [s.vm.id]: { ...s.vm, storageController: s.host } },
    instances: [{ vm: s.vm.id, host: s.host, status: 'running' }],
    physicalSwitch: { name: 'Switch', macTable: {} },
  };
}
