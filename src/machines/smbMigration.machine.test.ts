import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import { LM_NETWORK } from '../model/scenarios';
import {
  checkSmbRequirements,
  SMB_DESTINATION,
  SMB_SHARE,
  SMB_SOURCE,
  smbVmId,
} from '../model/smbScenario';
import { activeInstance, instanceOn, vmNetworkPort } from '../model/world';
import { SimRunner } from '../sim/runner';
import {
  LANES_EVENTS as ALL_EVENTS,
  expectDoneIgnoresEvents,
  expectShortestPathsReplay,
  expectSimplePathsToEveryEnding,
  expectStatesSeen,
  expectWorldSound,
  LANES_FAULTS as FAULTS,
  lanesDriver,
  walkStates,
} from './concurrentLanes.testkit';
import { smbInput } from './smbMigration.fixture';
import {
  leadStage,
  smbMigrationMachine as machine,
  type SmbMigrationInput,
} from './smbMigration.machine';

type Snap = SnapshotFrom<typeof machine>;
const driver = lanesDriver(machine);
const { send, runToEnd } = driver;
const start = (input: SmbMigrationInput = smbInput()): Snap => driver.start(input);

function checkInvariants(s: Snap): void {
  const c = s.context;
  const w = c.world;
  const where = JSON.stringify(s.value);
  // A consistent world; each VM runs on at most one host.
  expectWorldSound(w, where);
  for (const vm of Object.values(w.vms)) {
    // The VHD never moves: it stays on the share in every state.
    expect(vm.disks.every((d) => d.storage === SMB_SHARE)).toBe(true);
    // The SMB handle is held by the host the VM executes on.
    const act = activeInstance(w, vm.id);
    if (act) expect(vm.storageController, `${vm.id} ${where}`).toBe(act.host);
  }
  for (const vm of c.vms) {
    const lane = c.lanes[vm];
    const act = activeInstance(w, vm);
    if (lane === 'migrating' || lane === 'rolledBack' || lane === 'cancelled') {
      // A fault before the handoff leaves the VM on the source, its VHD untouched on the share.
      expect(act?.host, `${vm} ${lane} ${where}`).toBe(SMB_SOURCE);
      if (lane !== 'migrating') expect(instanceOn(w, vm, SMB_DESTINATION)).toBeUndefined();
    }
    if (lane === 'switchedOver' || lane === 'migrated') {
      expect(act?.host, `${vm} ${lane} ${where}`).toBe(SMB_DESTINATION);
      expect(instanceOn(w, vm, SMB_SOURCE)).toBeUndefined();
    }
    if (lane === 'lost') expect(act).toBeUndefined();
  }
  if (s.matches('migrating')) expect(c.outcome).toBeNull();
  if (s.status === 'done') expect(c.outcome).not.toBeNull();
}

const WALK_INPUT = smbInput({ params: { maxRounds: 3 } });

