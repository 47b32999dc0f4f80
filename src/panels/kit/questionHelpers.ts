/**
 * Helpers for a panel's `questions.ts`: answers read from the run (where a VM runs in the world
 * at the end, a figure of the panel's own Results) so an answer is always what the panel then
 * shows, for the parameters of this run.
 */
import { activeInstance, type World } from '../../model/world';
import type { QuestionOption } from './quiz';

/** A `choice` answer meaning "the VM runs nowhere". */
export const OFF = 'off';

/** Where a VM executes (running, paused or starting) in a world: its host's id, or `OFF`. */
export function whereRuns(world: World, vm: string): string {
  return activeInstance(world, vm)?.host ?? OFF;
}

/** A host's (or VM's) name in the world. */
export function nameIn(world: World, id: string): string {
  return world.hosts[id]?.name ?? world.vms[id]?.name ?? id;
}

/** Options naming hosts (by their names in the world), then "Nowhere: it is off". */
export function hostChoices(
  world: World,
  hosts: readonly string[],
  offLabel = 'Nowhere: it is off',
): QuestionOption[] {
  return [
    ...hosts.map((h) => ({ value: h, label: `On ${nameIn(world, h)}` })),
    { value: OFF, label: offLabel },
  ];
}

/** Yes / No options. */
export const YES_NO: readonly QuestionOption[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

export const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

interface FiguresLike {
  figures: readonly { label: string; value: string }[];
}

/** A Results figure's shown value, by its label (throws if the panel has no such figure). */
export function figureValue(results: FiguresLike, label: string): string {
  const f = results.figures.find((x) => x.label === label);
  if (!f) throw new Error(`no Results figure "${label}"`);
  return f.value;
}

/** The first number in a Results figure ("1,024" -> 1024, "3 of 50" -> 3). */
export function figureCount(results: FiguresLike, label: string): number {
  const m = figureValue(results, label)
    .replace(/,/g, '')
    .match(/-?\d+(\.\d+)?/);
  if (!m) throw new Error(`Results figure "${label}" holds no number`);
  return Number(m[0]);
}

const TIME_UNITS: Record<string, number> = { ms: 0.001, s: 1, min: 60, h: 3600 };

/** A duration figure in seconds ("275 ms" -> 0.275, "1 min 31 s" -> 91). */
export function figureSeconds(results: FiguresLike, label: string): number {
  const parts = [...figureValue(results, label).matchAll(/(\d+(?:\.\d+)?)\s*(ms|min|s|h)\b/g)];
  if (parts.length === 0) throw new Error(`Results figure "${label}" is not a duration`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * (TIME_UNITS[p[2] as string] ?? 1), 0);
}

const BYTE_UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** A byte-count figure in bytes ("10.6 GB" -> 1.06e10). */
export function figureBytes(results: FiguresLike, label: string): number {
  const m = figureValue(results, label)
    .replace(/,/g, '')
    .match(/(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)\b/);
  if (!m) throw new Error(`Results figure "${label}" is not a byte count`);
  return Number(m[1]) * (BYTE_UNITS[m[2] as string] ?? 1);
}

/**
 * A number question's answer fields: in `unit`, shown to one decimal, right within `tolerance`
 * (spread into the question: `...toOneDecimal('s', { rel: 0.1 })`).
 */
export function toOneDecimal(
  unit: string,
  tolerance: { abs?: number; rel?: number },
): { kind: 'number'; unit: string; decimals: number; tolerance: { abs?: number; rel?: number } } {
  return { kind: 'number', unit, decimals: 1, tolerance };
}
