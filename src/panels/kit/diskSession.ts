/**
 * What the disk session panels share (virtual disk types, snapshots, online resize): one VM on one
 * host, its disks on one volume, and a process per action. The names of the three, the selector
 * family with the words every such session says alike, and the place the PowerShell names.
 */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import type { World } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import { sessionFamily } from './family';

/** The session's setting. */
interface Session {
  world: World;
  vm: string;
  host: string;
}

export const vmNameOf = (c: Session) => c.world.vms[c.vm]?.name ?? c.vm;
export const hostNameOf = (c: Session) => c.world.hosts[c.host]?.name ?? c.host;
export const volumeNameOf = (c: { world: World; volume: string }) =>
  c.world.storage[c.volume]?.name ?? c.volume;

/** What a disk session says of its runs (`diskSessionFamily`). */
export interface DiskSessionWords<M extends AnyStateMachine> {
  /** Its processes, the first the start action's, with their statecharts' titles (`sessionFamily`). */
  processes: Readonly<Record<string, string>>;
  /** The narration before anything has run. */
  ready: (v: RunnerView<SnapshotFrom<M>>) => string;
  /** Each success's outcome kind (the first the usual one) with the narration's title. */
  outcomes: Readonly<Record<string, string>>;
  /** The narration's title once a process has failed. */
  failed: string;
}

/** The session family of a disk session panel (a refusal is titled "Refused"). */
export function diskSessionFamily<M extends AnyStateMachine>(machine: M, w: DiskSessionWords<M>) {
  return sessionFamily(machine, {
    success: Object.keys(w.outcomes),
    titles: { ...w.outcomes, failed: w.failed, refused: 'Refused' },
    ready: (v) => ({ title: 'Ready', text: w.ready(v), tone: 'normal' }),
    processes: w.processes,
    first: Object.keys(w.processes)[0] ?? '',
  });
}

/** The VM's name and the folder its disk files are in, as the PowerShell names them. */
export function powershellPlace(input: { world: World; vm: string; volume: string }) {
  return {
    vm: input.world.vms[input.vm]?.name ?? input.vm,
    folder: input.world.storage[input.volume]?.name ?? 'D:\\Hyper-V',
  };
}
