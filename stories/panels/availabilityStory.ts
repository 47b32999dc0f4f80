/** Helpers for the availability panels' stories: the Cluster summary's figures as numbers. */
import { expect, within } from 'storybook/test';

/** The Cluster summary's figure after a `dt` (the first number in its `dd`). */
export function summaryFigure(el: HTMLElement, label: string): number {
  const region = within(el).getByRole('region', { name: 'Cluster summary' });
  const dt = [...region.querySelectorAll('dt')].find((d) => d.textContent === label);
  return Number((dt?.nextElementSibling?.textContent ?? '').replace(/,/g, '').split(' ')[0]);
}

/** VMs running, starting and off add up to `vms`. */
export async function expectSummaryAddsUp(el: HTMLElement, vms: number) {
  const sum = ['VMs running', 'VMs starting', 'VMs off']
    .map((l) => summaryFigure(el, l))
    .reduce((a, b) => a + b, 0);
  await expect(sum).toBe(vms);
}

/** A Results figure's value (the first `dd` after its `dt`). */
export function resultFigure(el: HTMLElement, label: string): string {
  const region = within(el).getByRole('region', { name: 'Results' });
  const dt = [...region.querySelectorAll('dt')].find((d) => d.textContent === label);
  return dt?.nextElementSibling?.textContent ?? '';
}
