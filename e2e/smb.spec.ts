import { smbInput } from '../src/machines/smbMigration.fixture';
import { planConcurrent } from '../src/model/concurrentMigration';
import { formatBytes, formatCpu, formatDuration } from '../src/model/format';
import { currentStep, expect, figure, inventoryRow, test } from './fixtures';

const PANEL = '/#/mobility/smb';
const VHD = (vm: string) => `\\\\FS1\\VMs\\${vm}\\Virtual Hard Disks\\${vm}.vhdx`;

function planFor(o: Parameters<typeof smbInput>[0] = {}) {
  const input = smbInput(o);
  return planConcurrent(input.params, input.vms, null, input.seed);
}

/** A moment in the middle of the first copy round of SQL01. */
function midCopy(): number {
  const plan = planFor();
  const ph = plan.lanes[0]?.phases.find((p) => p.kind === 'copying');
  return ((ph?.startS ?? 0) + (ph?.endS ?? 0)) / 2;
}

async function inject(page: import('@playwright/test').Page, name: string) {
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name }).click();
}

test('plays to the end: only the running state moved, the VHDs stayed on the share', async ({
  guarded: page,
}) => {
  const plan = planFor();
  await page.goto(`${PANEL}?speed=64`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/SMB shared storage/);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(plan.totalS));
  await expect(figure(page, 'Rounds')).toHaveText(String(plan.rounds));
  await expect(figure(page, 'Downtime')).toHaveText(formatDuration(plan.maxDowntimeS));
  await expect(figure(page, 'Data sent')).toHaveText(formatBytes(plan.wireBytes));
  await expect(figure(page, 'CPU used')).toHaveText(formatCpu(plan.cpuCoreSeconds));
  await expect(figure(page, 'Disk data moved')).toHaveText('0 B');
  for (const vm of ['SQL01', 'WEB01']) {
    expect(await inventoryRow(page, vm)).toMatchObject({
      State: 'Running',
      Host: 'HV-B',
      Storage: `${VHD(vm)} (SMB connection from HV-B)`,
    });
  }
  expect(await inventoryRow(page, 'APP01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
  await expect(
    page.getByRole('img', { name: /SQL01 is running on HV-B, its VHD opened over SMB by HV-B/ }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /Every VHD stays on \\\\FS1\\VMs/ })).toBeVisible();
});

test('mid-copy the VM runs on the source, holding the SMB connection to its VHD', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=${midCopy().toFixed(2)}`);
  await expect(currentStep(page)).toContainText('Copy the memory, round after round');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({
    State: 'Migrating to HV-B',
    Host: 'HV-A',
    Storage: `${VHD('SQL01')} (SMB connection from HV-A)`,
  });
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Skip to end' }).click();
  expect((await inventoryRow(page, 'SQL01')).Storage).toBe(
    `${VHD('SQL01')} (SMB connection from HV-B)`,
  );
});

test('failing the destination’s path to the share mid-copy rolls the migrations back', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=${midCopy().toFixed(2)}`);
  await expect(currentStep(page)).toContainText('Copy the memory');
  await inject(page, 'Fail destination storage');
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toContainText('HV-B cannot reach');
  for (const vm of ['SQL01', 'WEB01'])
    expect(await inventoryRow(page, vm)).toMatchObject({ State: 'Running', Host: 'HV-A' });
});

test('failing the source’s path to the share mid-copy pauses the VMs on the source', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=${midCopy().toFixed(2)}`);
  await expect(currentStep(page)).toContainText('Copy the memory');
  await inject(page, 'Fail source storage');
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toBeVisible();
  for (const vm of ['SQL01', 'WEB01', 'APP01'])
    expect(await inventoryRow(page, vm)).toMatchObject({ State: 'Paused', Host: 'HV-A' });
  expect((await inventoryRow(page, 'SQL01')).Storage).toContain('path lost');
});

test('cutting the network mid-copy leaves the VMs running on the source', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?t=${midCopy().toFixed(2)}`);
  await inject(page, 'Cut migration network');
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toBeVisible();
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'Live migration network cut',
  );
});

test('refuses a VM file off the share and a share closed to the destination, naming each', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByLabel('SQL01’s files').selectOption('configuration');
  await page.getByRole('button', { name: 'Start live migration' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Migration refused' }).first();
  await expect(status).toContainText('Every VM file');
  await expect(status).toContainText('configuration');
  await page.getByLabel('SQL01’s files').selectOption('');
  await page.getByLabel('Share grants access to HV-B’s computer account').uncheck();
  await page.getByRole('button', { name: 'Start live migration' }).click();
  await expect(status).toContainText('CONTOSO\\HV-B$');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
});

test('opens a deep link with parameters at a moment, with the PowerShell command', async ({
  guarded: page,
}) => {
  const plan = planFor({ params: { memoryMiB: 4096, linkGbps: 10 } });
  const t = plan.totalS / 2;
  await page.goto(`${PANEL}?memoryMiB=4096&linkGbps=10&t=${t.toFixed(2)}`);
  await expect(page.getByRole('spinbutton', { name: /VM memory/ })).toHaveValue('4096');
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(Number(t.toFixed(2))));
  const ps = page.getByRole('region', { name: 'PowerShell' });
  await expect(ps).toContainText('Move-VM -Name "SQL01" -DestinationHost "HV-B" -AsJob');
  await page.getByRole('checkbox', { name: 'WEB01' }).uncheck();
  await expect(ps).toContainText('Move-VM -Name "SQL01" -DestinationHost "HV-B"');
  await expect(ps).not.toContainText('AsJob');
});
