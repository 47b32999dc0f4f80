import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import {
  Host,
  LabelledBox,
  Link,
  PipeLink,
  percent,
  RoleHost,
  SceneSvg,
  StorageBox,
  SwitchBox,
  sameChip,
  stackOnHosts,
  VmCard,
  VmChip,
} from '.';

const svg = (children: ReactNode) => render(<svg aria-hidden="true">{children}</svg>).container;

describe('Host', () => {
  it('draws its box and lines, and a cross only when it is down', () => {
    const props = {
      className: 'h',
      box: { x: 10, y: 20, width: 100, height: 50 },
      padX: 8,
      lines: [
        { text: 'HV-A', className: 'h-name', dy: 20 },
        { text: 'source', className: 'h-role', dy: 36 },
      ],
      data: { 'data-host': 'a' },
    } as const;
    const g = svg(<Host {...props} title="HV-A, up" up />).querySelector('g.h') as SVGGElement;
    expect(g).toHaveAttribute('data-host', 'a');
    expect(g.querySelector('title')).toHaveTextContent('HV-A, up');
    expect(g.querySelector('rect.h-box')).toHaveAttribute('x', '10');
    expect(g.querySelector('.h-cross')).toBeNull();
    const name = g.querySelector('text.h-name');
    expect(name).toHaveTextContent('HV-A');
    expect(name).toHaveAttribute('x', '18');
    expect(name).toHaveAttribute('y', '40');

    const down = svg(<Host {...props} prefix="p" up={false} crossInset={6} />);
    expect(down.querySelector('rect.p-box')).not.toBeNull();
    expect(down.querySelector('path.p-cross')?.getAttribute('d')).toBe(
      'M16,26 L104,64 M104,26 L16,64',
    );
    // No `up` given: never crossed out.
    expect(svg(<Host {...props} />).querySelector('path')).toBeNull();
  });
});

describe('VmCard and VmChip', () => {
  it('draws a shell filled to its percent, in place when it has no MOTION entry', () => {
    const g = svg(
      <VmCard
        className="v"
        box={{ x: 5, y: 6, width: 200, height: 30 }}
        rx={4}
        title="Shell of SQL01"
        fillPct={40}
        dot={{ cx: 9, cy: 15, r: 4 }}
        animate={false}
        data={{ 'data-kind': 'shell' }}
      >
        <text>SQL01 40%</text>
      </VmCard>,
    ).querySelector('g.v') as SVGGElement;
    expect(g).toHaveAttribute('data-kind', 'shell');
    expect(g).toHaveAttribute('transform', 'translate(5,6)');
    expect(g.querySelector('.v-fill')).toHaveAttribute('width', '80');
    expect(g.querySelector('.v-box')).toHaveAttribute('width', '200');
    expect(g.querySelector('.v-dot')).toHaveAttribute('r', '4');
    expect(g).toHaveTextContent('Shell of SQL01SQL01 40%');
  });

  it('moves by transform when it has a MOTION entry, with or without animation', () => {
    for (const animate of [true, false]) {
      const chip = (kind: string) =>
        svg(
          <VmChip
            className="v"
            name="WEB01"
            kind={kind}
            fill={0.255}
            label={(pct) => `WEB01 ${pct}%`}
            box={{ x: 120, y: 30, width: 80, height: 24 }}
            dot={{ cx: 9, r: 4 }}
            textX={17}
            textDy={4}
            animate={animate}
            data={{ 'data-selected': true }}
          />,
        ).querySelector('g.v') as SVGGElement;
      const running = chip('running');
      expect(running.getAttribute('transform')).toBeNull();
      expect(running.style.transform).toMatch(/translateX\(120px\) translateY\(30px\)/);
      expect(running).toHaveAttribute('data-kind', 'running');
      expect(running).toHaveAttribute('data-selected', 'true');
      expect(running.querySelector('.v-fill')).toBeNull();
      expect(running.querySelector('title')).toHaveTextContent('WEB01, running');
      const shell = chip('shell');
      expect(shell.querySelector('title')).toHaveTextContent(
        'Shell of WEB01, 26% of its memory received',
      );
      expect(shell.querySelector('.v-fill')).toHaveAttribute('width', String((80 * 26) / 100));
      expect(shell.querySelector('.v-name')).toHaveTextContent('WEB01 26%');
      expect(shell.querySelector('.v-dot')).toHaveAttribute('cy', '12');
    }
  });

  it('percent clamps and rounds', () => {
    const values = [0.404, 2, -1, Number.NaN, undefined].map(percent);
    expect(values).toEqual([40, 100, 0, 0, 0]);
  });
});

