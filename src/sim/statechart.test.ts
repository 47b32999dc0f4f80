import { describe, expect, it } from 'vitest';
import { liveMigration2008r2Machine } from '../machines/liveMigration2008r2.machine';
import { activeLeafId, statechartOf } from './statechart';

describe('statechartOf', () => {
  const chart = statechartOf(liveMigration2008r2Machine);

  it('has one node per leaf state, titled from the step meta', () => {
    const ids = chart.nodes.map((n) => n.id);
    expect(ids).toContain('migrating.copyingDirtyPages');
    expect(ids).toContain('failed');
    const copy = chart.nodes.find((n) => n.id === 'migrating.copyingMemory');
    expect(copy).toMatchObject({
      step: 2,
      group: 'migrating',
      kind: 'normal',
      label: 'Copy the memory',
    });
    expect(chart.nodes.find((n) => n.id === 'failed')?.kind).toBe('failure');
    expect(chart.nodes.find((n) => n.id === 'migrated')?.kind).toBe('final');
  });

  it('draws the repeated round as a self loop and faults as edges to the failure states', () => {
    expect(chart.edges).toContainEqual(
      expect.objectContaining({
        from: 'migrating.copyingDirtyPages',
        to: 'migrating.copyingDirtyPages',
      }),
    );
    const cut = chart.edges.find((e) => e.from === 'migrating.stopAndCopy' && e.to === 'failed');
    expect(cut?.label).toMatch(/cut network/);
    expect(chart.edges).toContainEqual(
      expect.objectContaining({ from: 'idle', to: 'migrating.connecting' }),
    );
  });

  it('names the active leaf like the nodes', () => {
    expect(activeLeafId({ migrating: 'copyingMemory' })).toBe('migrating.copyingMemory');
    expect(activeLeafId('idle')).toBe('idle');
  });
});
