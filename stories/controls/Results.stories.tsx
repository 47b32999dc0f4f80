import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import '../../src/styles.css';
import { Results } from '../../src/views/controls';

const meta = {
  title: 'Controls/Results',
  component: Results,
  args: { figures: [] },
} satisfies Meta<typeof Results>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Results' });
    await expect(within(region).getByText('No figures yet.')).toBeVisible();
  },
};

export const InProgress: Story = {
  args: {
    figures: [
      { label: 'Total time', value: '6.4 s', hint: 'so far' },
      { label: 'Downtime', value: '—' },
      { label: 'Rounds', value: '2' },
      { label: 'Data sent', value: '2.4 GB' },
      { label: 'CPU used', value: '0.3 core-s' },
    ],
  },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Results' });
    const terms = within(region).getAllByRole('term');
    await expect(terms.map((t) => t.textContent)).toEqual([
      'Total time',
      'Downtime',
      'Rounds',
      'Data sent',
      'CPU used',
    ]);
    await expect(within(region).getAllByRole('definition')[0]).toHaveTextContent('6.4 s');
  },
};

export const Converged: Story = {
  args: {
    verdict: { tone: 'ok', text: 'Converged after 4 rounds; downtime met the 300 ms target.' },
    figures: [
      { label: 'Total time', value: '12.3 s' },
      { label: 'Downtime', value: '275 ms', hint: 'target 300 ms' },
      { label: 'Rounds', value: '4' },
      { label: 'Data sent', value: '10.6 GB' },
      { label: 'CPU used', value: '1.2 core-s' },
    ],
  },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Results' });
    await expect(within(region).getByText(/Converged after 4 rounds/)).toBeVisible();
    await expect(within(region).getAllByRole('definition')[1]).toHaveTextContent('275 ms');
  },
};

export const DidNotConverge: Story = {
  args: {
    verdict: {
      tone: 'failed',
      text: 'Did not converge: the guest dirties memory faster than the link can send it.',
    },
    figures: [
      { label: 'Total time', value: '41.0 s' },
      { label: 'Downtime', value: '3.8 s', hint: 'target 300 ms' },
      { label: 'Rounds', value: '10' },
      { label: 'Data sent', value: '48.2 GB' },
      { label: 'CPU used', value: '4.1 core-s' },
    ],
  },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('region', { name: 'Results' });
    const verdict = within(region).getByText(/Did not converge/);
    await expect(verdict.tagName).toBe('P');
    await expect(verdict).toHaveAttribute('data-tone', 'failed');
  },
};

export const Warning: Story = {
  args: {
    verdict: { tone: 'warn', text: 'Converged, but downtime exceeded the target.' },
    figures: [
      { label: 'Total time', value: '18.7 s' },
      { label: 'Downtime', value: '620 ms', hint: 'target 300 ms' },
    ],
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/downtime exceeded/)).toHaveAttribute(
      'data-tone',
      'warn',
    );
  },
};
