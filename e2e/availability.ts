/** Helpers of the availability panels' specs: the Cluster summary, an Inventory row by VM name. */
import type { Page } from '@playwright/test';

/** The Cluster summary's figure (the number in the `dd` after its `dt`, commas dropped). */
export async function summary(page: Page, label: string): Promise<number> {
  const dd = page
    .getByRole('region', { name: 'Cluster summary' })
    .locator('dt', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');
  return Number((await dd.innerText()).replace(/,/g, '').split(' ')[0]);
}

/** Running, starting and off: they add up to every VM. */
export async function summaryTotal(page: Page): Promise<number> {
  let sum = 0;
  for (const l of ['VMs running', 'VMs starting', 'VMs off']) sum += await summary(page, l);
  return sum;
}

/** The Inventory row of exactly this VM (on the page shown), as cell texts by column. */
export async function vmRow(page: Page, vm: string): Promise<Record<string, string>> {
  const table = page.getByRole('table', { name: 'Inventory' });
  const headers = await table.locator('thead th').allTextContents();
  const row = table.getByRole('row').filter({
    has: page.getByRole('rowheader', { name: vm, exact: true }),
  });
  const cells = await row.locator('th, td').allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
}

export async function inject(page: Page, fault: string) {
  await page.getByRole('button', { name: 'Inject fault' }).click();
  await page.getByRole('menuitem', { name: fault, exact: true }).click();
}
