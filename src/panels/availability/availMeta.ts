/**
 * What the three availability panels' metas share (small and eager: the registry reads them): the
 * section, the catalog number, the start button, the range of `vms`, and their moments (the
 * cluster runs in step 1, the panel's fault leads to a detection step, the end is "Recovered").
 */
import type { NumericParamName, ParamRanges } from '../../model/parameters';
import { faultAfterStepOne, type PanelMeta, type StepOneFault } from '../kit/definition';

/** `vms` on these panels: up to 8,000 (CONTRACT: its range is per panel), 16 by default. */
export const AVAIL_RANGES: ParamRanges = {
  vms: {
    max: 8000,
    default: 16,
    description:
      'clustered VMs in all (at most 1,024 per node; more than that is refused, naming the limit)',
  },
};

/** An availability panel's own words: its title, prose, parameters and the steps its fault meets. */
export interface AvailMetaSpec extends Omit<StepOneFault, 'done'> {
  title: string;
  summary: string;
  scenarioParams: readonly NumericParamName[];
  talkingPoints: readonly string[];
}

/** The meta of the availability panel at `/availability/<slug>`: its run ends "Recovered". */
export function availMeta(slug: string, m: AvailMetaSpec): PanelMeta {
  return {
    route: `/availability/${slug}`,
    title: m.title,
    section: 'Availability',
    catalog: '5',
    summary: m.summary,
    scenarioParams: m.scenarioParams,
    ranges: AVAIL_RANGES,
    startLabel: 'Start cluster',
    talkingPoints: m.talkingPoints,
    moments: faultAfterStepOne({
      running: m.running,
      fault: m.fault,
      leadsTo: m.leadsTo,
      done: 'Recovered',
    }),
  };
}