describe('sameChip (a chip is drawn again only when its picture changes)', () => {
  const chip = {
    className: 'c',
    name: 'SQL01',
    kind: 'shell',
    fill: 0.421,
    label: (pct: number) => `SQL01 ${pct}%`,
    box: { x: 10, y: 20, width: 80, height: 24 },
    dot: { cx: 9, r: 4 },
    textX: 17,
    textDy: 4,
    animate: true,
    data: { 'data-selected': true },
  };
  it('is equal for new objects drawing the same, and for a fill within the same whole percent', () => {
    expect(
      sameChip(chip, {
        ...chip,
        fill: 0.4249,
        label: (pct) => `SQL01 ${pct}%`,
        box: { ...chip.box },
        dot: { ...chip.dot },
        data: { 'data-selected': true },
      }),
    ).toBe(true);
  });
  it('differs when anything drawn differs', () => {
    for (const change of [
      { fill: 0.43 },
      { kind: 'running' },
      { name: 'WEB01' },
      { box: { ...chip.box, x: 11 } },
      { dot: { cx: 9, r: 5 } },
      { animate: false },
      { data: { 'data-selected': false } },
      { label: (pct: number) => `${pct}` },
    ])
      expect(sameChip(chip, { ...chip, ...change }), JSON.stringify(change)).toBe(false);
  });
});

describe('Link and PipeLink', () => {
  it('Link is a line with its state and, when given, its throughput text', () => {
    const g = svg(
      <Link
        className="n"
        at={{ x1: 0, x2: 100, y: 10 }}
        up={false}
        active
        label={{ text: '1 Gbit/s', x: 50, y: 2, anchor: 'middle' }}
      />,
    ).querySelector('g.n') as SVGGElement;
    expect(g).toHaveAttribute('data-up', 'false');
    expect(g).toHaveAttribute('data-active', 'true');
    expect(g.querySelector('line.n-line')).toHaveAttribute('x2', '100');
    expect(g.querySelector('text.n-text')).toHaveTextContent('1 Gbit/s');
    const quiet = svg(<Link className="n" at={{ x1: 0, x2: 1, y: 0 }} up active={false} />);
    expect(quiet.querySelector('text')).toBeNull();
  });

  it('PipeLink moves packets only while data flows and animation is on', () => {
    const link = {
      label: 'Live migration network',
      up: true,
      active: true,
      utilisation: 0.9,
      rateText: '0.9 Gbit/s',
      direction: 'forward',
      phase: 3.2,
    } as const;
    const pipe = (l: typeof link | { up: false }, animate: boolean) =>
      svg(<PipeLink link={{ ...link, ...l }} x1={0} x2={200} y={50} animate={animate} />);
    const on = pipe(link, true);
    expect(on.querySelectorAll('.scn-packet').length).toBeGreaterThan(1);
    expect(on.querySelector('.scn-link')).toHaveAttribute('data-state', 'active');
    expect(on.querySelector('title')).toHaveTextContent('90% of the line rate');
    const reduced = pipe(link, false);
    expect(reduced.querySelectorAll('.scn-packet')).toHaveLength(0);
    expect(reduced.querySelector('.scn-link-rate')).toHaveTextContent('0.9 Gbit/s →');
    const cut = pipe({ up: false }, true);
    expect(cut.querySelector('.scn-link-cut')).toHaveTextContent('Cut');
    expect(cut.querySelectorAll('.scn-packet')).toHaveLength(0);
  });
});

describe('StorageBox', () => {
  it('draws a box or a cylinder with its lines, centred ones in the middle', () => {
    const box = { x: 0, y: 0, width: 200, height: 80 };
    const lines = [{ text: 'FS1 (share)', dy: 20, align: 'middle' as const }];
    const rect = svg(
      <StorageBox className="s" shape="rect" box={box} r={4} padX={0} lines={lines} />,
    );
    expect(rect.querySelector('rect.s-box')).toHaveAttribute('rx', '4');
    const text = rect.querySelector('text');
    expect(text).toHaveAttribute('x', '100');
    expect(text).toHaveAttribute('text-anchor', 'middle');
    const cyl = svg(
      <StorageBox className="c" shape="cylinder" box={box} r={7} padX={10} lines={[]} />,
    );
    expect(cyl.querySelector('path.c-box')?.getAttribute('d')).toMatch(/^M0,7 A100,7/);
    expect(cyl.querySelector('path.c-top')).not.toBeNull();
  });
});

