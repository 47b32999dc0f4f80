/** Views the disk-copy panels share: the picture of the copy and the table of where the files go. */
import { useMemo } from 'react';
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import type { RunnerView, SimRunner } from '../../sim/runner';
import { DiskCopyScene, type DiskCopySceneProps } from '../../views/scene/DiskCopyScene';
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
