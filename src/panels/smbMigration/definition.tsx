/** Live migration with SMB shared storage (CATALOG 4.4). */
import { smbMigrationMachine as machine } from '../../machines/smbMigration.machine';
import { SMB_DEFAULT_SELECTION, smbInput } from '../../model/inputs';
import { type ParamValues, paramValue } from '../../model/parameters';
import { SHARE_PATH, SMB_VM_NAMES, type SmbFileKind, smbVmId } from '../../model/smbScenario';
import type { CpuVendor } from '../../model/world';
import { cpuVendorKnob, knob, type PanelDefinition, worldName } from '../kit/definition';
import { lanesPanel } from '../kit/LanesStage';
import { PRECOPY_PARAMS, paramRecord } from '../kit/params';
import { meta } from './meta';
import { questions } from './questions';
import { SmbScene, type SmbSceneProps } from './SmbScene';
import { sceneProps } from './scene';
import * as selectors from './selectors';
import { laneRows, runTime } from './selectors';
import './smb.css';

export interface Knobs {
  /** VM ids ticked, all migrated together. */
  selected: string[];
  destinationCpuVendor: CpuVendor;
  /** One of SQL01's files kept on HV-A's local disk (breaks "every VM file on the share"). */
  localFile: SmbFileKind | null;
  /** The share grants access to HV-B's computer account. */
  grantDestination: boolean;
}

/** Windows Server 2012 live migration over TCP/IP. */
export function buildInput(values: ParamValues, knobs: Knobs) {
  return smbInput({
    params: paramRecord(values, PRECOPY_PARAMS),
    selected: knobs.selected,
    seed: paramValue(values, 'seed'),
    destinationCpuVendor: knobs.destinationCpuVendor,
    localFile: knobs.localFile,
    grantDestination: knobs.grantDestination,
  });
}

export const definition: PanelDefinition<typeof machine, Knobs> = {
  meta,
  machine,
  knobs: {
    selected: SMB_DEFAULT_SELECTION,
    destinationCpuVendor: 'Intel',
    localFile: null,
    grantDestination: true,
  },
  input: buildInput,
  ...lanesPanel<typeof machine, Knobs, SmbSceneProps>({
    selectors,
    chartTitle: 'SMB live migration statechart',
    Scene: SmbScene,
    sceneProps,
    lanesTitle: 'Each migration, lane by lane (sim seconds from the start)',
    rows: laneRows,
    nowS: runTime,
  }),
  settings: ({ knobs, input }) => {
    const w = input.world;
    const source = worldName(w, input.source);
    const destination = worldName(w, input.destination);
    const first = smbVmId(0);
    return [
      {
        legend: 'VMs to migrate together, and the set-up (try breaking a requirement)',
        fields: [
          {
            kind: 'checklist',
            values: knobs.selected,
            options: SMB_VM_NAMES.map((_, i) => ({
              value: smbVmId(i),
              label: worldName(w, smbVmId(i)),
            })),
            onChange: (selected) => ({ knobs: { ...knobs, selected } }),
          },
          {
            kind: 'select',
            label: `${worldName(w, first)}\u2019s files`,
            value: knobs.localFile ?? '',
            options: [
              { value: '', label: `All on ${SHARE_PATH}` },
              { value: 'configuration', label: `Configuration on ${source}'s local disk` },
              { value: 'snapshots', label: `Snapshots on ${source}'s local disk` },
              { value: 'vhd', label: `VHD on ${source}'s local disk` },
            ],
            onChange: (v) => ({
              knobs: { ...knobs, localFile: (v || null) as SmbFileKind | null },
            }),
          },
          knob.checkbox(
            knobs,
            'grantDestination',
            `Share grants access to ${destination}\u2019s computer account`,
          ),
          cpuVendorKnob(knobs, w, input.source, input.destination),
        ],
      },
    ];
  },
  questions,
  /** Move-VM for each selected VM; several run at once as background jobs. */
  powershell: ({ input }) => {
    const w = input.world;
    const names = input.vms.map((id) => worldName(w, id));
    const dest = worldName(w, input.destination);
    if (names.length <= 1)
      return `Move-VM -Name "${names[0] ?? worldName(w, smbVmId(0))}" -DestinationHost "${dest}"`;
    return [
      '# Each move runs as a job, so the live migrations run at the same time',
      ...names.map((n) => `Move-VM -Name "${n}" -DestinationHost "${dest}" -AsJob`),
    ].join('\n');
  },
};
