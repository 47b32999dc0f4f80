import type { Page } from '@playwright/test';
import { ONE_TCP_CONNECTION } from '../src/model/inputs';
import { planLiveMigration } from '../src/model/liveMigration';
import { NUMERIC_PARAMS } from '../src/model/parameters';
import { currentStep, expect, figure, inventoryRow, PANEL, test } from './fixtures';

const defaults = ONE_TCP_CONNECTION;

test('plays to the end and reports the figures of the model', async ({ guarded: page }) => {
  const plan = planLiveMigration(defaults);
  await page.goto(`${PANEL}?speed=64`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Live migration/);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 15_000,
  });
  await expect(figure(page, 'Rounds')).toHaveText(String(plan.precopy.rounds.length));
  await expect(figure(page, 'Total time')).toHaveText(`${plan.totalS.toFixed(1)} s`);
  await expect(figure(page, 'Downtime')).toHaveText(
    `${Math.round(plan.precopy.downtimeS * 1000)} ms`,
  );
  await expect(figure(page, 'Data sent')).toHaveText(/GB/);
  const row = await inventoryRow(page, 'SQL01');
  expect(row).toMatchObject({ VM: 'SQL01', State: 'Running', Host: 'HV-B' });
  expect(row.Storage).toMatch(/controlled by HV-B/);
  await expect(page.getByRole('button', { name: 'Play' })).toBeDisabled();
  const log = page.getByRole('list', { name: 'Event log' }).getByRole('listitem');
  await expect(log.last()).toContainText('Migrated');
  // The picture says the same as the table.
  await expect(page.getByRole('img', { name: /SQL01 is running on HV-B/ })).toBeVisible();
});

test('steps forward through the poster steps and back again', async ({ guarded: page }) => {
  await page.goto(PANEL);
  await expect(currentStep(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Connect and create the VM shell');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Copy the memory');
  await expect(page.getByRole('status').filter({ hasText: 'Step 2' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(currentStep(page)).toContainText('Copy the changed pages again');
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(currentStep(page)).toContainText('Copy the memory');
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(currentStep(page)).toContainText('Connect and create the VM shell');
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(currentStep(page)).toContainText('Connect and create the VM shell');
  await expect(figure(page, 'Total time')).toHaveText('0 ms');
});

test('scrubs the timeline to an exact moment and back', async ({ guarded: page }) => {
  const plan = planLiveMigration(defaults);
  await page.goto(PANEL);
  await page.getByRole('button', { name: 'Skip to end' }).click();
  await expect(figure(page, 'Rounds')).toHaveText(String(plan.precopy.rounds.length));
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.fill('10');
  await expect(currentStep(page)).toContainText('Copy the memory');
  await expect(figure(page, 'Total time')).toHaveText('10.0 s');
  await expect(figure(page, 'Rounds')).toHaveText('1');
  expect((await inventoryRow(page, 'SQL01')).Host).toBe('HV-A');
  await timeline.fill(String(plan.totalS));
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible();
  expect((await inventoryRow(page, 'SQL01')).Host).toBe('HV-B');
});

test('opens a deep link with parameters at a moment', async ({ guarded: page }) => {
  const plan = planLiveMigration({ ...defaults, memoryMiB: 4096, linkGbps: 10 });
  const t = plan.setupS + (plan.precopy.rounds[0]?.durationS ?? 0) / 2;
  await page.goto(`${PANEL}?memoryMiB=4096&linkGbps=10&t=${t.toFixed(2)}`);
  await expect(page.getByRole('spinbutton', { name: /VM memory/ })).toHaveValue('4096');
  await expect(page.getByLabel(/Link speed/)).toHaveValue('10');
  await expect(currentStep(page)).toContainText('Copy the memory');
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveValue(
    String(Number(t.toFixed(2))),
  );
  await expect(figure(page, 'Total time')).toHaveText(`${t.toFixed(1)} s`);
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
});

test('cutting the network mid-copy leaves the VM running on the source', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?speed=1`);
  await page.getByRole('button', { name: 'Start live migration' }).click();
  await expect(currentStep(page)).toContainText('Copy the memory', { timeout: 5_000 });
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: 'Cut migration network' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration failed' }).first(),
  ).toBeVisible();
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
  await expect(page.getByRole('region', { name: 'Results' })).toContainText(/cut/);
  await expect(page.getByRole('list', { name: 'Event log' })).toContainText(
    'Live migration network cut',
  );
  await expect(page.getByRole('img', { name: /SQL01 is running on HV-A/ })).toBeVisible();
  // Going back before the fault and playing again replays it: same result.
  await page.getByRole('button', { name: 'Step back' }).click();
  await page.getByRole('button', { name: 'Skip to end' }).click();
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
});

test('a bad parameter is named with its range and the panel uses the default', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?memoryMiB=lots&linkGbps=500&speed=64`);
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('memoryMiB must be a number between 512 and 1048576 MiB');
  await expect(notice).toContainText('linkGbps must be between 0.1 and 100 Gbit/s');
  await expect(page.getByRole('spinbutton', { name: /VM memory/ })).toHaveValue(
    String(NUMERIC_PARAMS.memoryMiB.default),
  );
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 15_000,
  });
});

