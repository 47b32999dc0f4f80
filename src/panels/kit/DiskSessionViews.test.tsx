import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { diskTypesMachine } from '../../machines/diskTypes.machine';
import type { SimRunner } from '../../sim/runner';
import type { ChainFile } from '../../views/scene';
import { definition } from '../diskTypes/definition';
import { ChainThumb, DiskFilesCard } from './DiskSessionViews';
import { createPanelRunner } from './definePanel';
import { TextRate } from './textRate';

const chainFile = (id: string, depth: number): ChainFile => ({
  id,
  name: `${id}.vhdx`,
  kind: 'VHDX',
  state: 'in use',
  depth,
  tone: 'normal',
  note: '',
  size: '4 MB on the host, 40 GB virtual',
  cells: new Uint8Array(8),
  landing: [],
  label: id,
});

describe('ChainThumb', () => {
  it('draws each file’s strip indented by its depth, under its name and sizes when named', () => {
    const files = [chainFile('base', 0), chainFile('child', 2)];
    const { container } = render(
      <ChainThumb className="t" files={files} indent={6} columns={4} cellSize={2} named animate />,
    );
    const rows = container.querySelectorAll('.t > div');
    expect(rows).toHaveLength(2);
    expect((rows[1] as HTMLElement).style.marginLeft).toBe('12px');
    expect(container.querySelectorAll('canvas')).toHaveLength(2);
    expect(container.querySelector('.t-name')?.textContent).toBe(
      'base.vhdx · 4 MB on the host, 40 GB virtual',
    );
    const plain = render(
      <ChainThumb
        className="u"
        files={files}
        indent={6}
        columns={4}
        cellSize={2}
        animate={false}
      />,
    );
    expect(plain.container.querySelector('.u-name')).toBeNull();
  });
});

describe('DiskFilesCard', () => {
  it('shows the rows at the text rate in the table named "Disk files"', () => {
    const runner = createPanelRunner(definition, {}, definition.knobs);
    const text = new TextRate(runner as unknown as SimRunner<typeof diskTypesMachine>);
    render(
      <DiskFilesCard
        text={text}
        columns={['File', 'State']}
        rows={(v) => [[v.snapshot.context.vm, v.done ? 'done' : 'running']]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Disk files' });
    expect(table.textContent).toContain('File');
    expect(screen.getByRole('rowheader').textContent).toBe(
      runner.getSnapshot().snapshot.context.vm,
    );
  });
});
