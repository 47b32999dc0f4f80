/** Live migration of several VMs in a failover cluster, with the queue (CATALOG 4.3). */

import { clusterMigrationMachine as machine } from '../../machines/clusterMigration.machine';
import { CLUSTER_MIN_VMS, clusterVmId } from '../../model/clusterScenario';
import { CONCURRENT_CONSTANTS } from '../../model/concurrentMigration';
import { clusterInput } from '../../model/inputs';
import { type ParamValues, paramValue } from '../../model/parameters';
import type { CpuVendor } from '../../model/world';
import { cpuVendorKnob, knob, type PanelDefinition, worldName } from '../kit/definition';
import { lanesPanel } from '../kit/LanesStage';
import { PRECOPY_PARAMS, paramRecord } from '../kit/params';
import { ClusterScene, type ClusterSceneProps } from './ClusterScene';
import { meta } from './meta';
import { questions } from './questions';
import { laneRows, sceneProps } from './scene';
import * as selectors from './selectors';
import { batchTime } from './selectors';
import './cluster.css';

export interface Knobs {
  /** Simultaneous live migrations the source host allows. */
  limit: number;
  /** VM ids the learner ticked, in queue order; null = the first `vms` ones. */
  selected: string[] | null;
  destinationCpuVendor: CpuVendor;
  destinationClustering: boolean;
}

/** VMs standing on the source node: at least CLUSTER_MIN_VMS, more when `vms` asks for more. */
export function vmCount(values: ParamValues): number {
  return Math.max(CLUSTER_MIN_VMS, paramValue(values, 'vms'));
}

export function selectedVms(values: ParamValues, knobs: Knobs): string[] {
  if (knobs.selected) return knobs.selected;
  return Array.from({ length: paramValue(values, 'vms') }, (_, i) => clusterVmId(i));
}

/** 2012 live migration runs over TCP/IP (compression and SMB came with 2012 R2). */
export function buildInput(values: ParamValues, knobs: Knobs) {
  return clusterInput({
    params: paramRecord(values, PRECOPY_PARAMS),
    selected: selectedVms(values, knobs),
    vms: vmCount(values),
    limit: knobs.limit,
    seed: paramValue(values, 'seed'),
    destinationCpuVendor: knobs.destinationCpuVendor,
    destinationClustering: knobs.destinationClustering,
  });
}

export const definition: PanelDefinition<typeof machine, Knobs> = {
  meta,
  machine,
  knobs: {
    limit: CONCURRENT_CONSTANTS.defaultLimit,
    selected: null,
    destinationCpuVendor: 'Intel',
    destinationClustering: true,
  },
  // A new `vms` count resets the ticked VMs to the first ones (the link carries the count only).
  resetKnobs: { on: ['vms'], keys: ['selected'] },
  input: buildInput,
  ...lanesPanel<typeof machine, Knobs, ClusterSceneProps>({
    selectors,
    chartTitle: 'Cluster live migration statechart',
    Scene: ClusterScene,
    sceneProps,
    lanesTitle: 'Each migration, lane by lane (sim seconds from the start of the batch)',
    rows: laneRows,
    nowS: batchTime,
  }),
  settings: ({ values, knobs, input }) => {
    const w = input.world;
    const source = worldName(w, input.source);
    const destination = worldName(w, input.destination);
    const all = Array.from({ length: vmCount(values) }, (_, i) => clusterVmId(i));
    return [
      {
        legend: `VMs to migrate from ${source} to ${destination}`,
        className: 'cl-knobs',
        fields: [
          {
            kind: 'checklist',
            className: 'cl-checks',
            values: selectedVms(values, knobs),
            options: all.map((id) => ({ value: id, label: worldName(w, id) })),
            onChange: (selected) => ({ knobs: { ...knobs, selected } }),
          },
          {
            kind: 'number',
            label: 'Simultaneous live migrations',
            value: knobs.limit,
            min: 1,
            max: CONCURRENT_CONSTANTS.maxLimit,
            onChange: (limit) => ({ knobs: { ...knobs, limit } }),
          },
          {
            kind: 'note',
            text: 'Queuing exists only inside a failover cluster: the cluster holds the moves beyond the host\u2019s limit and starts each one as a slot frees.',
          },
        ],
      },
      {
        legend: 'Cluster set-up (try breaking a requirement)',
        fields: [
          cpuVendorKnob(knobs, w, input.source, input.destination),
          knob.checkbox(knobs, 'destinationClustering', `Failover Clustering on ${destination}`),
        ],
      },
    ];
  },
  questions,
  /** The host's limit, then every selected VM moved live without waiting. */
  powershell: ({ input }) => {
    const w = input.world;
    const names = input.vms.map((id) => `"${worldName(w, id)}"`);
    return [
      'Import-Module FailoverClusters',
      `Set-VMHost -ComputerName "${worldName(w, input.source)}" -MaximumVirtualMachineMigrations ${input.limit}`,
      `foreach ($vm in ${names.join(', ') || '@()'}) {`,
      `  Move-ClusterVirtualMachineRole -Name $vm -Node "${worldName(w, input.destination)}" -MigrationType Live -Wait 0`,
      '}',
    ].join('\n');
  },
};
