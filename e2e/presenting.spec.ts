/**
 * Presenting, touring and checking yourself (CONTRACT.md), through the accessible names: presenter
 * mode and its clicker keys, "Fit run to", the speaker notes in a second window, tours, the
 * self-check, exports and the handout, and presenting with the network gone.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { currentStep, expect, test } from './fixtures';

const LM = '/#/mobility/live-migration-2008r2';

/** The narration live region (the first status on the page). */
const status = (page: Page) => page.getByRole('status').first();

async function noAxeViolations(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

test.describe('presenter mode', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('Present, clicker keys, black out, readable text, a steady layout, Escape leaves', async ({
    guarded: page,
  }) => {
    await page.goto(LM);
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page).toHaveURL(/present=1/);
    const picture = page.locator('.presenter-picture');
    await expect(picture).toBeVisible();
    // Nothing outside the picture below 20 px at 1920x1080.
    const smallest = await page.evaluate(() => {
      let min = Number.POSITIVE_INFINITY;
      for (const el of document.querySelectorAll('.presenter *')) {
        if (el.closest('.presenter-picture') || el.closest('.visually-hidden')) continue;
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
        if (own && (el as HTMLElement).offsetParent !== null)
          min = Math.min(min, Number.parseFloat(getComputedStyle(el).fontSize));
      }
      return min;
    });
    expect(smallest).toBeGreaterThanOrEqual(20);

    const before = await picture.boundingBox();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(status(page)).toContainText('Step 2');
    await page.keyboard.press('PageDown');
    await expect(status(page)).toContainText('Step 3');
    expect(await picture.boundingBox()).toEqual(before);
    await page.keyboard.press('PageUp');
    await expect(status(page)).toContainText('Step 2');

    // Keys typed into a control stay there: PageDown in "Fit run to" does not step.
    await page.getByRole('combobox', { name: 'Fit run to' }).focus();
    await page.keyboard.press('PageDown');
    await expect(status(page)).toContainText('Step 2');
    await page.locator('body').click({ position: { x: 5, y: 5 } });

    await page.keyboard.press('b');
    await expect(page.getByRole('button', { name: /Screen blacked out/ })).toBeVisible();
    await page.keyboard.press('b');
    await expect(page.getByRole('button', { name: /Screen blacked out/ })).toHaveCount(0);
    await page.keyboard.press('f'); // full screen may be refused headless: nothing breaks

    await noAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(page).not.toHaveURL(/present=1/);
    await expect(page.getByRole('button', { name: 'Present' })).toBeVisible();
    await expect(currentStep(page)).toContainText('Copy the memory');
  });

  test('"Fit run to 60 s" plays the 7-minute shared-nothing run in a minute', async ({
    guarded: page,
  }) => {
    await page.goto('/#/mobility/shared-nothing?present=1');
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    const text = (await timeline.getAttribute('aria-valuetext')) ?? '';
    const endT = Number(/of ([\d.]+) s/.exec(text)?.[1]);
    expect(endT).toBeGreaterThan(360);
    await page.getByRole('combobox', { name: 'Fit run to' }).selectOption({ label: '60 s' });
    const speed = Number((endT / 60).toFixed(2));
    await expect(page.getByRole('slider', { name: 'Speed' })).toHaveAttribute(
      'aria-valuetext',
      `${speed}x`,
    );
    await expect(page).toHaveURL(new RegExp(`speed=${(endT / 60).toFixed(1)}`));
  });

  test('the speaker notes follow the presenting window in a second window', async ({
    guarded: page,
  }) => {
    await page.goto(`${LM}?present=1`);
    await expect(status(page)).toContainText('Ready to migrate');
    const [notes] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Open speaker notes' }).click(),
    ]);
    const region = notes.getByRole('region', { name: 'Speaker notes' });
    await expect(region).toContainText('Ready to migrate');
    await expect(region).toContainText('Next: Step 1: Connect');
    await expect(region).toContainText('Talking points');
    await expect(region).toContainText('Elapsed');
    await page.bringToFront();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(region).toContainText('Step 2: Copy the memory');
    await expect(region).toContainText('Next: Step 3');
    await expect(region).toContainText('Source: Windows Server 2008 R2 SP1 poster notes');
    await noAxeViolations(notes);
  });
});

