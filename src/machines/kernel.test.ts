import { describe, expect, it } from 'vitest';
import type { Requirement } from '../model/requirements';
import { CSV_ID, DESTINATION, LM_NETWORK, SOURCE, twoNodeCluster, VM_ID } from '../model/scenarios';
import { GiB, MiB } from '../model/units';
import { instanceOn } from '../model/world';
import {
  addLog,
  endRun,
  enterStep,
  hostName,
  initialRun,
  noteFault,
  noteHostDown,
  noteInfo,
  noteNetworkCut,
  outcomeStates,
  refusal,
  refusalText,
  startOrRefuse,
  storageBack,
  storageLost,
  storageName,
  vmName,
} from './kernel';

const world = twoNodeCluster({
  os: '2008R2',
  memoryBytes: 1024 * MiB,
  diskBytes: 40 * GiB,
  linkGbps: 1,
  nics: 1,
  rdma: false,
  destinationCpuVendor: 'Intel',
  destinationClustering: true,
  diskKind: 'vhd',
});

const failed: Requirement[] = [
  {
    id: 'sameProcessorVendor',
    label: 'Same processor vendor',
    ok: false,
    problem: 'HV-B has an AMD processor.',
  },
  { id: 'hyperVOnBoth', label: 'Failover clustering', ok: false },
];

describe('run kernel', () => {
  it('names hosts, VMs and storage from the world, falling back to ids', () => {
    expect(hostName(world, SOURCE)).toBe('HV-A');
    expect(hostName(world, 'nope')).toBe('nope');
    expect(hostName(world, undefined)).toBe('nowhere');
    expect(vmName(world, VM_ID)).toBe('SQL01');
    expect(vmName(world, 'vm-x')).toBe('vm-x');
    expect(storageName(world, CSV_ID)).toBe('CSV1');
    expect(storageName(world, 'gone', 'the volume')).toBe('the volume');
    expect(storageName(world, 'gone')).toBe('gone');
    expect(hostName(world, DESTINATION)).toBe('HV-B');
  });

  it('notes a host down or the network cut as a fault that ends nothing, with the reason', () => {
    const c = { world, log: [] };
    const down = noteHostDown(c, 3, DESTINATION, 'the VM has already left it');
    expect(down.world.hosts[DESTINATION]?.up).toBe(false);
    expect(down.log).toEqual([
      {
        t: 3,
        kind: 'fault',
        text: `${world.hosts[DESTINATION]?.name} failed: the VM has already left it`,
      },
    ]);
    const cut = noteNetworkCut(c, 4);
    expect(cut.world.networks[LM_NETWORK]?.up).toBe(false);
    expect(cut.log.at(-1)?.text).toBe('Live migration network cut');
    expect(noteNetworkCut(c, 4, 'harmless now').log.at(-1)?.text).toBe(
      'Live migration network cut: harmless now',
    );
    expect(c.world.networks[LM_NETWORK]?.up).toBe(true);
  });

  it("loses and restores the path to a VM's volume: paused (or off), then running, logged", () => {
    const c = { world, vm: VM_ID, host: SOURCE, volume: CSV_ID };
    const lost = storageLost(c, 'paused');
    expect(lost.storage[CSV_ID]?.pathUp[SOURCE]).toBe(false);
    expect(instanceOn(lost, VM_ID, SOURCE)?.status).toBe('paused');
    expect(instanceOn(storageLost(c, 'off'), VM_ID, SOURCE)?.status).toBe('off');
    const back = storageBack({ ...c, world: lost, log: [], step: { durationS: 5, seq: 3 } }, 7);
    expect(back.world.storage[CSV_ID]?.pathUp[SOURCE]).toBe(true);
    expect(instanceOn(back.world, VM_ID, SOURCE)?.status).toBe('running');
    expect(back.log).toEqual([
      { t: 7, kind: 'info', text: 'The storage is back; SQL01 runs again' },
    ]);
    expect(back.step).toEqual({ durationS: null, seq: 4 });
    expect(world.storage[CSV_ID]?.pathUp[SOURCE]).not.toBe(false);
  });

  it('logs without changing the entries it was given', () => {
    const log = [{ t: 0, kind: 'step' as const, text: 'a' }];
    const next = addLog(log, 1, 'fault', 'b');
    expect(log).toHaveLength(1);
    expect(next).toEqual([...log, { t: 1, kind: 'fault', text: 'b' }]);
    expect(noteFault({ log }, 2, world, 'c')).toEqual({
      world,
      log: [...log, { t: 2, kind: 'fault', text: 'c' }],
    });
    expect(noteInfo({ log }, 3, 'd').log.at(-1)).toEqual({ t: 3, kind: 'info', text: 'd' });
  });

  it('a timed step bumps the step clock to its duration and logs what happens', () => {
    const c = {
      step: { durationS: null, seq: 4 },
      log: [{ t: 0, kind: 'step' as const, text: 'a' }],
    };
    expect(enterStep(c, 2, 1.5, 'b')).toEqual({
      step: { durationS: 1.5, seq: 5 },
      log: [...c.log, { t: 2, kind: 'step', text: 'b' }],
    });
    expect(c.log).toHaveLength(1);
  });

  it('a refusal names every failed requirement and ends the step clock', () => {
    const r = refusal(initialRun(), failed, 4);
    expect(r.outcome.text).toBe(
      'Refused: Same processor vendor. HV-B has an AMD processor. Failover clustering.',
    );
    expect(r.outcome.text).toBe(refusalText(failed));
    expect(r.outcome.failed).toBe(failed);
    expect(r.step).toEqual({ durationS: null, seq: 1 });
    expect(r.log).toEqual([{ t: 4, kind: 'outcome', text: r.outcome.text }]);
    expect(refusal(initialRun(), [], 1, 'Refused: no VM is selected.').outcome.text).toBe(
      'Refused: no VM is selected.',
    );
  });

  it('an ending logs the fault (if any) and then the outcome', () => {
    expect(endRun(initialRun(), 5, 'failed', 'HV-B failed', 'Failed: x').log).toEqual([
      { t: 5, kind: 'fault', text: 'HV-B failed' },
      { t: 5, kind: 'outcome', text: 'Failed: x' },
    ]);
    const ok = endRun(initialRun(), 6, 'migrated', null, 'Migrated');
    expect(ok.outcome).toEqual({ kind: 'migrated', text: 'Migrated' });
    expect(ok.log).toEqual([{ t: 6, kind: 'outcome', text: 'Migrated' }]);
  });

  it('builds the shared transitions and final states', () => {
    expect(startOrRefuse('moving')).toEqual([
      { guard: 'requirementsMet', target: 'moving' },
      { target: 'refused', actions: 'refuse' },
    ]);
    expect(startOrRefuse('migrating', 'begin')[0]).toEqual({
      guard: 'requirementsMet',
      target: 'migrating',
      actions: 'begin',
    });
    expect(outcomeStates('migrated', 'failed')).toEqual({
      migrated: { type: 'final' },
      failed: { type: 'final' },
    });
  });
});
