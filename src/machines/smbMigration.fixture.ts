/** Inputs for the SMB live migration machine: the builders live in the model (model/inputs.ts). */
export {
  SMB_DEFAULT_SELECTION,
  type SmbInputOptions,
  smbDefaultParams,
  smbInput,
} from '../model/inputs';
