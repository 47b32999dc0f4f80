import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { nodeFailureMachine } from '../../machines/nodeFailure.machine';
import { availabilityInput } from '../../model/availability';
import { SimRunner } from '../../sim/runner';
import {
  BOOT_MOVE_SHARE,
  boxAt,
  ClusterCanvas,
  cellAt,
  frameKey,
  geometry,
  moveEnd,
  movingAt,
  type ViewSource,
} from './ClusterCanvas';
import { type AvailView, clusterScene, sceneText } from './selectors';

const params = {
  nodes: 4,
  vms: 16,
  heartbeatDelayMs: 1000,
  heartbeatThreshold: 10,
  vmBootS: 20,
  seed: 1,
};

describe('the cluster canvas geometry', () => {
  it('fits every node box and every cell inside the canvas, at every size up to 64 x 1,024', () => {
    for (const [nodes, capacity] of [
      [2, 2],
      [4, 8],
      [7, 40],
      [16, 250],
      [64, 250],
      [64, 1024],
    ] as const)
      for (const compact of [false, true]) {
        const g = geometry(nodes, capacity, compact);
        for (const node of [0, nodes - 1]) {
          const [bx, by] = boxAt(g, node);
          expect(bx + g.boxW).toBeLessThanOrEqual(g.width + 1e-9);
          expect(by + g.boxH).toBeLessThanOrEqual(g.height + 1e-9);
          const [x, y] = cellAt(g, node, capacity - 1);
          expect(x + g.cell).toBeLessThanOrEqual(bx + g.boxW + 1e-9);
          expect(y + g.cell).toBeLessThanOrEqual(by + g.boxH + 1e-9);
        }
      }
  });

  it('a restarting cell travels from its old node to its new one over the first part of its wave', () => {
    const g = geometry(4, 8);
    const m = {
      vm: 1,
      fromNode: 1,
      fromSlot: 0,
      toNode: 3,
      toSlot: 5,
      start: 10,
      end: 30,
      kind: 'starting' as const,
    };
    expect(movingAt(g, m, 10, true)).toEqual(cellAt(g, 1, 0));
    expect(movingAt(g, m, 10 + 20 * BOOT_MOVE_SHARE, true)).toEqual(cellAt(g, 3, 5));
    const mid = movingAt(g, m, 10 + 10 * BOOT_MOVE_SHARE, true);
    expect(mid).not.toEqual(cellAt(g, 1, 0));
    expect(mid).not.toEqual(cellAt(g, 3, 5));
    // Reduced motion: where the Inventory says it is (its new node while it boots).
    expect(movingAt(g, m, 12, false)).toEqual(cellAt(g, 3, 5));
    expect(movingAt(g, { ...m, kind: 'migrating' }, 12, false)).toEqual(cellAt(g, 1, 0));
  });
});

describe('what a frame draws beyond the still layer', () => {
  const at = (t: number) => {
    const r = new SimRunner(nodeFailureMachine, availabilityInput(params, { aim: 'node' }), {
      startEvent: 'START',
    });
    r.play();
    r.advance(t);
    return clusterScene(r.getSnapshot() as unknown as AvailView);
  };

  it('is the same (the frame is skipped) until a heartbeat blinks or a missed one is counted', () => {
    // Heartbeats at 1 s, HV-2 failed at 3 s: 3.4 s and 3.6 s look the same, 4.1 s does not.
    const s = at(3.4);
    expect(frameKey(s, 3.4, true, true)).toBe(frameKey(s, 3.6, true, true));
    expect(frameKey(s, 3.4, true, true)).not.toBe(frameKey(s, 4.1, true, true));
    expect(frameKey(s, 3.1, true, true)).not.toBe(frameKey(s, 3.4, true, true));
    // Paused, or with reduced motion, the dots do not blink.
    expect(frameKey(s, 3.1, true, false)).toBe(frameKey(s, 3.4, true, false));
  });

  it('changes every frame while cells move, and not once they have arrived', () => {
    // The High wave runs from 13 s (3 s of heartbeats + 10 s of detection) for 20 s.
    const s = at(14);
    expect(s.moving.length).toBeGreaterThan(0);
    expect(frameKey(s, 14, true, true)).not.toBe(frameKey(s, 14.01, true, true));
    const arrived = Math.max(...s.moving.map(moveEnd)) + 0.1;
    expect(frameKey(s, arrived, true, true)).toBe(frameKey(s, arrived + 0.01, true, true));
    expect(frameKey(s, 14, false, true)).toBe(frameKey(s, 14.01, false, true));
  });
});

describe('ClusterCanvas', () => {
  it('is an image named by the text of the picture, the Cluster summary\u2019s figures', () => {
    const r = new SimRunner(nodeFailureMachine, availabilityInput(params, { aim: 'node' }), {
      startEvent: 'START',
    });
    r.skipToEnd();
    const v = r.getSnapshot() as unknown as AvailView;
    render(
      <ClusterCanvas source={r as unknown as ViewSource} label={sceneText(v)} animate={false} />,
    );
    const img = screen.getByRole('img');
    expect(img.tagName).toBe('CANVAS');
    expect(img).toHaveAccessibleName(clusterScene(v).label);
    expect(img.getAttribute('aria-label')).toMatch(/^Cluster of 4 nodes/);
    expect(img).toHaveAttribute('data-vms', '16');
  });
});
