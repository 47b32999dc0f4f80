/** The disk-copy panels' shared selectors (kit/diskCopy.ts), on the shared-nothing machine's runs. */
import { describe, expect, it } from 'vitest';
import { sharedNothingInput } from '../../machines/sharedNothing.fixture';
import { sharedNothingMachine } from '../../machines/sharedNothing.machine';
import { SOURCE } from '../../model/scenarios';
import { SimRunner } from '../../sim/runner';
import {
  diskCopyFigures,
  diskCopyProps,
  diskMoveInventory,
  diskMoveVerdict,
  GRID_COLUMNS,
} from './diskCopy';

const runner = (choice: 'one-location' | 'vm-only' = 'one-location') =>
  new SimRunner(
    sharedNothingMachine,
    sharedNothingInput({ choice, vmOnShare: choice === 'vm-only' }),
    {
      startEvent: 'START',
    },
  );
const WORDS = { copiedHint: () => 'the disk', firstPass: 'full copy' };

/** Into the full disk copy: the source grid partly sent, the destination receiving. */
function copying() {
  const r = runner();
  while (!r.getSnapshot().snapshot.matches({ moving: 'copyingDisk' })) r.stepForward();
  r.play();
  r.advance((r.getSnapshot().snapshot.context.plan.disk?.fullCopyS ?? 0) / 2);
  r.pause();
  return r.getSnapshot();
}

describe('the disk copy’s picture', () => {
  it('draws the source and the destination VHD from the copy, and sums it up', () => {
    const v = copying();
    let said: unknown[] = [];
    const p = diskCopyProps(v, true, {
      hosts: [],
      vm: { name: 'SQL01', host: 'hv-a', shellOn: null },
      source: { title: 'Source VHD', host: 'hv-a', status: 'in use', sent: 'sent', stays: '—' },
      destination: { host: 'hv-b', mirrored: 'mirrored' },
      link: null,
      summary: (status, disks) => {
        said = [status, disks.map((d) => d.id)];
        return 'the summary';
      },
    });
    expect(said).toEqual(['running', ['source', 'destination']]);
    expect(p.summary).toBe('the summary');
    expect(p.vm).toEqual({ name: 'SQL01', host: 'hv-a', status: 'running', shellOn: null });
    expect(p.columns).toBe(GRID_COLUMNS);
    const [src, dst] = p.disks;
    expect(src?.label).toMatch(/^Source VHD, \d+ blocks: \d+ sent, /);
    expect(src?.cells.length).toBe(v.snapshot.context.plan.disk?.blocks);
    expect(dst).toMatchObject({ id: 'destination', host: 'hv-b', status: 'receiving the copy' });
  });

  it('draws only the source, with its own words, when no disk is copied', () => {
    const p = diskCopyProps(runner('vm-only').getSnapshot(), false, {
      hosts: [],
      vm: { name: 'SQL01', host: null, shellOn: null },
      source: {
        title: 'VHD',
        host: 'fs1',
        status: 'stays',
        sent: 'sent',
        stays: 'It never moves.',
      },
      destination: null,
      link: null,
      summary: () => '',
    });
    expect(p.disks).toHaveLength(1);
    expect(p.disks[0]).toMatchObject({ label: 'It never moves.', landing: [] });
    expect(p.disks[0]?.cells.length).toBe(0);
  });
});

describe('the disk copy’s results and inventory', () => {
  it('gives the copy’s figures once started, none without a disk', () => {
    const v = copying();
    const figures = diskCopyFigures(v, true, WORDS);
    expect(figures.map((f) => f.label)).toEqual([
      'Data copied',
      'Disk copy time',
      'Copy passes',
      'Outstanding blocks',
      'Writes mirrored',
    ]);
    expect(figures[0]?.hint).toBe('the disk');
    expect(figures[2]?.value).toBe('1');
    expect(diskCopyFigures(v, false, WORDS)[0]?.value).toBe('0 B');
    expect(diskCopyFigures(runner('vm-only').getSnapshot(), true, WORDS)).toEqual([]);
  });

  it('says nothing while the move runs, the outcome once ended, the panel’s words on success', () => {
    const ok = () => ({ tone: 'ok' as const, text: 'Moved.' });
    const r = runner();
    expect(diskMoveVerdict(r.getSnapshot().snapshot.context, 'migrated', ok)).toBeUndefined();
    r.skipToEnd();
    expect(diskMoveVerdict(r.getSnapshot().snapshot.context, 'migrated', ok)).toEqual(ok());
    const v = copying();
    const cut = new SimRunner(sharedNothingMachine, sharedNothingInput(), { startEvent: 'START' });
    cut.seek(v.now);
    cut.inject('CUT_NETWORK');
    const ended = diskMoveVerdict(cut.getSnapshot().snapshot.context, 'migrated', ok);
    expect(ended?.tone).toBe('failed');
    expect(ended?.text).toMatch(/Discarded: \d+ blocks/);
  });

  it('lists the VM with its state, host and storage in the panel’s words', () => {
    const v = copying();
    const rows = diskMoveInventory(v, 'fs1', ({ active, state, destName }) => ({
      state: `${state}!`,
      host: active?.host ?? '—',
      mirrored: `; mirrored to ${destName}`,
    }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ vm: 'SQL01', state: 'Running!', host: SOURCE });
    expect(rows[0]?.storage).toMatch(/copying to .* \(\d+%\)/);
  });
});
