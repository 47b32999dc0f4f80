/**
 * Shared e2e fixtures: every test fails on a console error, an uncaught page error or a
 * Content-Security-Policy violation, checked after the test body ran.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { questionsOff } from '../scripts/quiz-off.mjs';

declare global {
  interface Window {
    __cspViolations: string[];
  }
}

export const test = base.extend<{ guarded: Page; questions: boolean }>({
  /**
   * Whether the self-check questions are on. A question pauses a playing run, so specs that play
   * a run to its end open with them off, as a reader who switched them off; the self-check spec
   * turns them on with `test.use({ questions: true })`.
   */
  questions: [false, { option: true }],
  guarded: async ({ page, questions }, use) => {
    if (!questions) await questionsOff(page);
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    await use(page);
    const csp = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    expect([...problems, ...csp.map((c) => `csp: ${c}`)]).toEqual([]);
  },
});

export { expect };

export const PANEL = '/#/mobility/live-migration-2008r2';

/** The Results figure with this label. */
export function figure(page: Page, label: string) {
  return page
    .getByRole('region', { name: 'Results' })
    .locator('dt', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** The inventory row of a VM, as cell texts keyed by column header. */
export async function inventoryRow(page: Page, vm: string): Promise<Record<string, string>> {
  const table = page.getByRole('table', { name: 'Inventory' });
  const headers = await table.locator('thead th').allTextContents();
  const cells = await table
    .locator('tbody tr', { hasText: vm })
    .first()
    .locator('th, td')
    .allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
}

export function currentStep(page: Page) {
  return page.getByRole('region', { name: 'Steps' }).locator('[aria-current="step"]');
}

/**
 * The presenter's picture as read from the back of a room: every text in it smaller on screen
 * than 20 px at 1080p (scaled to the stage's height), and every two texts that overlap.
 * Both lists are empty when the stage reads well.
 */
export function stageTextProblems(page: Page): Promise<{ small: string[]; overlaps: string[] }> {
  return page.evaluate(() => {
    const stage = document.querySelector('.presenter-box');
    const outer = document.querySelector('.presenter-picture');
    const inner = document.querySelector<HTMLElement>('.presenter-picture-inner');
    if (!stage || !outer || !inner) return { small: ['no presenter picture'], overlaps: [] };
    const min = (20 * stage.getBoundingClientRect().height) / 1080 - 0.05;
    const scale = inner.getBoundingClientRect().width / inner.offsetWidth;
    const small: string[] = [];
    const boxes: [DOMRect, string][] = [];
    const name = (s: string | null | undefined) => (s ?? '').trim().slice(0, 30);
    for (const t of outer.querySelectorAll('text')) {
      const box = t.getBoundingClientRect();
      const m = t.getScreenCTM();
      if (!t.textContent?.trim() || box.width === 0 || !m) continue;
      const px = Number.parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      if (px < min) small.push(`${name(t.textContent)} (${px.toFixed(1)} px)`);
      boxes.push([box, name(t.textContent)]);
    }
    const walk = document.createTreeWalker(inner, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('svg, .visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (rects.length === 0) continue;
      const px = Number.parseFloat(getComputedStyle(el).fontSize) * scale;
      if (px < min) small.push(`${name(n.textContent)} (${px.toFixed(1)} px)`);
      for (const r of rects) boxes.push([r, name(n.textContent)]);
    }
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, an] = boxes[i] as [DOMRect, string];
        const [b, bn] = boxes[j] as [DOMRect, string];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        const least = Math.min(a.width * a.height, b.width * b.height);
        if (w > 2 && h > 4 && w * h > 0.1 * least) overlaps.push(`${an} / ${bn}`);
      }
    return { small, overlaps };
  });
}
