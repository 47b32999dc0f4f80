/** Virtual disk types (CATALOG 2.1): a session panel. */
import {
  DISK_TYPES_FAULTS,
  type DiskTypesEvent,
  diskTypesMachine,
  type DiskTypesMachine as M,
} from '../../machines/diskTypes.machine';
import {
  CONTROLLERS,
  DISK_TYPE_KEYS,
  DISK_TYPE_LABELS,
  type DiskSession,
  type DiskTypeKey,
  diskTypesInput,
  chainFiles as filesOf,
  PASS_THROUGH_DISK_NUMBER,
} from '../../model/diskTypes';
import { paramValue } from '../../model/parameters';
import { GiB } from '../../model/units';
import type { Controller, DiskFile } from '../../model/vdisk';
import { DiskChainScene } from '../../views/scene';
import { ChainThumb, DiskFilesCard } from '../kit/DiskSessionViews';
import { knob, type PanelDefinition, processViews, type StageProps } from '../kit/definition';
import { CHAIN_COLUMNS } from '../kit/diskChain';
import { powershellPlace } from '../kit/diskSession';
import { useRunnerView } from '../kit/useRunner';
import { meta } from './meta';
import { questions } from './questions';
import * as selectors from './selectors';
import {
  chainFiles,
  chainSummary,
  DISK_FILE_COLUMNS,
  diskFileRows,
  fileHostBytes,
  header,
  type View,
} from './selectors';
import './diskTypes.css';

export interface Knobs {
  /** The type Create disk makes (page state: changing it does not restart the session). */
  diskType: DiskTypeKey;
  /** The controller Create disk attaches it to. */
  controller: Controller;
}

/** The thumbnail's strip: the 128 cells in four rows. */
const THUMB_COLUMNS = 32;

const DEFAULTS: Knobs = { diskType: 'dynamic', controller: 'SCSI' };

/** The session's actions after Create disk, by the event each sends (with no payload). */
const PLAIN_ACTIONS = {
  WRITE_DATA: 'Write data',
  DELETE_DATA: 'Delete data',
  COMPACT: 'Compact disk',
  EXPAND: 'Expand disk',
  ADD_DIFFERENCING: 'Add differencing disk',
  MERGE: 'Merge',
} as const satisfies Partial<Record<DiskTypesEvent['type'], string>>;

const LEGEND = [
  ['scn-key-instep', 'data'],
  ['scn-key-behind', 'deleted, still allocated'],
  ['scn-key-pending', 'allocated, no data (fixed)'],
  ['scn-key-sending', 'moving into the parent'],
  ['scn-key-landing', 'last write or delete'],
] as const;

