import type { Page } from '@playwright/test';
import { fasterLiveMigrationInput } from '../src/machines/fasterLiveMigration.fixture';
import {
  type ComparisonParams,
  guidanceFor,
  OPTION_KINDS,
  OPTION_LABELS,
  planOption,
} from '../src/model/fasterLiveMigration';
import { formatBytes, formatCpu, formatDuration } from '../src/model/format';
import { currentStep, expect, figure, inventoryRow, test } from './fixtures';

const PANEL = '/#/mobility/faster-live-migration';
const defaults: ComparisonParams = fasterLiveMigrationInput().params;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A Comparison row as cell texts keyed by column header. */
async function comparisonRow(page: Page, option: string): Promise<Record<string, string>> {
  const table = page.getByRole('table', { name: 'Comparison' });
  const headers = await table.locator('thead th').allTextContents();
  const row = table
    .locator('tbody tr')
    .filter({ has: page.locator('th', { hasText: new RegExp(`^${esc(option)}$`) }) });
  const cells = await row.locator('th, td').allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
}

test('plays all four to the end and the Comparison table shows the model’s figures', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?speed=64`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Faster live migration/);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'All four migrated' }).first(),
  ).toBeVisible({
    timeout: 20_000,
  });
  const table = page.getByRole('table', { name: 'Comparison' });
  expect((await table.locator('thead th').allTextContents()).map((h) => h.trim())).toEqual([
    'Option',
    'Total time',
    'Downtime',
    'Rounds',
    'Data sent',
    'CPU used',
  ]);
  for (const k of OPTION_KINDS) {
    const plan = planOption(defaults, k);
    expect(await comparisonRow(page, OPTION_LABELS[k])).toEqual({
      Option: OPTION_LABELS[k],
      'Total time': formatDuration(plan.totalS),
      Downtime: formatDuration(plan.precopy.downtimeS),
      Rounds: String(plan.precopy.rounds.length),
      'Data sent': formatBytes(plan.wireBytes),
      'CPU used': formatCpu(plan.cpuCoreSeconds),
    });
    const row = await inventoryRow(page, `SQL01 (${OPTION_LABELS[k]})`);
    expect(row).toMatchObject({ State: 'Running', Host: 'HV-B' });
  }
  // Results follow the poster's recommendation for the link speed.
  const followed = guidanceFor(defaults.linkGbps, true);
  await expect(figure(page, 'Option')).toHaveText(OPTION_LABELS[followed]);
  await expect(figure(page, 'Total time')).toHaveText(
    formatDuration(planOption(defaults, followed).totalS),
  );
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText('Fastest to finish');
});

test('steps forward milestone by milestone, all lanes on one timeline', async ({
  guarded: page,
}) => {
  await page.goto(PANEL);
  await expect(currentStep(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Connect and create the VM shell');
  await page.getByRole('button', { name: 'Step forward' }).click();
  const first = Math.min(...OPTION_KINDS.map((k) => planOption(defaults, k).setupS));
  await expect(currentStep(page)).toContainText('Connect and create the VM shell');
  // The first milestone of any lane: the fastest lane's connection is done.
  await expect
    .poll(async () => Number(await page.getByRole('slider', { name: 'Timeline' }).inputValue()))
    .toBeCloseTo(first, 2);
  for (let i = 0; i < 4; i += 1) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Copy the memory');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'All four migrated' }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(figure(page, 'Total time')).toHaveText('0 ms');
});

test('a network cut between the fastest and slowest finish: each lane takes its own outcome', async ({
  guarded: page,
}) => {
  const totals = OPTION_KINDS.map((k) => planOption(defaults, k).totalS);
  const t = (Math.min(...totals) + Math.max(...totals)) / 2;
  await page.goto(`${PANEL}?t=${t.toFixed(2)}`);
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveValue(
    String(Number(t.toFixed(2))),
  );
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Cut migration network' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'not every option migrated' }).first(),
  ).toBeVisible();
  for (const [i, k] of OPTION_KINDS.entries()) {
    const row = await inventoryRow(page, `SQL01 (${OPTION_LABELS[k]})`);
    // Finished before the cut: stays on the destination. Still copying: rolled back to the source.
    expect(row).toMatchObject({
      State: 'Running',
      Host: (totals[i] as number) <= t ? 'HV-B' : 'HV-A',
    });
  }
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'Live migration network cut: the same moment in all four runs',
  );
});

test('refuses SMB Direct without RDMA adapters, naming the requirement', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?rdma=0`);
  await expect(page.getByLabel(/RDMA-capable adapters/)).not.toBeChecked();
  await page.getByLabel('Results follow').selectOption('smb-direct');
  await page.getByRole('button', { name: 'Start live migrations' }).click();
  await expect(page.getByRole('region', { name: 'Results' })).toContainText(
    'SMB Direct needs RDMA-capable network adapters',
  );
  await page.getByRole('button', { name: 'Skip to end' }).click();
  expect(await inventoryRow(page, 'SQL01 (SMB Direct)')).toMatchObject({
    State: 'Running',
    Host: 'HV-A',
  });
  expect(await inventoryRow(page, 'SQL01 (TCP/IP)')).toMatchObject({ Host: 'HV-B' });
});

test('opens a deep link with parameters at a moment; at 25 Gb/s the guidance is SMB Direct', async ({
  guarded: page,
}) => {
  const p = { ...defaults, linkGbps: 25, nics: 4, memoryMiB: 8192 };
  const t = planOption(p, 'smb-direct').totalS / 2;
  await page.goto(`${PANEL}?linkGbps=25&nics=4&memoryMiB=8192&t=${t.toFixed(2)}`);
  await expect(page.getByLabel(/Link speed/)).toHaveValue('25');
  await expect(page.getByLabel(/Adapters/)).toHaveValue('4');
  await expect(figure(page, 'Option')).toHaveText('SMB Direct');
  await expect(figure(page, 'Total time')).toHaveText(formatDuration(Number(t.toFixed(2))));
  await expect(page.getByRole('img', { name: /Total time against link speed/ })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'The poster\u2019s guidance' })
      .or(page.getByText(/the poster recommends/))
      .first(),
  ).toContainText('SMB Direct');
  await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
    'Move-VM -Name "SQL01"',
  );
});
