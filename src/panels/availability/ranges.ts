/** The availability panels' own range for `vms` (small and eager: the panels' meta reads it). */
import type { ParamRanges } from '../../model/parameters';

/** `vms` on these panels: up to 8,000 (CONTRACT: its range is per panel), 16 by default. */
export const AVAIL_RANGES: ParamRanges = {
  vms: {
    max: 8000,
    default: 16,
    description:
      'clustered VMs in all (at most 1,024 per node; more than that is refused, naming the limit)',
  },
};