test('refuses a migration whose requirement fails, naming it', async ({ guarded: page }) => {
  await page.goto(PANEL);
  await page.getByLabel('Processors in HV-B').selectOption('AMD');
  await page.getByRole('button', { name: 'Start live migration' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Migration refused' }).first(),
  ).toContainText('same manufacturer');
  expect(await inventoryRow(page, 'SQL01')).toMatchObject({ State: 'Running', Host: 'HV-A' });
});

test('the in-app motion switch turns movement off without changing the run', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?speed=64`);
  await page.getByLabel('Motion').selectOption('reduce');
  await expect(page.locator('.app')).toHaveClass(/reduced-motion/);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 15_000,
  });
  const plan = planLiveMigration(defaults);
  await expect(figure(page, 'Rounds')).toHaveText(String(plan.precopy.rounds.length));
});

test('keyboard: presenter keys and the fault menu', async ({ guarded: page }) => {
  await page.goto(PANEL);
  // The panel is loaded lazily: its keys work once its controls are there.
  await expect(page.getByRole('button', { name: 'Start live migration' })).toBeVisible();
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(currentStep(page)).toContainText('Copy the memory');
  await page.getByRole('button', { name: 'Inject fault' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Cut migration network' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Inject fault' })).toBeFocused();
});

/** How far the event log's list is from showing its last entry (px), and whether it overflows. */
function logScroll(page: Page) {
  return page.getByRole('list', { name: 'Event log' }).evaluate((list) => ({
    overflows: list.scrollHeight > list.clientHeight,
    fromBottom: list.scrollHeight - list.scrollTop - list.clientHeight,
  }));
}

test('the event log shows its newest entry when scrolled to after a run below the fold', async ({
  guarded: page,
}) => {
  await page.goto(`${PANEL}?speed=64`);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 15_000,
  });
  const list = page.getByRole('list', { name: 'Event log' });
  await list.scrollIntoViewIfNeeded();
  await expect(list.getByRole('listitem').last()).toBeInViewport();
  const { overflows, fromBottom } = await logScroll(page);
  expect(overflows).toBe(true);
  expect(fromBottom).toBeLessThanOrEqual(8);
});

test('the event log follows its newest entry while on screen during a run', async ({
  guarded: page,
}) => {
  await page.setViewportSize({ width: 1280, height: 2400 });
  await page.goto(`${PANEL}?speed=16`);
  const list = page.getByRole('list', { name: 'Event log' });
  await list.scrollIntoViewIfNeeded();
  await expect(list).toBeInViewport();
  await page.getByRole('button', { name: 'Play' }).click();
  // Part way: once it overflows, its newest entry is in view.
  await expect.poll(async () => (await logScroll(page)).overflows, { timeout: 15_000 }).toBe(true);
  await expect(list.getByRole('listitem').last()).toBeInViewport();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 15_000,
  });
  await expect.poll(async () => (await logScroll(page)).fromBottom).toBeLessThanOrEqual(8);
  await expect(list.getByRole('listitem').last()).toContainText('Migrated');
});
