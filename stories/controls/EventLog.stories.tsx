import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../../src/styles.css';
import { EventLog, type EventLogEntry, type EventLogProps } from '../../src/views/controls';

const formatTime = (t: number) => `${t.toFixed(2)} s`;

const RUN: EventLogEntry[] = [
  { t: 0, kind: 'step', text: 'Step 1: connect to the destination host' },
  { t: 0.4, kind: 'step', text: 'Step 2: copy all memory (round 1)' },
  { t: 2.1, kind: 'info', text: 'Round 1 sent 2.1 GB' },
  { t: 4.2, kind: 'fault', text: 'Migration network cut' },
  { t: 4.2, kind: 'outcome', text: 'Migration failed; the VM keeps running on HOST-A' },
];

/** A long, deterministic log (rounds of pre-copy). */
const LONG: EventLogEntry[] = Array.from({ length: 40 }, (_, i) => ({
  t: i * 0.55,
  kind: 'info' as const,
  text: `Round ${i + 1} sent ${(2048 / (i + 1)).toFixed(0)} MiB`,
}));

const meta = {
  title: 'Controls/EventLog',
  component: EventLog,
  args: { entries: [], formatTime },
} satisfies Meta<typeof EventLog>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No events yet.')).toBeVisible();
    await expect(canvas.getByRole('list', { name: 'Event log' })).toBeInTheDocument();
  },
};

export const WithFault: Story = {
  args: { entries: RUN },
  play: async ({ canvasElement }) => {
    const list = within(canvasElement).getByRole('list', { name: 'Event log' });
    const items = within(list).getAllByRole('listitem');
    await expect(items).toHaveLength(5);
    await expect(items[3]).toHaveTextContent('4.20 s Fault: Migration network cut');
    await expect(items[4]).toHaveTextContent(/^4\.20 s Outcome:/);
  },
};

export const LongLogFollowsNewest: Story = {
  args: { entries: LONG },
  play: async ({ canvasElement }) => {
    const list = within(canvasElement).getByRole('list', { name: 'Event log' });
    await expect(list.scrollHeight).toBeGreaterThan(list.clientHeight);
    await waitFor(() =>
      expect(list.scrollTop + list.clientHeight).toBeGreaterThanOrEqual(list.scrollHeight - 1),
    );
    // The scroll box is reachable from the keyboard.
    list.focus();
    await expect(list).toHaveFocus();
  },
};

function Live(props: EventLogProps) {
  const [entries, setEntries] = useState(props.entries);
  return (
    <div>
      <button
        type="button"
        onClick={() =>
          setEntries((e) => [
            ...e,
            { t: e.length * 0.55, kind: 'step', text: `Event number ${e.length + 1}` },
          ])
        }
      >
        Add event
      </button>
      <EventLog entries={entries} formatTime={props.formatTime} />
    </div>
  );
}

export const KeepsNewestInView: Story = {
  args: { entries: LONG },
  render: (args) => <Live {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = canvas.getByRole('list', { name: 'Event log' });
    const pageScroll = window.scrollY;
    await userEvent.click(canvas.getByRole('button', { name: 'Add event' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Add event' }));
    const last = within(list).getAllByRole('listitem').at(-1);
    await expect(last).toHaveTextContent('Event number 42');
    await waitFor(() =>
      expect(list.scrollTop + list.clientHeight).toBeGreaterThanOrEqual(list.scrollHeight - 1),
    );
    await expect(window.scrollY).toBe(pageScroll);
  },
};
