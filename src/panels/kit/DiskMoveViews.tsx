/** Views the disk-copy panels share: the picture of the copy and the table of where the files go. */
import { useMemo } from 'react';
import type { AnyStateMachine, InputFrom, SnapshotFrom } from 'xstate';
import { describeLocation, type Placement, type VmComponent } from '../../model/vmFiles';
import type { World } from '../../model/world';
import type { RunnerView, SimRunner } from '../../sim/runner';
import { DiskCopyScene, type DiskCopySceneProps } from '../../views/scene/DiskCopyScene';
import type { StageProps } from './definition';
import { useRunnerView } from './useRunner';

/** The disk-copy picture at the runner's moment (`sceneProps` from the same view as the text). */
export function DiskCopyStage<M extends AnyStateMachine>({
  runner,
  sceneProps,
  reducedMotion,
}: {
  runner: SimRunner<M>;
  sceneProps: (v: RunnerView<SnapshotFrom<M>>, animate: boolean) => DiskCopySceneProps;
  reducedMotion: boolean;
}) {
  const v = useRunnerView(runner);
  const props = useMemo(() => sceneProps(v, !reducedMotion), [sceneProps, v, reducedMotion]);
  return (
    <div className="stage">
      <DiskCopyScene {...props} />
    </div>
  );
}

export interface VmFileRow {
  component: string;
  /** Where it is now, in words. */
  from: string;
  /** Where it goes, in words. */
  to: string;
}

/** Table "VM files": each component of the VM, from where to where. */
export function VmFilesTable({ titleId, rows }: { titleId: string; rows: readonly VmFileRow[] }) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Where the VM files go</h2>
      <table aria-label="VM files">
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.component}>
              <th scope="row">{r.component}</th>
              <td>{r.from}</td>
              <td>{r.to}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A file's move, in the model's terms: where it is and where the move puts it (null: stays). */
export interface FileMove {
  component: string;
  from: Placement[VmComponent];
  to: Placement[VmComponent] | null;
}

/** The disk-move panels' picture and their "VM files" table, from the panel's own pieces. */
export function diskMoveParts<M extends AnyStateMachine, K>(o: {
  sceneProps: (v: RunnerView<SnapshotFrom<M>>, animate: boolean) => DiskCopySceneProps;
  files: (input: InputFrom<M>) => readonly FileMove[];
  /** What the "To" column says of a file that stays. */
  stays: string;
  titleId: string;
}) {
  function Stage({ runner, reducedMotion }: StageProps<M, K>) {
    return (
      <DiskCopyStage runner={runner} sceneProps={o.sceneProps} reducedMotion={reducedMotion} />
    );
  }
  function Below({ runner }: StageProps<M, K>) {
    const w = (runner.input as { world: World }).world;
    const rows = o.files(runner.input).map((r) => ({
      component: r.component,
      from: describeLocation(w, r.from),
      to: r.to ? describeLocation(w, r.to) : o.stays,
    }));
    return <VmFilesTable titleId={o.titleId} rows={rows} />;
  }
  return { Stage, Below };
}
