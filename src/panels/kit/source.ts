/**
 * Where each step comes from: the machines' step meta names its seed (`source`, '000'..'003');
 * the narration ends with that poster and the panel's catalog section, so every step says which
 * poster to look it up on.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { SeedId } from '../../machines/step';
import { currentStepMeta } from './steps';

/** The seeds by id (see the seeds' README). */
export const SOURCE_TITLES: Readonly<Record<SeedId, string>> = {
  '000': 'Windows Server 2012 R2 poster',
  '001': 'Hyper-V VM Mobility companion (2012)',
  '002': 'Windows Server 2008 R2 SP1 poster notes',
  '003': 'Windows Server 2012 R2 poster, live migration panel',
};

/** The panel's place in the catalog: its section number and title. */
export interface CatalogPlace {
  catalog: string;
  title: string;
}

/** "Source: Windows Server 2008 R2 SP1 poster notes, section 4.2 (Live migration ...)." */
export function sourceLine(source: SeedId, place: CatalogPlace): string {
  return `Source: ${SOURCE_TITLES[source]}, section ${place.catalog} (${place.title}).`;
}

/** The source line of the step the snapshot is in (undefined outside the poster's steps). */
export function stepSource(s: AnyMachineSnapshot, place: CatalogPlace): string | undefined {
  const meta = currentStepMeta(s);
  return meta ? sourceLine(meta.source, place) : undefined;
}
