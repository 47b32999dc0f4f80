/** The availability panels' metas: what they share, from one builder. */
import { describe, expect, it } from 'vitest';
import { meta as networkFailure } from '../networkFailure/meta';
import { meta as nodeFailure } from '../nodeFailure/meta';
import { meta as storageFailure } from '../storageFailure/meta';
import { AVAIL_RANGES, availMeta } from './availMeta';

describe('availMeta', () => {
  const meta = availMeta('test-failure', {
    title: 'Test failure',
    summary: 'A test.',
    scenarioParams: ['nodes', 'vms'],
    talkingPoints: ['One.', 'Two.'],
    running: 'VMs run',
    fault: 'Fail it',
    leadsTo: 'Detect it',
  });

  it('gives the route under /availability/, the section, the catalog and the start button', () => {
    expect(meta).toMatchObject({
      route: '/availability/test-failure',
      title: 'Test failure',
      section: 'Availability',
      catalog: '5',
      summary: 'A test.',
      scenarioParams: ['nodes', 'vms'],
      startLabel: 'Start cluster',
      talkingPoints: ['One.', 'Two.'],
    });
    expect(meta.ranges?.vms).toMatchObject({ max: 8000, default: 16 });
  });

  it('meets the fault after step 1 and recovers', () => {
    expect(meta.moments).toEqual({
      idle: { status: 'Ready' },
      midStep: { forward: 1, step: 'VMs run' },
      failed: { forward: 1, inject: 'Fail it', status: 'Detect it', step: 'Detect it' },
      done: { end: true, status: 'Recovered' },
    });
  });

  it('builds the three availability panels’ metas', () => {
    const metas = [nodeFailure, storageFailure, networkFailure];
    expect(metas.map((m) => [m.route, m.moments.failed.inject])).toEqual([
      ['/availability/node-failure', 'Fail node'],
      ['/availability/storage-failure', 'Fail VM storage'],
      ['/availability/network-failure', 'Unplug VM network cable'],
    ]);
    for (const m of metas) expect(m.ranges, m.route).toBe(AVAIL_RANGES);
  });
});
