/**
 * Sizing of a classic live migration (CATALOG 4.2): the pre-copy plan and the duration of every
 * step, all from the parameters and MODEL_CONSTANTS. The machine takes its delays from here.
 */
import { MODEL_CONSTANTS } from './parameters';
import { type PrecopyResult, planPrecopy } from './precopy';
import { type EffectiveLink, effectiveLink, type TransportInput } from './transports';
import { MiB, msToS } from './units';

export interface LiveMigrationParams extends TransportInput {
  memoryMiB: number;
  dirtyMiBps: number;
  wwsMiB: number;
  downtimeMs: number;
  maxRounds: number;
}

export interface LiveMigrationPlan {
  link: EffectiveLink;
  precopy: PrecopyResult;
  /** Step 1: connection, configuration, shell. */
  setupS: number;
  storageHandoffS: number;
  resumeS: number;
  switchUpdateS: number;
  /** From the start of step 1 to the switch knowing the new port. */
  totalS: number;
  /** Configuration bytes plus everything copied, on the wire. */
  wireBytes: number;
  cpuCoreSeconds: number;
}

/**
 * The pre-copy of one live migration over `link`, the guest dirtying `dirtyMiBps` (default the
 * parameter); the device state and the switchover (handoff + resume) from MODEL_CONSTANTS.
 */
export function planLivePrecopy(
  p: LiveMigrationParams,
  link: EffectiveLink,
  dirtyMiBps: number = p.dirtyMiBps,
): PrecopyResult {
  const c = MODEL_CONSTANTS;
  return planPrecopy({
    memoryBytes: p.memoryMiB * MiB,
    dirtyBytesPerS: dirtyMiBps * MiB,
    wwsBytes: p.wwsMiB * MiB,
    link,
    downtimeTargetS: msToS(p.downtimeMs),
    maxRounds: p.maxRounds,
    deviceStateBytes: c.deviceStateBytes,
    switchoverS: c.storageHandoffS + c.resumeS,
  });
}

export function planLiveMigration(p: LiveMigrationParams): LiveMigrationPlan {
  const link = effectiveLink(p);
  const c = MODEL_CONSTANTS;
  const precopy = planLivePrecopy(p, link);
  const configS = c.configBytes / link.memoryBytesPerS;
  const setupS = configS + c.shellCreateS;
  return {
    link,
    precopy,
    setupS,
    storageHandoffS: c.storageHandoffS,
    resumeS: c.resumeS,
    switchUpdateS: c.switchUpdateS,
    totalS: setupS + precopy.memoryPhaseS + c.switchUpdateS,
    wireBytes: precopy.wireBytes + c.configBytes * link.wireBytesPerMemoryByte,
    cpuCoreSeconds: precopy.cpuCoreSeconds + configS * link.cpuCores,
  };
}
