import type { Page } from '@playwright/test';
import { expect, figure, inventoryRow, test } from './fixtures';

// Slow playback, so a short process is still running when Skip to end or Pause is pressed.
const PANEL = '/#/storage/online-resize?speed=0.25';

async function act(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  const end = page.getByRole('button', { name: 'Skip to end' });
  if (await end.isEnabled()) await end.click();
}

const status = (page: Page) => page.getByRole('status').first();
const newSize = (page: Page) => page.getByRole('spinbutton', { name: 'New size (GiB)' });

test('expand while the VM runs, extend the volume, then shrink only down to the minimum size', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await expect(newSize(page)).toHaveValue('60');
  await act(page, 'Expand');
  await expect(status(page)).toContainText('Expanded');
  await expect(figure(page, 'Virtual size')).toHaveText('60 GB');
  await expect(figure(page, 'Unallocated')).toHaveText('20 GB');
  expect(await inventoryRow(page, 'FS01')).toMatchObject({ State: 'Running' });
  await act(page, 'Extend volume');
  await expect(figure(page, 'Unallocated')).toHaveText('0 bytes');
  await expect(figure(page, 'Minimum size')).toHaveText('60 GB');
  await newSize(page).fill('50');
  await act(page, 'Shrink');
  await expect(status(page)).toContainText(
    'A disk can shrink only down to its minimum size (60 GB)',
  );
  await expect(figure(page, 'Virtual size')).toHaveText('60 GB');
});

test('an IDE disk or a VHD is refused, naming the rule; a storage failure keeps the old size', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByRole('combobox', { name: 'Controller' }).selectOption('IDE');
  expect((await inventoryRow(page, 'FS01')).Storage).toContain('IDE controller');
  await page.getByRole('button', { name: 'Expand', exact: true }).click();
  await expect(status(page)).toContainText(
    'Only a disk on a SCSI controller can be resized while the VM runs',
  );
  await page.getByRole('combobox', { name: 'Controller' }).selectOption('SCSI');
  await page.getByRole('combobox', { name: 'Format' }).selectOption('VHD');
  await page.getByRole('button', { name: 'Expand', exact: true }).click();
  await expect(status(page)).toContainText('Only a VHDX can be resized while the VM runs');
  await page.getByRole('combobox', { name: 'Format' }).selectOption('VHDX');
  await page.getByRole('button', { name: 'Expand', exact: true }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail storage' }).click();
  await expect(status(page)).toContainText('no data is lost');
  await expect(figure(page, 'Virtual size')).toHaveText('40 GB');
  expect(await inventoryRow(page, 'FS01')).toMatchObject({ State: 'Paused' });
});
