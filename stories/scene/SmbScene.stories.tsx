import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { createPanelRunner } from '../../src/panels/kit/definePanel';
import { definition } from '../../src/panels/smbMigration/definition';
import { SmbScene } from '../../src/panels/smbMigration/SmbScene';
import { sceneProps } from '../../src/panels/smbMigration/scene';
import '../../src/panels/smbMigration/smb.css';

/** The SMB picture at a moment of the default move (a fault injected there if given). */
function at(t: number, fault?: string) {
  const runner = createPanelRunner(definition, { t }, definition.knobs);
  if (fault) runner.inject(fault);
  return sceneProps(runner.getSnapshot(), false);
}

const meta = {
  title: 'Scene/SmbScene',
  component: SmbScene,
  args: at(0),
} satisfies Meta<typeof SmbScene>;

export default meta;
type Story = StoryObj<typeof meta>;

const img = (el: HTMLElement) => within(el).getByRole('img');

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    await expect(img(canvasElement)).toHaveAccessibleName(
      /SQL01 is running on HV-A, its VHD opened over SMB by HV-A/,
    );
    await expect(canvasElement.querySelectorAll('.smb-file')).toHaveLength(3);
  },
};

export const MidCopy: Story = {
  args: at(15),
  play: async ({ canvasElement }) => {
    await expect(img(canvasElement)).toHaveAccessibleName(/migrating to HV-B/);
    await expect(canvasElement.querySelectorAll('.smb-card[data-kind="shell"]')).toHaveLength(2);
  },
};

export const SourcePathLost: Story = {
  args: at(15, 'FAIL_SOURCE_STORAGE'),
  play: async ({ canvasElement }) => {
    await expect(img(canvasElement)).toHaveAccessibleName(/SQL01 is paused on HV-A/);
    await expect(canvasElement.querySelector('.smb-conn[data-up="false"]')).not.toBeNull();
  },
};

export const Done: Story = {
  args: at(10_000),
  play: async ({ canvasElement }) => {
    await expect(img(canvasElement)).toHaveAccessibleName(
      /SQL01 is running on HV-B, its VHD opened over SMB by HV-B/,
    );
    // The VHD files are still drawn on the file server.
    await expect(canvasElement.querySelector('.smb-file[data-held="hv-b"]')).not.toBeNull();
  },
};
