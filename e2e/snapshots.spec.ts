import type { Page } from '@playwright/test';
import { expect, inventoryRow, test } from './fixtures';

// Slow playback, so a short process is still running when Skip to end is pressed.
const PANEL = '/#/snapshots?speed=0.25';

/** Press an action and let its process come to rest. */
async function act(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  const end = page.getByRole('button', { name: 'Skip to end' });
  if (await end.isEnabled()) await end.click();
}

/** Select a snapshot in the tree (its label, not the nested items under it). */
async function select(page: Page, name: string) {
  await page
    .getByRole('tree', { name: 'Snapshot tree' })
    .getByRole('treeitem', { name, exact: true })
    .locator('> span')
    .click();
}

const fileState = (page: Page, file: string) =>
  page
    .getByRole('table', { name: 'Disk files' })
    .getByRole('row', { name: new RegExp(`^${file.replace('.', '\\.')} `) })
    .locator('td')
    .nth(2);

test('a snapshot between the first one and Now is merged when the VM shuts down (2008 R2)', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await act(page, 'Take snapshot');
  await expect(page.getByRole('region', { name: 'Steps' }).getByRole('listitem')).toHaveCount(7);
  await act(page, 'Write to disk');
  await act(page, 'Take snapshot');
  await select(page, 'Snapshot 2');
  await act(page, 'Delete snapshot');
  await expect(fileState(page, 'SQL01_2.avhd')).toHaveText('merge pending');
  await expect(page.getByRole('treeitem', { name: 'Snapshot 2' })).toHaveCount(0);
  // Now hangs under Snapshot 1 and is the current item.
  await expect(
    page.getByRole('treeitem', { name: 'Snapshot 1' }).getByRole('treeitem', { name: 'Now' }),
  ).toHaveAttribute('aria-current', 'true');
  await act(page, 'Shut down VM');
  await expect(page.getByRole('status').first()).toContainText('merged into SQL01_1.avhd');
  await expect(fileState(page, 'SQL01_2.avhd')).toHaveText('deleted');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Off' });
});

test('a snapshot on another branch has its AVHD deleted at once; apply asks first', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await act(page, 'Take snapshot');
  await act(page, 'Write to disk');
  await act(page, 'Take snapshot');
  await select(page, 'Snapshot 1');
  await page.getByRole('button', { name: 'Apply snapshot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply the snapshot' });
  await dialog.getByRole('button', { name: 'Apply without saving' }).click();
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').first()).toContainText('Snapshot 1 applied');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Saved' });
  await select(page, 'Snapshot 2');
  await act(page, 'Delete snapshot');
  await expect(page.getByRole('status').first()).toContainText('SQL01_1.avhd is deleted at once');
  await expect(fileState(page, 'SQL01_1.avhd')).toHaveText('deleted');
  // The storage fails while a snapshot is taken: abandoned, nothing lost, the VM waits paused.
  await act(page, 'Start VM');
  await page.getByRole('button', { name: 'Take snapshot', exact: true }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail storage' }).click();
  await expect(page.getByRole('status').first()).toContainText('no write is lost');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Paused' });
});
