/** Inputs for the cluster migration machine: the builders live in the model (model/inputs.ts). */
export {
  type ClusterInputOptions,
  clusterDefaultParams,
  clusterInput,
} from '../model/inputs';
