import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { MOVE_FAULTS } from '../../machines/faults';
import { smbInput } from '../../machines/smbMigration.fixture';
import { smbMigrationMachine } from '../../machines/smbMigration.machine';
import { SimRunner } from '../../sim/runner';
import { lanesPanel } from './LanesStage';
import { lanesFamily } from './lanes';
import { LaneChips, LaneNetwork, SharedStorage } from './lanesPicture';

const svg = (children: ReactNode) => render(<svg aria-hidden="true">{children}</svg>).container;

describe('the lanes pictures’ parts', () => {
  it('stacks the chips on their hosts, with their own words and data', () => {
    const cards = [
      { key: 'a', name: 'SQL01', host: 'h1', kind: 'running' },
      { key: 'b', name: 'WEB01', host: 'h1', kind: 'paused' },
      { key: 'a:shell', name: 'SQL01', host: 'h2', kind: 'shell', fill: 0.5 },
    ];
    const placed: [number, number][] = [];
    const c = svg(
      <LaneChips
        cards={cards}
        hosts={[{ id: 'h1' }, { id: 'h2' }]}
        at={(host, slot) => {
          placed.push([host, slot]);
          return { x: host * 100, y: slot * 30 };
        }}
        className="chip"
        size={{ width: 80, height: 24 }}
        dot={{ cx: 9, r: 4 }}
        textX={17}
        textDy={4}
        label={(card) => () => card.name}
        detail={(card) => (card.kind === 'shell' ? (pct) => `${pct}%` : undefined)}
        data={(card) => ({ 'data-name': card.name })}
        animate={false}
      />,
    );
    const chips = [...c.querySelectorAll('g.chip')];
    expect(placed).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(chips.map((g) => g.querySelector('.chip-box')?.getAttribute('width'))).toEqual([
      '80',
      '80',
      '80',
    ]);
    expect(chips.map((g) => g.getAttribute('data-name'))).toEqual(['SQL01', 'WEB01', 'SQL01']);
    expect(chips.map((g) => g.querySelector('.chip-name')?.textContent)).toEqual([
      'SQL01',
      'WEB01',
      'SQL01 50%',
    ]);
    expect(c.querySelectorAll('.chip-fill')).toHaveLength(1);
  });

  it('writes the network’s words unless compact, and the storage’s title and caption', () => {
    const at = { x1: 0, x2: 100, y: 10 };
    const label = { text: 'Live migration network: idle', x: 0, y: 2 };
    const full = svg(
      <LaneNetwork className="net" at={at} label={label} network={{ up: true, active: false }} />,
    );
    expect(full.querySelector('.net-text')?.textContent).toBe(label.text);
    expect(full.querySelector('g.net')?.getAttribute('data-up')).toBe('true');
    const compact = svg(
      <LaneNetwork
        className="net"
        at={at}
        label={label}
        network={{ up: false, active: false }}
        compact
      />,
    );
    expect(compact.querySelector('.net-text')).toBeNull();
    const box = svg(
      <SharedStorage
        className="st"
        textPrefix="p"
        box={{ x: 0, y: 0, width: 100, height: 40 }}
        r={10}
        title={{ text: 'CSV1', dy: 20 }}
        caption={{ text: 'every VHD', dy: 36 }}
      >
        <rect className="file" />
      </SharedStorage>,
    );
    expect(box.querySelector('.p-title')?.textContent).toBe('CSV1');
    expect(box.querySelector('.p-sub')?.textContent).toBe('every VHD');
    expect(box.querySelector('.file')).not.toBeNull();
  });
});

describe('a lanes panel’s parts', () => {
  it('gives the views with the move faults, the stage and a compact thumbnail of one picture', () => {
    const family = lanesFamily(smbMigrationMachine, () => 'ready');
    const seen: { compact?: boolean; n: number }[] = [];
    function Scene(p: { n: number; compact?: boolean }) {
      seen.push(p);
      return <svg aria-label={`picture ${p.n}`} />;
    }
    const parts = lanesPanel<typeof smbMigrationMachine, object, { n: number }>({
      selectors: { ...family, results: () => ({ figures: [] }), inventory: () => [] },
      chartTitle: 'Statechart',
      Scene,
      sceneProps: (v) => ({ n: v.snapshot.context.vms.length }),
      lanesTitle: 'Lanes',
      rows: () => [],
      nowS: () => 0,
    });
    expect(parts.views.faults).toBe(MOVE_FAULTS);
    expect(parts.views.chartTitle).toBe('Statechart');
    expect(parts.views.steps).toBe(family.STEPS);
    expect(parts.thumbnail.speed).toBe(8);
    const v = new SimRunner(smbMigrationMachine, smbInput()).getSnapshot();
    render(<div>{parts.thumbnail.scene(v, false)}</div>);
    expect(seen.at(-1)).toEqual({ n: v.snapshot.context.vms.length, compact: true });
  });
});
