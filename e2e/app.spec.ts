import AxeBuilder from '@axe-core/playwright';
import { expect, PANEL, test } from './fixtures';

test('the overview links every built panel with a live thumbnail', async ({ guarded: page }) => {
  await page.goto('/#/');
  await expect(page).toHaveTitle('Hyper-V Poster, live');
  const link = page.getByRole('link', { name: /Live migration \(Windows Server 2008 R2\)/ });
  await expect(link).toBeVisible();
  await expect(page.locator('.thumb svg').first()).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/#\/mobility\/live-migration-2008r2$/);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('an unknown route shows a not-found page with a way back', async ({ guarded: page }) => {
  await page.goto('/#/no/such/panel');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText('/no/such/panel')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the poster overview' }).click();
  await expect(page.getByRole('heading', { name: 'Hyper-V Poster, live', level: 1 })).toBeVisible();
});

test('the panel loads under the strict CSP with no violations', async ({ guarded: page }) => {
  const response = await page.goto(`${PANEL}?speed=64`);
  expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Migrated' }).first()).toBeVisible({
    timeout: 15_000,
  });
});

for (const motion of ['no-preference', 'reduce'] as const) {
  test(`the overview has no accessibility violations (motion: ${motion})`, async ({
    guarded: page,
  }) => {
    await page.emulateMedia({ reducedMotion: motion });
    await page.goto('/#/');
    await expect(
      page.getByRole('link', { name: /Live migration \(Windows Server 2008 R2\)/ }),
    ).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
}
