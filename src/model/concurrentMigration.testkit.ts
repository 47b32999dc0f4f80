/** Test-only checks of a concurrent plan (the invariants its tests assert). */
import { type ConcurrentPlan, runningAt } from './concurrentMigration';

/** Migrations running at `t` (for the invariant: never more than the limit). */
export function runningCountAt(plan: ConcurrentPlan, t: number): number {
  return runningAt(plan.lanes, t).length;
}

/** Sum of the bandwidth shares of the migrations running at `t` (never above 1). */
export function linkShareAt(plan: ConcurrentPlan, t: number): number {
  return runningAt(plan.lanes, t).reduce((s, l) => s + 1 / l.sharers, 0);
}
