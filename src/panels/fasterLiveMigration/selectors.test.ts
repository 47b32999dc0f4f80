import { describe, expect, it } from 'vitest';
import { fasterLiveMigrationInput } from '../../machines/fasterLiveMigration.fixture';
import { fasterLiveMigrationMachine as machine } from '../../machines/fasterLiveMigration.machine';
import { OPTION_KINDS, OPTION_LABELS, planOption } from '../../model/fasterLiveMigration';
import { formatBytes, formatCpu, formatDuration } from '../../model/format';
import { activeInstance } from '../../model/world';
import { SimRunner } from '../../sim/runner';
import { comparison, crossoverData, inventory, log, makeSelectors, raceLanes } from './selectors';

const runner = (rdma = true) =>
  new SimRunner(machine, fasterLiveMigrationInput({}, { rdma }), { startEvent: 'START' });

describe('faster live migration selectors', () => {
  it('the Comparison table has every option with the model’s figures at the end', () => {
    const r = runner();
    r.skipToEnd();
    const v = r.getSnapshot();
    const rows = comparison(v);
    expect(rows.map((x) => x.option)).toEqual(OPTION_KINDS.map((k) => OPTION_LABELS[k]));
    for (const row of rows) {
      const p = planOption(v.snapshot.context.params, row.kind);
      expect(row.cells).toEqual({
        'Total time': formatDuration(p.totalS),
        Downtime: formatDuration(p.precopy.downtimeS),
        Rounds: String(p.precopy.rounds.length),
        'Data sent': formatBytes(p.wireBytes),
        'CPU used': formatCpu(p.cpuCoreSeconds),
      });
    }
  });

  it('the inventory and the race agree with each lane’s world at every step', () => {
    const r = runner();
    r.stepForward();
    for (let i = 0; i < 60 && !r.getSnapshot().done; i += 1) {
      const v = r.getSnapshot();
      const rows = inventory(v);
      const lanes = raceLanes(v, 'compression', true);
      v.snapshot.context.lanes.forEach((lane, li) => {
        const w = lane.snapshot.context.world;
        const at = activeInstance(w, 'vm-1');
        expect(rows[li]?.vm).toBe(`SQL01 (${lane.label})`);
        expect(rows[li]?.host).toBe(at ? w.hosts[at.host]?.name : '—');
        expect(lanes[li]?.tone).toBe(
          lane.snapshot.context.outcome
            ? lane.snapshot.context.outcome.kind === 'migrated'
              ? 'ok'
              : 'failed'
            : 'running',
        );
      });
      r.stepForward();
    }
    expect(r.getSnapshot().done).toBe(true);
  });

  it('results follow the chosen option; the log names each lane, in time order', () => {
    const r = runner();
    r.skipToEnd();
    const v = r.getSnapshot();
    for (const k of OPTION_KINDS) {
      const res = makeSelectors(k).results(v);
      expect(res.figures[0]).toMatchObject({ label: 'Option', value: OPTION_LABELS[k] });
      expect(res.figures.find((f) => f.label === 'Total time')?.value).toBe(
        formatDuration(planOption(v.snapshot.context.params, k).totalS),
      );
    }
    const entries = log(v);
    for (let i = 1; i < entries.length; i += 1)
      expect((entries[i]?.t ?? 0) >= (entries[i - 1]?.t ?? 0)).toBe(true);
    for (const k of OPTION_KINDS)
      expect(entries.some((e) => e.text.startsWith(`${OPTION_LABELS[k]}: `))).toBe(true);
  });

  it('without RDMA the crossover chart leaves SMB Direct out and the lane shows refused', () => {
    const params = fasterLiveMigrationInput().params;
    expect(crossoverData(params, false).curves.map((c) => c.key)).not.toContain('smb-direct');
    expect(crossoverData(params, true).curves.map((c) => c.key)).toContain('smb-direct');
    const r = runner(false);
    r.skipToEnd();
    const lane = raceLanes(r.getSnapshot(), 'tcp', false).find((l) => l.key === 'smb-direct');
    expect(lane?.status).toMatch(/Refused/);
    expect(lane?.segments).toEqual([]);
  });
});
