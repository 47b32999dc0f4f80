/** Shared checks of the migration invariants, used by machine tests and the panel's self-check. */

/** Some node that is up can reach the VM's volume directly (a world operation of the model). */
export { storageReachableFrom } from '../model/worldOps';
