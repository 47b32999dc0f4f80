/** The agreement every availability panel's selectors test checks: picture = text = model. */
import { expect } from 'vitest';
import { nodeName } from '../../machines/availability';
import { clusterCounts } from '../../model/availability';
import {
  type AvailView,
  clusterScene,
  clusterSummary,
  formatCount,
  inventory,
  results,
} from './selectors';

const figure = (v: AvailView, label: string) =>
  results(v).figures.find((f) => f.label === label)?.value;

/** The picture's figures, the Cluster summary, the Inventory and the Results agree with the model. */
export function expectAgreement(v: AvailView): void {
  const c = v.snapshot.context;
  const s = c.cluster;
  const k = clusterCounts(s);
  const sum = clusterSummary(v);
  expect(sum.running + sum.starting + sum.off).toBe(c.spec.vms.length);
  expect([sum.nodesUp, sum.running, sum.starting, sum.off]).toEqual([
    k.nodesUp,
    k.running,
    k.starting,
    k.off,
  ]);
  const scene = clusterScene(v);
  const n = scene.counts;
  expect(n.running + n.noNetwork + n.migrating).toBe(sum.running);
  expect(n.starting).toBe(sum.starting);
  expect(n.down + n.paused + n.off + scene.unplaced).toBe(sum.off);
  // Without network: the still cells, and the VMs live-migrating away from a node without it.
  const leaving = scene.moving.filter(
    (m) => m.kind === 'migrating' && !scene.nodes[m.fromNode]?.cable,
  ).length;
  expect(n.noNetwork + leaving).toBe(sum.noNetwork);
  expect(scene.label).toContain(
    `VMs: ${formatCount(sum.running)} running${sum.noNetwork > 0 ? `, ${formatCount(sum.noNetwork)} without network` : ''}, ${formatCount(sum.starting)} starting, ${formatCount(sum.off)} off.`,
  );
  expect(scene.nodes.filter((x) => x.up)).toHaveLength(sum.nodesUp);
  const rows = inventory(v);
  expect(rows).toHaveLength(c.spec.vms.length);
  const running = rows.filter(
    (r) => r.state.startsWith('Running') || r.state.startsWith('Live migrating'),
  ).length;
  expect(running).toBe(sum.running);
  expect(rows.filter((r) => r.state.startsWith('Starting')).length).toBe(sum.starting);
  // Each VM's row names the node its cell is drawn on (a moving cell: where it goes).
  const where = new Map<number, string>();
  for (const kind of Object.keys(scene.still) as (keyof typeof scene.still)[])
    for (const vm of scene.still[kind]) where.set(vm, nodeName(c.spec, scene.node[vm] as number));
  for (const m of scene.moving)
    where.set(
      m.vm,
      m.kind === 'migrating'
        ? `${nodeName(c.spec, m.fromNode)} \u2192 ${nodeName(c.spec, m.toNode)}`
        : nodeName(c.spec, m.toNode),
    );
  rows.forEach((r, vm) => {
    const st = s.status[vm];
    if (st === 'running' || st === 'starting' || st === 'migrating' || st === 'paused')
      expect(r.host, r.vm).toBe(where.get(vm));
  });
  expect(figure(v, 'VMs restarted')?.startsWith(formatCount(s.tally.restarted))).toBe(true);
  expect(figure(v, 'VMs live-migrated')?.startsWith(formatCount(s.tally.migrated))).toBe(true);
}
