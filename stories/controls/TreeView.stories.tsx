import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import '../../src/styles.css';
import { TreeView } from '../../src/views/controls';

const roots = [
  {
    id: 's1',
    name: 'Snapshot 1',
    children: [
      { id: 's2', name: 'Snapshot 2', children: [] },
      { id: 'now', name: 'Now', children: [], current: true },
    ],
  },
];

const meta = {
  title: 'Controls/TreeView',
  component: TreeView,
  args: { label: 'Snapshot tree', roots, selected: null, onSelect: fn() },
} satisfies Meta<typeof TreeView>;

export default meta;
type Story = StoryObj<typeof meta>;

export const TwoBranches: Story = {
  play: async ({ canvasElement, args }) => {
    const tree = within(canvasElement).getByRole('tree', { name: 'Snapshot tree' });
    const first = within(tree).getByRole('treeitem', { name: 'Snapshot 1' });
    await expect(within(first).getByRole('treeitem', { name: 'Now' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await expect(within(tree).getAllByRole('treeitem')).toHaveLength(3);
    // Keyboard: the first item is in the tab order; Down moves, Enter selects.
    await userEvent.tab();
    await expect(first).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect(args.onSelect).toHaveBeenCalledWith('s2');
    // "Now" is the running state: choosing it clears the selection.
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect(args.onSelect).toHaveBeenLastCalledWith(null);
  },
};

export const Selected: Story = {
  args: { selected: 's2' },
  play: async ({ canvasElement }) => {
    const item = within(canvasElement).getByRole('treeitem', { name: 'Snapshot 2' });
    await expect(item).toHaveAttribute('aria-selected', 'true');
    await expect(item).toHaveAttribute('tabindex', '0');
  },
};
