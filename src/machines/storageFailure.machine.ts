/**
 * Storage failure detection (CATALOG 5, seed 000, Windows Server 2012 R2): a VM's boot or data
 * disk stops answering from its node, also on storage the cluster does not manage (an SMB 3
 * share). Covers VHD and VHDX, differencing disks, IDE and SCSI, checkpoints.
 *   1 the VMs run, their disks on the share; the chosen VM's disk fails at the end of the step
 *     (or when "Fail VM storage" is injected): the VM pauses (Paused-Critical);
 *   2 the cluster detects it (the VM resource's health check);
 *   3 it turns the VM off on its node and restarts it on another node (a cold boot).
 * No other VM is touched. "Fail VM storage" again hits the VM named if it runs, else the next VM
 * that runs; a VM that would fail over more than n-1 times is left failed (event 1254).
 */
import { STORAGE_FAULTS } from './availability';
import { vmHealthFailureMachine } from './vmHealthFailure';

export { STORAGE_FAULTS };

export const storageFailureMachine = vmHealthFailureMachine('storage', {
  running: {
    step: 1,
    title: 'VMs run from the file share',
    narration:
      'Every VM runs on its node with its virtual hard disks on an SMB 3 share, storage the failover cluster does not manage. The VM chosen in the settings loses its disk at the end of this step; inject \u201cFail VM storage\u201d to fail it now.',
    source: '000',
  },
  detecting: {
    step: 2,
    title: 'Detect the storage failure',
    narration:
      'The VM\u2019s boot or data disk stops answering from its node, and Hyper-V pauses the VM (Paused-Critical). Windows Server 2012 R2 detects this even on storage the cluster does not manage: VHD and VHDX, differencing disks, IDE and SCSI, checkpoints.',
    source: '000',
  },
  restarting: {
    step: 3,
    title: 'Restart the VM on another node',
    narration:
      'The cluster turns the VM off on its node and restarts it on another node, the one with the most free memory that holds it: a cold boot, not a live migration. No other VM is touched, not even those on the same node.',
    source: '000',
  },
});

export type StorageFailureMachine = typeof storageFailureMachine;
