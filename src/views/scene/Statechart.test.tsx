import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Statechart, type StatechartEdge, type StatechartNode } from './Statechart';
import { layoutStatechart, roundedPath, shortEdgeLabel, wrapLabel } from './statechartLayout';

const NODES: StatechartNode[] = [
  { id: 'idle', label: 'Idle', kind: 'normal' },
  { id: 'm.connect', label: 'Connect and create the VM shell', step: 1, group: 'migrating' },
  { id: 'm.copy', label: 'Copy the memory', step: 2, group: 'migrating' },
  { id: 'm.dirty', label: 'Copy the changed pages again', step: 3, group: 'migrating' },
  { id: 'm.stop', label: 'Pause and send the last pages', step: 3, group: 'migrating' },
  { id: 'm.handoff', label: 'Hand the storage to the destination', step: 4, group: 'migrating' },
  { id: 's.resume', label: 'Run the VM on the destination', step: 5, group: 'switchedOver' },
  { id: 'done', label: 'Migrated', kind: 'final' },
  { id: 'failed', label: 'Failed', kind: 'failure' },
];
const MIG = ['m.connect', 'm.copy', 'm.dirty', 'm.stop', 'm.handoff'];
const EDGES: StatechartEdge[] = [
  { from: 'idle', to: 'm.connect', label: 'start' },
  { from: 'm.connect', to: 'm.copy', label: 'done' },
  { from: 'm.copy', to: 'm.dirty', label: 'done' },
  { from: 'm.copy', to: 'm.stop', label: 'done' },
  { from: 'm.dirty', to: 'm.dirty', label: 'done' },
  { from: 'm.dirty', to: 'm.stop', label: 'done' },
  { from: 'm.stop', to: 'm.handoff', label: 'done' },
  { from: 'm.handoff', to: 's.resume', label: 'done' },
  { from: 's.resume', to: 'done', label: 'done' },
  ...MIG.map((from) => ({ from, to: 'failed', label: 'cut network, fail destination host' })),
];

