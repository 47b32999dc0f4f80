import { describe, expect, it } from 'vitest';
import { smbInput } from '../../machines/smbMigration.fixture';
import { smbMigrationMachine } from '../../machines/smbMigration.machine';
import { smbVmId } from '../../model/smbScenario';
import { SimRunner } from '../../sim/runner';
import { laneInventory, lanesFamily, laneViews, laneVmState } from './lanes';

const family = lanesFamily(smbMigrationMachine, (v) => `${v.snapshot.context.vms.length} selected`);
const runner = () => new SimRunner(smbMigrationMachine, smbInput(), { startEvent: 'START' });
const WORDS = { before: 'selected', ends: { lost: 'off' }, handoff: 'handing over' } as const;

describe('the lanes family', () => {
  it('narrates ready, then the ending titled for a batch; times the run and reads the link', () => {
    const r = runner();
    const idle = r.getSnapshot();
    expect(family.narration(idle)).toEqual({
      title: 'Ready to migrate',
      text: `${idle.snapshot.context.vms.length} selected`,
      tone: 'normal',
    });
    expect(family.runTime(idle)).toBe(0);
    expect(family.networkUp(idle)).toBe(true);
    const plan = idle.snapshot.context.plan;
    expect(family.linkRate(idle)).toBe(
      plan.fullLink.memoryBytesPerS * plan.fullLink.wireBytesPerMemoryByte,
    );
    r.skipToEnd();
    const end = r.getSnapshot();
    expect(family.succeeded(end)).toBe(true);
    expect(family.narration(end)).toMatchObject({ title: 'Migrated', tone: 'ok' });
    expect(family.runTime(end)).toBeCloseTo(plan.totalS, 6);
    expect(family.STEPS.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('words each lane: before the start, under way in its phase, what became of it', () => {
    const r = runner();
    const c0 = r.getSnapshot().snapshot.context;
    expect(laneViews(c0, null, WORDS).map((l) => l.text)).toEqual(c0.vms.map(() => 'selected'));
    r.stepForward();
    const c1 = r.getSnapshot().snapshot.context;
    const under = laneViews(c1, 0.001, WORDS);
    expect(under.map((l) => l.vm)).toEqual(c1.vms);
    expect(under[0]?.text).toMatch(/^connecting, \d+%$/);
    const lost = { ...c1, lanes: { ...c1.lanes, [smbVmId(0)]: 'lost' as const } };
    expect(laneViews(lost, 0.001, WORDS)[0]?.text).toBe('off');
    r.skipToEnd();
    const end = r.getSnapshot().snapshot.context;
    expect(laneViews(end, end.plan.totalS, WORDS).map((l) => l.text)).toEqual(
      end.vms.map(() => 'migrated'),
    );
  });

  it('says each VM’s state and host in the inventory, its storage in the panel’s words', () => {
    const r = runner();
    r.stepForward();
    r.stepForward();
    const c = r.getSnapshot().snapshot.context;
    const vm = smbVmId(0);
    expect(laneVmState(c, vm)).toMatch(/^Migrating to HV-B/);
    expect(laneVmState({ ...c, lanes: { ...c.lanes, [vm]: 'queued' } }, vm)).toBe('Queued');
    const rows = laneInventory(c, (v) => `disk of ${v.name}`);
    expect(rows.map((row) => row.vm)).toEqual(Object.values(c.world.vms).map((v) => v.name));
    expect(rows[0]).toEqual({
      vm: 'SQL01',
      state: laneVmState(c, vm),
      host: 'HV-A',
      storage: 'disk of SQL01',
    });
  });
});
