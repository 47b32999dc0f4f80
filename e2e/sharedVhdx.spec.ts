import type { Page } from '@playwright/test';
import { nodeDownDetectionS } from '../src/model/csv';
import { formatDuration } from '../src/model/format';
import { SHARED_VHDX_CONSTANTS } from '../src/model/sharedVhdx';
import { expect, figure, inventoryRow, test } from './fixtures';

const PANEL = '/#/storage/shared-vhdx';
const service = (page: Page) => page.getByRole('region', { name: 'Clustered service' });

async function inject(page: Page, fault: string) {
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: fault, exact: true }).click();
}

test('the guest node fails: the service starts on SQL-N2, which already sees the VHDX', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=10`);
  await expect(service(page)).toContainText('Running on SQL-N1');
  await expect(service(page)).toContainText(
    'SQL-N1 \u2192 HV-1 \u2192 SMB 3 \u2192 FS-1 \u2192 SQLData.vhdx',
  );
  await inject(page, 'Fail guest node');
  await expect(service(page)).toContainText('Failing over: starting on SQL-N2');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Run complete' }).first()).toBeVisible();
  await expect(service(page)).toContainText('Running on SQL-N2');
  await expect(service(page)).toContainText(
    'SQL-N2 \u2192 HV-2 \u2192 SMB 3 \u2192 FS-2 \u2192 SQLData.vhdx',
  );
  await expect(figure(page, 'Failovers')).toHaveText('1');
  await expect(figure(page, 'Service downtime')).toHaveText(
    formatDuration(nodeDownDetectionS() + SHARED_VHDX_CONSTANTS.serviceStartS),
  );
  expect((await inventoryRow(page, 'SQL-N1')).State).toBe('Failed (guest OS stopped)');
});

test('a file server node fails: SMB moves to FS-2 and the service stays on SQL-N1', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=5`);
  await inject(page, 'Fail file server node');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(service(page)).toContainText('Running on SQL-N1');
  await expect(service(page)).toContainText(
    'SQL-N1 \u2192 HV-1 \u2192 SMB 3 \u2192 FS-2 \u2192 SQLData.vhdx',
  );
  await expect(figure(page, 'Failovers')).toHaveText('0');
  await expect(figure(page, 'I/O paused')).toHaveText(
    formatDuration(SHARED_VHDX_CONSTANTS.smbDetectS + SHARED_VHDX_CONSTANTS.smbReconnectS),
  );
});

test('on a CSV: the file server fault is refused; a host failure moves the service and the VM', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=5`);
  await page.getByRole('radio', { name: 'Cluster Shared Volume' }).check();
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    '$vhdx = "C:\\ClusterStorage\\Volume1\\SQLData.vhdx"',
  );
  await inject(page, 'Fail file server node');
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'Refused: the shared VHDX is on a Cluster Shared Volume',
  );
  await inject(page, 'Fail host');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(service(page)).toContainText('Running on SQL-N2');
  await expect(service(page)).toContainText(
    'SQL-N2 \u2192 HV-2 \u2192 Cluster Disk 1 (CSV) \u2192 SQLData.vhdx',
  );
  expect(await inventoryRow(page, 'SQL-N1')).toMatchObject({
    State: 'Running (standby)',
    Host: 'HV-2',
  });
});
