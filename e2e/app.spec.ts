import AxeBuilder from '@axe-core/playwright';
import { METAS } from '../src/panels/registry';
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

test('a deep link asks for the chunks every panel shares and its own once the page has painted', async ({
  guarded: page,
}) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(PANEL);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // The links the built page itself carries (the app adds more at run time for lazy chunks).
  const html = await (await page.request.get('/')).text();
  const hrefs = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  expect(hrefs.length).toBeGreaterThan(0);
  // Each preloaded chunk is one the panel really uses (it was fetched), and it is not the entry.
  const entry = await page.locator('script[type="module"]').getAttribute('src');
  for (const href of hrefs) {
    expect(requested).toContain(href);
    expect(href.endsWith(entry?.replace('./', '/') ?? '')).toBe(false);
  }
  // The page also names each panel's own chunks (#panel-chunks, read by the inline first-paint script): the
  // deep-linked panel's list is asked for from the HTML, beside the shell's script.
  const json = /<script type="application\/json" id="panel-chunks">([^<]*)<\/script>/.exec(html);
  const lists = JSON.parse(json?.[1] ?? '{}') as Record<string, string[]>;
  const route = new URL(PANEL, 'http://x').hash.slice(1).split('?')[0] as string;
  const own = lists[route] ?? [];
  expect(own.some((f) => f.endsWith('.js'))).toBe(true);
  const linked = await page
    .locator('link[rel="modulepreload"], link[rel="preload"][as="style"]')
    .evaluateAll((links) => links.map((l) => l.getAttribute('href')));
  for (const file of own) {
    expect(linked).toContain(file);
    expect(requested).toContain(file.slice(1));
  }
});

test('an unknown route shows a not-found page with a way back', async ({ guarded: page }) => {
  await page.goto('/#/no/such/panel');
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText('/no/such/panel')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the poster overview' }).click();
  await expect(page.getByRole('heading', { name: 'Hyper-V Poster, live', level: 1 })).toBeVisible();
});

test('a deep link shows its title and summary from the HTML alone, before the app has run', async ({
  page,
}) => {
  const meta = METAS.find((m) => `/#${m.route}` === PANEL);
  if (!meta) throw new Error(`no panel at ${PANEL}`);
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspSeen: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
  });
  // The app's own script never arrives: what shows is the page's inline first-paint script's.
  await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
  await page.goto(PANEL);
  await expect(page.getByRole('heading', { level: 1, name: meta.title })).toBeVisible();
  await expect(page.getByText(meta.summary, { exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(meta.section);
  expect(await page.evaluate(() => (window as unknown as { cspSeen: string[] }).cspSeen)).toEqual(
    [],
  );
});

test('the app takes the first paint’s place: one title and summary, then the panel', async ({
  guarded: page,
}) => {
  const meta = METAS.find((m) => `/#${m.route}` === PANEL);
  if (!meta) throw new Error(`no panel at ${PANEL}`);
  await page.goto(PANEL);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.locator('#first-paint')).toHaveCount(0); // removed a second after the app ran
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(meta.title);
  await expect(page.getByText(meta.summary, { exact: true })).toHaveCount(1);
  // Presenter mode has no summary: the first paint leaves it to the app.
  await page.goto(`${PANEL}?present=1`);
  await expect(page.getByText(meta.summary, { exact: true })).toBeHidden();
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

test('parts loaded on first use bring their styles (the statechart is drawn, not black boxes)', async ({
  guarded: page,
}) => {
  await page.goto('/#/storage/qos');
  const box = page.locator('.scn-sc-node-box').first();
  await box.scrollIntoViewIfNeeded();
  await expect(box).toBeVisible();
  const fill = await box.evaluate((el) => getComputedStyle(el).fill);
  expect(fill).not.toBe('rgb(0, 0, 0)');
});
