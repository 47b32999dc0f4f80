/**
 * Network failure detection (CATALOG 5, seed 000, Windows Server 2012 R2, "protected network"):
 * the physical network a VM uses fails on its node (a bad switch port, a NIC, an unplugged cable).
 *   1 the VMs run on the VM network; the cable of the chosen VM's node is pulled at the end of the
 *     step (or when "Unplug VM network cable" is injected): the VMs there run on, unreachable;
 *   2 the cluster detects the lost network;
 *   3 it live-migrates each VM with a protected adapter to a node where the network works, at
 *     most two at a time from one host: no restart, a pause of milliseconds (the pre-copy model).
 *     If no node has the network, or none has room, the VM stays and the log says why.
 * Unplugging again pulls another node's cable (the chosen VM's node if still plugged in, else the
 * next one). A network failure never restarts a VM.
 */
import { NETWORK_FAULTS } from './availability';
import { vmHealthFailureMachine } from './vmHealthFailure';

export { NETWORK_FAULTS };

export const networkFailureMachine = vmHealthFailureMachine('network', {
  running: {
    step: 1,
    title: 'VMs run on the VM network',
    narration:
      'Each VM\u2019s network adapter reaches the physical VM network through its node\u2019s virtual switch and the node\u2019s cable. \u201cProtected network\u201d is on by default for every adapter. The chosen VM\u2019s node loses its cable at the end of this step; inject \u201cUnplug VM network cable\u201d to pull it now.',
    source: '000',
  },
  detecting: {
    step: 2,
    title: 'Detect the lost network',
    narration:
      'The VMs on that node keep running, but nobody can reach them. Windows Server 2012 R2 Hyper-V and Failover Clustering notice that the physical network assigned to the VMs has failed, whether a switch port, a network adapter or a cable.',
    source: '000',
  },
  migrating: {
    step: 3,
    title: 'Live-migrate the VMs to a node with the network',
    narration:
      'The cluster live-migrates each VM with a protected network to a node where that network works: no restart, only the pause of the last copy round (milliseconds). A host sends at most two at a time; the rest queue. An event log entry gives the reason for each move; if no node has the network the VM stays, and the log says so.',
    source: '000',
  },
});

export type NetworkFailureMachine = typeof networkFailureMachine;
