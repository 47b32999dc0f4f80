import { AVAILABILITY_CONSTANTS, clusterSpec } from '../src/model/availability';
import { formatDuration } from '../src/model/format';
import { NUMERIC_PARAMS } from '../src/model/parameters';
import { inject, summary, summaryTotal, vmRow } from './availability';
import { currentStep, expect, figure, test } from './fixtures';

const PANEL = '/#/availability/storage-failure';
const DEFAULTS = {
  heartbeatDelayMs: NUMERIC_PARAMS.heartbeatDelayMs.default,
  heartbeatThreshold: NUMERIC_PARAMS.heartbeatThreshold.default,
  vmBootS: NUMERIC_PARAMS.vmBootS.default,
  seed: NUMERIC_PARAMS.seed.default,
};

test('the VM chosen loses its disk: it pauses, is restarted on another node, no other VM moves', async ({
  guarded: page,
}) => {
  // A VM of HV-3 the cluster restarts (not No auto start), from the model's seeded cluster.
  const spec = clusterSpec({ ...DEFAULTS, nodes: 4, vms: 16 });
  const vm = spec.vms.find((v) => v.home === 2 && v.priority !== 'none');
  const other = spec.vms.find((v) => v.home === 2 && v !== vm);
  if (!vm || !other) throw new Error('HV-3 holds no VM to restart');
  await page.goto(PANEL);
  await page.getByRole('combobox', { name: 'Node', exact: true }).selectOption({ label: 'HV-3' });
  await page.getByRole('combobox', { name: 'VM', exact: true }).selectOption(vm.id);
  await page.getByRole('combobox', { name: 'Disk that fails' }).selectOption('bootVhdIde');
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    `Move-ClusterVirtualMachineRole -Name "${vm.name}"`,
  );
  const before = await vmRow(page, other.name);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Detect the storage failure');
  expect((await vmRow(page, vm.name)).State).toMatch(/^Paused-Critical/);
  expect((await vmRow(page, vm.name)).Storage).toContain('Boot disk (VHD on IDE) not answering');
  expect(await summary(page, 'VMs off')).toBe(1);
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recovered' }).first()).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('no other VM was touched');
  const after = await vmRow(page, vm.name);
  expect(after.State).toMatch(/^Running/);
  expect(after.Host).not.toBe('HV-3');
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    `Storage failure of ${vm.name} detected after`,
  );
  expect(await vmRow(page, other.name)).toEqual(before);
  await expect(figure(page, 'VMs restarted')).toHaveText('1');
  await expect(figure(page, 'Detected after')).toHaveText(
    formatDuration(AVAILABILITY_CONSTANTS.vmHealthCheckS),
  );
  expect(await summaryTotal(page)).toBe(16);
});

test('a second VM\u2019s storage fails during the restart: both end running again', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Restart the VM on another node');
  await inject(page, 'Fail VM storage');
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'VM-3\u2019s boot disk (vhdx on scsi) stopped answering',
  );
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recovered' }).first()).toBeVisible();
  await expect(figure(page, 'VMs restarted')).toHaveText('2');
  expect(await summary(page, 'VMs running')).toBe(16);
});