describe('Statechart', () => {
  it('is named after the current state and lists the states as text', () => {
    render(
      <Statechart
        title="Live migration statechart"
        nodes={NODES}
        edges={EDGES}
        activeId="m.dirty"
        visitedIds={['idle', 'm.connect', 'm.copy', 'm.dirty']}
        animate
      />,
    );
    expect(
      screen.getByRole('img', { name: 'Statechart, current state: Copy the changed pages again' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Live migration statechart').tagName).toBe('FIGCAPTION');
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toContain('Step 3: Copy the changed pages again (current state)');
    expect(items).toContain('Idle (visited)');
    expect(items).toContain('Failed');
  });

  it('says "none" before the process starts', () => {
    render(
      <Statechart nodes={NODES} edges={EDGES} activeId={null} visitedIds={[]} animate={false} />,
    );
    expect(
      screen.getByRole('img', { name: 'Statechart, current state: none' }),
    ).toBeInTheDocument();
  });

  it('highlights the active node, tints visited ones, and marks taken edges', () => {
    const { container } = render(
      <Statechart
        nodes={NODES}
        edges={EDGES}
        activeId="m.dirty"
        visitedIds={['idle', 'm.connect', 'm.copy', 'm.dirty']}
        animate={false}
      />,
    );
    expect(container.querySelector('[data-id="m.dirty"]')).toHaveAttribute('data-active', 'true');
    expect(container.querySelectorAll('.scn-sc-node[data-visited]')).toHaveLength(4);
    expect(container.querySelector('.scn-sc-glow')).not.toBeNull();
    const loop = container.querySelector('.scn-sc-edge[data-self]');
    expect(loop).toHaveAttribute('data-from', 'm.dirty');
    expect(loop).toHaveAttribute('data-taken', 'true');
    expect(
      container.querySelector('.scn-sc-edge[data-from="m.copy"][data-to="m.dirty"]'),
    ).toHaveAttribute('data-taken', 'true');
    expect(
      container.querySelector('.scn-sc-edge[data-from="m.stop"][data-to="m.handoff"]'),
    ).not.toHaveAttribute('data-taken');
    // Every edge has an arrowhead.
    for (const path of container.querySelectorAll('.scn-sc-edge-line')) {
      expect(path.getAttribute('marker-end')).toMatch(/^url\(#statechart-[\w-]+-arrow/);
    }
  });

  it('marks only the edge from the furthest visited state into a reached state', () => {
    const edges = [...EDGES, { from: 'idle', to: 'failed', label: 'fail source host' }];
    const { container } = render(
      <Statechart
        nodes={NODES}
        edges={edges}
        activeId="failed"
        visitedIds={['idle', 'm.connect', 'm.copy', 'failed']}
        animate={false}
      />,
    );
    const into = (from: string) =>
      container.querySelector(`.scn-sc-edge[data-from="${from}"][data-to="failed"]`);
    expect(into('migrating')).toHaveAttribute('data-taken', 'true');
    expect(into('idle')).not.toHaveAttribute('data-taken');
    expect(container.querySelector('.scn-sc-glow')).toHaveAttribute('data-kind', 'failure');
  });

  it('draws group frames with their labels', () => {
    const { container } = render(
      <Statechart nodes={NODES} edges={EDGES} activeId="idle" visitedIds={[]} animate />,
    );
    const labels = [...container.querySelectorAll('.scn-sc-frame-label')].map((t) => t.textContent);
    expect(labels).toEqual(['migrating', 'switched over']);
  });
});

describe('Statechart disclosure', () => {
  it('is shown by default, with a "Hide statechart" button that folds it away and back', () => {
    render(
      <Statechart
        title="Live migration statechart"
        nodes={NODES}
        edges={EDGES}
        activeId="m.copy"
        visitedIds={['idle', 'm.connect', 'm.copy']}
        animate={false}
      />,
    );
    const hide = screen.getByRole('button', { name: 'Hide statechart' });
    expect(hide).toHaveAttribute('aria-expanded', 'true');
    const body = document.getElementById(hide.getAttribute('aria-controls') ?? '');
    expect(body).not.toBeNull();
    expect(body).toContainElement(
      screen.getByRole('img', { name: 'Statechart, current state: Copy the memory' }),
    );

    fireEvent.click(hide);
    const show = screen.getByRole('button', { name: 'Show statechart' });
    expect(show).toBe(hide);
    expect(show).toHaveAttribute('aria-expanded', 'false');
    expect(body).not.toBeVisible();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    // The caption stays, so the learner knows what is folded.
    expect(screen.getByText('Live migration statechart').tagName).toBe('FIGCAPTION');

    fireEvent.click(show);
    expect(screen.getByRole('button', { name: 'Hide statechart' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(
      screen.getByRole('img', { name: 'Statechart, current state: Copy the memory' }),
    ).toBeVisible();
  });

  it('can start folded (defaultShown={false}) and still names the lit state once shown', () => {
    const { rerender } = render(
      <Statechart
        nodes={NODES}
        edges={EDGES}
        activeId="m.copy"
        visitedIds={[]}
        animate={false}
        defaultShown={false}
      />,
    );
    expect(screen.queryByRole('img')).toBeNull();
    // The run moves on while folded.
    rerender(
      <Statechart
        nodes={NODES}
        edges={EDGES}
        activeId="m.stop"
        visitedIds={['m.copy']}
        animate={false}
        defaultShown={false}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show statechart' }));
    expect(
      screen.getByRole('img', { name: 'Statechart, current state: Pause and send the last pages' }),
    ).toBeInTheDocument();
  });
});

describe('layoutStatechart', () => {
  const layout = layoutStatechart(NODES, EDGES);
  const at = (id: string) => layout.nodes.find((n) => n.id === id);

  it('lays the main path out left to right, wrapping after five, failures below', () => {
    expect(at('idle')?.row).toBe(0);
    expect(at('m.stop')).toMatchObject({ row: 0, col: 4 });
    expect(at('m.handoff')).toMatchObject({ row: 1, col: 0 });
    expect(at('s.resume')).toMatchObject({ row: 1, col: 1 });
    expect(at('failed')?.row).toBe(2);
    expect(at('done')?.row).toBe(2);
    expect((at('m.copy')?.x ?? 0) < (at('m.dirty')?.x ?? 0)).toBe(true);
  });

  it('draws a group frame per row the group spans', () => {
    const frames = layout.frames.filter((f) => f.group === 'migrating');
    expect(frames).toHaveLength(2);
    expect(frames.map((f) => f.label)).toEqual(['migrating', null]);
  });

  it('collapses a transition every member of a group shares into one edge from the group', () => {
    const fails = layout.edges.filter((e) => e.to === 'failed');
    expect(fails).toHaveLength(1);
    expect(fails[0]).toMatchObject({ from: 'migrating', fromGroup: true, sources: MIG });
    expect(fails[0]?.shortLabel).toBeNull();
  });

  it('keeps box-free paths and short labels', () => {
    for (const e of layout.edges) expect(e.d).toMatch(/^M[\d.-]+,[\d.-]+/);
    expect(layout.edges.find((e) => e.selfLoop)?.from).toBe('m.dirty');
  });

  it('has small helpers that behave', () => {
    expect(wrapLabel('Hand the storage to the destination')).toEqual([
      'Hand the storage to',
      'the destination',
    ]);
    expect(wrapLabel('a b c d e f g h i j k l m n o p q r s t u v w x y z', 10, 2)).toHaveLength(2);
    expect(shortEdgeLabel('done')).toBe('done');
    expect(shortEdgeLabel('cut network, fail destination host, fail source host')).toBe(
      'cut network +2',
    );
    expect(
      roundedPath([
        [0, 0],
        [0, 20],
        [30, 20],
      ]),
    ).toMatch(/^M0,0L0,12A8,8/);
  });
});
