import type { Page } from '@playwright/test';
import { CSV_CONSTANTS, CSV_DEFAULT_PARAMS, csvWorld, nodeDownDetectionS } from '../src/model/csv';
import { formatDuration } from '../src/model/format';
import { activeInstance } from '../src/model/world';
import { expect, figure, inventoryRow, test } from './fixtures';

const PANEL = '/#/storage/csv';

/** The region "Cluster Shared Volume", and the I/O mode it gives a node (the `dd` after its name). */
const region = (page: Page) => page.getByRole('region', { name: 'Cluster Shared Volume' });
const mode = (page: Page, node: string) =>
  region(page)
    .locator('dt', { hasText: new RegExp(`^${node}$`) })
    .locator('xpath=following-sibling::dd[1]');

async function inject(page: Page, fault: string) {
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: fault, exact: true }).click();
}

test('the coordinator fails: I/O queues, HV-2 takes over, HV-1’s VMs restart elsewhere', async ({
  guarded: page,
}) => {
  const world = csvWorld(CSV_DEFAULT_PARAMS);
  const onHv1 = Object.values(world.vms).filter(
    (vm) => activeInstance(world, vm.id)?.host === 'hv-1',
  );
  await page.goto(`${PANEL}?t=10`);
  await expect(region(page)).toContainText('Coordinator: HV-1');
  await inject(page, 'Fail coordinator node');
  await expect(region(page)).toContainText('Coordinator: HV-2');
  await expect(mode(page, 'HV-1')).toHaveText('down');
  for (const n of ['HV-2', 'HV-3', 'HV-4']) await expect(mode(page, n)).toHaveText('paused');
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText('Event 5120');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'I/O complete' }).first()).toBeVisible();
  for (const n of ['HV-2', 'HV-3', 'HV-4']) await expect(mode(page, n)).toHaveText('direct');
  await expect(figure(page, 'I/O paused')).toHaveText(
    formatDuration(nodeDownDetectionS() + CSV_CONSTANTS.coordinatorTakeoverS),
  );
  await expect(figure(page, 'VMs restarted')).toHaveText(String(onHv1.length));
  for (const vm of onHv1) {
    const row = await inventoryRow(page, vm.name);
    expect(row.State).toBe('Running');
    expect(row.Host).not.toBe('HV-1');
  }
});

test('a lost path goes redirected; when the coordinator then fails it waits for the new one', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=5`);
  await inject(page, 'Fail node storage path');
  await expect(mode(page, 'HV-2')).toHaveText('paused');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(mode(page, 'HV-2')).toHaveText('redirected');
  expect((await inventoryRow(page, 'WEB01')).Storage).toBe('Cluster Disk 1: redirected via HV-1');
  await inject(page, 'Fail coordinator node');
  await expect(mode(page, 'HV-2')).toHaveText('paused');
  await expect(region(page)).toContainText('Coordinator: HV-3');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(mode(page, 'HV-2')).toHaveText('redirected');
  await expect(figure(page, 'Redirected nodes')).toHaveText('1 (HV-2)');
  expect((await inventoryRow(page, 'WEB01')).Storage).toBe('Cluster Disk 1: redirected via HV-3');
});

test('the settings choose the node a fault hits; the PowerShell names it', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=5`);
  await page
    .getByRole('combobox', { name: 'Node the path and node faults hit' })
    .selectOption({ label: 'HV-4' });
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Move-ClusterSharedVolume -Name "Cluster Disk 1" -Node "HV-4"',
  );
  await inject(page, 'Fail node');
  await expect(mode(page, 'HV-4')).toHaveText('down');
  await expect(region(page)).toContainText('Coordinator: HV-1');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(figure(page, 'VMs restarted')).toHaveText('1');
  expect((await inventoryRow(page, 'APP01')).State).toBe('Running');
  expect((await inventoryRow(page, 'APP01')).Host).not.toBe('HV-4');
});
