/** Storage migration (CATALOG 4.6). */

import type { SnapshotFrom } from 'xstate';
import {
  storageMigrationMachine as machine,
  STORAGE_FAULTS,
} from '../../machines/storageMigration.machine';
import {
  FILE_SHARE,
  LOCAL_E,
  OPTION_LABELS,
  type StorageMoveOption,
} from '../../model/storageMigration';
import { COMPONENT_LABELS, VM_COMPONENTS } from '../../model/vmFiles';
import type { RunnerView } from '../../sim/runner';
import { DiskCopyThumb } from '../../views/scene/DiskCopyScene';
import { diskMoveParts } from '../kit/DiskMoveViews';
import { knob, type PanelDefinition, processViews, worldName } from '../kit/definition';
import { meta } from './meta';
import { questions } from './questions';
import { buildInput, DEFAULT_KNOBS, fileRows, type Knobs, powershell } from './scenario';
import { sceneProps } from './scene';
import * as selectors from './selectors';

type M = typeof machine;

const { Stage, Below } = diskMoveParts<M, Knobs>({
  sceneProps,
  files: (input) => fileRows(input).map((r) => ({ ...r, to: r.moves ? r.to : null })),
  stays: 'stays where it is',
  titleId: 'sm-files-title',
});

/** One column per disk: the VM stays with the source column's host throughout. */
function thumb(v: RunnerView<SnapshotFrom<M>>, animate: boolean) {
  const p = sceneProps(v, animate);
  return (
    <DiskCopyThumb
      columns={p.disks.map((d, i) => ({
        name: d.title,
        vm: i === 0 && p.vm.host ? p.vm.name : null,
        grids: d.cells.length > 0 ? [d.cells] : [],
      }))}
      landing={[]}
      animate={animate}
    />
  );
}

const OPTIONS = (Object.keys(OPTION_LABELS) as StorageMoveOption[]).map((o) => ({
  value: o,
  label: OPTION_LABELS[o],
}));

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  knobs: DEFAULT_KNOBS,
  input: buildInput,
  views: processViews(selectors, 'Storage migration statechart', STORAGE_FAULTS),
  settings: ({ knobs, input }) => {
    const w = input.world;
    return [
      {
        legend: 'Move options',
        fields: [
          {
            kind: 'radio',
            legend: 'The VM during the move',
            name: 'sm-running',
            value: knobs.vmRunning ? 'running' : 'off',
            options: [
              { value: 'running', label: 'Running' },
              { value: 'off', label: 'Off' },
            ],
            onChange: (v) => ({ knobs: { ...knobs, vmRunning: v === 'running' } }),
          },
          knob.radio(knobs, 'option', 'What to move', 'sm-option', OPTIONS),
          {
            kind: 'checklist',
            legend: 'Components (different locations)',
            disabled: knobs.option !== 'different-locations',
            values: VM_COMPONENTS.filter((c) => knobs.components[c]),
            options: VM_COMPONENTS.map((c) => ({ value: c, label: COMPONENT_LABELS[c] })),
            onChange: (ticked) => ({
              knobs: {
                ...knobs,
                components: Object.fromEntries(
                  VM_COMPONENTS.map((c) => [c, ticked.includes(c)]),
                ) as Knobs['components'],
              },
            }),
          },
          {
            kind: 'select',
            label: 'Destination of the VHD',
            value: knobs.toShare ? 'share' : 'local',
            options: [
              { value: 'local', label: worldName(w, LOCAL_E) },
              { value: 'share', label: worldName(w, FILE_SHARE) },
            ],
            onChange: (v) => ({ knobs: { ...knobs, toShare: v === 'share' } }),
          },
          knob.select(knobs, 'diskKind', 'VM disk', [
            { value: 'vhdx', label: 'Virtual hard disk (VHDX)' },
            { value: 'passthrough', label: 'Pass-through disk' },
          ]),
        ],
      },
    ];
  },
  Stage,
  questions,
  Below,
  powershell: ({ input }) => powershell(input),
  // A small, busy disk so the loop shows every step in a few seconds.
  thumbnail: { speed: 1, values: { diskGiB: 2, diskWriteMiBps: 100 }, scene: thumb },
};
