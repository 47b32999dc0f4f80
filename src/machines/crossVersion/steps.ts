/**
 * The poster's steps of the cross-version upgrades (CATALOG 4.8, seed 000): each timed state's step
 * number, title and narration. The live migration's are with its machine (live.machine.ts).
 */
import type { StepMeta } from '../step';

/** A rolling upgrade: each 2012 host drained of its VMs by live migration, then upgraded. */
export const ROLLING_STEPS = {
  migratingVm: {
    step: 1,
    title: 'Drain a 2012 host: live migrate a VM to 2012 R2',
    narration:
      'One of the host\u2019s VMs is live migrated to a Windows Server 2012 R2 host while it runs: memory copied round by round, then a pause too short to notice.',
    source: '000',
  },
  upgradingHost: {
    step: 2,
    title: 'Upgrade the empty host to 2012 R2',
    narration:
      'With no VMs left on it, the host is upgraded to Windows Server 2012 R2. It then takes VMs from the next host to be drained.',
    source: '000',
  },
} as const satisfies Record<string, StepMeta>;

/** An in-place upgrade: the VM's state saved on 2012, the host upgraded, the state restored on 2012 R2. */
export const IN_PLACE_STEPS = {
  saving: {
    step: 1,
    title: 'Save the VM\u2019s state on 2012',
    narration:
      'The VM stops and its memory and device state are written to a saved-state file on the share. From here until the restore, the VM does not run.',
    source: '000',
  },
  upgrading: {
    step: 2,
    title: 'Upgrade the host to 2012 R2',
    narration:
      'The host\u2019s operating system is upgraded in place to Windows Server 2012 R2. The saved state waits on the share.',
    source: '000',
  },
  restoring: {
    step: 3,
    title: 'Restore the saved state on 2012 R2',
    narration:
      'Windows Server 2012 R2 accepts a state saved by 2012: the VM\u2019s memory is read back and it carries on where it stopped.',
    source: '000',
  },
} as const satisfies Record<string, StepMeta>;
