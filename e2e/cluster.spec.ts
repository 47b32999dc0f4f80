import { clusterInput } from '../src/machines/clusterMigration.fixture';
import { CONCURRENT_CONSTANTS, planConcurrent } from '../src/model/concurrentMigration';
import { formatBytes, formatCpu, formatDuration } from '../src/model/format';
import { currentStep, expect, figure, inventoryRow, test } from './fixtures';

const PANEL = '/#/mobility/cluster';

function planFor(o: Parameters<typeof clusterInput>[0] = {}) {
  const input = clusterInput(o);
  return planConcurrent(input.params, input.vms, input.limit, input.seed);
}

test('plays the batch to the end and reports the figures of the model', async ({
  guarded: page,
}) => {
  const plan = planFor();
  await page.goto(`${PANEL}?speed=64`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/failover cluster/);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(figure(page, 'Total time')).toHaveText(
    formatDuration(CONCURRENT_CONSTANTS.queueS + plan.totalS),
  );
  await expect(figure(page, 'Rounds')).toHaveText(String(plan.rounds));
  await expect(figure(page, 'Downtime')).toHaveText(formatDuration(plan.maxDowntimeS));
  await expect(figure(page, 'Data sent')).toHaveText(formatBytes(plan.wireBytes));
  await expect(figure(page, 'CPU used')).toHaveText(formatCpu(plan.cpuCoreSeconds));
  for (const vm of ['SQL01', 'WEB01', 'WEB02', 'APP01']) {
    expect(await inventoryRow(page, vm)).toMatchObject({ State: 'Running', Host: 'HV-2' });
  }
  // VMs not selected stay put.
  expect(await inventoryRow(page, 'FILE01')).toMatchObject({ State: 'Running', Host: 'HV-1' });
  await expect(page.getByRole('img', { name: /APP01 is running on HV-2/ })).toBeVisible();
});

test('shows the queue: two migrate, the rest wait', async ({ guarded: page }) => {
  const plan = planFor();
  const lane0 = plan.lanes[0];
  const t =
    CONCURRENT_CONSTANTS.queueS +
    (lane0?.phases.find((p) => p.kind === 'copying')?.startS ?? 0) +
    0.5;
  await page.goto(`${PANEL}?t=${t.toFixed(2)}`);
  await expect(currentStep(page)).toContainText('Migrate up to the limit, the rest wait');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({
    State: 'Migrating to HV-2',
    Host: 'HV-1',
  });
  expect(await inventoryRow(page, 'WEB01')).toMatchObject({ State: 'Migrating to HV-2' });
  expect(await inventoryRow(page, 'WEB02')).toMatchObject({ State: 'Queued', Host: 'HV-1' });
  expect(await inventoryRow(page, 'APP01')).toMatchObject({ State: 'Queued', Host: 'HV-1' });
  await expect(figure(page, 'Queue')).toHaveText('2 waiting, 2 migrating');
  await expect(page.getByRole('img', { name: /Queue: WEB02, APP01/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /SQL01 copying memory \(round 1 of/ })).toBeVisible();
});

test('a higher limit runs all four at once, with no queue', async ({ guarded: page }) => {
  await page.goto(PANEL);
  await page.getByLabel('Simultaneous live migrations').fill('4');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Finish the last migrations');
  for (const vm of ['SQL01', 'WEB01', 'WEB02', 'APP01'])
    expect((await inventoryRow(page, vm)).State).toBe('Migrating to HV-2');
  const plan = planFor({ limit: 4 });
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(figure(page, 'Total time')).toHaveText(
    formatDuration(CONCURRENT_CONSTANTS.queueS + plan.totalS),
  );
});

test('cutting the network mid-run rolls back the migrations and empties the queue', async ({
  guarded: page,
}) => {
  const plan = planFor();
  const t =
    CONCURRENT_CONSTANTS.queueS +
    (plan.lanes[0]?.phases.find((p) => p.kind === 'copying')?.startS ?? 0) +
    0.5;
  await page.goto(`${PANEL}?t=${t.toFixed(2)}`);
  await expect(currentStep(page)).toContainText('Migrate up to the limit');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Cut migration network' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toBeVisible();
  for (const vm of ['SQL01', 'WEB01', 'WEB02', 'APP01'])
    expect(await inventoryRow(page, vm)).toMatchObject({ State: 'Running', Host: 'HV-1' });
  await expect(page.getByRole('region', { name: 'Results' })).toContainText(/cut/);
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'Live migration network cut',
  );
  await expect(page.getByRole('img', { name: /network: cut/ })).toBeVisible();
});

test('failing the source host: the cluster restarts its VMs on other nodes', async ({
  guarded: page,
}) => {
  const plan = planFor();
  const t =
    CONCURRENT_CONSTANTS.queueS +
    (plan.lanes[0]?.phases.find((p) => p.kind === 'copying')?.startS ?? 0) +
    0.5;
  await page.goto(`${PANEL}?t=${t.toFixed(2)}`);
  await expect(currentStep(page)).toContainText('Migrate up to the limit');
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Fail source host' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toContainText('restart');
  for (const vm of ['SQL01', 'WEB01', 'WEB02', 'APP01', 'FILE01']) {
    const row = await inventoryRow(page, vm);
    expect(row.State).toBe(vm === 'FILE01' ? 'Running' : 'Running (restarted)');
    expect(['HV-2', 'HV-3', 'HV-4']).toContain(row.Host);
  }
});

test('refuses a migration whose requirement fails, naming it', async ({ guarded: page }) => {
  await page.goto(PANEL);
  await page.getByLabel('Processors in HV-2').selectOption('AMD');
  await page.getByRole('button', { name: 'Start live migration' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration refused' }).first(),
  ).toContainText('same manufacturer');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-1' });
});

test('opens a deep link with parameters at a moment', async ({ guarded: page }) => {
  const plan = planFor({ vms: 3, params: { memoryMiB: 4096 } });
  const t = CONCURRENT_CONSTANTS.queueS + (plan.lanes[2]?.startS ?? 0) + 1;
  await page.goto(`${PANEL}?vms=3&memoryMiB=4096&t=${t.toFixed(2)}`);
  await expect(page.getByRole('spinbutton', { name: /VM memory/ })).toHaveValue('4096');
  await expect(page.getByRole('spinbutton', { name: /^VMs/ })).toHaveValue('3');
  await expect(page.getByRole('checkbox', { name: 'WEB02' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'APP01' })).not.toBeChecked();
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(Number(t.toFixed(2))));
  expect((await inventoryRow(page, 'WEB02')).State).toBe('Migrating to HV-2');
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Move-ClusterVirtualMachineRole',
  );
});
