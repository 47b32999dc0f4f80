/** Test-only helpers for the faster live migration model. */
import {
  type ComparisonParams,
  OPTION_KINDS,
  type OptionKind,
  planOption,
} from './fasterLiveMigration';
import type { LiveMigrationPlan } from './liveMigration';

/** Every option's plan for the same parameters. */
export function planAll(p: ComparisonParams): Record<OptionKind, LiveMigrationPlan> {
  return Object.fromEntries(OPTION_KINDS.map((k) => [k, planOption(p, k)])) as Record<
    OptionKind,
    LiveMigrationPlan
  >;
}
