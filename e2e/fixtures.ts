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
