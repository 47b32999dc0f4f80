/** Shared virtual hard disk for guest clusters (CATALOG 2.3). */
import {
  type SharedVhdxMachine as M,
  sharedVhdxMachine as machine,
  SHARED_VHDX_FAULTS,
} from '../../machines/sharedVhdx.machine';
import type { ParamValues } from '../../model/parameters';
import {
  CSV_PATH,
  GUEST_CLUSTER,
  GUEST_NODES,
  SERVICE_ROLE,
  SHARED_STORAGE,
  SHARED_VHDX,
  type SharedVhdxStorage,
  STORAGE_LABELS,
  sharedVhdxInput,
} from '../../model/sharedVhdx';
import { activeInstance } from '../../model/world';
import { knob, type PanelDefinition, processViews, type StageProps } from '../kit/definition';
import { paramRecord } from '../kit/params';
import { useTextValue } from '../kit/textRate';
import { useRunnerValue } from '../kit/useRunner';
import { meta } from './meta';
import { questions } from './questions';
import { SvScene } from './SvScene';
import * as selectors from './selectors';
import { sceneData, serviceView, type View } from './selectors';
import './sv.css';

export interface Knobs {
  /** Where the shared VHDX lives. */
  storage: SharedVhdxStorage;
}

export function buildInput(values: ParamValues, knobs: Knobs) {
  return sharedVhdxInput(knobs.storage, paramRecord(values, meta.scenarioParams));
}

function Picture({ runner, reducedMotion }: StageProps<M, Knobs>) {
  const data = useRunnerValue(runner, (v: View) => sceneData(v));
  return <SvScene {...data} animate={!reducedMotion} />;
}

/** CONTRACT: a region "Clustered service" naming the guest node it runs on and its I/O path. */
function ServiceRegion({ text }: StageProps<M, Knobs>) {
  const s = useTextValue(text, (v: View) => serviceView(v));
  return (
    <section className="card sv-region" aria-label="Clustered service">
      <h2>Clustered service</h2>
      <p>
        {s.role} in guest cluster {GUEST_CLUSTER}: <strong>{s.status}</strong>
      </p>
      <p>
        I/O path: <span className="sv-path">{s.path || 'none'}</span>
      </p>
    </section>
  );
}

function Stage(props: StageProps<M, Knobs>) {
  return (
    <div className="stage">
      <Picture {...props} />
      <ServiceRegion {...props} />
    </div>
  );
}

/** The shared VHDX's path as the hosts open it. */
function vhdxPath(input: ReturnType<typeof buildInput>): string {
  const st = input.world.storage[SHARED_STORAGE]?.name ?? '';
  return input.storage === 'sofs' ? `${st}\\${SHARED_VHDX}` : `${CSV_PATH}\\${SHARED_VHDX}`;
}

export const definition: PanelDefinition<M, Knobs> = {
  meta,
  machine,
  knobs: { storage: 'sofs' },
  input: buildInput,
  views: processViews(selectors, 'Guest cluster statechart', SHARED_VHDX_FAULTS),
  settings: ({ knobs }) => [
    {
      legend: 'Shared storage',
      fields: [
        knob.radio(
          knobs,
          'storage',
          'Where the shared VHDX lives',
          'shared-vhdx-storage',
          (Object.keys(STORAGE_LABELS) as SharedVhdxStorage[])
            .reverse()
            .map((s) => ({ value: s, label: STORAGE_LABELS[s] })),
        ),
        {
          kind: 'note',
          text:
            knobs.storage === 'csv'
              ? '\u201cFail file server node\u201d is refused here: a Cluster Shared Volume has no file server.'
              : 'The hosts reach the share over SMB 3 (SMB Multichannel; SMB Direct with RDMA adapters).',
        },
      ],
    },
  ],
  Stage,
  questions,
  powershell: ({ input }) => {
    const w = input.world;
    const path = vhdxPath(input);
    const attach = GUEST_NODES.flatMap((vm) => {
      const host = activeInstance(w, vm)?.host ?? '';
      return [
        `Add-VMHardDiskDrive -ComputerName "${w.hosts[host]?.name}" -VMName "${w.vms[vm]?.name}" -ControllerType SCSI \``,
        '  -Path $vhdx -SupportPersistentReservations',
      ];
    });
    const standby = w.vms[GUEST_NODES[1]]?.name ?? '';
    return [
      '# On the Hyper-V hosts: the same VHDX, shared by both guest nodes',
      `$vhdx = "${path}"`,
      ...attach,
      `# Inside the guest cluster ${GUEST_CLUSTER}: where the clustered role runs, and moving it`,
      `Get-ClusterGroup -Cluster "${GUEST_CLUSTER}" -Name "${SERVICE_ROLE}"`,
      `Move-ClusterGroup -Cluster "${GUEST_CLUSTER}" -Name "${SERVICE_ROLE}" -Node "${standby}"`,
    ].join('\n');
  },
  thumbnail: {
    speed: 8,
    scene: (v, animate) => <SvScene {...sceneData(v)} animate={animate} compact />,
  },
};
