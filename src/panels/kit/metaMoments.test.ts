/** The moments a meta declares with `faultAfterStepOne` (kit/definition.ts). */
import { describe, expect, it } from 'vitest';
import { METAS } from '../registry';
import { faultAfterStepOne, MOMENT_NAMES } from './definition';

describe('faultAfterStepOne', () => {
  const moments = faultAfterStepOne({
    running: 'VMs run',
    fault: 'Fail it',
    leadsTo: 'Detect it',
    done: 'All done',
  });

  it('names the four moments a panel declares', () => {
    expect(Object.keys(moments)).toEqual([...MOMENT_NAMES]);
  });

  it('is ready, then in step 1 after one Step forward, then the fault leads to its step', () => {
    expect(moments.idle).toEqual({ status: 'Ready' });
    expect(moments.midStep).toEqual({ forward: 1, step: 'VMs run' });
    expect(moments.failed).toEqual({
      forward: 1,
      inject: 'Fail it',
      status: 'Detect it',
      step: 'Detect it',
    });
    expect(moments.done).toEqual({ end: true, status: 'All done' });
  });

  it('declares the moments of the CSV, shared VHDX and availability panels', () => {
    const failedAfterOne = METAS.filter(
      (m) => m.moments.failed.forward === 1 && m.moments.failed.step !== undefined,
    ).map((m) => m.route);
    expect(failedAfterOne).toEqual([
      '/storage/csv',
      '/storage/shared-vhdx',
      '/availability/node-failure',
      '/availability/storage-failure',
      '/availability/network-failure',
    ]);
  });
});
