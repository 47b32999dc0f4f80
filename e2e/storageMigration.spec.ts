import { abortCopyAt } from '../src/model/diskCopy';
import { formatBytes, formatDuration } from '../src/model/format';
import { NUMERIC_PARAMS } from '../src/model/parameters';
import { planStorageMigration, type StorageMigrationParams } from '../src/model/storageMigration';
import { currentStep, expect, figure, inventoryRow, test } from './fixtures';

const PANEL = '/#/mobility/storage-migration';
const SEED = NUMERIC_PARAMS.seed.default;
const defaults: StorageMigrationParams = {
  diskGiB: NUMERIC_PARAMS.diskGiB.default,
  diskWriteMiBps: NUMERIC_PARAMS.diskWriteMiBps.default,
  linkGbps: NUMERIC_PARAMS.linkGbps.default,
  vmRunning: true,
  toShare: false,
  option: 'one-location',
  components: { vhd: true, configuration: true, snapshots: true, smartPaging: true },
};

test('skips to the end: figures from the model, the VM never leaves its host', async ({
  guarded: page,
}) => {
  const plan = planStorageMigration(defaults, SEED);
  const disk = plan.disk;
  if (!disk) throw new Error('expected a disk copy');
  await page.goto(PANEL);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Storage migration');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Storage moved' }).first()).toBeVisible();
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(plan.totalS));
  await expect(figure(page, 'Downtime')).toHaveText('0 ms');
  await expect(figure(page, 'Data copied')).toHaveText(formatBytes(disk.bytesCopied));
  await expect(figure(page, 'Copy passes')).toHaveText(String(disk.passes));
  await expect(figure(page, 'Writes mirrored')).toHaveText(
    `${disk.writesMirrored} (${formatBytes(disk.bytesMirrored)})`,
  );
  const row = await inventoryRow(page, 'SQL01');
  expect(row).toMatchObject({ State: 'Running', Host: 'HV-A' });
  expect(row.Storage).toContain(
    'E:\\VMs\\SQL01\\Virtual Hard Disks\\SQL01.vhdx on HV-A local disk E:',
  );
  expect(row.Storage).toContain('source files on HV-A local disk D: deleted');
  await expect(
    page.getByRole('figure', { name: /SQL01 is running on HV-A, where it stays/ }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Move-VMStorage -VMName "SQL01" -DestinationStoragePath "E:\\VMs\\SQL01"',
  );
});

test('walks the five steps, the host staying the same throughout', async ({ guarded: page }) => {
  await page.goto(PANEL);
  const forward = page.getByRole('button', { name: 'Step forward' });
  for (const title of [
    'I/O goes to the source VHD',
    'Copy the contents to the destination VHD',
    'Mirror writes while outstanding changes copy',
    'Switch to the destination VHD',
    'Delete the source VHD',
  ]) {
    await forward.click();
    await expect(currentStep(page)).toContainText(title);
    expect((await inventoryRow(page, 'SQL01')).Host).toBe('HV-A');
  }
});

test('with the VM off there are no writes and no mirroring', async ({ guarded: page }) => {
  const plan = planStorageMigration({ ...defaults, vmRunning: false }, SEED);
  await page.goto(PANEL);
  await page.getByRole('radio', { name: 'Off' }).check();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  // The mirroring step takes no time: nothing was written during the copy.
  await expect(currentStep(page)).toContainText('Switch to the destination VHD');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(figure(page, 'Writes mirrored')).toHaveText('0 (0 B)');
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(plan.totalS));
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'no mirroring is needed',
  );
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Off', Host: 'HV-A' });
});

test('cutting the storage network mid-copy to the share discards the partial copy', async ({
  guarded: page,
}) => {
  const params = { ...defaults, toShare: true };
  const plan = planStorageMigration(params, SEED);
  const disk = plan.disk;
  if (!disk) throw new Error('expected a disk copy');
  await page.goto(PANEL);
  await page.getByLabel('Destination of the VHD').selectOption('share');
  await page.getByRole('button', { name: 'Step forward' }).click();
  const t = Number((plan.setupS + disk.fullCopyS / 2).toFixed(2));
  await page.getByRole('slider', { name: 'Timeline' }).fill(String(t));
  await expect(currentStep(page)).toContainText('Copy the contents');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Cut storage network' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Storage migration failed' }).first(),
  ).toBeVisible();
  const row = await inventoryRow(page, 'SQL01');
  expect(row).toMatchObject({ State: 'Running', Host: 'HV-A' });
  expect(row.Storage).toContain('D:\\Hyper-V\\SQL01');
  expect(row.Storage).toContain('partial copy on SMB 3 share \\\\FS1\\VMs discarded');
  const dropped = abortCopyAt(disk, t - plan.setupS);
  await expect(page.getByRole('region', { name: 'Results' })).toContainText(
    `Discarded: ${dropped.discardedBlocks} blocks`,
  );
});

test('failing the source storage pauses the VM; after the switch it only leaves files behind', async ({
  guarded: page,
}) => {
  const plan = planStorageMigration(defaults, SEED);
  await page.goto(`${PANEL}?t=${(plan.setupS + 1).toFixed(2)}`);
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail source storage' }).click();
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Paused', Host: 'HV-A' });
  await page.reload();
  await page
    .getByRole('slider', { name: 'Timeline' })
    .fill((plan.totalS - plan.deleteS / 2).toFixed(2));
  await expect(currentStep(page)).toContainText('Delete the source VHD');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail source storage' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Storage moved' }).first()).toContainText(
    'stay behind',
  );
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
});

test('a pass-through disk is refused, naming the requirement', async ({ guarded: page }) => {
  await page.goto(PANEL);
  await page.getByLabel('VM disk').selectOption('passthrough');
  await page.getByRole('button', { name: 'Start storage migration' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Storage migration refused' }).first(),
  ).toContainText('no pass-through disk');
});

test('PowerShell follows the options: only VHDs, and chosen components', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  const ps = page.getByRole('region', { name: 'PowerShell' });
  await page.getByRole('radio', { name: 'Move only the virtual hard disks' }).check();
  await expect(ps).toContainText(
    'Move-VMStorage -VMName "SQL01" -Vhds @(@{ "SourceFilePath" = "D:\\Hyper-V\\SQL01\\Virtual Hard Disks\\SQL01.vhdx"; "DestinationFilePath" = "E:\\VMs\\VHDs\\SQL01.vhdx" })',
  );
  await page.getByRole('radio', { name: 'Move the VM data to different locations' }).check();
  await page.getByRole('checkbox', { name: 'Snapshots' }).uncheck();
  await expect(ps).toContainText('-VirtualMachinePath "E:\\VMs\\Config"');
  await expect(ps).not.toContainText('-SnapshotFilePath');
  await expect(ps).toContainText('-SmartPagingFilePath "E:\\VMs\\SmartPaging"');
  await expect(page.getByRole('table', { name: 'VM files' })).toContainText('stays where it is');
});

test('opens a deep link with parameters at a moment', async ({ guarded: page }) => {
  const plan = planStorageMigration({ ...defaults, diskGiB: 8 }, SEED);
  const t = Number((plan.setupS + (plan.disk?.fullCopyS ?? 0) / 2).toFixed(2));
  await page.goto(`${PANEL}?diskGiB=8&t=${t}`);
  await expect(page.getByRole('spinbutton', { name: /Disk size/ })).toHaveValue('8');
  await expect(currentStep(page)).toContainText('Copy the contents');
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(t));
});
