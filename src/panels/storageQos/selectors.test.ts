import { describe, expect, it } from 'vitest';
import { storageQosMachine } from '../../machines/storageQos.machine';
import { formatCount, formatIoSize, qosInput, runFigures } from '../../model/storageQos';
import { SimRunner } from '../../sim/runner';
import { powershellFor } from './definition';
import {
  inventory,
  limitText,
  loadPercent,
  normalizedText,
  qosRows,
  results,
  STEPS,
  scene,
  type View,
} from './selectors';

const runner = () => new SimRunner(storageQosMachine, qosInput(), { startEvent: 'START' });

/** The picture and the text equivalents say the same at this moment. */
function checkAgreement(v: View): void {
  const pic = scene(v);
  const rows = qosRows(v);
  const f = runFigures(v.snapshot.context);
  expect(pic.lanes.map((l) => l.vm)).toEqual(rows.map((r) => r.vm));
  for (const [i, lane] of pic.lanes.entries()) {
    const row = rows[i];
    const d = f.disks[i];
    expect(row?.cells.VM).toBe(lane.name);
    expect(row?.cells['I/O size']).toBe(formatIoSize(lane.ioSizeKiB));
    expect(row?.cells['Offered IOPS']).toBe(formatCount(lane.offeredIops));
    expect(row?.cells['Normalized IOPS']).toBe(normalizedText(lane));
    expect(row?.cells.Maximum).toBe(limitText(lane.maxIops));
    expect(row?.cells.Minimum).toBe(limitText(lane.minIops));
    expect(row?.cells.Status).toBe(lane.status);
    // Both are the model's figures.
    expect({ served: lane.served, offered: lane.offered, status: lane.status }).toEqual({
      served: d?.served,
      offered: d?.offered,
      status: d?.status,
    });
    expect(pic.summary).toContain(`${normalizedText(lane)} normalized IOPS served`);
    // The inventory's VM state is the picture's.
    const inv = inventory(v).find((r) => r.vm === lane.name);
    expect(inv?.state).toBe(lane.state === 'paused' ? 'Paused' : 'Running');
  }
  expect(pic.volume.served).toBe(f.served);
  expect(pic.volume.load).toBe(loadPercent(f));
  const figs = Object.fromEntries(results(v).figures.map((x) => [x.label, x.value]));
  expect(figs['Volume load']).toBe(`${pic.volume.load}%`);
  expect(figs.Throttled).toBe(
    `${formatCount(pic.lanes.reduce((a, l) => a + l.throttled, 0))} normalized IOPS`,
  );
  expect(figs.Alerts).toBe(String(pic.lanes.filter((l) => l.status === 'Below minimum').length));
  expect(pic.summary).toContain(`${pic.volume.load}% of its`);
}

describe('storage QoS selectors', () => {
  it('the picture shows the table’s figures at every step, a burst and a failure included', () => {
    for (const fault of [null, 'BURST_NOISY_VM', 'FAIL_STORAGE'] as const) {
      const r = runner();
      let guard = 0;
      checkAgreement(r.getSnapshot());
      while (!r.getSnapshot().done && guard++ < 20) {
        r.stepForward();
        checkAgreement(r.getSnapshot());
        if (fault && guard === 2) {
          r.inject(fault);
          checkAgreement(r.getSnapshot());
        }
      }
      expect(r.getSnapshot().done).toBe(true);
    }
  });

  it('tells the story: the noisy VM OK before the cap and Throttled after; the others the reverse', () => {
    const r = runner();
    const statusOf = (vm: string) => qosRows(r.getSnapshot()).find((x) => x.cells.VM === vm);
    r.stepForward();
    expect(statusOf('RPT01')?.status).toBe('OK');
    expect(statusOf('SQL01')?.status).toBe('Below minimum');
    r.skipToEnd();
    expect(statusOf('RPT01')?.status).toBe('Throttled');
    expect(statusOf('SQL01')?.status).toBe('OK');
    expect(STEPS.map((s) => s.number)).toEqual([1, 2, 3, 4]);
  });

  it('writes the PowerShell for every disk with a limit, and how to watch them', () => {
    const text = powershellFor(qosInput());
    // One command per disk (a backtick continues it on the next line).
    const oneLine = text.replaceAll(' `\n  ', ' ');
    expect(oneLine).toContain(
      'Set-VMHardDiskDrive -VMName "RPT01" -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 0 -MaximumIOPS 4000 -MinimumIOPS 0',
    );
    expect(oneLine).toContain(
      'Set-VMHardDiskDrive -VMName "SQL01" -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 0 -MaximumIOPS 0 -MinimumIOPS 800',
    );
    expect(text).toContain('$vms = "SQL01", "WEB01", "APP01", "RPT01"');
    expect(text).toContain(
      'Get-VMHardDiskDrive -VMName $vms | Select-Object VMName, MaximumIOPS, MinimumIOPS',
    );
    expect(text).toContain('Enable-VMResourceMetering -VMName $vms');
    expect(text).toContain('Measure-VM -VMName $vms');
    // Short enough for the card without scrolling sideways.
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(84);
    const none = powershellFor(qosInput({ ioSizeKiB: 64, maxIops: 0, minIops: 0 }));
    expect(none).not.toContain('Set-VMHardDiskDrive');
  });
});