describe('SMB live migration machine: walking every reachable state', () => {
  const states = walkStates(machine, WALK_INPUT);

  it('reaches every state of the statechart', () => {
    expectStatesSeen(
      states,
      [
        '"idle"',
        '{"migrating":"connecting"}',
        '{"migrating":"copyingMemory"}',
        '{"migrating":"stopAndCopy"}',
        '{"migrating":"smbHandoff"}',
        '{"migrating":"resuming"}',
        '{"migrating":"updatingSwitch"}',
        '"migrated"',
        '"failed"',
        '"cancelled"',
      ],
      80,
    );
  });

  it('holds the invariants in every reachable state, and after every fault from it', () => {
    let faults = 0;
    for (const s of states) {
      checkInvariants(s);
      for (const type of FAULTS) {
        if (!s.can({ type, t: 0 })) continue;
        checkInvariants(send(s, type));
        faults += 1;
      }
    }
    expect(faults).toBeGreaterThan(100);
  });

  it('cut network: migrations before the handoff roll back, later ones complete', () => {
    const under = states.filter((s) => s.matches('migrating'));
    for (const s of under) {
      const after = send(s, 'CUT_NETWORK');
      expect(after.context.outcome?.kind).toBe('failed');
      expect(after.context.world.networks[LM_NETWORK]?.up).toBe(false);
      for (const vm of s.context.vms) {
        const before = s.context.lanes[vm];
        const host = activeInstance(after.context.world, vm)?.host;
        expect(host).toBe(before === 'migrating' ? SMB_SOURCE : SMB_DESTINATION);
        expect(activeInstance(after.context.world, vm)?.status).toBe('running');
      }
    }
  });

  it('cancel rolls back before the handoff and is refused once every VM is past it', () => {
    let refused = 0;
    for (const s of states.filter((x) => x.matches('migrating'))) {
      const after = send(s, 'CANCEL');
      if (s.context.vms.some((vm) => s.context.lanes[vm] === 'migrating')) {
        expect(after.context.outcome?.kind).toBe('cancelled');
      } else {
        expect(after.value).toEqual(s.value);
        expect(after.context.log.at(-1)?.text).toMatch(/Cancel refused/);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('fail source host: VMs still on it are off (no cluster), their files intact on the share', () => {
    for (const s of states.filter((x) => x.matches('migrating'))) {
      const after = send(s, 'FAIL_SOURCE_HOST');
      const w = after.context.world;
      for (const vm of s.context.vms) {
        if (s.context.lanes[vm] === 'migrating') {
          expect(after.context.lanes[vm]).toBe('lost');
          expect(activeInstance(w, vm)).toBeUndefined();
          expect(w.vms[vm]?.disks[0]?.storage).toBe(SMB_SHARE);
        } else {
          expect(activeInstance(w, vm)?.host).toBe(SMB_DESTINATION);
        }
      }
      if (s.context.vms.some((vm) => s.context.lanes[vm] === 'migrating'))
        expect(after.context.outcome?.text).toMatch(/is off/);
    }
  });

  it('fail destination host: migrations before the handoff roll back, VMs on it go off', () => {
    for (const s of states.filter((x) => x.matches('migrating'))) {
      const after = send(s, 'FAIL_DESTINATION_HOST');
      for (const vm of s.context.vms) {
        const act = activeInstance(after.context.world, vm);
        if (s.context.lanes[vm] === 'migrating') expect(act?.host).toBe(SMB_SOURCE);
        else expect(act).toBeUndefined();
      }
    }
  });

  it('fail source storage: VMs with their handle on the source pause there; past-handoff ones are unaffected', () => {
    let failed = 0;
    let harmless = 0;
    for (const s of states.filter((x) => x.matches('migrating'))) {
      if (!s.can({ type: 'FAIL_SOURCE_STORAGE', t: 0 })) continue;
      const after = send(s, 'FAIL_SOURCE_STORAGE');
      expect(after.context.world.storage[SMB_SHARE]?.pathUp[SMB_SOURCE]).toBe(false);
      for (const vm of s.context.vms) {
        const act = activeInstance(after.context.world, vm);
        if (s.context.lanes[vm] === 'migrating') {
          expect(act).toMatchObject({ host: SMB_SOURCE, status: 'paused' });
        } else {
          expect(act).toMatchObject({ host: SMB_DESTINATION, status: 'running' });
        }
      }
      if (after.status === 'done') failed += 1;
      else {
        harmless += 1;
        expect(runToEnd(after).context.outcome?.kind).toBe('migrated');
      }
    }
    expect(failed).toBeGreaterThan(3);
    expect(harmless).toBeGreaterThan(0);
  });

  it('fail destination storage: migrations before the handoff roll back, VMs on the destination pause', () => {
    for (const s of states.filter((x) => x.matches('migrating'))) {
      const after = send(s, 'FAIL_DESTINATION_STORAGE');
      expect(after.context.outcome?.kind).toBe('failed');
      for (const vm of s.context.vms) {
        const act = activeInstance(after.context.world, vm);
        if (s.context.lanes[vm] === 'migrating')
          expect(act).toMatchObject({ host: SMB_SOURCE, status: 'running' });
        else expect(act).toMatchObject({ host: SMB_DESTINATION, status: 'paused' });
      }
    }
  });

  it('ignores every event once the run is over', () => {
    expectDoneIgnoresEvents(machine, states);
  });

  it('has a shortest path to every state and simple paths to every ending', {
    timeout: 120_000,
  }, () => {
    expectShortestPathsReplay(machine, WALK_INPUT, states.length);
    const single = smbInput({ selected: [smbVmId(0)], params: { maxRounds: 2 } });
    expectSimplePathsToEveryEnding(machine, single, ALL_EVENTS, 50, checkInvariants);
  });
});

describe('SMB live migration machine: the move', () => {
  it('walks the six steps with one VM, the SMB handle moving at step 4 and the VHD staying', () => {
    let s = send(start(smbInput({ selected: [smbVmId(0)] })), 'START');
    const steps: number[] = [];
    const vm = smbVmId(0);
    while (s.status !== 'done') {
      const meta = Object.values(s.getMeta())[0] as { step: number } | undefined;
      if (meta && steps.at(-1) !== meta.step) steps.push(meta.step);
      const controller = s.context.world.vms[vm]?.storageController;
      expect(controller).toBe(
        s.matches({ migrating: 'resuming' }) || s.matches({ migrating: 'updatingSwitch' })
          ? SMB_DESTINATION
          : SMB_SOURCE,
      );
      s = send(s, 'STEP_DONE');
    }
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    const w = s.context.world;
    expect(activeInstance(w, vm)).toEqual({ vm, host: SMB_DESTINATION, status: 'running' });
    expect(w.vms[vm]?.disks[0]?.storage).toBe(SMB_SHARE);
    expect(w.physicalSwitch.macTable[w.vms[vm]?.mac ?? '']).toBe(vmNetworkPort(w, SMB_DESTINATION));
  });

  it('runs concurrent migrations together (no queue), sharing the network', () => {
    const s = send(start(smbInput({ selected: [smbVmId(0), smbVmId(1), smbVmId(2)] })), 'START');
    const plan = s.context.plan;
    expect(plan.limit).toBeNull();
    expect(plan.lanes.every((l) => l.startS === 0 && l.sharers === 3)).toBe(true);
    expect(s.context.vms.every((vm) => s.context.lanes[vm] === 'migrating')).toBe(true);
    expect(runToEnd(s).context.outcome?.kind).toBe('migrated');
  });

  it('runs in the SimRunner to the planned end, durations from the plan', () => {
    const runner = new SimRunner(machine, smbInput(), { startEvent: 'START' });
    runner.skipToEnd();
    const v = runner.getSnapshot();
    expect(v.snapshot.context.outcome?.kind).toBe('migrated');
    expect(v.now).toBeCloseTo(v.snapshot.context.plan.totalS, 9);
  });

  it('property: the state is always the least advanced migration, never skipping a step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        (n, seed, dirtyMiBps, maxRounds) => {
          const input = smbInput({
            selected: Array.from({ length: n }, (_, i) => smbVmId(i)),
            seed,
            params: { dirtyMiBps, maxRounds },
          });
          let s = send(start(input), 'START');
          for (let i = 0; i < 500 && s.status !== 'done'; i += 1) {
            const stage = leadStage(s.context, s.context.milestone);
            const key = Object.values(s.value as Record<string, string>)[0];
            expect(
              {
                connecting: 'connecting',
                copying: 'copyingMemory',
                stopAndCopy: 'stopAndCopy',
                handoff: 'smbHandoff',
                resuming: 'resuming',
                switchUpdate: 'updatingSwitch',
              }[stage as string],
            ).toBe(key);
            checkInvariants(s);
            s = send(s, 'STEP_DONE');
          }
          expect(s.context.outcome?.kind).toBe('migrated');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('property: a fault at a random moment keeps the invariants and leaves every VHD on the share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(...FAULTS),
        fc.integer({ min: 1, max: 3 }),
        (at, fault, n) => {
          let s = send(
            start(smbInput({ selected: Array.from({ length: n }, (_, i) => smbVmId(i)) })),
            'START',
          );
          for (let i = 0; i < at && s.status !== 'done'; i += 1) s = send(s, 'STEP_DONE');
          const after = send(s, fault);
          checkInvariants(after);
          checkInvariants(runToEnd(after));
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('SMB live migration machine: requirements (CATALOG 4.1)', () => {
  it('refuses a VM file kept off the share, naming it', () => {
    for (const kind of ['vhd', 'snapshots', 'configuration'] as const) {
      const s = send(start(smbInput({ localFile: kind })), 'START');
      expect(s.value).toBe('refused');
      expect(s.context.outcome?.text).toMatch(/Every VM file/);
      expect(s.context.outcome?.text).toMatch(/not on \\\\FS1\\VMs/);
    }
  });

  it('refuses a share that does not let the destination’s computer account in', () => {
    const s = send(start(smbInput({ grantDestination: false })), 'START');
    expect(s.context.outcome?.text).toMatch(/computer account \(CONTOSO\\HV-B\$\)/);
  });

  it('refuses processors from different manufacturers', () => {
    const s = send(start(smbInput({ destinationCpuVendor: 'AMD' })), 'START');
    expect(s.context.outcome?.text).toMatch(/same manufacturer/);
  });

  it('passes every requirement in the default set-up, and refuses after a path to the share is lost', () => {
    const input = smbInput();
    for (const vm of input.vms) {
      expect(
        checkSmbRequirements(input.world, input.setup, {
          vm,
          source: input.source,
          destination: input.destination,
        }).every((r) => r.ok),
      ).toBe(true);
    }
    const s = send(send(start(), 'FAIL_DESTINATION_STORAGE'), 'START');
    expect(s.context.outcome?.text).toMatch(/HV-B cannot reach/);
  });
});
