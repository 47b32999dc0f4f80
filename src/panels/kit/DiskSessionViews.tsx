/** Views the disk chain panels share (virtual disk types, snapshots): the thumbnail, the files table. */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import type { RunnerView } from '../../sim/runner';
import { DataTable } from '../../views/controls';
import type { ChainFile } from '../../views/scene';
import { BlockGrid } from '../../views/scene/DiskCopyScene';
import { type TextRate, useTextValue } from './textRate';

/**
 * The chain as the overview's thumbnail draws it: each file's strip indented by its depth
 * (`indent` px a level), under a line with its name and sizes when `named` (class
 * `<className>-name`).
 */
export function ChainThumb({
  className,
  files,
  indent,
  columns,
  cellSize,
  named = false,
  animate,
}: {
  className: string;
  files: readonly ChainFile[];
  indent: number;
  columns: number;
  cellSize: number;
  named?: boolean;
  animate: boolean;
}) {
  return (
    <div className={className}>
      {files.map((f) => (
        <div key={f.id} style={{ marginLeft: `${f.depth * indent}px` }}>
          {named ? (
            <div className={`${className}-name`}>
              {f.name} · {f.size}
            </div>
          ) : null}
          <BlockGrid
            cells={f.cells}
            landing={f.landing}
            columns={columns}
            cellSize={cellSize}
            label=""
            animate={animate}
          />
        </div>
      ))}
    </div>
  );
}

/** The "Disk files" table below the picture, at the text rate: the same rows as the picture. */
export function DiskFilesCard<M extends AnyStateMachine>({
  text,
  columns,
  rows,
}: {
  text: TextRate<M>;
  columns: readonly string[];
  rows: (v: RunnerView<SnapshotFrom<M>>) => string[][];
}) {
  const cells = useTextValue(text, rows);
  return (
    <div className="card">
      <DataTable label="Disk files" columns={columns} rows={cells} />
    </div>
  );
}
