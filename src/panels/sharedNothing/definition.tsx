/** Shared-nothing live migration (CATALOG 4.5). */

import type { SnapshotFrom } from 'xstate';
import { MOVE_FAULTS } from '../../machines/faults';
import { sharedNothingMachine as machine } from '../../machines/sharedNothing.machine';
import { CHOICE_LABELS, type SharedNothingChoice, SMB_SHARE } from '../../model/sharedNothing';
import type { RunnerView } from '../../sim/runner';
import { DiskCopyThumb } from '../../views/scene/DiskCopyScene';
import { diskMoveParts } from '../kit/DiskMoveViews';
import {
  cpuVendorKnob,
  type KnobOption,
  knob,
  type PanelDefinition,
  processViews,
  worldName,
} from '../kit/definition';
import { meta } from './meta';
import { questions } from './questions';
import { buildInput, DEFAULT_KNOBS, fileRows, type Knobs, powershell } from './scenario';
import { sceneProps } from './scene';
import * as selectors from './selectors';

type M = typeof machine;

const { Stage, Below } = diskMoveParts<M, Knobs>({
  sceneProps,
  files: (input) =>
    fileRows(input).map((r) => ({ ...r, to: input.choice === 'vm-only' ? null : r.to })),
  stays: 'stays on the share',
  titleId: 'sn-files-title',
});

function thumb(v: RunnerView<SnapshotFrom<M>>, animate: boolean) {
  const p = sceneProps(v, animate);
  return (
    <DiskCopyThumb
      columns={p.hosts.map((h) => ({
        name: h.name,
        vm: p.vm.host === h.id ? p.vm.name : null,
        grids: p.disks.filter((d) => d.host === h.id && d.cells.length > 0).map((d) => d.cells),
      }))}
      landing={[]}
      animate={animate}
    />
  );
}

const CHOICES: KnobOption[] = (Object.keys(CHOICE_LABELS) as SharedNothingChoice[]).map((c) => ({
  value: c,
  label: CHOICE_LABELS[c],
}));

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  knobs: DEFAULT_KNOBS,
  input: buildInput,
  views: processViews(selectors, 'Shared-nothing live migration statechart', MOVE_FAULTS),
  settings: ({ knobs, input }) => {
    const w = input.world;
    return [
      {
        legend: 'Move wizard and set-up',
        fields: [
          knob.radio(knobs, 'choice', 'Move option', 'sn-choice', CHOICES),
          {
            kind: 'select',
            label: 'VM files before the move',
            value: knobs.vmOnShare ? 'share' : 'local',
            options: [
              { value: 'local', label: `${worldName(w, input.source)} local disk` },
              { value: 'share', label: `${worldName(w, SMB_SHARE)} (shared storage)` },
            ],
            onChange: (v) => ({ knobs: { ...knobs, vmOnShare: v === 'share' } }),
          },
          cpuVendorKnob(knobs, w, input.source, input.destination),
        ],
      },
    ];
  },
  Stage,
  questions,
  Below,
  powershell: ({ input }) => powershell(input),
  // A small disk and a fast link so the loop shows every step in a few seconds.
  thumbnail: {
    speed: 2,
    values: { diskGiB: 2, linkGbps: 10, diskWriteMiBps: 200 },
    scene: thumb,
  },
};