test.describe('tours', () => {
  test('listed on the overview; a stop, Next and Previous stop, clicker to the next stop', async ({
    guarded: page,
  }) => {
    await page.goto('/#/');
    await page.getByRole('link', { name: 'Live migration in ten minutes' }).click();
    const tour = page.getByRole('region', { name: 'Tour' });
    await expect(tour).toContainText('Live migration in ten minutes');
    await expect(tour).toContainText('Stop 1 of 5');
    await expect(currentStep(page)).toContainText('Copy the memory');
    await noAxeViolations(page);
    await page.getByRole('button', { name: 'Next stop' }).click();
    await expect(tour).toContainText('Stop 2 of 5');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/failover cluster/);
    await page.getByRole('button', { name: 'Previous stop' }).click();
    await expect(page).toHaveURL(/#\/tour\/live-migration\/1$/);

    // Presenting a tour: PageDown at the end of a stop's run moves on to the next stop.
    await page.goto('/#/tour/what-can-go-wrong/1?present=1');
    await expect(page.getByRole('region', { name: 'Tour' })).toContainText('Stop 1 of 7');
    await page.keyboard.press('PageDown');
    await expect(page).toHaveURL(/#\/tour\/what-can-go-wrong\/2\?present=1$/);
    await expect(page.getByRole('region', { name: 'Tour' })).toContainText('Stop 2 of 7');

    await page.goto('/#/tours');
    await expect(page.getByRole('heading', { name: 'Tours', level: 1 })).toBeVisible();
    await page.goto('/#/tour/live-migration/9');
    await expect(page.getByText('has stops 1 to 5; there is no stop "9"')).toBeVisible();
    await page.goto('/#/tour/no-such-tour');
    await expect(page.getByText('There is no tour named "no-such-tour"')).toBeVisible();
    await page.getByRole('link', { name: 'See every tour' }).click();
    await expect(page).toHaveURL(/#\/tours$/);
  });
});

test.describe('self-check', () => {
  test.use({ questions: true });

  test('a playing run stops for a question; answer, explanation, Continue; progress kept', async ({
    guarded: page,
  }) => {
    // A corrupt progress record is ignored without a word.
    await page.goto('/#/');
    await page.evaluate(() => localStorage.setItem('hyperv-poster-selfcheck/v1', '{not json'));
    await page.goto('/#/storage/qos?speed=64');
    await page.getByRole('button', { name: 'Play' }).click();
    const check = page.getByRole('region', { name: 'Check yourself' });
    await expect(check).toContainText('How many normalized I/Os');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    // Never a modal: the rest of the page works with the question open.
    await page.getByRole('button', { name: 'Hide statechart' }).click();
    await page.getByRole('button', { name: 'Show statechart' }).click();
    await check.getByRole('spinbutton', { name: /Your answer/ }).fill('8');
    await check.getByRole('button', { name: 'Check answer' }).click();
    await expect(check.getByRole('status')).toContainText('The answer is 8 normalized I/Os');
    await expect(check).toContainText(/step 2/i);
    await noAxeViolations(page);
    await check.getByRole('button', { name: 'Continue' }).click();
    // The run plays on to the next question; Skip to end skips it.
    await expect(check).toContainText('Will the host hold some of its I/O back?');
    await page.getByRole('button', { name: 'Skip to end' }).click();
    await expect(page.getByRole('region', { name: 'Check yourself' })).toHaveCount(0);
    await expect(status(page)).toContainText('Settled');

    await page.goto('/#/');
    await expect(page.getByRole('region', { name: 'Self-check' })).toContainText(
      /1 of \d+ questions answered \(1 right\)/,
      { timeout: 20_000 },
    );

    // ?quiz=0 (a presenter's link) asks nothing.
    await page.goto('/#/storage/qos?speed=64&quiz=0');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(status(page)).toContainText('Settled', { timeout: 10_000 });
    await expect(page.getByRole('region', { name: 'Check yourself' })).toHaveCount(0);
    await page.goto('/#/storage/qos?quiz=maybe');
    await expect(page.getByRole('alert')).toContainText('quiz must be 0 or 1');
  });
});

test.describe('export and handout', () => {
  test('Export SVG parses, Export PNG decodes, Print handout lists every step', async ({
    guarded: page,
  }) => {
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.goto(LM);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(currentStep(page)).toContainText('Copy the memory');

    const [svgFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export SVG' }).click(),
    ]);
    expect(svgFile.suggestedFilename()).toMatch(/\.svg$/);
    const svg = readFileSync((await svgFile.path()) as string, 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.localName,
        text: doc.documentElement.textContent ?? '',
        images: doc.getElementsByTagName('image').length,
      };
    }, svg);
    expect(parsed).toMatchObject({ error: 0, root: 'svg' });
    expect(parsed.text).toContain('Step 2: Copy the memory');
    expect(parsed.text).toContain('VM memory 2048 MiB');
    expect(parsed.text).toContain('Source: Windows Server 2008 R2 SP1 poster notes');
    expect(parsed.images).toBeGreaterThan(0); // the memory grid's canvas

    const [pngFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    const png = readFileSync((await pngFile.path()) as string).toString('base64');
    const size = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      return { width: bmp.width, height: bmp.height };
    }, png);
    expect(size.width).toBeGreaterThan(600);
    expect(size.height).toBeGreaterThan(400);

    await page.getByRole('button', { name: 'Print handout' }).click();
    await expect(page).toHaveURL(/handout=1/);
    await expect(page.getByRole('heading', { name: /^Handout:/ })).toBeVisible();
    const steps = page.locator('.handout-step');
    await expect(steps.first()).toBeVisible();
    expect(await steps.count()).toBeGreaterThanOrEqual(6);
    await expect(page.getByRole('region', { name: 'PowerShell' })).toContainText(
      'Move-ClusterVirtualMachineRole',
    );
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
      .toBe(1);
    await page.getByRole('button', { name: 'Back to the panel' }).click();
    await expect(page.getByRole('button', { name: 'Present' })).toBeVisible();
  });
});

test('offline after one visit: the app reloads and presents a panel with no network', async ({
  guarded: page,
  context,
}) => {
  test.setTimeout(60_000);
  await page.goto('/#/mobility/shared-nothing');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // The service worker has precached the whole app and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r));
  });
  await context.setOffline(true);
  try {
    await page.reload();
    // A panel whose chunk this page never loaded, in presenter mode.
    await page.goto('/#/mobility/cluster?present=1');
    await expect(status(page)).toContainText('Ready to migrate');
    await page.keyboard.press('PageDown');
    await expect(status(page)).toContainText('Step 1');
  } finally {
    await context.setOffline(false);
  }
});
