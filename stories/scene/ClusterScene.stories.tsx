import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { ClusterScene } from '../../src/panels/clusterMigration/ClusterScene';
import { definition } from '../../src/panels/clusterMigration/definition';
import { laneRows, sceneProps } from '../../src/panels/clusterMigration/scene';
import { batchTime } from '../../src/panels/clusterMigration/selectors';
import { createPanelRunner } from '../../src/panels/kit/definePanel';
import { LanesChart } from '../../src/views/scene/LanesChart';
import '../../src/panels/clusterMigration/cluster.css';

/** The scene and lanes at a moment of the default batch (a fault injected there if given). */
function at(t: number, fault?: string) {
  const runner = createPanelRunner(definition, { t }, definition.knobs);
  if (fault) runner.inject(fault);
  const v = runner.getSnapshot();
  return {
    scene: sceneProps(v, false),
    lanes: {
      rows: laneRows(v),
      nowS: batchTime(v),
      totalS: v.snapshot.context.plan.totalS,
      animate: false,
      title: 'Each migration, lane by lane',
    },
  };
}

const IDLE = at(0);
const MID = at(20);
const CUT = at(20, 'CUT_NETWORK');
const DONE = at(10_000);

function Both({ t, fault }: { t: number; fault?: string }) {
  const x = t === 0 ? IDLE : t === 10_000 ? DONE : fault ? CUT : MID;
  return (
    <div>
      <ClusterScene {...x.scene} />
      <LanesChart {...x.lanes} />
    </div>
  );
}

const meta = {
  title: 'Scene/ClusterScene and lanes',
  component: Both,
  args: { t: 0 },
} satisfies Meta<typeof Both>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const imgs = within(canvasElement).getAllByRole('img');
    await expect(imgs[0]).toHaveAccessibleName(/SQL01 is running on HV-1/);
    await expect(imgs[1]).toHaveAccessibleName(/SQL01 selected/);
    await expect(canvasElement.querySelectorAll('.cl-card[data-kind="shell"]')).toHaveLength(0);
  },
};

export const MidQueue: Story = {
  args: { t: 20 },
  play: async ({ canvasElement }) => {
    const imgs = within(canvasElement).getAllByRole('img');
    await expect(imgs[0]).toHaveAccessibleName(/Queue: WEB02, APP01/);
    await expect(canvasElement.querySelectorAll('.cl-card[data-kind="shell"]')).toHaveLength(2);
    await expect(imgs[1]).toHaveAccessibleName(/APP01 queued, starts at/);
  },
};

export const NetworkCut: Story = {
  args: { t: 20, fault: 'CUT_NETWORK' },
  play: async ({ canvasElement }) => {
    const imgs = within(canvasElement).getAllByRole('img');
    await expect(imgs[0]).toHaveAccessibleName(/network: cut/);
    await expect(canvasElement.querySelectorAll('.cl-cut').length).toBeGreaterThan(0);
    await expect(canvasElement.querySelector('.cl-net')).toHaveAttribute('data-up', 'false');
  },
};

export const Done: Story = {
  args: { t: 10_000 },
  play: async ({ canvasElement }) => {
    const imgs = within(canvasElement).getAllByRole('img');
    await expect(imgs[0]).toHaveAccessibleName(/APP01 is running on HV-2/);
    await expect(imgs[0]).toHaveAccessibleName(/The queue is empty/);
  },
};
