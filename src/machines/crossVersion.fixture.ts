/** Inputs for the cross-version machine: the builders live in the model (model/inputs.ts). */
export { crossVersionInput, defaultCrossVersionParams } from '../model/inputs';
