import { abortCopyAt } from '../src/model/diskCopy';
import { formatBytes, formatDuration } from '../src/model/format';
import { NUMERIC_PARAMS } from '../src/model/parameters';
import { planSharedNothing, type SharedNothingParams } from '../src/model/sharedNothing';
import { currentStep, expect, figure, inventoryRow, test } from './fixtures';

const PANEL = '/#/mobility/shared-nothing';
const d = (n: keyof typeof NUMERIC_PARAMS) => NUMERIC_PARAMS[n].default;
const defaults: SharedNothingParams = {
  transport: 'tcp',
  rdma: false,
  nics: 1,
  compressionRatio: 1,
  spareCores: 0,
  linkGbps: d('linkGbps'),
  memoryMiB: d('memoryMiB'),
  dirtyMiBps: d('dirtyMiBps'),
  wwsMiB: d('wwsMiB'),
  downtimeMs: d('downtimeMs'),
  maxRounds: d('maxRounds'),
  diskGiB: d('diskGiB'),
  diskWriteMiBps: d('diskWriteMiBps'),
};
const SEED = d('seed');

test('skips to the end and reports the figures of the model', async ({ guarded: page }) => {
  const plan = planSharedNothing(defaults, SEED, true);
  const disk = plan.disk;
  if (!disk) throw new Error('expected a disk copy');
  await page.goto(PANEL);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Shared-nothing/);
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible();
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(plan.totalS));
  await expect(figure(page, 'Rounds')).toHaveText(String(plan.lm.precopy.rounds.length));
  await expect(figure(page, 'Downtime')).toHaveText(formatDuration(plan.lm.precopy.downtimeS));
  await expect(figure(page, 'Data sent')).toHaveText(formatBytes(plan.wireBytes));
  await expect(figure(page, 'Data copied')).toHaveText(formatBytes(disk.bytesCopied));
  await expect(figure(page, 'Copy passes')).toHaveText(String(disk.passes));
  await expect(figure(page, 'Outstanding blocks')).toHaveText(String(disk.outstandingBlocks));
  await expect(figure(page, 'Writes mirrored')).toHaveText(
    `${disk.writesMirrored} (${formatBytes(disk.bytesMirrored)})`,
  );
  const row = await inventoryRow(page, 'SQL01');
  expect(row).toMatchObject({ VM: 'SQL01', State: 'Running', Host: 'HV-B' });
  expect(row.Storage).toContain('on HV-B local disk D:');
  expect(row.Storage).toContain('source files on HV-A local disk deleted');
  await expect(page.getByRole('figure', { name: /SQL01 is running on HV-B/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Move-VM -Name "SQL01" -DestinationHost "HV-B" -IncludeStorage -DestinationStoragePath "D:\\VMs\\SQL01"',
  );
});

test('walks the five steps in order', async ({ guarded: page }) => {
  await page.goto(PANEL);
  const forward = page.getByRole('button', { name: 'Step forward' });
  const titles = [
    'Reads and writes go to the source VHD',
    'Copy the disk over the network',
    'Mirror writes while the changes are copied',
    'Live-migrate memory and state',
  ];
  for (const title of titles) {
    await forward.click();
    await expect(currentStep(page)).toContainText(title);
  }
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(currentStep(page)).toContainText('Delete the source files');
  expect((await inventoryRow(page, 'SQL01')).Host).toBe('HV-B');
});

