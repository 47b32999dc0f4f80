/** The classic live migration panel (CATALOG 4.2): a two-node cluster on Windows Server 2008 R2. */

import type { SnapshotFrom } from 'xstate';
import { MOVE_FAULTS } from '../../machines/faults';
import {
  type LiveMigrationInput,
  liveMigration2008r2Machine as machine,
} from '../../machines/liveMigration2008r2.machine';
import { paramValue } from '../../model/parameters';
import { DESTINATION, SOURCE, twoNodeCluster, VM_ID } from '../../model/scenarios';
import { GiB, MiB } from '../../model/units';
import type { CpuVendor, DiskKind } from '../../model/world';
import type { RunnerView } from '../../sim/runner';
import { MemoryGrid, MigrationScene, RoundsChart } from '../../views/scene';
import {
  cpuVendorKnob,
  knob,
  type PanelDefinition,
  processViews,
  type StageProps,
  worldName,
} from '../kit/definition';
import { tcpLiveMigrationParams } from '../kit/params';
import { useTextValue } from '../kit/textRate';
import { useRunnerView } from '../kit/useRunner';
import { meta } from './meta';
import { questions } from './questions';
import { sceneProps } from './scene';
import * as selectors from './selectors';
import { copyMoment, grid, gridLabel } from './selectors';

export interface Knobs {
  destinationCpuVendor: CpuVendor;
  destinationClustering: boolean;
  diskKind: DiskKind;
}

/** 2008 R2 live migration runs over one TCP/IP connection (the faster options came in 2012 R2). */
export function buildInput(values: Parameters<typeof tcpLiveMigrationParams>[0], knobs: Knobs) {
  const params = tcpLiveMigrationParams(values);
  const input: LiveMigrationInput = {
    params,
    seed: paramValue(values, 'seed'),
    world: twoNodeCluster({
      os: '2008R2',
      memoryBytes: params.memoryMiB * MiB,
      diskBytes: 40 * GiB,
      linkGbps: params.linkGbps,
      nics: 1,
      rdma: false,
      ...knobs,
    }),
    vm: VM_ID,
    source: SOURCE,
    destination: DESTINATION,
  };
  return input;
}

type M = typeof machine;

/**
 * The memory grid's legend and spoken summary are text: they follow the run at the text rate
 * (the cells themselves are drawn every frame).
 */
function gridText(x: RunnerView<SnapshotFrom<M>>) {
  const g = grid(x);
  return {
    counts: { pending: g.pending, copied: g.copied, dirty: g.dirty },
    label: gridLabel(x, g),
  };
}

function Stage({ runner, text, reducedMotion }: StageProps<M, Knobs>) {
  const v = useRunnerView(runner);
  const g = grid(v);
  const legend = useTextValue(text, gridText);
  const plan = v.snapshot.context.plan.precopy;
  const moment = copyMoment(v);
  return (
    <div className="stage">
      <MigrationScene {...sceneProps(v, g)} animate={!reducedMotion} />
      <div className="stage-row">
        <figure className="card memory-card">
          <figcaption>
            VM memory, {v.snapshot.context.params.memoryMiB} MiB in 4 KiB pages
          </figcaption>
          <MemoryGrid
            cells={g.cells}
            columns={32}
            label={legend.label}
            counts={legend.counts}
            animate={!reducedMotion}
          />
        </figure>
        <figure className="card rounds-card">
          <RoundsChart
            rounds={plan.rounds}
            currentIndex={moment.round}
            progress={moment.fraction}
            animate={!reducedMotion}
            downtimeTargetS={v.snapshot.context.params.downtimeMs / 1000}
          />
        </figure>
      </div>
    </div>
  );
}

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  knobs: { destinationCpuVendor: 'Intel', destinationClustering: true, diskKind: 'vhd' },
  input: buildInput,
  views: processViews(selectors, 'Live migration statechart', MOVE_FAULTS),
  settings: ({ knobs, input }) => {
    const w = input.world;
    return [
      {
        legend: 'Cluster set-up (try breaking a requirement)',
        fields: [
          cpuVendorKnob(knobs, w, input.source, input.destination),
          knob.checkbox(
            knobs,
            'destinationClustering',
            `Failover Clustering on ${worldName(w, input.destination)}`,
          ),
          knob.select(knobs, 'diskKind', 'VM disk', [
            { value: 'vhd', label: 'VHD on the Cluster Shared Volume' },
            { value: 'passthrough', label: 'Pass-through disk' },
          ]),
        ],
      },
    ];
  },
  Stage,
  questions,
  powershell: ({ input }) =>
    `Import-Module FailoverClusters\nMove-ClusterVirtualMachineRole -Name "${worldName(input.world, input.vm)}" -Node "${worldName(input.world, input.destination)}"`,
  thumbnail: {
    speed: 4,
    scene: (v, animate) => <MigrationScene {...sceneProps(v, grid(v))} animate={animate} />,
  },
};
