import { networkFailureMachine } from '../src/machines/networkFailure.machine';
import { availabilityInput } from '../src/model/availability';
import { SimRunner } from '../src/sim/runner';
import { inject, summary, summaryTotal, vmRow } from './availability';
import { currentStep, expect, figure, test } from './fixtures';

const PANEL = '/#/availability/network-failure';

test('the cable is pulled: the VMs there run on without network, then move live, never restarted', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Detect the lost network');
  await expect(page.getByRole('region', { name: 'Cluster summary' })).toContainText(
    '4 running without network',
  );
  expect(await summary(page, 'VMs running')).toBe(16);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Live-migrate the VMs to a node with the network');
  const moving = await vmRow(page, 'VM-2');
  expect(moving.State).toMatch(/^Live migrating to HV-/);
  expect(moving.Host).toMatch(/^HV-2 → HV-[134]$/);
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recovered' }).first()).toBeVisible();
  await expect(figure(page, 'VMs live-migrated')).toHaveText('4');
  await expect(figure(page, 'VMs restarted')).toHaveText('0');
  await expect(figure(page, 'Downtime')).toHaveText(/^\d+ ms$/);
  expect(await summaryTotal(page)).toBe(16);
  expect(await summary(page, 'VMs running')).toBe(16);
});

test('an unprotected adapter stays; a second cable pulled meanwhile moves that node\u2019s VMs too', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await page.getByRole('checkbox', { name: 'Protected network on VM-2’s adapter' }).uncheck();
  for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Step forward' }).click();
  await inject(page, 'Unplug VM network cable');
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'The cable from HV-3 to the VM network was unplugged',
  );
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recovered' }).first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'VM-2 stays without a network: its adapter is not protected',
  );
  const vm2 = await vmRow(page, 'VM-2');
  expect(vm2.Host).toBe('HV-2');
  expect(vm2.State).toMatch(/^Running, no network: not protected/);
  // The model's run of the same script: the moves it makes.
  const r = new SimRunner(
    networkFailureMachine,
    availabilityInput(
      { nodes: 4, vms: 16, heartbeatDelayMs: 1000, heartbeatThreshold: 10, vmBootS: 20, seed: 1 },
      { aim: 'vm', target: 'vm-2', overrides: { unprotected: ['vm-2'] } },
    ),
    { startEvent: 'START' },
  );
  for (let i = 0; i < 3; i += 1) r.stepForward();
  r.inject('UNPLUG_CABLE');
  r.skipToEnd();
  const migrated = r.getSnapshot().snapshot.context.cluster.tally.migrated;
  expect(migrated).toBeGreaterThanOrEqual(7);
  await expect(figure(page, 'VMs live-migrated')).toHaveText(String(migrated));
  await expect(page.getByRole('region', { name: 'Cluster summary' })).toContainText(
    '1 running without network',
  );
});
