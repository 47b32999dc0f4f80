import type { Page } from '@playwright/test';
import { formatCount, QOS_DEFAULT_PARAMS, qosInput, runFigures } from '../src/model/storageQos';
import { expect, figure, test } from './fixtures';

const PANEL = '/#/storage/qos';

/** The "Storage QoS" row of a VM, as cell texts keyed by column header. */
async function qosRow(page: Page, vm: string): Promise<Record<string, string>> {
  const table = page.getByRole('table', { name: 'Storage QoS' });
  const headers = await table.locator('thead th').allTextContents();
  const cells = await table
    .locator('tbody tr', { hasText: vm })
    .first()
    .locator('th, td')
    .allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
}

/** The model's figures of a VM's disk at a moment of the default run. */
function modelDisk(vm: string, phase: 'uncapped' | 'capped', input = qosInput()) {
  const f = runFigures({ ...input, burst: false, phase });
  return { f, d: f.disks.find((x) => input.world.vms[x.vm]?.name === vm) };
}

test('the noisy neighbour before and after its cap, with the alerts in the Event log', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByRole('button', { name: 'Step forward' }).click();
  const before = modelDisk('RPT01', 'uncapped');
  const sql = modelDisk('SQL01', 'uncapped').d;
  expect(await qosRow(page, 'RPT01')).toMatchObject({
    'I/O size': '64 KB',
    'Normalized IOPS': `${formatCount(before.d?.served ?? 0)} of ${formatCount(before.d?.offered ?? 0)}`,
    Maximum: formatCount(QOS_DEFAULT_PARAMS.maxIops),
    Status: 'OK',
  });
  expect(await qosRow(page, 'SQL01')).toMatchObject({
    Minimum: formatCount(QOS_DEFAULT_PARAMS.minIops),
    Status: 'Below minimum',
  });
  const log = page.getByRole('list', { name: 'Event log' });
  await expect(log).toContainText(
    `Msvm_StorageAlert 32930 (out of policy): SQL01's disk gets ${formatCount(sql?.served ?? 0)} normalized IOPS`,
  );
  await expect(figure(page, 'Alerts')).toHaveText(String(before.f.alerts.length));

  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settled' }).first()).toBeVisible();
  const after = modelDisk('RPT01', 'capped');
  expect(await qosRow(page, 'RPT01')).toMatchObject({
    'Normalized IOPS': `${formatCount(after.d?.served ?? 0)} of ${formatCount(after.d?.offered ?? 0)}`,
    Status: 'Throttled',
  });
  expect((await qosRow(page, 'SQL01')).Status).toBe('OK');
  await expect(log).toContainText("Msvm_StorageAlert 32931 (back in policy): SQL01's disk");
  await expect(figure(page, 'Throttled')).toHaveText(
    `${formatCount(after.f.throttled)} normalized IOPS`,
  );
  await expect(figure(page, 'Alerts')).toHaveText('0');
  await expect(
    page.getByRole('img', { name: /RPT01 \(noisy neighbour\).*Throttled/ }),
  ).toBeVisible();
});

test('a VM’s own inputs change the figures; the noisy VM’s maximum goes into the link', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  const web = page.getByRole('group', { name: 'WEB01' });
  await web.getByRole('spinbutton', { name: 'Offered IOPS' }).fill('3000');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  const input = qosInput(QOS_DEFAULT_PARAMS, { offered: { 'vm-web': 3000 } });
  const { d } = modelDisk('WEB01', 'capped', input);
  expect(await qosRow(page, 'WEB01')).toMatchObject({
    'Offered IOPS': '3,000',
    'Normalized IOPS': formatCount(d?.served ?? 0),
  });

  const rpt = page.getByRole('group', { name: 'RPT01' });
  await rpt.getByRole('spinbutton', { name: 'Maximum IOPS' }).fill('0');
  await expect(page).toHaveURL(/maxIops=0/);
  await expect(page.getByRole('spinbutton', { name: /Noisy VM maximum/ })).toHaveValue('0');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  expect(await qosRow(page, 'RPT01')).toMatchObject({ Maximum: 'No limit', Status: 'OK' });
  expect((await qosRow(page, 'SQL01')).Status).toBe('Below minimum');
  await expect(page.getByRole('region', { name: 'PowerShell' })).not.toContainText(
    '-VMName "RPT01"',
  );
});
