import type { Page } from '@playwright/test';
import { expect, figure, inventoryRow, test } from './fixtures';

// Slow playback, so a short process is still running when Skip to end is pressed.
const PANEL = '/#/storage/disk-types?speed=0.25';

/** Press an action and let its process come to rest. */
async function act(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  const end = page.getByRole('button', { name: 'Skip to end' });
  if (await end.isEnabled()) await end.click();
}

const status = (page: Page) => page.getByRole('status').first();
const diskType = (page: Page, label: string) =>
  page.getByRole('combobox', { name: 'Disk type' }).selectOption({ label });
const fileRow = (page: Page, file: string) =>
  page
    .getByRole('table', { name: 'Disk files' })
    .getByRole('row', { name: new RegExp(`^${file.replace('.', '\\.')} `) });

test('the limits: 3000 GiB is refused as a VHD, fine as a pass-through disk (which takes no differencing disk) or a VHDX', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}&diskGiB=3000`);
  await diskType(page, 'Fixed-size VHD');
  await page.getByRole('button', { name: 'Create disk' }).click();
  await expect(status(page)).toContainText('Refused: A VHD can be at most 2040 GB');
  await expect(page.getByRole('table', { name: 'Disk files' }).locator('tbody tr')).toHaveCount(0);
  await diskType(page, 'Pass-through disk');
  await act(page, 'Create disk');
  await expect(fileRow(page, 'Disk 2')).toContainText('3000 GB');
  await expect(fileRow(page, 'Disk 2')).toContainText('none (not a file)');
  await act(page, 'Add differencing disk');
  await expect(status(page)).toContainText(
    'Pass-through disks support no differencing disks or snapshots',
  );
  await diskType(page, 'VHDX');
  await page.getByRole('combobox', { name: 'Controller' }).selectOption('IDE');
  await act(page, 'Create disk');
  await expect(fileRow(page, 'APP01.vhdx')).toContainText('Dynamically expanding VHDX');
  await expect(figure(page, 'Size on host')).toHaveText('4 MB');
  expect((await inventoryRow(page, 'APP01')).Storage).toContain('IDE controller');
});

test('a dynamic disk grows with writes and keeps deleted space until it is compacted', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await act(page, 'Create disk');
  expect(await inventoryRow(page, 'APP01')).toMatchObject({ State: 'Running' });
  expect((await inventoryRow(page, 'APP01')).Storage).toContain('SCSI controller');
  await act(page, 'Write data');
  await expect(figure(page, 'Size on host')).toHaveText('5 GB');
  await act(page, 'Delete data');
  await expect(figure(page, 'Reclaimable')).toHaveText('5 GB');
  await expect(figure(page, 'Size on host')).toHaveText('5 GB');
  await act(page, 'Compact disk');
  await expect(status(page)).toContainText('compacted');
  await expect(figure(page, 'Size on host')).toHaveText('2 KB');
});

test('a differencing disk merges into its parent; a storage failure mid-merge loses no block', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}&diskGiB=4`);
  await diskType(page, 'Differencing VHD');
  await act(page, 'Create disk');
  await expect(fileRow(page, 'APP01.vhd')).toContainText('APP01-parent.vhd');
  await act(page, 'Write data');
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(
    page.getByRole('region', { name: 'Steps' }).locator('[aria-current="step"]'),
  ).toContainText('Blocks are copied into the parent');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail storage' }).click();
  await expect(status(page)).toContainText('no block is lost');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await act(page, 'Merge');
  await expect(status(page)).toContainText('Merged');
  await expect(page.getByRole('table', { name: 'Disk files' }).locator('tbody tr')).toHaveCount(1);
});
