/**
 * The simulated datacenter: hosts with NICs, networks, a physical switch with its MAC table,
 * storage, and VMs. A VM's configuration is one record; where it runs is a list of instances
 * (one per host that holds it: the running VM, a paused VM, or an empty shell being filled by a
 * migration), so "a VM runs on at most one host" is something the model can check.
 * Everything here is plain data and pure functions returning new worlds.
 */

export type OsVersion = '2008R2' | '2012' | '2012R2';
export type CpuVendor = 'Intel' | 'AMD';

export interface Nic {
  id: string;
  gbps: number;
  rdma: boolean;
  network: string;
  /** Port on the physical switch. */
  port: number;
}

export interface Host {
  id: string;
  name: string;
  os: OsVersion;
  cpuVendor: CpuVendor;
  hyperV: boolean;
  hardwareVirtualization: boolean;
  failoverClustering: boolean;
  domain: string;
  up: boolean;
  cores: number;
  nics: Nic[];
}

export interface Network {
  id: string;
  name: string;
  purpose: 'live-migration' | 'vm' | 'management';
  up: boolean;
}

export interface Storage {
  id: string;
  name: string;
  kind: 'csv' | 'local' | 'smb';
  /** CSV: the node that coordinates the volume's metadata. */
  coordinator: string | null;
  /** Per host: whether that host's path to the storage works. */
  pathUp: Record<string, boolean>;
  online: boolean;
}

export type DiskKind = 'vhd' | 'vhdx' | 'passthrough' | 'virtual-fc';

export interface Disk {
  id: string;
  kind: DiskKind;
  storage: string;
  sizeBytes: number;
}

export interface Vm {
  id: string;
  name: string;
  mac: string;
  memoryBytes: number;
  disks: Disk[];
  /** The host that has control of the VM's storage (step 4 moves it). */
  storageController: string;
}

export type InstanceStatus = 'running' | 'paused' | 'shell' | 'starting' | 'off';

export interface VmInstance {
  vm: string;
  host: string;
  status: InstanceStatus;
}

export interface PhysicalSwitch {
  name: string;
  /** MAC address -> switch port. */
  macTable: Record<string, number>;
}

export interface World {
  hosts: Record<string, Host>;
  networks: Record<string, Network>;
  storage: Record<string, Storage>;
  vms: Record<string, Vm>;
  instances: VmInstance[];
  physicalSwitch: PhysicalSwitch;
}

// ---- reading ---------------------------------------------------------------------------------

export function instancesOf(world: World, vmId: string): VmInstance[] {
  return world.instances.filter((i) => i.vm === vmId);
}

export function instanceOn(world: World, vmId: string, hostId: string): VmInstance | undefined {
  return world.instances.find((i) => i.vm === vmId && i.host === hostId);
}

/** Where the VM is executing (running, paused or starting), if anywhere. */
export function activeInstance(world: World, vmId: string): VmInstance | undefined {
  return instancesOf(world, vmId).find((i) => i.status !== 'shell' && i.status !== 'off');
}

export function runningHosts(world: World, vmId: string): string[] {
  return instancesOf(world, vmId)
    .filter((i) => i.status === 'running')
    .map((i) => i.host);
}

export function hostOfPort(world: World, port: number): Host | undefined {
  return Object.values(world.hosts).find((h) => h.nics.some((n) => n.port === port));
}

/** The switch port of the host's adapter on the VM network. */
export function vmNetworkPort(world: World, hostId: string): number | undefined {
  const host = world.hosts[hostId];
  return host?.nics.find((n) => world.networks[n.network]?.purpose === 'vm')?.port;
}

export function migrationNetworkUp(world: World): boolean {
  return Object.values(world.networks).some((n) => n.purpose === 'live-migration' && n.up);
}

// ---- changing (pure) -------------------------------------------------------------------------

export function setInstance(
  world: World,
  vmId: string,
  hostId: string,
  status: InstanceStatus,
): World {
  const others = world.instances.filter((i) => !(i.vm === vmId && i.host === hostId));
  return { ...world, instances: [...others, { vm: vmId, host: hostId, status }] };
}

export function removeInstance(world: World, vmId: string, hostId: string): World {
  return {
    ...world,
    instances: world.instances.filter((i) => !(i.vm === vmId && i.host === hostId)),
  };
}

export function setHostUp(world: World, hostId: string, up: boolean): World {
  const host = world.hosts[hostId];
  if (!host) return world;
  const instances = up ? world.instances : world.instances.filter((i) => i.host !== hostId);
  return { ...world, hosts: { ...world.hosts, [hostId]: { ...host, up } }, instances };
}

export function setNetworkUp(world: World, networkId: string, up: boolean): World {
  const net = world.networks[networkId];
  if (!net) return world;
  return { ...world, networks: { ...world.networks, [networkId]: { ...net, up } } };
}

export function setStoragePath(
  world: World,
  storageId: string,
  hostId: string,
  up: boolean,
): World {
  const st = world.storage[storageId];
  if (!st) return world;
  return {
    ...world,
    storage: { ...world.storage, [storageId]: { ...st, pathUp: { ...st.pathUp, [hostId]: up } } },
  };
}

export function setStorageController(world: World, vmId: string, hostId: string): World {
  const vm = world.vms[vmId];
  if (!vm) return world;
  return { ...world, vms: { ...world.vms, [vmId]: { ...vm, storageController: hostId } } };
}

export function learnMac(world: World, mac: string, port: number): World {
  return {
    ...world,
    physicalSwitch: {
      ...world.physicalSwitch,
      macTable: { ...world.physicalSwitch.macTable, [mac]: port },
    },
  };
}

// ---- invariants ------------------------------------------------------------------------------

/** Broken invariants of any world (empty when all hold). */
export function worldViolations(world: World): string[] {
  const problems: string[] = [];
  for (const vm of Object.values(world.vms)) {
    const active = instancesOf(world, vm.id).filter(
      (i) => i.status !== 'shell' && i.status !== 'off',
    );
    if (active.length > 1) {
      problems.push(
        `${vm.name} is active on ${active.length} hosts (${active.map((i) => i.host).join(', ')})`,
      );
    }
  }
  for (const inst of world.instances) {
    if (!world.hosts[inst.host]?.up)
      problems.push(`${inst.vm} has an instance on ${inst.host}, which is down`);
  }
  return problems;
}
