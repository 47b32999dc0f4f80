import { availabilityInput, nodeDetectionS } from '../src/model/availability';
import { formatDuration } from '../src/model/format';
import { NUMERIC_PARAMS } from '../src/model/parameters';
import { summary, summaryTotal, vmRow } from './availability';
import { currentStep, expect, figure, test } from './fixtures';

const PANEL = '/#/availability/node-failure';
const DEFAULTS = {
  nodes: NUMERIC_PARAMS.nodes.default,
  vms: 16,
  heartbeatDelayMs: NUMERIC_PARAMS.heartbeatDelayMs.default,
  heartbeatThreshold: NUMERIC_PARAMS.heartbeatThreshold.default,
  vmBootS: NUMERIC_PARAMS.vmBootS.default,
  seed: NUMERIC_PARAMS.seed.default,
};

test('the node chosen fails, is declared down after delay x threshold, its VMs restart High first', async ({
  guarded: page,
}) => {
  const spec = availabilityInput(DEFAULTS, { aim: 'node', target: 'hv-3' }).spec;
  const onHv3 = spec.vms.filter((vm) => vm.home === 2);
  await page.goto(PANEL);
  await page.getByRole('combobox', { name: 'Node', exact: true }).selectOption({ label: 'HV-3' });
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Stop-ClusterNode -Name "HV-3"',
  );
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Heartbeats go unanswered');
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText('HV-3 failed');
  expect(await summary(page, 'Nodes up')).toBe(3);
  expect(await summary(page, 'VMs off')).toBe(onHv3.length);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText(/Restart (High|Medium|Low) priority VMs/);
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'Event 1135: HV-3 is removed from the cluster after 10 missed heartbeats',
  );
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recovered' }).first()).toBeVisible();
  await expect(figure(page, 'Detected after')).toHaveText(formatDuration(nodeDetectionS(DEFAULTS)));
  await expect(figure(page, 'VMs live-migrated')).toHaveText('0');
  for (const vm of onHv3) {
    const row = await vmRow(page, vm.name);
    if (vm.priority === 'none') expect(row.State).toMatch(/^Off \(No auto start\)/);
    else {
      expect(row.State).toMatch(/^Running/);
      expect(row.Host).not.toBe('HV-3');
    }
  }
  expect(await summaryTotal(page)).toBe(16);
});

test('a VM set to High restarts in the first wave; the PowerShell sets its priority', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByRole('combobox', { name: 'Priority of VM' }).selectOption('vm-6');
  await page.getByRole('combobox', { name: 'Priority', exact: true }).selectOption('high');
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    '(Get-ClusterGroup -Name "VM-6").Priority = 3000',
  );
  for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Restart High priority VMs');
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    /High priority: .*VM-6 on HV-/,
  );
  expect((await vmRow(page, 'VM-6')).State).toBe('Starting (cold boot), priority High');
});

test('more than 1,024 VMs per node is refused, naming the limit; the page keeps working', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?nodes=2&vms=3000`);
  await expect(page.getByRole('status').first()).toContainText('at most 1,024 VMs per node');
  await page.getByRole('button', { name: 'Start cluster' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Refused' }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Results' })).toContainText(
    '3,000 VMs need at least 3 nodes',
  );
  await page.getByRole('spinbutton', { name: /Cluster nodes/ }).fill('3');
  await page.getByRole('spinbutton', { name: /Cluster nodes/ }).press('Tab');
  await expect(page.getByRole('button', { name: 'Start cluster' })).toBeEnabled();
  expect(await summaryTotal(page)).toBe(3000);
});

test('full size: 64 nodes and 8,000 VMs fail over to the end, the summary adding up', async ({
  guarded: page,
}) => {
  test.setTimeout(60_000);
  await page.goto(`${PANEL}?nodes=64&vms=8000&speed=64`);
  await expect(page.getByRole('img', { name: /64 of 64 nodes up/ })).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recovered' }).first()).toBeVisible({
    timeout: 30_000,
  });
  expect(await summary(page, 'Nodes up')).toBe(63);
  expect(await summaryTotal(page)).toBe(8000);
  expect(await summary(page, 'VMs starting')).toBe(0);
  await expect(page.getByRole('img', { name: /63 of 64 nodes up \(down: HV-2\)/ })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Inventory' }).locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByRole('region', { name: 'Inventory table' })).toContainText(
    'VMs 51–100 of 8,000',
  );
  await expect(rows.first()).toContainText('VM-51');
});
