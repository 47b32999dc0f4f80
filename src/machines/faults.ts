/** The faults a move supports, with the accessible names of CONTRACT.md ("Inject fault" menu). */
export const MOVE_FAULTS = [
  { type: 'CUT_NETWORK', label: 'Cut migration network' },
  { type: 'FAIL_SOURCE_HOST', label: 'Fail source host' },
  { type: 'FAIL_DESTINATION_HOST', label: 'Fail destination host' },
  { type: 'FAIL_SOURCE_STORAGE', label: 'Fail source storage' },
  { type: 'FAIL_DESTINATION_STORAGE', label: 'Fail destination storage' },
  { type: 'CANCEL', label: 'Cancel' },
] as const;

export type MoveFaultType = (typeof MOVE_FAULTS)[number]['type'];

export interface FaultOption {
  type: string;
  label: string;
}
