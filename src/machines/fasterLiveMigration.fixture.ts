/** Inputs for the faster live migration machine: the builders live in the model (model/inputs.ts). */
export {
  defaultComparisonParams,
  fasterLiveMigrationInput,
  type HardwareOptions,
} from '../model/inputs';
