/**
 * The snapshot panel's text equivalents agree with its picture at every moment of a session:
 * the chain picture and the "Disk files" table list the same files in the same states, the tree
 * lists every snapshot and Now once, and the Inventory's power is the picture's.
 */
import { describe, expect, it } from 'vitest';
import { snapshotsMachine } from '../../machines/snapshots.machine';
import { snapshotParams, snapshotsInput } from '../../model/snapshots';
import { SimRunner } from '../../sim/runner';
import type { TreeNode } from '../../views/controls';
import {
  chainFiles,
  chainSummary,
  diskFileRows,
  inventory,
  mergeNow,
  results,
  scopeOf,
  treeNodes,
  type View,
} from './selectors';

const flat = (nodes: readonly TreeNode[]): string[] =>
  nodes.flatMap((n) => [n.name, ...flat(n.children)]);

function check(v: View) {
  const files = chainFiles(v);
  const rows = diskFileRows(v);
  expect(files.map((f) => [f.name, f.kind, f.state])).toEqual(rows.map((r) => [r[0], r[1], r[3]]));
  const c = v.snapshot.context;
  const names = flat(treeNodes(v));
  expect(names.filter((n) => n === 'Now')).toHaveLength(1);
  expect(names.filter((n) => n !== 'Now').sort()).toEqual(
    c.tree.order.map((id) => c.tree.snapshots[id]?.name).sort(),
  );
  const state = inventory(v)[0]?.state ?? '';
  expect(chainSummary(v).toLowerCase()).toContain(state.toLowerCase());
  const snapshots = results(v).figures.find((f) => f.label === 'Snapshots')?.value;
  expect(snapshots).toBe(`${c.tree.order.length} of 50`);
  // While a merge runs, the picture shows exactly the blocks the model will have copied by now.
  const m = mergeNow(v);
  if (m) expect(m.moved.length).toBeLessThanOrEqual(c.merging?.blocks ?? 0);
}

describe('snapshot panel: text equivalents agree with the picture', () => {
  it('at every step of a session of every action', () => {
    const r = new SimRunner(
      snapshotsMachine,
      snapshotsInput(snapshotParams(512, 20, 4), 'offline', 3),
      {
        startEvent: 'TAKE_SNAPSHOT',
      },
    );
    const actions = [
      'TAKE_SNAPSHOT',
      'WRITE',
      'TAKE_SNAPSHOT',
      'WRITE',
      { type: 'DELETE_SNAPSHOT', id: 'snapshot-2' },
      { type: 'APPLY_SNAPSHOT', id: 'snapshot-1', saveFirst: true },
      'START_VM',
      'SHUT_DOWN',
    ] as const;
    const scopes = new Set<string>();
    for (const a of actions) {
      r.inject(a as Parameters<typeof r.inject>[0]);
      for (let i = 0; i < 200 && !r.getSnapshot().done; i += 1) {
        check(r.getSnapshot());
        scopes.add(scopeOf(r.getSnapshot()));
        r.advance(0.05);
      }
      check(r.getSnapshot());
    }
    expect([...scopes].sort()).toEqual(
      ['applying', 'deleting', 'merging', 'shuttingDown', 'starting', 'taking'].sort(),
    );
  });
});