/** Each file's size on the host against its virtual size, as bars. */
function SizeBars({ v }: { v: View }) {
  const files = filesOf(v.snapshot.context.session);
  if (files.length === 0) return null;
  const rows = diskFileRows(v);
  return (
    <ul className="dt-sizes" aria-label="Size on host against virtual size">
      {files.map((f, i) => {
        const bytes = fileHostBytes(v, f);
        const row = rows[i];
        return (
          <li key={f.id}>
            <span>
              {f.name}: {row?.[3]} of {row?.[2]}
            </span>
            {f.type === 'passthrough' ? (
              <span className="muted"> (offline on the host: no file)</span>
            ) : (
              <progress
                max={f.virtualBytes}
                value={Math.min(bytes, f.virtualBytes)}
                aria-label={`${f.name} size on host`}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Stage({ runner, reducedMotion }: StageProps<M, Knobs>) {
  const v = useRunnerView(runner);
  return (
    <div className="stage dt-stage">
      <DiskChainScene
        summary={chainSummary(v)}
        caption="The VM’s data disk: each file with its blocks (the disk’s address space left to right); a differencing disk hangs under its parent, reads walk up the chain, writes land in the newest file"
        header={header(v)}
        files={chainFiles(v)}
        columns={CHAIN_COLUMNS}
        legend={LEGEND}
        animate={!reducedMotion}
      />
      <SizeBars v={v} />
    </div>
  );
}

function Below({ text }: StageProps<M, Knobs>) {
  return <DiskFilesCard text={text} columns={DISK_FILE_COLUMNS} rows={diskFileRows} />;
}

/** A size as PowerShell writes it ("40GB"; GB is binary there). */
const psSize = (bytes: number) =>
  bytes % (1024 * GiB) === 0 ? `${bytes / (1024 * GiB)}TB` : `${+(bytes / GiB).toFixed(3)}GB`;

/** The commands for the disk the VM has now (or the one Create disk would make). */
export function powershellFor(
  vm: string,
  folder: string,
  s: DiskSession,
  next: { kind: DiskTypeKey; controller: Controller; bytes: number },
): string {
  const path = (f: DiskFile) => `${folder}\\${f.name}`;
  const files = filesOf(s);
  const leaf = files[files.length - 1];
  if (!leaf) {
    const ext = next.kind === 'vhdx' ? 'vhdx' : 'vhd';
    const p = `${folder}\\${vm}.${ext}`;
    if (next.kind === 'passthrough') {
      return [
        `# Create disk: ${DISK_TYPE_LABELS.passthrough} on the ${next.controller} controller`,
        `Set-Disk -Number ${PASS_THROUGH_DISK_NUMBER} -IsOffline $true`,
        `Add-VMHardDiskDrive -VMName "${vm}" -ControllerType ${next.controller} -DiskNumber ${PASS_THROUGH_DISK_NUMBER}`,
      ].join('\n');
    }
    const how = next.kind === 'fixed' ? '-Fixed' : '-Dynamic';
    return [
      `# Create disk: ${DISK_TYPE_LABELS[next.kind]} of ${psSize(next.bytes)} on the ${next.controller} controller`,
      next.kind === 'differencing'
        ? `New-VHD -Path "${p}" -ParentPath "${folder}\\${vm}-parent.vhd" -Differencing`
        : `New-VHD -Path "${p}" -SizeBytes ${psSize(next.bytes)} ${how}`,
      `Add-VMHardDiskDrive -VMName "${vm}" -ControllerType ${next.controller} -Path "${p}"`,
    ].join('\n');
  }
  if (leaf.type === 'passthrough') {
    return [
      `# ${vm}'s pass-through disk: offline on the host, no differencing disks or snapshots`,
      `Set-Disk -Number ${PASS_THROUGH_DISK_NUMBER} -IsOffline $true`,
      `Add-VMHardDiskDrive -VMName "${vm}" -ControllerType ${s.controller} -DiskNumber ${PASS_THROUGH_DISK_NUMBER}`,
      `Get-VMHardDiskDrive -VMName "${vm}" | Select-Object ControllerType, DiskNumber`,
    ].join('\n');
  }
  const base = files[0] as DiskFile;
  const lines = [
    `# ${vm}'s data disk: ${files.map((f) => f.name).join(' <- ')}`,
    `New-VHD -Path "${path(base)}" -SizeBytes ${psSize(base.virtualBytes)} ${base.type === 'fixed' ? '-Fixed' : '-Dynamic'}`,
    ...files
      .slice(1)
      .map(
        (f) =>
          `New-VHD -Path "${path(f)}" -ParentPath "${path(s.files[f.parent ?? ''] ?? base)}" -Differencing`,
      ),
    `Add-VMHardDiskDrive -VMName "${vm}" -ControllerType ${s.controller} -Path "${path(leaf)}"`,
    `Get-VHD -Path "${path(leaf)}" | Select-Object VhdType, Size, FileSize, ParentPath`,
    `Stop-VM -Name "${vm}"            # the edits below need the disk out of use`,
  ];
  if (leaf.type === 'dynamic') lines.push(`Optimize-VHD -Path "${path(leaf)}" -Mode Full`);
  if (leaf.type !== 'differencing')
    lines.push(`Resize-VHD -Path "${path(leaf)}" -SizeBytes ${psSize(leaf.virtualBytes * 2)}`);
  const parent = leaf.parent ? s.files[leaf.parent] : undefined;
  if (parent) lines.push(`Merge-VHD -Path "${path(leaf)}" -DestinationPath "${path(parent)}"`);
  else
    lines.push(
      `New-VHD -Path "${folder}\\${vm}-diff${s.nextFile}.${leaf.format}" -ParentPath "${path(leaf)}" -Differencing`,
    );
  lines.push(`Start-VM -Name "${vm}"`);
  return lines.join('\n');
}

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine: diskTypesMachine,
  startEvent: 'CREATE_DISK',
  knobs: DEFAULTS,
  // The choices are read by Create disk when it is pressed: changing them restarts nothing.
  runKnobs: () => null,
  // A start without a choice (Play, Step forward from idle) makes the knobs' disk as the run
  // was set up: the thumbnail's fixed disk, the page's default otherwise.
  input: (values, knobs) =>
    diskTypesInput(paramValue(values, 'diskGiB') * GiB, paramValue(values, 'seed'), {
      kind: knobs.diskType,
      controller: knobs.controller,
    }),
  views: processViews(selectors, 'Statechart: create a disk', DISK_TYPES_FAULTS),
  actions: ({ knobs }) => [
    {
      label: 'Create disk',
      type: 'CREATE_DISK',
      payload: () => ({ diskType: knobs.diskType, controller: knobs.controller }),
    },
    ...Object.entries(PLAIN_ACTIONS).map(([type, label]) => ({ label, type })),
  ],
  settings: ({ knobs, values }) => [
    {
      legend: 'The disk Create disk makes',
      fields: [
        knob.select(
          knobs,
          'diskType',
          'Disk type',
          DISK_TYPE_KEYS.map((k) => ({ value: k, label: DISK_TYPE_LABELS[k] })),
        ),
        knob.select(
          knobs,
          'controller',
          'Controller',
          CONTROLLERS.map((c) => ({ value: c, label: c })),
        ),
        {
          kind: 'note',
          text: `Its size is the Disk size parameter (${paramValue(values, 'diskGiB')} GiB now). Changing these does not touch the disk the VM has; Create disk makes a new one.`,
        },
      ],
    },
  ],
  Stage,
  questions,
  Below,
  powershell: ({ input, knobs, values, view }) => {
    const { vm, folder } = powershellPlace(input);
    return powershellFor(vm, folder, view.snapshot.context.session, {
      kind: knobs.diskType,
      controller: knobs.controller,
      bytes: paramValue(values, 'diskGiB') * GiB,
    });
  },
  thumbnail: {
    speed: 4,
    values: { diskGiB: 4 },
    knobs: { diskType: 'fixed', controller: 'SCSI' },
    scene: (v, animate) => (
      <ChainThumb
        className="dt-thumb"
        files={chainFiles(v)}
        indent={12}
        columns={THUMB_COLUMNS}
        cellSize={9}
        named
        animate={animate}
      />
    ),
  },
};
