/** What the availability panels' self-check questions read: the shared results at a moment. */
import type { AvailContext } from '../../machines/availability';
import { type AvailView, results as availResults } from './selectors';

/** The panel's Results at this view (every availability panel shares them). */
export const resultsOf = (v: unknown) => availResults(v as AvailView);

/** The machine's context at this view. */
export const contextOf = (v: { snapshot: unknown }) =>
  (v.snapshot as { context: AvailContext }).context;

/** The node (node failure) or VM (storage, network failure) the fault aims at, by name. */
export function targetName(v: { snapshot: unknown }): string {
  const c = contextOf(v);
  const list = c.kind === 'node' ? c.spec.nodes : c.spec.vms;
  return list[c.target]?.name ?? 'it';
}
