import { describe, expect, it } from 'vitest';
import { liveMigrationFigures, roundsSoFar } from './precopy';

describe('a live migration’s figures', () => {
  it('counts the rounds begun, none before the start, all of them once past the copy', () => {
    expect(roundsSoFar({ round: 2, fraction: 0.5 }, 5, false)).toBe(0);
    expect(roundsSoFar({ round: -1, fraction: 0 }, 5, true)).toBe(0);
    expect(roundsSoFar({ round: 0, fraction: 0.1 }, 5, true)).toBe(1);
    expect(roundsSoFar({ round: 2, fraction: 0.5 }, 5, true)).toBe(3);
    expect(roundsSoFar({ round: 5, fraction: 0 }, 5, true)).toBe(5);
  });

  it('says the time, the pause against its target, the rounds, the bytes sent and the CPU', () => {
    const link = { memoryBytesPerS: 1e8, wireBytesPerMemoryByte: 0.5, cpuCores: 2 };
    const figures = liveMigrationFigures({
      totalS: 12.5,
      pausedS: 0.25,
      downtimeMs: 300,
      rounds: 3,
      sentBytes: 4e9,
      link,
    });
    expect(figures.map((f) => f.label)).toEqual([
      'Total time',
      'Downtime',
      'Rounds',
      'Data sent',
      'CPU used',
    ]);
    expect(figures[1]?.hint).toBe('target 300 ms');
    expect(figures[2]).toEqual({
      label: 'Rounds',
      value: '3',
      hint: 'memory copy passes, the final stop-and-copy included',
    });
    // 4 GB of guest memory is 2 GB on the wire; 40 s of sending on 2 cores.
    expect(figures[3]).toEqual({ label: 'Data sent', value: '2.0 GB' });
    expect(figures[4]).toEqual({ label: 'CPU used', value: '80 core-s' });
    const withDisk = liveMigrationFigures({
      totalS: 0,
      pausedS: 0,
      downtimeMs: 300,
      rounds: 0,
      sentBytes: 0,
      sentHint: 'disk and memory',
      link,
    });
    expect(withDisk[3]).toEqual({ label: 'Data sent', value: '0 B', hint: 'disk and memory' });
  });
});