describe('SwitchBox', () => {
  it('shows at most rowsMax MAC rows and counts the rest, highlighting the learnt one', () => {
    const rows = ['a', 'b', 'c', 'd'].map((m, i) => ({
      mac: `00-15-5D-00-00-0${m}`,
      port: i + 1,
      hostName: 'HV-B',
      changed: i === 0,
    }));
    const uplinks = [
      { x: 10, y: 100 },
      { x: 290, y: 100 },
    ];
    const c = svg(
      <SwitchBox rows={rows} x={0} y={0} width={300} uplinks={uplinks} animate={false} />,
    );
    expect(c.querySelectorAll('.scn-mac-row')).toHaveLength(3);
    expect(c.querySelector('.scn-mac-more')).toHaveTextContent('+1 more');
    expect(c.querySelector('.scn-mac-row[data-changed]')).toHaveTextContent('updated');
    expect(c.querySelector('.scn-uplink')?.getAttribute('d')).toBe(
      'M0,36L10,36L10,100 M300,36L290,36L290,100',
    );
    const empty = svg(<SwitchBox rows={[]} x={0} y={0} width={300} uplinks={[]} animate />);
    expect(empty.querySelector('.scn-mac-empty')).toHaveTextContent('(empty)');
  });
});

describe('stackOnHosts', () => {
  it('numbers each host’s cards in order and places them from (host index, slot)', () => {
    const cards = [
      { host: 'b', name: 'VM1' },
      { host: 'a', name: 'VM2' },
      { host: 'b', name: 'VM3' },
      { host: 'gone', name: 'VM4' },
    ];
    const placed = stackOnHosts(cards, [{ id: 'a' }, { id: 'b' }], (h, slot) => `${h}:${slot}`);
    expect(placed.map((p) => [p.card.name, p.pos])).toEqual([
      ['VM1', '1:0'],
      ['VM2', '0:0'],
      ['VM3', '1:1'],
      ['VM4', '0:0'],
    ]);
  });
});

describe('RoleHost and LabelledBox', () => {
  it('RoleHost writes its role while up and "Down" (crossed out) while down', () => {
    const host = (up: boolean) =>
      svg(
        <RoleHost
          className="n"
          textPrefix="t"
          box={{ x: 0, y: 0, width: 100, height: 80 }}
          name="HV-1"
          roleKey="source"
          roleText="source host"
          up={up}
          title="HV-1"
          padX={10}
        />,
      ).querySelector('g.n') as SVGGElement;
    const up = host(true);
    expect(up).toHaveAttribute('data-role', 'source');
    expect(up.querySelector('.t-title')).toHaveTextContent('HV-1');
    expect(up.querySelector('.t-sub')).toHaveTextContent('source host');
    expect(up.querySelector('.n-cross')).toBeNull();
    const down = host(false);
    expect(down).toHaveAttribute('data-up', 'false');
    expect(down.querySelector('.t-sub')).toHaveTextContent('Down');
    expect(down.querySelector('.n-cross')).not.toBeNull();
  });

  it('LabelledBox draws its box, lines and contents', () => {
    const g = svg(
      <LabelledBox
        className="q"
        box={{ x: 10, y: 40, width: 160, height: 300 }}
        rx={10}
        padX={12}
        lines={[{ text: 'Queue', className: 'q-title', dy: 26 }]}
      >
        <text className="q-item">1. VM2</text>
      </LabelledBox>,
    ).querySelector('g.q') as SVGGElement;
    expect(g.querySelector('rect.q-box')).toHaveAttribute('height', '300');
    expect(g.querySelector('.q-title')).toHaveAttribute('y', '66');
    expect(g).toHaveTextContent('Queue1. VM2');
  });
});

describe('SceneSvg', () => {
  it('is one image named by its summary, sized by its viewBox, on its background', () => {
    const { getByRole, container } = render(
      <SceneSvg
        prefix="x"
        width={960}
        height={300}
        summary="Two hosts and a share"
        data={{ 'data-animate': false }}
      >
        <circle r={3} />
      </SceneSvg>,
    );
    const svg = getByRole('img', { name: 'Two hosts and a share' });
    expect(svg).toHaveAttribute('viewBox', '0 0 960 300');
    expect(svg).toHaveClass('x-scene');
    expect(svg).toHaveAttribute('data-animate', 'false');
    const bg = container.querySelector('rect.x-bg');
    expect(bg).toHaveAttribute('width', '960');
    expect(bg).toHaveAttribute('height', '300');
    expect(svg.querySelector('circle')).not.toBeNull();
  });
});
