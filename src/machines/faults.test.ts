import { describe, expect, it } from 'vitest';
import { DESTINATION, LM_NETWORK, SOURCE } from '../model/scenarios';
import {
  afterSwitchFaults,
  CSV_FAULTS,
  cancelRefused,
  IDLE_CUT,
  IDLE_DESTINATION_DOWN,
  MOVE_FAULTS,
  SHARED_VHDX_FAULTS,
} from './faults';
import { liveMigrationInput } from './liveMigration2008r2.fixture';
import type { LogEntry } from './step';

const move = () => {
  const input = liveMigrationInput();
  return { world: input.world, source: SOURCE, destination: DESTINATION, log: [] as LogEntry[] };
};

describe('the fault menus', () => {
  it('name each fault once', () => {
    for (const menu of [MOVE_FAULTS, CSV_FAULTS, SHARED_VHDX_FAULTS]) {
      expect(new Set(menu.map((f) => f.type)).size).toBe(menu.length);
      expect(new Set(menu.map((f) => f.label)).size).toBe(menu.length);
    }
  });
});

describe('the move faults that end nothing', () => {
  it('note a cut network or a failed destination before the start', () => {
    const c = move();
    expect(IDLE_CUT.guard).toBe('networkUp');
    const cut = IDLE_CUT.update(c, { t: 2 });
    expect(cut.world.networks[LM_NETWORK]?.up).toBe(false);
    expect(cut.log).toEqual([{ t: 2, kind: 'fault', text: 'Live migration network cut' }]);
    expect(IDLE_DESTINATION_DOWN.guard).toBe('destinationUp');
    const down = IDLE_DESTINATION_DOWN.update(c, { t: 3 });
    expect(down.world.hosts[DESTINATION]?.up).toBe(false);
    expect(down.world.hosts[SOURCE]?.up).toBe(true);
    expect(down.log.at(-1)?.text).toBe(`${c.world.hosts[DESTINATION]?.name} failed`);
  });

  it('note a cut network (saying why it no longer matters) or a failed source after the switch', () => {
    const c = move();
    const rows = afterSwitchFaults('the VM has moved');
    expect(Object.keys(rows)).toEqual(['CUT_NETWORK', 'FAIL_SOURCE_HOST']);
    expect(rows.CUT_NETWORK.update(c, { t: 1 }).log.at(-1)?.text).toBe(
      'Live migration network cut: the VM has moved',
    );
    const down = rows.FAIL_SOURCE_HOST.update(c, { t: 1 });
    expect(rows.FAIL_SOURCE_HOST.guard).toBe('sourceUp');
    expect(down.world.hosts[SOURCE]?.up).toBe(false);
    expect(down.log.at(-1)?.text).toBe(
      `${c.world.hosts[SOURCE]?.name} failed: the VM has already left it`,
    );
  });

  it('refuse a cancel with the reason, changing nothing else', () => {
    const row = cancelRefused((c: { log: LogEntry[]; n: number }) => `Cancel refused: ${c.n}`);
    const out = row.update({ log: [], n: 3 }, { t: 5 });
    expect(row.action).toBe('cancelRefused');
    expect(out).toEqual({ log: [{ t: 5, kind: 'info', text: 'Cancel refused: 3' }] });
  });
});
