/** Words the inventory tables share. */
import type { VmInstance } from '../../model/world';

/** The inventory's words for a VM instance's status. */
export const STATUS_TEXT: Record<VmInstance['status'], string> = {
  running: 'Running',
  paused: 'Paused',
  starting: 'Starting',
  off: 'Off',
  shell: 'Shell',
};
