/**
 * Generated from the registry: for every panel, its named moments reached as a user would, the
 * CONTRACT names, each moment on the presenter's stage (readable, nothing overlapping), axe with
 * and without reduced motion (mid-step with the fault menu open, and at the end), its summary as
 * the largest paint on a phone, and a bad URL parameter. A new panel gets
 * these from its `meta.ts` with nothing written here.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { buildHash } from '../src/app/url';
import { specOf } from '../src/model/parameters';
import { MOMENT_NAMES, type Moment, type PanelMeta } from '../src/panels/kit/definition';
import { METAS } from '../src/panels/registry';
import { currentStep, expect, stageTextProblems, test } from './fixtures';

/**
 * The moment on the presenter's stage at 1920x1080: the picture's text is readable (20 px or
 * more) and no two texts overlap; Escape comes back to the page at the same moment.
 */
async function readableOnStage(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.locator('.presenter-picture')).toBeVisible();
  await expect.poll(() => stageTextProblems(page)).toEqual({ small: [], overlaps: [] });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Present' })).toBeVisible();
  if (size) await page.setViewportSize(size);
}

/** Open the panel at a moment, as a user reaches it. */
async function reach(page: Page, meta: PanelMeta, m: Moment) {
  // A fresh page each time (the same hash again would keep the run where it is).
  await page.goto('about:blank');
  await page.goto(`/${buildHash(meta.route, m.values ?? {})}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(meta.title);
  // The panel is loaded lazily: its controls are there once its start button is.
  await expect(page.getByRole('button', { name: meta.startLabel })).toBeVisible();
  for (const b of m.press ?? []) await page.getByRole('button', { name: b }).click();
  for (let i = 0; i < (m.forward ?? 0); i++)
    await page.getByRole('button', { name: 'Step forward' }).click();
  if (m.end) await page.getByRole('button', { name: 'Skip to end' }).click();
  if (m.inject) {
    await page.getByRole('button', { name: 'Inject fault' }).click();
    await page.getByRole('menuitem', { name: m.inject, exact: true }).click();
  }
  if (m.status)
    await expect(page.getByRole('status').filter({ hasText: m.status }).first()).toBeVisible();
  if (m.step) await expect(currentStep(page)).toContainText(m.step);
}

for (const meta of METAS) {
  test.describe(meta.title, () => {
    test('its named moments: every CONTRACT name, the presenter’s stage, axe', async ({
      guarded: page,
    }) => {
      // Two full axe passes over an animating page besides the moments: slow on two cores.
      test.setTimeout(90_000);
      for (const name of MOMENT_NAMES) {
        // Mid-step is reached with reduced motion, every other moment with motion on, so axe
        // sees the panel both ways.
        await page.emulateMedia({ reducedMotion: name === 'midStep' ? 'reduce' : 'no-preference' });
        await reach(page, meta, meta.moments[name]);
        for (const button of ['Step forward', 'Step back', 'Restart', 'Skip to end'])
          await expect(page.getByRole('button', { name: button })).toBeVisible();
        await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
        await expect(page.getByRole('slider', { name: 'Speed' })).toBeVisible();
        await expect(
          page.getByRole('region', { name: 'Results' }).locator('dt').first(),
        ).toBeVisible();
        const rows = page.getByRole('table', { name: 'Inventory' }).locator('tbody tr');
        expect(await rows.count()).toBeGreaterThan(0);
        await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText('-');
        if (name === 'midStep') {
          // No accessibility violations with the fault menu open (reduced motion) ...
          await page.getByRole('button', { name: 'Inject fault' }).click();
          await expect(page.getByRole('menu')).toBeVisible();
          expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
          await page.keyboard.press('Escape');
          await expect(page.getByRole('menu')).toHaveCount(0);
        }
        // ... and none at the end of the run (motion on).
        if (name === 'done')
          expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
        await readableOnStage(page);
        if (name === 'done') {
          await expect(page.getByRole('button', { name: 'Play' })).toBeDisabled();
          const log = page.getByRole('list', { name: 'Event log' }).getByRole('listitem');
          expect(await log.count()).toBeGreaterThan(1);
        }
      }
    });

    test('on a phone its largest paint is its summary, not a block the app paints later', async ({
      guarded: page,
    }) => {
      // A larger block painted by the app (the ready narration, say) would become the page's
      // largest contentful paint, seconds later on a phone (Lighthouse's LCP).
      await page.setViewportSize({ width: 412, height: 823 });
      await page.addInitScript(() => {
        const seen: string[] = [];
        Object.assign(window, { __largestPaints: seen });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { element: Element | null })[])
            seen.push(e.element?.className ?? '(gone)');
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      });
      await page.goto(`/#${meta.route}`);
      await expect(page.getByRole('button', { name: meta.startLabel })).toBeVisible();
      await expect(page.getByRole('status').first()).not.toBeEmpty();
      // Two frames more: the panel's first render is painted and reported.
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      const paints = await page.evaluate(
        () => (window as unknown as { __largestPaints: string[] }).__largestPaints,
      );
      expect(paints.length).toBeGreaterThan(0);
      expect(paints.at(-1)).toContain('panel-lede');
    });

    test('a malformed URL parameter is named with its range; the panel keeps working', async ({
      guarded: page,
    }) => {
      const param = meta.scenarioParams[0];
      if (!param) throw new Error(`${meta.route} reads no scenario parameter`);
      const spec = specOf(param, meta.ranges);
      await page.goto(`/#${meta.route}?${param}=lots`);
      const notice = page.getByRole('alert');
      await expect(notice).toContainText(param);
      await expect(notice).toContainText(String(spec.max));
      await expect(page.getByRole('spinbutton', { name: new RegExp(spec.label) })).toHaveValue(
        String(spec.default),
      );
      await page.getByRole('button', { name: 'Skip to end' }).click();
      await expect(page.getByRole('button', { name: 'Play' })).toBeDisabled();
    });
  });
}
