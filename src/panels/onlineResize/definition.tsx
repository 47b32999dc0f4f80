/** Online virtual hard disk resizing (CATALOG 2.5): a session panel. */
import {
  type OnlineResizeMachine as M,
  onlineResizeMachine,
  RESIZE_FAULTS,
} from '../../machines/onlineResize.machine';
import { defaultNewGiB, FORMATS, type FormatChoice, resizeInput } from '../../model/onlineResize';
import { NUMERIC_PARAMS, type ParamValues, paramValue } from '../../model/parameters';
import { GiB } from '../../model/units';
import type { Controller } from '../../model/vdisk';
import { knob, type PanelDefinition, processViews, type StageProps } from '../kit/definition';
import { powershellPlace } from '../kit/diskSession';
import { useRunnerValue } from '../kit/useRunner';
import { meta } from './meta';
import { questions } from './questions';
import { ResizeScene } from './ResizeScene';
import * as selectors from './selectors';
import { type Attachment, fileNameAs, inventoryAs, scene, type View } from './selectors';
import './onlineResize.css';

export interface Knobs {
  /** The controller the disk is on, as the actions send it (page state: restarts nothing). */
  controller: Controller;
  format: FormatChoice;
  /** The new size Expand and Shrink ask for, GiB (null: the default for the disk size). */
  newGiB: number | null;
}

const DEFAULTS: Knobs = { controller: 'SCSI', format: 'VHDX', newGiB: null };

/** The new size the actions send: the knob's, else half as large again as the starting disk. */
export function newGiBOf(values: ParamValues, knobs: Knobs): number {
  return knobs.newGiB ?? defaultNewGiB(paramValue(values, 'diskGiB'));
}

const attachmentOf = (k: Knobs): Attachment => ({ controller: k.controller, format: k.format });

function Stage({ runner, reducedMotion, knobs }: StageProps<M, Knobs>) {
  const data = useRunnerValue(runner, (v: View) => scene(v, attachmentOf(knobs)));
  return (
    <div className="stage">
      <figure className="card">
        <figcaption className="scn-caption">
          The VM&apos;s disk as a bar of its virtual size: volume C:&apos;s partition (its data
          shaded), the unallocated space after it, and the minimum size (the orange mark) below
          which the disk cannot shrink
        </figcaption>
        <ResizeScene {...data} animate={!reducedMotion} />
      </figure>
    </div>
  );
}

/** A size as PowerShell writes it ("60GB"; GB is binary there). */
const psGB = (gib: number) => `${gib}GB`;

export function powershellFor(
  vm: string,
  folder: string,
  file: string,
  drive: string,
  newGiB: number,
): string {
  const path = `${folder}\\${file}`;
  return [
    `# While ${vm} runs (Windows Server 2012 R2; a VHDX on a SCSI controller only)`,
    `Get-VMHardDiskDrive -VMName "${vm}" | Select-Object ControllerType, Path`,
    `Get-VHD -Path "${path}" | Select-Object VhdFormat, Size, MinimumSize`,
    `Resize-VHD -Path "${path}" -SizeBytes ${psGB(newGiB)}`,
    `# Inside ${vm}: grow volume ${drive}: over the unallocated space`,
    `Resize-Partition -DriveLetter ${drive} -Size (Get-PartitionSupportedSize -DriveLetter ${drive}).SizeMax`,
  ].join('\n');
}

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine: onlineResizeMachine,
  startEvent: 'EXPAND',
  knobs: DEFAULTS,
  // The settings are read by Expand and Shrink when pressed: changing them restarts nothing.
  runKnobs: () => null,
  // A new starting size offers its own default new size again.
  resetKnobs: { on: ['diskGiB'], keys: ['newGiB'] },
  input: (values, knobs) =>
    resizeInput(paramValue(values, 'diskGiB') * GiB, paramValue(values, 'seed'), {
      newBytes: newGiBOf(values, knobs) * GiB,
      controller: knobs.controller,
      format: knobs.format,
    }),
  views: ({ knobs }) => ({
    ...processViews(selectors, 'Statechart: expand the disk while the VM runs', RESIZE_FAULTS),
    inventory: (v) => inventoryAs(v, attachmentOf(knobs)),
  }),
  actions: ({ values, knobs }) => {
    const ask = () => ({
      newGiB: newGiBOf(values, knobs),
      controller: knobs.controller,
      format: knobs.format,
    });
    return [
      { label: 'Expand', type: 'EXPAND', payload: ask },
      { label: 'Shrink', type: 'SHRINK', payload: ask },
      { label: 'Extend volume', type: 'EXTEND_VOLUME' },
    ];
  },
  settings: ({ values, knobs }) => [
    {
      legend: 'The VM’s disk, and the size to resize it to',
      fields: [
        knob.select(knobs, 'controller', 'Controller', [
          { value: 'IDE', label: 'IDE' },
          { value: 'SCSI', label: 'SCSI' },
        ]),
        knob.select(
          knobs,
          'format',
          'Format',
          FORMATS.map((f) => ({ value: f, label: f })),
        ),
        {
          kind: 'number',
          label: 'New size (GiB)',
          value: newGiBOf(values, knobs),
          min: 1,
          max: NUMERIC_PARAMS.diskGiB.max,
          onChange: (n) => ({ knobs: { ...knobs, newGiB: n } }),
        },
        {
          kind: 'note',
          text: 'Expand and Shrink send these: only a VHDX on the SCSI controller can be resized while the VM runs, and a disk shrinks only down to its minimum size.',
        },
      ],
    },
  ],
  Stage,
  questions,
  powershell: ({ input, values, knobs, view }) => {
    const c = view.snapshot.context;
    const { vm, folder } = powershellPlace(input);
    return powershellFor(
      vm,
      folder,
      fileNameAs(c, attachmentOf(knobs)),
      c.guest.drive,
      newGiBOf(values, knobs),
    );
  },
  thumbnail: {
    speed: 2,
    scene: (v, animate) => (
      <div className="rs-thumb">
        <ResizeScene {...scene(v, attachmentOf(DEFAULTS))} animate={animate} compact />
      </div>
    ),
  },
};
