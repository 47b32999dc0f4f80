/**
 * Generated coverage of the self-check: each built panel's first question, reached by Play with
 * questions on, answered, explained and continued (`firstQuestionStory` in moments.ts). One line
 * per panel; a unit test (src/panels/questions.test.ts) checks every registered panel has one.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import clusterMigration from '../../src/panels/clusterMigration';
import crossVersion from '../../src/panels/crossVersion';
import csv from '../../src/panels/csv';
import diskTypes from '../../src/panels/diskTypes';
import fasterLiveMigration from '../../src/panels/fasterLiveMigration';
import liveMigration2008r2 from '../../src/panels/liveMigration2008r2';
import networkFailure from '../../src/panels/networkFailure';
import nodeFailure from '../../src/panels/nodeFailure';
import onlineResize from '../../src/panels/onlineResize';
import sharedNothing from '../../src/panels/sharedNothing';
import sharedVhdx from '../../src/panels/sharedVhdx';
import smbMigration from '../../src/panels/smbMigration';
import snapshots from '../../src/panels/snapshots';
import storageFailure from '../../src/panels/storageFailure';
import storageMigration from '../../src/panels/storageMigration';
import storageQos from '../../src/panels/storageQos';
import type { PanelProps } from '../../src/panels/types';
import { firstQuestionStory } from './moments';

const meta = {
  title: 'Panels/Self-check',
  args: { values: {}, errors: [], onChangeParams: fn(), reducedMotion: true },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<PanelProps>;

export default meta;
type Story = StoryObj<PanelProps>;

function firstQuestion(panel: Parameters<typeof firstQuestionStory>[0]): Story {
  const { Panel } = panel;
  return { ...firstQuestionStory(panel), render: (args) => <Panel {...args} /> };
}

export const DiskTypes: Story = firstQuestion(diskTypes);
export const Csv: Story = firstQuestion(csv);
export const SharedVhdx: Story = firstQuestion(sharedVhdx);
export const StorageQos: Story = firstQuestion(storageQos);
export const OnlineResize: Story = firstQuestion(onlineResize);
export const Snapshots: Story = firstQuestion(snapshots);
export const LiveMigration2008r2: Story = firstQuestion(liveMigration2008r2);
export const ClusterMigration: Story = firstQuestion(clusterMigration);
export const SmbMigration: Story = firstQuestion(smbMigration);
export const SharedNothing: Story = firstQuestion(sharedNothing);
export const StorageMigration: Story = firstQuestion(storageMigration);
export const FasterLiveMigration: Story = firstQuestion(fasterLiveMigration);
export const CrossVersion: Story = firstQuestion(crossVersion);
export const NodeFailure: Story = firstQuestion(nodeFailure);
export const StorageFailure: Story = firstQuestion(storageFailure);
export const NetworkFailure: Story = firstQuestion(networkFailure);
