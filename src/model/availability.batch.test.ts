/** A wave of boots or live migrations cut to some of its VMs (a node failing under it). */
import { describe, expect, it } from 'vitest';
import { type Batch, keepBatchVms } from './availability';

describe('keepBatchVms', () => {
  const migrate: Batch = {
    kind: 'migrate',
    start: 1,
    end: 9,
    vms: [4, 7, 2],
    to: [0, 1, 0],
    toSlot: [3, 5, 6],
    pauseS: [0.1, 0.2, 0.3],
    totalS: [5, 8, 9],
  };
  const boot: Batch = {
    kind: 'boot',
    priority: 'medium',
    start: 2,
    end: 22,
    vms: [1, 3],
    from: [2, 2],
    fromSlot: [0, 4],
  };

  it('cuts each array of a migration wave alike, in the order kept, and keeps the rest', () => {
    expect(keepBatchVms(migrate, [2, 0])).toEqual({
      kind: 'migrate',
      start: 1,
      end: 9,
      vms: [2, 4],
      to: [0, 0],
      toSlot: [6, 3],
      pauseS: [0.3, 0.1],
      totalS: [9, 5],
    });
    expect(migrate.vms).toEqual([4, 7, 2]);
  });

  it('cuts a wave of boots the same way, its priority kept', () => {
    expect(keepBatchVms(boot, [1])).toEqual({
      kind: 'boot',
      priority: 'medium',
      start: 2,
      end: 22,
      vms: [3],
      from: [2],
      fromSlot: [4],
    });
  });

  it('is null when no VM is kept', () => {
    expect(keepBatchVms(migrate, [])).toBeNull();
    expect(keepBatchVms(boot, [])).toBeNull();
  });
});
