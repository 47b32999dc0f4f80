import { crossVersionInput } from '../src/machines/crossVersion.fixture';
import { planInPlace, planRollingUpgrade } from '../src/model/crossVersion';
import { formatDuration } from '../src/model/format';
import { planLiveMigration } from '../src/model/liveMigration';
import { currentStep, expect, figure, inventoryRow, test } from './fixtures';

const PANEL = '/#/mobility/cross-version';
const params = crossVersionInput('live').params;

test('live migrates a VM from 2012 to 2012 R2 with the model’s figures', async ({
  guarded: page,
}) => {
  const plan = planLiveMigration(params);
  await page.goto(`${PANEL}?speed=64`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Cross-version/);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 15_000,
  });
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(plan.totalS));
  await expect(figure(page, 'Downtime')).toHaveText(formatDuration(plan.precopy.downtimeS));
  await expect(figure(page, 'Rounds')).toHaveText(String(plan.precopy.rounds.length));
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({
    State: 'Running',
    Host: 'HV-R2 (2012 R2)',
  });
  await expect(
    page.getByRole('img', { name: /HV-R2 \(Windows Server 2012 R2\): SQL01 running/ }),
  ).toBeVisible();
});

test('refuses the reverse direction, naming the version rule', async ({ guarded: page }) => {
  await page.goto(PANEL);
  await page.getByRole('radio', { name: /Try 2012 R2/ }).check();
  await page.getByRole('button', { name: 'Start live migration' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Migration refused' }).first();
  await expect(status).toContainText(
    'only from an older Windows Server version to the same or a newer one',
  );
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({
    State: 'Running',
    Host: 'HV-R2 (2012 R2)',
  });
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    '-DestinationHost "HV-2012"',
  );
});

test('upgrades a small cloud host by host; every VM keeps running', async ({ guarded: page }) => {
  const input = crossVersionInput('rolling');
  const actions = planRollingUpgrade(input.world, input.params);
  const moves = actions.filter((a) => a.kind === 'migrate').length;
  const plan = planLiveMigration(input.params);
  await page.goto(PANEL);
  await page.getByRole('radio', { name: /Rolling upgrade/ }).check();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Drain a 2012 host');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Upgrade complete' }).first(),
  ).toBeVisible();
  await expect(figure(page, 'Hosts upgraded')).toHaveText('3 of 3');
  await expect(figure(page, 'VMs moved')).toHaveText(`${moves} of ${moves}`);
  await expect(figure(page, 'Downtime')).toHaveText(formatDuration(moves * plan.precopy.downtimeS));
  for (const vm of ['WEB01', 'WEB02', 'SQL01', 'SQL02', 'APP01', 'APP02']) {
    const row = await inventoryRow(page, vm);
    expect(row.State).toBe('Running');
    expect(row.Host).toMatch(/\(2012 R2\)$/);
  }
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Move-VM -Name "WEB01" -ComputerName "HV-1" -DestinationHost "HV-4"',
  );
});

test('a network cut during a drain leaves the VM on its 2012 host and stops the upgrade', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByRole('radio', { name: /Rolling upgrade/ }).check();
  await page.getByRole('button', { name: 'Start rolling upgrade' }).click();
  await expect(currentStep(page)).toContainText('Drain a 2012 host');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Cut migration network' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Failed' }).first()).toContainText(
    'the rolling upgrade stops here',
  );
  expect(await inventoryRow(page, 'WEB01')).toMatchObject({
    State: 'Running',
    Host: 'HV-1 (2012)',
  });
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'Live migration network cut',
  );
});

test('in place: save, upgrade, restore; a host failure mid-upgrade keeps the saved state', async ({
  guarded: page,
}) => {
  const plan = planInPlace(params.memoryMiB);
  await page.goto(PANEL);
  await page.getByRole('radio', { name: /In-place upgrade/ }).check();
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' }).first()).toBeVisible();
  await expect(figure(page, 'Downtime')).toHaveText(formatDuration(plan.downtimeS));
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({
    State: 'Running',
    Host: 'HV-2012 (2012 R2)',
  });
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Save-VM -Name "SQL01"',
  );
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Start-VM -Name "SQL01"',
  );
  // Back to the upgrade and fail the host there.
  await page
    .getByRole('slider', { name: 'Timeline' })
    .fill(String(Math.round(plan.saveS + plan.upgradeS / 2)));
  await expect(currentStep(page)).toContainText('Upgrade the host to 2012 R2');
  expect((await inventoryRow(page, 'SQL01')).State).toBe('Saved');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail source host' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Failed' }).first()).toContainText(
    'saved state is safe',
  );
  expect((await inventoryRow(page, 'SQL01')).State).toBe('Saved');
});

test('opens a deep link with parameters at a moment', async ({ guarded: page }) => {
  const plan = planLiveMigration({ ...params, memoryMiB: 4096, linkGbps: 10 });
  const t = plan.setupS + (plan.precopy.rounds[0]?.durationS ?? 0) / 2;
  await page.goto(`${PANEL}?memoryMiB=4096&linkGbps=10&t=${t.toFixed(2)}`);
  await expect(page.getByRole('spinbutton', { name: /VM memory/ })).toHaveValue('4096');
  await expect(currentStep(page)).toContainText('Copy the memory');
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(Number(t.toFixed(2))));
});