test('a cut network mid-copy keeps the VM on the source and discards the partial copy', async ({
  guarded: page,
}) => {
  const plan = planSharedNothing(defaults, SEED, true);
  const disk = plan.disk;
  if (!disk) throw new Error('expected a disk copy');
  const t = Number((plan.setupS + disk.fullCopyS / 2).toFixed(2));
  await page.goto(`${PANEL}?t=${t}`);
  await expect(currentStep(page)).toContainText('Copy the disk over the network');
  expect((await inventoryRow(page, 'SQL01')).Storage).toMatch(/copying to D:\\VMs\\SQL01/);
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Cut migration network' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toBeVisible();
  const row = await inventoryRow(page, 'SQL01');
  expect(row).toMatchObject({ State: 'Running', Host: 'HV-A' });
  expect(row.Storage).toContain('D:\\Hyper-V\\SQL01');
  expect(row.Storage).toContain('partial copy on HV-B local disk D: discarded');
  const dropped = abortCopyAt(disk, t - plan.setupS);
  await expect(page.getByRole('region', { name: 'Results' })).toContainText(
    `Discarded: ${dropped.discardedBlocks} blocks (${formatBytes(dropped.discardedBytes)})`,
  );
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'Live migration network cut',
  );
  await expect(page.getByRole('figure', { name: /SQL01 is running on HV-A/ })).toBeVisible();
});

test('a failed destination disk during mirroring rolls back to the source', async ({
  guarded: page,
}) => {
  const plan = planSharedNothing(defaults, SEED, true);
  const disk = plan.disk;
  if (!disk) throw new Error('expected a disk copy');
  const mid = Number((plan.setupS + (disk.fullCopyS + disk.syncS) / 2).toFixed(2));
  await page.goto(`${PANEL}?t=${mid}`);
  await expect(currentStep(page)).toContainText('Mirror writes while the changes are copied');
  await expect(figure(page, 'Copy passes')).toHaveText('2');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail destination storage' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toBeVisible();
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
});

test('a failed destination host after the switch takes the VM down and keeps the source files', async ({
  guarded: page,
}) => {
  const plan = planSharedNothing(defaults, SEED, true);
  await page.goto(`${PANEL}?t=${(plan.totalS - plan.deleteS / 2).toFixed(2)}`);
  await expect(currentStep(page)).toContainText('Delete the source files');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail destination host' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toContainText('nothing restarts it');
  const row = await inventoryRow(page, 'SQL01');
  expect(row).toMatchObject({ State: 'Off', Host: '—' });
  expect(row.Storage).not.toContain('deleted');
});

test('moving only the VM is refused when its disks are local, naming the requirement', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByRole('radio', { name: 'Move only the VM' }).check();
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    /Move-VM -Name "SQL01" -DestinationHost "HV-B"\s*Copy command/,
  );
  await page.getByRole('button', { name: 'Start live migration' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration refused' }).first(),
  ).toContainText('already on shared storage');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
  // With the files on the SMB share the same move goes through, and no disk is copied.
  await page.getByLabel('VM files before the move').selectOption('share');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible();
  const plan = planSharedNothing(defaults, SEED, false);
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(plan.totalS));
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-B' });
});

test('each component to its own location gives the per-component command', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByRole('radio', { name: 'Move each component to its own location' }).check();
  const ps = page.getByRole('region', { name: 'PowerShell' });
  await expect(ps).toContainText('-VirtualMachinePath "D:\\VMs\\Config"');
  await expect(ps).toContainText('-SnapshotFilePath "D:\\VMs\\Snapshots"');
  await expect(ps).toContainText('-SmartPagingFilePath "D:\\VMs\\SmartPaging"');
  await expect(ps).toContainText('"DestinationFilePath" = "E:\\VHDs\\SQL01.vhdx"');
  await expect(page.getByRole('table', { name: 'VM files' })).toContainText('E:\\VHDs');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  expect((await inventoryRow(page, 'SQL01')).Storage).toContain(
    'E:\\VHDs\\SQL01.vhdx on HV-B local disk E:',
  );
});

test('opens a deep link with parameters at a moment', async ({ guarded: page }) => {
  const params = { ...defaults, diskGiB: 8, linkGbps: 10 };
  const plan = planSharedNothing(params, SEED, true);
  const t = Number((plan.setupS + (plan.disk?.fullCopyS ?? 0) / 3).toFixed(2));
  await page.goto(`${PANEL}?diskGiB=8&linkGbps=10&t=${t}`);
  await expect(page.getByRole('spinbutton', { name: /Disk size/ })).toHaveValue('8');
  await expect(currentStep(page)).toContainText('Copy the disk over the network');
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(t));
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
});
